// Public entry of @nn/core.
export { backendInfo, setBackend, NativeLoadError, type BackendInfo } from './backend/select.js';
export type { LoadAttempt, LoadSource } from './backend/native/loader.js';
export type { BinaryOpName } from './backend/backend.js';
export { sgemm, binaryOp, type SgemmArgs } from './kernels.js';
