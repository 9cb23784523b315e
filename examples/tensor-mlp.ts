// The README's @nn/core example: a small MLP fitted with autograd and a hand-written SGD step.
import { manualSeed, nn, noGrad, randn } from '@nn/core';

manualSeed(0);
const model = new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 1));
const x = randn([64, 2]);
const y = x.narrow(1, 0, 1).mul(3).sub(x.narrow(1, 1, 1)).add(0.5);   // y = 3a - b + 0.5
for (let step = 0; step < 200; step++) {
  model.zeroGrad();
  const loss = model.forward(x).sub(y).pow(2).mean();
  loss.backward();
  noGrad(() => model.parameters().forEach((p) => p.data.set(p.sub(p.grad!.mul(0.1)).toFlatArray())));
  if (step % 50 === 0) console.log(`step ${step}: loss ${loss.item().toFixed(4)}`);
}
