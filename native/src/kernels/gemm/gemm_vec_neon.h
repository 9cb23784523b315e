// NEON lanes for the GEMM templates on arm64, float and double.
#pragma once
#include <arm_neon.h>

namespace nn::gemm {
namespace {

template <typename T>
struct VecNeon;

template <>
struct VecNeon<float> {
  using Reg = float32x4_t;
  static constexpr int kWidth = 4;
  static constexpr bool kTranspose = false;  // no in-register transpose: packing uses the portable loops
  static Reg zero() { return vdupq_n_f32(0.0f); }
  static Reg load(const float* p) { return vld1q_f32(p); }
  static void store(float* p, Reg v) { vst1q_f32(p, v); }
  static Reg set1(float v) { return vdupq_n_f32(v); }
  static Reg mul(Reg a, Reg b) { return vmulq_f32(a, b); }
  static Reg fma(Reg a, Reg b, Reg c) { return vfmaq_f32(c, a, b); }
  // NEON has no masked loads: go through a small buffer so nothing past the first n elements is touched.
  static Reg load_partial(const float* p, int n) {
    float t[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int i = 0; i < n; ++i) t[i] = p[i];
    return vld1q_f32(t);
  }
  static void store_partial(float* p, Reg v, int n) {
    float t[4];
    vst1q_f32(t, v);
    for (int i = 0; i < n; ++i) p[i] = t[i];
  }
  static float reduce_add(Reg v) { return vaddvq_f32(v); }
  // Pair lanes (direct_pair_tile): lanes 2j and 2j + 1 hold two steps of k for one column.
  static constexpr bool kPairLanes = true;
  static Reg broadcast_pair(const float* p) { return vcombine_f32(vld1_f32(p), vld1_f32(p)); }
  static Reg interleave_low(Reg a, Reg b) { return vzip1q_f32(a, b); }
  static Reg add_pairs(Reg a, Reg b) { return vpaddq_f32(a, b); }
  static Reg upper_half(Reg v) { return vextq_f32(v, v, 2); }
};

template <>
struct VecNeon<double> {
  using Reg = float64x2_t;
  static constexpr int kWidth = 2;
  static constexpr bool kTranspose = false;  // no in-register transpose: packing uses the portable loops
  static Reg zero() { return vdupq_n_f64(0.0); }
  static Reg load(const double* p) { return vld1q_f64(p); }
  static void store(double* p, Reg v) { vst1q_f64(p, v); }
  static Reg set1(double v) { return vdupq_n_f64(v); }
  static Reg mul(Reg a, Reg b) { return vmulq_f64(a, b); }
  static Reg fma(Reg a, Reg b, Reg c) { return vfmaq_f64(c, a, b); }
  static Reg load_partial(const double* p, int n) {
    double t[2] = {0.0, 0.0};
    for (int i = 0; i < n; ++i) t[i] = p[i];
    return vld1q_f64(t);
  }
  static void store_partial(double* p, Reg v, int n) {
    double t[2];
    vst1q_f64(t, v);
    for (int i = 0; i < n; ++i) p[i] = t[i];
  }
  static double reduce_add(Reg v) { return vaddvq_f64(v); }
  static constexpr bool kPairLanes = true;
  static Reg broadcast_pair(const double* p) { return vld1q_f64(p); }
  static Reg interleave_low(Reg a, Reg b) { return vzip1q_f64(a, b); }
  static Reg add_pairs(Reg a, Reg b) { return vpaddq_f64(a, b); }
  static Reg upper_half(Reg v) { return vextq_f64(v, v, 1); }
};

}  // namespace
}  // namespace nn::gemm
