// Chooses the backend once per process: the native addon when it loads, else the TypeScript one with a warning.
import type { Backend } from './backend.js';
import type { NativeBinding, NativeInfo } from './native/binding.js';
import { formatAttempts, loadNativeBinding, type LoadAttempt, type LoadResult, type LoadSource } from './native/loader.js';
import { corePackageDir } from './package-dir.js';
import { referenceBackend } from './reference.js';

/** What {@link backendInfo} reports about the backend in use. */
export interface BackendInfo {
  /** 'native' when the C++ addon is in use, 'reference' for the TypeScript fallback. */
  backend: 'native' | 'reference';
  /** Kernel ISA path: 'avx512', 'avx2-fma', 'neon', 'baseline' (portable native) or 'typescript'. */
  isa: string;
  /** The NN_ISA request, 'auto' when unset. */
  requestedIsa: string;
  /** Why an NN_ISA request was not honoured; empty when it was. */
  isaNote: string;
  /** Threads the kernels use (see setNumThreads). */
  threads: number;
  /** What computes matmul: 'builtin' kernels, 'openblas' (a build with NN_BLAS=openblas), or 'typescript'. */
  gemm: string;
  /** The binary loaded, when native. */
  binaryPath?: string;
  /** Where that binary was found. */
  source?: LoadSource;
  /** CPU features the addon detected, when native. */
  cpu?: NativeInfo['cpu'];
  /**
   * What the addon set on the process allocator at load, when native: on glibc, blocks up to 32 MiB come from the
   * heap and up to 256 MiB of freed heap stays mapped, so each training step reuses warm memory. NN_MALLOC_TUNING=0
   * leaves malloc as it is.
   */
  allocator?: string;
  /** Every place the loader looked, in order. */
  attempts: LoadAttempt[];
}

/** Thrown when NN_REQUIRE_NATIVE=1 and no native binary loads. */
export class NativeLoadError extends Error {
  /** Every place the loader looked. */
  readonly attempts: LoadAttempt[];
  constructor(message: string, attempts: LoadAttempt[]) {
    super(message);
    this.name = 'NativeLoadError';
    this.attempts = attempts;
  }
}

interface Selected {
  backend: Backend;
  info: BackendInfo;
  native?: NativeBinding;
}

let selected: Selected | undefined;
let loadError: NativeLoadError | undefined;

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v);

function failureMessage(attempts: LoadAttempt[], required: boolean): string {
  const head = required
    ? '@nn/core: NN_REQUIRE_NATIVE is set but the native addon could not be loaded. Paths tried:'
    : '@nn/core: the native addon could not be loaded, so the slower TypeScript backend is in use. Paths tried:';
  return `${head}\n${formatAttempts(attempts)}\n` +
    `Fix: reinstall @nn/core on this platform (${process.platform}-${process.arch}, Node ${process.versions.node}), ` +
    'or build it from source (pnpm build, needs cmake and a C++17 compiler).' +
    (required ? '' : ' Set NN_REQUIRE_NATIVE=1 to make this an error.');
}

function nativeSelection(result: LoadResult): Selected {
  const native = result.binding!;
  const info = native.info();
  return {
    native,
    backend: { name: 'native', sgemm: native.sgemm, dgemm: native.dgemm, binaryF32: native.binaryF32, unaryF32: native.unaryF32, softmaxF32: native.softmaxF32,
      crossEntropyForwardF32: native.crossEntropyForwardF32, crossEntropyBackwardF32: native.crossEntropyBackwardF32,
      embeddingGatherF32: native.embeddingGatherF32, embeddingScatterAddF32: native.embeddingScatterAddF32,
      binaryBroadcastF32: native.binaryBroadcastF32, reduceF32: native.reduceF32, argReduceF32: native.argReduceF32,
      sgdStepF32: native.sgdStepF32, adamStepF32: native.adamStepF32, rmspropStepF32: native.rmspropStepF32, adagradStepF32: native.adagradStepF32 },
    info: {
      backend: 'native', isa: info.isa, requestedIsa: info.requestedIsa, isaNote: info.isaNote,
      threads: info.threads, gemm: info.gemm, binaryPath: result.path!, source: result.source!, cpu: info.cpu,
      allocator: info.allocator ?? '',
      attempts: result.attempts,
    },
  };
}

function referenceSelection(attempts: LoadAttempt[]): Selected {
  return {
    backend: referenceBackend,
    info: { backend: 'reference', isa: 'typescript', requestedIsa: process.env['NN_ISA'] ?? 'auto', isaNote: '', threads: 1, gemm: 'typescript', attempts },
  };
}

function select(): Selected {
  const result = loadNativeBinding({ packageDir: corePackageDir(), envPath: process.env['NN_NATIVE_PATH'] });
  if (result.binding !== undefined) return nativeSelection(result);
  if (truthy(process.env['NN_REQUIRE_NATIVE'])) {
    throw new NativeLoadError(failureMessage(result.attempts, true), result.attempts);
  }
  process.emitWarning(failureMessage(result.attempts, false), { code: 'NN_NATIVE_UNAVAILABLE' });
  return referenceSelection(result.attempts);
}

function selectedOnce(): Selected {
  if (selected !== undefined) return selected;
  if (loadError !== undefined) throw loadError;
  try {
    selected = select();
  } catch (e) {
    if (e instanceof NativeLoadError) loadError = e;
    throw e;
  }
  return selected;
}

/** The backend every op runs on; chosen on first use. */
export function getBackend(): Backend {
  return selected?.backend ?? selectedOnce().backend;
}

/**
 * Switches every later op to a backend: 'reference' (TypeScript) or 'native' (throws NativeLoadError,
 * listing the paths tried, when the addon cannot be loaded). Useful to compare results or speed.
 */
export function setBackend(name: 'native' | 'reference'): void {
  if (name !== 'native' && name !== 'reference') {
    throw new RangeError(`setBackend: unknown backend '${String(name)}' (expected 'native' or 'reference')`);
  }
  if (name === 'reference') {
    selected = referenceSelection(selected?.info.attempts ?? []);
    return;
  }
  if (selected?.backend.name === 'native') return;
  const result = loadNativeBinding({ packageDir: corePackageDir(), envPath: process.env['NN_NATIVE_PATH'] });
  if (result.binding === undefined) throw new NativeLoadError(failureMessage(result.attempts, true), result.attempts);
  selected = nativeSelection(result);
}

/** Which backend, ISA path and thread count are in use, and where the native binary came from. */
export function backendInfo(): BackendInfo {
  const s = selectedOnce();
  return s.native === undefined ? { ...s.info } : { ...s.info, threads: s.native.info().threads };
}

/**
 * Sets how many threads the native kernels use (the calling thread included; default: the number of cores).
 * Small problems stay on the calling thread whatever the setting. The TypeScript backend is single-threaded.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: n must be a positive integer, got ${n}`);
  selectedOnce().native?.setNumThreads(n);
}
