// Portable 4x8 SGEMM microkernel: plain loops the compiler vectorises for whatever ISA it targets.
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {
namespace {

constexpr int MR = 4;
constexpr int NR = 8;

// a: (kc, MR) packed, b: (kc, NR) packed, c: (MR, NR) with row stride ldc.
void sgemm_4x8_ref(index_t kc, const float* a, const float* b, float* c, index_t ldc, float alpha, float beta) {
  float acc[MR][NR] = {};
  for (index_t p = 0; p < kc; ++p) {
    for (int i = 0; i < MR; ++i) {
      const float ai = a[p * MR + i];
      for (int j = 0; j < NR; ++j) acc[i][j] += ai * b[p * NR + j];
    }
  }
  for (int i = 0; i < MR; ++i) {
    float* crow = c + i * ldc;
    for (int j = 0; j < NR; ++j) crow[j] = beta == 0.0f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * crow[j];
  }
}

}  // namespace

SgemmMicrokernel sgemm_microkernel_ref() { return SgemmMicrokernel{MR, NR, sgemm_4x8_ref}; }

}  // namespace nn::gemm
