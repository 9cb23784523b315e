// Every op against PyTorch 1.13 fixtures (tools/fixtures/core_ops.py): outputs and input gradients, on both backends.
import { assertAllClose, describeOnBackends, loadJsonFixture } from '@nn/testing';
import { expect } from 'vitest';
import * as nn from '../src/index.js';
import { setBackend } from '../src/backend/select.js';

type Nested = number | boolean | Nested[];
interface FixtureInput { stored: Nested; storedShape: number[]; view: 'T' | null; dtype: 'bool' | 'int32' | null }
interface Case {
  op: string; params: Record<string, unknown>; dtype: 'float32' | 'float64';
  inputs: FixtureInput[]; upstream: Nested | null; output: Nested; outputShape: number[]; outputDtype: string; grads: Array<Nested | null>;
}

const fixture = loadJsonFixture<{ torch: string; cases: Case[] }>(new URL('./fixtures/ops.json', import.meta.url));
const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [Number(v)]);
const P = <T>(c: Case, key: string): T => c.params[key] as T;
const dimOf = (c: Case): nn.Dims => (P<number | number[] | null>(c, 'dim') ?? undefined);

/** How each fixture op name maps onto @nn/core. */
const OPS: Record<string, (x: nn.Tensor[], c: Case) => nn.Tensor> = {
  add: ([a, b]) => nn.add(a!, b!), sub: ([a, b]) => nn.sub(a!, b!), mul: ([a, b]) => nn.mul(a!, b!), div: ([a, b]) => nn.div(a!, b!),
  maximum: ([a, b]) => nn.maximum(a!, b!), minimum: ([a, b]) => nn.minimum(a!, b!), pow: ([a, b]) => nn.pow(a!, b!),
  where: ([c, a, b]) => nn.where(c!, a!, b!),
  neg: ([x]) => nn.neg(x!), abs: ([x]) => nn.abs(x!), exp: ([x]) => nn.exp(x!), log: ([x]) => nn.log(x!), log1p: ([x]) => nn.log1p(x!),
  sqrt: ([x]) => nn.sqrt(x!), sigmoid: ([x]) => nn.sigmoid(x!), tanh: ([x]) => nn.tanh(x!), relu: ([x]) => nn.relu(x!), gelu: ([x]) => nn.gelu(x!),
  leakyRelu: ([x], c) => nn.leakyRelu(x!, P(c, 'negativeSlope')), elu: ([x], c) => nn.elu(x!, P(c, 'alpha')),
  softplus: ([x], c) => nn.softplus(x!, P(c, 'beta'), P(c, 'threshold')), clamp: ([x], c) => nn.clamp(x!, P(c, 'min'), P(c, 'max')),
  sum: ([x], c) => nn.sum(x!, dimOf(c), P(c, 'keepdim')), mean: ([x], c) => nn.mean(x!, dimOf(c), P(c, 'keepdim')),
  amax: ([x], c) => nn.amax(x!, dimOf(c), P(c, 'keepdim')), amin: ([x], c) => nn.amin(x!, dimOf(c), P(c, 'keepdim')),
  var: ([x], c) => nn.variance(x!, dimOf(c), { keepdim: P(c, 'keepdim'), correction: P<number | undefined>(c, 'correction') ?? 1 }),
  std: ([x], c) => nn.std(x!, dimOf(c), { keepdim: P(c, 'keepdim') }),
  norm: ([x], c) => nn.norm(x!, 2, dimOf(c), P(c, 'keepdim')), logsumexp: ([x], c) => nn.logsumexp(x!, dimOf(c), P(c, 'keepdim')),
  argmax: ([x], c) => nn.argmax(x!, P<number | null>(c, 'dim') ?? undefined, P(c, 'keepdim')),
  argmin: ([x], c) => nn.argmin(x!, P<number | null>(c, 'dim') ?? undefined, P(c, 'keepdim')),
  max: ([x], c) => nn.max(x!, P(c, 'dim'), P(c, 'keepdim')).values, min: ([x], c) => nn.min(x!, P(c, 'dim'), P(c, 'keepdim')).values,
  matmul: ([a, b]) => nn.matmul(a!, b!), linear: ([x, w, b]) => nn.linear(x!, w!, b),
  reshape: ([x], c) => nn.reshape(x!, P(c, 'shape')), permute: ([x], c) => nn.permute(x!, P(c, 'dims')),
  transpose: ([x], c) => nn.transpose(x!, P(c, 'dim0'), P(c, 'dim1')), narrow: ([x], c) => nn.narrow(x!, P(c, 'dim'), P(c, 'start'), P(c, 'length')),
  expand: ([x], c) => nn.expand(x!, P(c, 'shape')), squeeze: ([x], c) => nn.squeeze(x!, P<number | null>(c, 'dim') ?? undefined),
  unsqueeze: ([x], c) => nn.unsqueeze(x!, P(c, 'dim')), flatten: ([x], c) => nn.flatten(x!, P(c, 'startDim'), P(c, 'endDim')),
  softmax: ([x], c) => nn.softmax(x!, P(c, 'dim')), logSoftmax: ([x], c) => nn.logSoftmax(x!, P(c, 'dim')),
  indexSelect: ([x, i], c) => nn.indexSelect(x!, P(c, 'dim'), i!), embedding: ([i, w]) => nn.embedding(i!, w!),
  gather: ([x, i], c) => nn.gather(x!, P(c, 'dim'), i!), scatterAdd: ([x, i, s], c) => nn.scatterAdd(x!, P(c, 'dim'), i!, s!),
  maskedFill: ([x, m], c) => nn.maskedFill(x!, m!, P(c, 'value')),
  cat: (xs, c) => nn.cat(xs, P(c, 'dim')), stack: (xs, c) => nn.stack(xs, P(c, 'dim')),
  split: ([x], c) => nn.cat(nn.split(x!, P(c, 'sizes'), P(c, 'dim')).map((p, k) => nn.mul(p, k + 1)), P(c, 'dim')),
  chunk: ([x], c) => nn.cat(nn.chunk(x!, P(c, 'chunks'), P(c, 'dim')).map((p, k) => nn.mul(p, k + 1)), P(c, 'dim')),
};

