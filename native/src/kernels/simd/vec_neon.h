// NEON 4-lane float vector for arm64.
#pragma once
#include <arm_neon.h>

namespace nn::simd {
namespace {

struct VecNeon {
  using Reg = float32x4_t;
  static constexpr int kWidth = 4;
  static Reg load(const float* p) { return vld1q_f32(p); }
  static void store(float* p, Reg v) { vst1q_f32(p, v); }
  static Reg add(Reg x, Reg y) { return vaddq_f32(x, y); }
  static Reg sub(Reg x, Reg y) { return vsubq_f32(x, y); }
  static Reg mul(Reg x, Reg y) { return vmulq_f32(x, y); }
  static Reg div(Reg x, Reg y) { return vdivq_f32(x, y); }
};

}  // namespace
}  // namespace nn::simd
