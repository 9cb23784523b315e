// The typed surface of the native addon (nn.node) and the check that a loaded module really is it.
import type { Backend } from '../backend.js';

/** The addon interface version this TypeScript expects; the addon exports the one it was built with. */
export const EXPECTED_ABI_VERSION = 5;

/** What `info()` of the addon reports. */
export interface NativeInfo {
  /** Kernel table in use: 'avx512', 'avx2-fma', 'neon' or 'baseline'. */
  isa: string;
  /** The NN_ISA request ('auto' when unset). */
  requestedIsa: string;
  /** Why the request was not honoured; empty when it was. */
  isaNote: string;
  threads: number;
  hardwareThreads: number;
  /** 'builtin', or 'openblas' when built with NN_BLAS=openblas. */
  gemm: string;
  cpu: { avx2: boolean; fma: boolean; avx512f: boolean; neon: boolean };
  /** What the addon set on the process allocator at load (glibc malloc thresholds; NN_MALLOC_TUNING=0 skips it). */
  allocator: string;
}

/** The functions nn.node exports. */
export interface NativeBinding {
  abiVersion: number;
  sgemm: Backend['sgemm'];
  dgemm: Backend['dgemm'];
  binaryF32: Backend['binaryF32'];
  unaryF32: Backend['unaryF32'];
  softmaxF32: Backend['softmaxF32'];
  crossEntropyForwardF32: Backend['crossEntropyForwardF32'];
  crossEntropyBackwardF32: Backend['crossEntropyBackwardF32'];
  embeddingGatherF32: Backend['embeddingGatherF32'];
  embeddingScatterAddF32: Backend['embeddingScatterAddF32'];
  binaryBroadcastF32: Backend['binaryBroadcastF32'];
  reduceF32: Backend['reduceF32'];
  argReduceF32: Backend['argReduceF32'];
  sgdStepF32: Backend['sgdStepF32'];
  adamStepF32: Backend['adamStepF32'];
  rmspropStepF32: Backend['rmspropStepF32'];
  adagradStepF32: Backend['adagradStepF32'];
  info(): NativeInfo;
  setNumThreads(n: number): void;
}

/** Returns the module as a binding, or throws saying what is missing or stale. */
export function asNativeBinding(mod: unknown): NativeBinding {
  if (typeof mod !== 'object' || mod === null) throw new Error('module is not an object');
  const m = mod as Record<string, unknown>;
  if (m['abiVersion'] !== EXPECTED_ABI_VERSION) {
    throw new Error(`stale binary: abiVersion ${String(m['abiVersion'])}, expected ${EXPECTED_ABI_VERSION} (rebuild it)`);
  }
  for (const fn of ['sgemm', 'dgemm', 'binaryF32', 'unaryF32', 'softmaxF32',
    'crossEntropyForwardF32', 'crossEntropyBackwardF32', 'embeddingGatherF32', 'embeddingScatterAddF32',
    'binaryBroadcastF32', 'reduceF32', 'argReduceF32',
    'sgdStepF32', 'adamStepF32', 'rmspropStepF32', 'adagradStepF32', 'info', 'setNumThreads']) {
    if (typeof m[fn] !== 'function') throw new Error(`not an @nn addon: it lacks ${fn}()`);
  }
  return mod as NativeBinding;
}
