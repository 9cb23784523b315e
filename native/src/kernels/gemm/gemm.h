// GEMM for float32 and float64: C = alpha * op(A) * op(B) + beta * C over row-major matrices (BLIS layering).
#pragma once
#include "kernels/types.h"

namespace nn::gemm {

// A microkernel computes one full MR x NR tile of C from packed panels:
//   a: (kc, MR) column panel of op(A), b: (kc, NR) row panel of op(B), both contiguous.
//   c: (MR, NR) tile with row stride ldc; c = alpha * a^T b + beta * c, and c is not read when beta == 0.
template <typename T>
using MicrokernelFn = void (*)(index_t kc, const T* a, const T* b, T* c, index_t ldc, T alpha, T beta);

// The same for a partial tile at C's right or bottom edge: only its first `rows` rows and `cols` columns are read and
// written (the panels are zero-padded to MR and NR).
template <typename T>
using MicrokernelEdgeFn = void (*)(index_t kc, const T* a, const T* b, T* c, index_t ldc, T alpha, T beta, int rows,
                                   int cols);

// Packing into the microkernel's panels, with pack_a / pack_b's contract (pack.h); ISAs with an in-register
// transpose replace the portable loops for the strided cases (op(A) rows, op(B) columns read from stored rows).
template <typename T>
using PackAFn = void (*)(bool trans_a, const T* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr,
                         T* out);
template <typename T>
using PackBFn = void (*)(bool trans_b, const T* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr,
                         T* out);

template <typename T>
struct Microkernel {
  int mr;
  int nr;
  MicrokernelFn<T> fn;
  MicrokernelEdgeFn<T> edge;
  PackAFn<T> pack_a;
  PackBFn<T> pack_b;
};

// The unpacked path for small problems: C (m, n) = alpha * op(A) * B + beta * C with op(A)(i, p) = a[i * a_rs + p * a_cs]
// and B: (k, n) row-major with row stride ldb; C not read when beta == 0; requires k > 0.
template <typename T>
using DirectGemmFn = void (*)(index_t m, index_t n, index_t k, T alpha, const T* a, index_t a_rs, index_t a_cs,
                              const T* b, index_t ldb, T beta, T* c, index_t ldc);

// The unpacked path for small A Bᵀ: C (m, n) = alpha * A * Bᵀ + beta * C with A: (m, k) and B: (n, k) row-major,
// as dot products along k (both operands read contiguously, so B needs no transposed copy); requires k > 0.
template <typename T>
using DirectNtGemmFn = void (*)(index_t m, index_t n, index_t k, T alpha, const T* a, index_t lda, const T* b,
                                index_t ldb, T beta, T* c, index_t ldc);

// bt (k, n) with row stride ldt = the transpose of b (n, k) with row stride ldb: how the direct path reads a shallow
// Bᵀ. ldt >= n is a multiple of the vector width, bt is vector-aligned, and columns [n, ldt) of bt are zero-filled.
template <typename T>
using TransposeFn = void (*)(const T* b, index_t ldb, index_t k, index_t n, T* bt, index_t ldt);

// A direct-path kernel and its register tile: mr rows x nr columns.
template <typename T>
struct DirectKernel {
  DirectGemmFn<T> fn;
  int mr;
  int nr;
};

// One ISA's GEMM kernels for one element type.
template <typename T>
struct GemmKernels {
  int lanes;  // elements per vector register
  Microkernel<T> packed;
  DirectKernel<T> direct;
  // Tiles of two vectors (fn null where `direct` has them already): taken for widths that `direct` would end with a
  // one-vector tile and these would not (a one-vector tile issues nearly a load per multiply-add).
  DirectKernel<T> direct_even;
  DirectNtGemmFn<T> direct_nt;
  TransposeFn<T> transpose_b;
};

// Cache blocking (BLIS names): an MR x KC panel of packed A stays in L1, MC x KC of packed A and KC x NC of packed B
// in L2. MC must be a multiple of MR and NC of NR; KC counts float elements (float64 blocks take half as many).
struct Blocking {
  index_t mc;
  index_t kc;
  index_t nc;
};

// The default blocking for a core with an L2 of `l2_bytes` (0: unknown): NC sized so a KC x NC block of packed B
// fills the L2 but for 256 KiB left to the A panels and C (1024 for Ice Lake's 1.25 MiB, 256 for Zen 3's 512 KiB).
Blocking default_blocking(long l2_bytes);

// Sizes that pick the algorithm and its blocking; defaults come from default_blocking() with this CPU's L2, and the
// environment can override them for tuning (NN_GEMM_MC, NN_GEMM_KC, NN_GEMM_NC in elements,
// NN_GEMM_DIRECT_MAX in float multiply-adds m*n*k: float problems up to it take the unpacked path, double ones up
// to half of it).
struct Tuning {
  Blocking blocking;  // mc and nc are rounded to the microkernel's MR and NR where used
  double direct_max_flops;
};
const Tuning& tuning();

// Which algorithm a call takes: kAuto chooses by size; tests force each one.
enum class Path { kAuto, kPacked, kDirect };

// Shapes: op(A): (m, k), op(B): (k, n), C: (m, n). Leading dimensions are the row strides of the stored matrices
// (A is stored (k, m) when trans_a). Uses the kernels chosen at load.
void sgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a, index_t lda,
           const float* b, index_t ldb, float beta, float* c, index_t ldc);
void dgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, double alpha, const double* a, index_t lda,
           const double* b, index_t ldb, double beta, double* c, index_t ldc);

// "builtin", or "openblas" when built with NN_BLAS=openblas (sgemm and dgemm then call cblas).
const char* backend_name();

// The same with explicit kernels and path, so tests can compare ISA paths in one process.
template <typename T>
void gemm_with(const GemmKernels<T>& kernels, Path path, bool trans_a, bool trans_b, index_t m, index_t n, index_t k,
               T alpha, const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c, index_t ldc);

}  // namespace nn::gemm