// float32: 1e-5 relative; reductions and products may sum in another order than PyTorch, hence the small atol.
// float64: 1e-12.
const TOL = { float32: { rtol: 1e-5, atol: 2e-6 }, float64: { rtol: 1e-12, atol: 1e-12 } };

function runCase(c: Case): void {
  const stored = c.inputs.map((inp) => nn.tensor(flat(inp.stored), {
    dtype: inp.dtype ?? c.dtype, shape: inp.storedShape, requiresGrad: inp.dtype === null,
  }));
  const views = stored.map((t, i) => (c.inputs[i]!.view === 'T' ? t.T : t));
  const label = `${c.op}(${c.inputs.map((i) => `[${i.storedShape}]${i.view ?? ''}`).join(', ')}) ${JSON.stringify(c.params)} ${c.dtype}`;
  const out = OPS[c.op]!(views, c);
  expect(out.shape, label).toEqual(c.outputShape);
  const expectedDtype = c.outputDtype === 'int64' ? 'int32' : c.outputDtype;
  expect(out.dtype, label).toBe(expectedDtype);
  assertAllClose(Array.from(out.toFlatArray()), flat(c.output), { ...TOL[c.dtype], label: `${label} output` });
  if (c.upstream === null) return;
  out.backward(nn.tensor(flat(c.upstream), { dtype: out.dtype, shape: out.shape }));
  c.grads.forEach((g, i) => {
    if (g === null) return;
    assertAllClose(Array.from(stored[i]!.grad!.toFlatArray()), flat(g), { ...TOL[c.dtype], label: `${label} grad of input ${i}` });
  });
}

describeOnBackends({
  title: `ops against PyTorch ${fixture.torch}`,
  cases: fixture.cases,
  group: (c) => c.op,
  run: runCase,
  backends: ['native', 'reference'],
  useBackend: (name) => setBackend(name as 'native' | 'reference'),
  defaultBackend: 'native',
});
