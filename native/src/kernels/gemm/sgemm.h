// Single-precision GEMM: C = alpha * op(A) * op(B) + beta * C over row-major matrices.
#pragma once
#include "kernels/types.h"

namespace nn::gemm {

// A microkernel computes one full MR x NR tile of C from packed panels:
//   a: (kc, MR) column panel of op(A), b: (kc, NR) row panel of op(B), both contiguous.
//   c: (MR, NR) tile with row stride ldc; c = alpha * a^T b + beta * c, and c is not read when beta == 0.
using SgemmMicrokernelFn = void (*)(index_t kc, const float* a, const float* b, float* c, index_t ldc,
                                    float alpha, float beta);

struct SgemmMicrokernel {
  int mr;
  int nr;
  SgemmMicrokernelFn fn;
};

// Cache blocking (BLIS names): KC rows of packed B stay in L1/L2, MC x KC of packed A in L2,
// KC x NC of packed B in L3. MC must be a multiple of MR and NC of NR.
struct Blocking {
  index_t mc;
  index_t kc;
  index_t nc;
};

Blocking default_blocking(const SgemmMicrokernel& uk);

// Shapes: op(A): (m, k), op(B): (k, n), C: (m, n). Leading dimensions are the row strides of the
// stored matrices (A is stored (k, m) when trans_a). Uses the microkernel chosen at load.
void sgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a,
           index_t lda, const float* b, index_t ldb, float beta, float* c, index_t ldc);

// The same with an explicit microkernel, so tests can compare ISA paths in one process.
void sgemm_with(const SgemmMicrokernel& uk, bool trans_a, bool trans_b, index_t m, index_t n, index_t k,
                float alpha, const float* a, index_t lda, const float* b, index_t ldb, float beta, float* c,
                index_t ldc);

}  // namespace nn::gemm
