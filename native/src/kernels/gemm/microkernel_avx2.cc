// AVX2 + FMA 6x16 SGEMM microkernel (compiled with -mavx2 -mfma; reached only after a CPU check).
#include <immintrin.h>

#include "kernels/gemm/microkernels.h"

namespace nn::gemm {
namespace {

constexpr int MR = 6;
constexpr int NR = 16;

inline void store_row(float* c, __m256 lo, __m256 hi, __m256 alpha, __m256 beta, bool read_c) {
  if (read_c) {
    lo = _mm256_fmadd_ps(beta, _mm256_loadu_ps(c), _mm256_mul_ps(alpha, lo));
    hi = _mm256_fmadd_ps(beta, _mm256_loadu_ps(c + 8), _mm256_mul_ps(alpha, hi));
  } else {
    lo = _mm256_mul_ps(alpha, lo);
    hi = _mm256_mul_ps(alpha, hi);
  }
  _mm256_storeu_ps(c, lo);
  _mm256_storeu_ps(c + 8, hi);
}

// a: (kc, 6) packed, b: (kc, 16) packed and 32-byte aligned, c: (6, 16) with row stride ldc.
void sgemm_6x16_avx2(index_t kc, const float* a, const float* b, float* c, index_t ldc, float alpha, float beta) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  for (index_t p = 0; p < kc; ++p) {
    const __m256 b0 = _mm256_load_ps(b);
    const __m256 b1 = _mm256_load_ps(b + 8);
    __m256 ai = _mm256_broadcast_ss(a + 0);
    c00 = _mm256_fmadd_ps(ai, b0, c00);
    c01 = _mm256_fmadd_ps(ai, b1, c01);
    ai = _mm256_broadcast_ss(a + 1);
    c10 = _mm256_fmadd_ps(ai, b0, c10);
    c11 = _mm256_fmadd_ps(ai, b1, c11);
    ai = _mm256_broadcast_ss(a + 2);
    c20 = _mm256_fmadd_ps(ai, b0, c20);
    c21 = _mm256_fmadd_ps(ai, b1, c21);
    ai = _mm256_broadcast_ss(a + 3);
    c30 = _mm256_fmadd_ps(ai, b0, c30);
    c31 = _mm256_fmadd_ps(ai, b1, c31);
    ai = _mm256_broadcast_ss(a + 4);
    c40 = _mm256_fmadd_ps(ai, b0, c40);
    c41 = _mm256_fmadd_ps(ai, b1, c41);
    ai = _mm256_broadcast_ss(a + 5);
    c50 = _mm256_fmadd_ps(ai, b0, c50);
    c51 = _mm256_fmadd_ps(ai, b1, c51);
    a += MR;
    b += NR;
  }
  const __m256 va = _mm256_set1_ps(alpha);
  const __m256 vb = _mm256_set1_ps(beta);
  const bool read_c = beta != 0.0f;
  store_row(c + 0 * ldc, c00, c01, va, vb, read_c);
  store_row(c + 1 * ldc, c10, c11, va, vb, read_c);
  store_row(c + 2 * ldc, c20, c21, va, vb, read_c);
  store_row(c + 3 * ldc, c30, c31, va, vb, read_c);
  store_row(c + 4 * ldc, c40, c41, va, vb, read_c);
  store_row(c + 5 * ldc, c50, c51, va, vb, read_c);
}

}  // namespace

SgemmMicrokernel sgemm_microkernel_avx2() { return SgemmMicrokernel{MR, NR, sgemm_6x16_avx2}; }

}  // namespace nn::gemm
