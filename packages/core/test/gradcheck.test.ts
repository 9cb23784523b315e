// Every differentiable op passes gradcheck in float64 (symmetric differences vs backprop), including views and broadcasting.
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

const g = new nn.Generator(42);
const x64 = (shape: number[], scale = 1, shift = 0): nn.Tensor =>
  nn.randn(shape, { dtype: 'float64', generator: g }).mul(scale).add(shift).detach().requiresGrad_();
const pos = (shape: number[]): nn.Tensor => nn.rand(shape, { dtype: 'float64', generator: g }).mul(2).add(0.2).detach().requiresGrad_();

const CASES: Array<[string, () => [(...t: nn.Tensor[]) => nn.Tensor, nn.Tensor[]]]> = [
  ['add/sub/mul/div broadcast', () => [(a, b) => a.add(b).mul(b).sub(a.div(b.add(3))), [x64([2, 3]), x64([3])]]],
  ['pow', () => [(a, b) => nn.pow(a, b), [pos([2, 3]), x64([2, 3])]]],
  ['maximum/minimum', () => [(a, b) => nn.maximum(a, b).add(nn.minimum(a, b.mul(2))), [x64([3, 4]), x64([4])]]],
  ['where', () => [(a, b) => nn.where(nn.gt(a, 0), a, b), [x64([3, 4]), x64([3, 4])]]],
  ['unary', () => [(a) => a.neg().exp().add(a.abs()).add(a.sigmoid()).add(a.tanh()).add(a.relu()), [x64([3, 4])]]],
  ['log/log1p/sqrt', () => [(a) => a.log().add(a.log1p()).add(a.sqrt()), [pos([3, 4])]]],
  ['activations', () => [(a) => nn.gelu(a).add(nn.elu(a, 1.3)).add(nn.leakyRelu(a, 0.1)).add(nn.softplus(a, 2)), [x64([3, 4])]]],
  ['clamp', () => [(a) => nn.clamp(a, -0.5, 0.5), [x64([3, 4])]]],
  ['sum/mean over dims', () => [(a) => a.sum(1).add(a.mean([0, 2], true).sum()), [x64([2, 3, 4])]]],
  ['amax/amin', () => [(a) => a.amax(1).add(a.amin(0).sum()), [x64([3, 4])]]],
  ['var/std', () => [(a) => a.var(1).add(a.std(0, { correction: 0 }).sum()), [x64([3, 4])]]],
  ['logsumexp', () => [(a) => nn.logsumexp(a, -1), [x64([3, 4], 10)]]],
  ['norm p=2,1,3', () => [(a) => a.norm().add(a.norm(1, 1).sum()).add(a.norm(3, 0).sum()), [x64([3, 4])]]],
  ['matmul 2-D, batched, vector', () => [(a, b, v) => nn.matmul(a, b).sum(0).add(nn.matmul(b.T, v).sum()), [x64([2, 3, 4]), x64([4, 5]), x64([4])]]],
  ['linear', () => [(x, w, b) => nn.linear(x, w, b), [x64([5, 3]), x64([4, 3]), x64([4])]]],
  ['linear with fused tanh, sigmoid, relu', () => [(x, w, b) => nn.linear(x, w, b, { activation: 'tanh' }).add(nn.linear(x, w, b, { activation: 'sigmoid' })).add(nn.linear(x, w, null, { activation: 'relu' })), [x64([5, 3]), x64([4, 3]), x64([4])]]],
  ['linear 3-D input, no bias', () => [(x, w) => nn.linear(x, w), [x64([2, 5, 3]), x64([4, 3])]]],
  ['views', () => [(a) => a.T.narrow(0, 1, 2).reshape([-1]).unsqueeze(1).expand([6, 3]).squeeze().flatten().contiguous(), [x64([3, 4])]]],
  ['permute', () => [(a) => a.permute([2, 0, 1]).mul(a.permute([2, 0, 1])), [x64([2, 3, 4])]]],
  ['softmax/logSoftmax', () => [(a) => a.softmax(0).add(a.logSoftmax(-1)), [x64([3, 4], 3)]]],
  ['indexSelect/embedding', () => [(a) => nn.indexSelect(a, 1, nn.tensor([2, 0, 2], { dtype: 'int32' })).sum(1).add(nn.embedding(nn.tensor([[1, 1], [0, 2]], { dtype: 'int32' }), a).sum()), [x64([3, 4])]]],
  ['gather/scatterAdd', () => [(a, s) => nn.scatterAdd(a, 1, nn.tensor([[0, 0], [3, 1], [2, 2]], { dtype: 'int32' }), s).mul(a.gather(1, nn.tensor([[1, 3, 3, 0]] , { dtype: 'int32' }).expand([3, 4]).contiguous())), [x64([3, 4]), x64([3, 2])]]],
  ['maskedFill/cat/stack/split/chunk', () => [(a, b) => nn.cat([nn.maskedFill(a, nn.gt(b, 0), 2), ...nn.split(b, [1, 3], 1)], 1).add(nn.stack(nn.chunk(a, 2, 1), 0).sum(0).sum()), [x64([3, 4]), x64([3, 4])]]],
  ['float32 <-> float64 cast', () => [(a) => a.to('float32').mul(2).to('float64'), [x64([3])]]],
];

describe('gradcheck (float64)', () => {
  it.each(CASES)('%s', (_name, make) => {
    const [fn, inputs] = make();
    // Casting through float32 loses precision, so that case needs looser tolerances.
    const opts = _name.startsWith('float32') ? { atol: 1e-3, rtol: 1e-3, eps: 1e-3 } : {};
    expect(nn.gradcheck(fn, inputs, opts)).toBe(true);
  });

  it('reports a wrong backward with the input, element and both values', () => {
    const bad = nn.defineOp<void>({ name: 'badSquare', forward: ([x]) => nn.mul(x!, x!), backward: (gr, { inputs: [x] }) => [nn.mul(gr, x!)] });
    expect(() => nn.gradcheck((x) => bad([x], undefined), [nn.tensor([1.5], { dtype: 'float64', requiresGrad: true })])).toThrow(
      /gradcheck: input 0 \(shape \[1\]\), element 0, output 0: backprop gives 1\.5, finite differences give 2\.99999/,
    );
  });

  it('requires float64 inputs', () => {
    expect(() => nn.gradcheck((x) => x, [nn.tensor([1], { requiresGrad: true })])).toThrow('gradcheck: input 0 is float32; use float64 inputs');
  });
});
