// defaultCollate: how examples of each kind become a batch, and the errors for examples that do not match.
import { tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { defaultCollate } from '../src/index.js';

describe('defaultCollate', () => {
  it('stacks tensors along a new first dimension', () => {
    const batch = defaultCollate([tensor([1, 2]), tensor([3, 4]), tensor([5, 6])]);
    expect(batch.shape).toEqual([3, 2]);
    expect(batch.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('turns numbers into float32 and booleans into bool tensors, and keeps strings', () => {
    const numbers = defaultCollate([1, 2, 3]);
    expect(numbers.dtype).toBe('float32');
    expect(numbers.toArray()).toEqual([1, 2, 3]);
    expect(defaultCollate([true, false]).dtype).toBe('bool');
    expect(defaultCollate(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('collates tuples element-wise and objects key-wise', () => {
    const [xs, ys] = defaultCollate([[tensor([1, 1]), 0], [tensor([2, 2]), 1]] as Array<[ReturnType<typeof tensor>, number]>);
    expect(xs.toArray()).toEqual([[1, 1], [2, 2]]);
    expect(ys.toArray()).toEqual([0, 1]);
    const batch = defaultCollate([{ text: 'hi', label: 1 }, { text: 'yo', label: 0 }]);
    expect(batch.text).toEqual(['hi', 'yo']);
    expect(batch.label.toArray()).toEqual([1, 0]);
  });

  it('names the position of examples that do not match', () => {
    expect(() => defaultCollate([])).toThrow('defaultCollate: cannot collate an empty list of examples');
    expect(() => defaultCollate([{ a: 1 }, { a: 'x' }] as Array<{ a: unknown }>)).toThrow('example 0 has number at the example.a but example 1 has string');
    expect(() => defaultCollate([[1, 2], [1]])).toThrow('example 0 has 2 elements at the example but example 1 has 1');
    expect(() => defaultCollate([{ a: 1 }, { b: 1 }] as Array<Record<string, number>>)).toThrow('example 1 lacks the key "a"');
    expect(() => defaultCollate([tensor([1, 2]), tensor([1, 2, 3])])).toThrow('stack: tensor 1 has shape');
  });
});
