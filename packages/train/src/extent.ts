// Smallest and largest of a long series without spreading it into arguments (which overflows the stack past ~100k).

/** [min, max] of `values`, or undefined when there are none. */
export function extent(values: readonly number[]): [number, number] | undefined {
  if (values.length === 0) return undefined;
  let lo = values[0]!, hi = values[0]!;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
