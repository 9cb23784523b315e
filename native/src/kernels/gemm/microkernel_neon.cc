// NEON 8x8 SGEMM microkernel for arm64 (NEON is part of the arm64 baseline, so no CPU check is needed).
#include <arm_neon.h>

#include "kernels/gemm/microkernels.h"

namespace nn::gemm {
namespace {

constexpr int MR = 8;
constexpr int NR = 8;

// a: (kc, 8) packed, b: (kc, 8) packed, c: (8, 8) with row stride ldc.
void sgemm_8x8_neon(index_t kc, const float* a, const float* b, float* c, index_t ldc, float alpha, float beta) {
  float32x4_t acc[MR][2];
  for (int i = 0; i < MR; ++i) acc[i][0] = acc[i][1] = vdupq_n_f32(0.0f);
  for (index_t p = 0; p < kc; ++p) {
    const float32x4_t b0 = vld1q_f32(b), b1 = vld1q_f32(b + 4);
    const float32x4_t a0 = vld1q_f32(a), a1 = vld1q_f32(a + 4);
    acc[0][0] = vfmaq_laneq_f32(acc[0][0], b0, a0, 0);
    acc[0][1] = vfmaq_laneq_f32(acc[0][1], b1, a0, 0);
    acc[1][0] = vfmaq_laneq_f32(acc[1][0], b0, a0, 1);
    acc[1][1] = vfmaq_laneq_f32(acc[1][1], b1, a0, 1);
    acc[2][0] = vfmaq_laneq_f32(acc[2][0], b0, a0, 2);
    acc[2][1] = vfmaq_laneq_f32(acc[2][1], b1, a0, 2);
    acc[3][0] = vfmaq_laneq_f32(acc[3][0], b0, a0, 3);
    acc[3][1] = vfmaq_laneq_f32(acc[3][1], b1, a0, 3);
    acc[4][0] = vfmaq_laneq_f32(acc[4][0], b0, a1, 0);
    acc[4][1] = vfmaq_laneq_f32(acc[4][1], b1, a1, 0);
    acc[5][0] = vfmaq_laneq_f32(acc[5][0], b0, a1, 1);
    acc[5][1] = vfmaq_laneq_f32(acc[5][1], b1, a1, 1);
    acc[6][0] = vfmaq_laneq_f32(acc[6][0], b0, a1, 2);
    acc[6][1] = vfmaq_laneq_f32(acc[6][1], b1, a1, 2);
    acc[7][0] = vfmaq_laneq_f32(acc[7][0], b0, a1, 3);
    acc[7][1] = vfmaq_laneq_f32(acc[7][1], b1, a1, 3);
    a += MR;
    b += NR;
  }
  for (int i = 0; i < MR; ++i) {
    float* crow = c + i * ldc;
    float32x4_t lo = vmulq_n_f32(acc[i][0], alpha), hi = vmulq_n_f32(acc[i][1], alpha);
    if (beta != 0.0f) {
      lo = vfmaq_n_f32(lo, vld1q_f32(crow), beta);
      hi = vfmaq_n_f32(hi, vld1q_f32(crow + 4), beta);
    }
    vst1q_f32(crow, lo);
    vst1q_f32(crow + 4, hi);
  }
}

}  // namespace

SgemmMicrokernel sgemm_microkernel_neon() { return SgemmMicrokernel{MR, NR, sgemm_8x8_neon}; }

}  // namespace nn::gemm
