// AVX-512 12x32 SGEMM microkernel (compiled with -mavx512f; reached only after a CPU check).
// 24 zmm accumulators, B row loaded as two vectors, A elements broadcast straight from memory into the FMAs.
#include <immintrin.h>

#include "kernels/gemm/microkernels.h"

namespace nn::gemm {
namespace {

constexpr int MR = 12;
constexpr int NR = 32;

// a: (kc, 12) packed, b: (kc, 32) packed and 64-byte aligned, c: (12, 32) with row stride ldc.
void sgemm_12x32_avx512(index_t kc, const float* a, const float* b, float* c, index_t ldc, float alpha, float beta) {
  __m512 acc[MR][2];
  for (int i = 0; i < MR; ++i) acc[i][0] = acc[i][1] = _mm512_setzero_ps();
  for (index_t p = 0; p < kc; ++p) {
    const __m512 b0 = _mm512_load_ps(b);
    const __m512 b1 = _mm512_load_ps(b + 16);
    _mm_prefetch(reinterpret_cast<const char*>(b + 8 * NR), _MM_HINT_T0);
    // Fully unrolled by the compiler: MR is a constant and acc stays in registers.
    for (int i = 0; i < MR; ++i) {
      const __m512 ai = _mm512_set1_ps(a[i]);
      acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
      acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
    }
    a += MR;
    b += NR;
  }
  const __m512 va = _mm512_set1_ps(alpha);
  if (beta == 0.0f) {
    for (int i = 0; i < MR; ++i) {
      _mm512_storeu_ps(c + i * ldc, _mm512_mul_ps(va, acc[i][0]));
      _mm512_storeu_ps(c + i * ldc + 16, _mm512_mul_ps(va, acc[i][1]));
    }
  } else {
    const __m512 vb = _mm512_set1_ps(beta);
    for (int i = 0; i < MR; ++i) {
      float* row = c + i * ldc;
      _mm512_storeu_ps(row, _mm512_fmadd_ps(vb, _mm512_loadu_ps(row), _mm512_mul_ps(va, acc[i][0])));
      _mm512_storeu_ps(row + 16, _mm512_fmadd_ps(vb, _mm512_loadu_ps(row + 16), _mm512_mul_ps(va, acc[i][1])));
    }
  }
}

}  // namespace

SgemmMicrokernel sgemm_microkernel_avx512() { return SgemmMicrokernel{MR, NR, sgemm_12x32_avx512}; }

}  // namespace nn::gemm
