// The lecture's worked online-SGD step: y = 0.2x + 12 at the point (60, 63) with squared error (y - ŷ)².
import * as core from '@nn/core';
import { describe, expect, it } from 'vitest';
import { SGD } from '../src/index.js';

describe('online SGD: the lecture worked step', () => {
  it('gets dL/dw = -4680 and dL/db = -78 from autograd and moves w, b by -lr times them', () => {
    const w = core.tensor([0.2], { dtype: 'float64' }).requiresGrad_();
    const b = core.tensor([12], { dtype: 'float64' }).requiresGrad_();
    const x = core.tensor([60], { dtype: 'float64' }), y = core.tensor([63], { dtype: 'float64' });
    const yHat = core.add(core.mul(w, x), b); // 0.2 * 60 + 12 = 24
    const loss = core.sum(core.pow(core.sub(y, yHat), 2)); // (63 - 24)² = 1521
    expect(loss.item()).toBeCloseTo(1521, 9);
    loss.backward();
    // dL/dŷ = -2 (y - ŷ) = -78; dL/dw = -78 x = -4680; dL/db = -78.
    expect(w.grad!.item()).toBeCloseTo(-4680, 9);
    expect(b.grad!.item()).toBeCloseTo(-78, 9);
    const opt = new SGD([w, b], { lr: 1e-4 });
    opt.step();
    expect(w.item()).toBeCloseTo(0.2 + 1e-4 * 4680, 12); // 0.668
    expect(b.item()).toBeCloseTo(12 + 1e-4 * 78, 12); // 12.0078
    opt.zeroGrad();
    expect(w.grad).toBeNull();
    // The new prediction 0.668 * 60 + 12.0078 = 52.0878 is closer to 63: the loss fell from 1521 to about 119.
    const after = core.sum(core.pow(core.sub(y, core.add(core.mul(w, x), b)), 2)).item();
    expect(after).toBeCloseTo((63 - 52.0878) ** 2, 9);
  });
});
