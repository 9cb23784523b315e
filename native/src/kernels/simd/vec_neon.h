// NEON 4-lane float vector for arm64.
#pragma once
#include <arm_neon.h>

#include <cstdint>

namespace nn::simd {
namespace {

struct VecNeon {
  using Reg = float32x4_t;
  using IReg = int32x4_t;
  using Mask = uint32x4_t;
  static constexpr int kWidth = 4;
  static Reg load(const float* p) { return vld1q_f32(p); }
  static void store(float* p, Reg v) { vst1q_f32(p, v); }
  static Reg set1(float v) { return vdupq_n_f32(v); }
  static Reg add(Reg x, Reg y) { return vaddq_f32(x, y); }
  static Reg sub(Reg x, Reg y) { return vsubq_f32(x, y); }
  static Reg mul(Reg x, Reg y) { return vmulq_f32(x, y); }
  static Reg div(Reg x, Reg y) { return vdivq_f32(x, y); }
  static Reg fma(Reg a, Reg b, Reg c) { return vfmaq_f32(c, a, b); }
  // SSE semantics (second operand when either is NaN), so the shared math behaves the same on every ISA.
  static Reg max(Reg a, Reg b) { return vbslq_f32(vcgtq_f32(a, b), a, b); }
  static Reg min(Reg a, Reg b) { return vbslq_f32(vcltq_f32(a, b), a, b); }
  static Reg abs(Reg x) { return vabsq_f32(x); }
  static Reg round(Reg x) { return vrndnq_f32(x); }
  static IReg to_int(Reg x) { return vcvtq_s32_f32(x); }
  static Reg to_float(IReg x) { return vcvtq_f32_s32(x); }
  static IReg iset1(std::int32_t v) { return vdupq_n_s32(v); }
  static IReg iadd(IReg a, IReg b) { return vaddq_s32(a, b); }
  static IReg isub(IReg a, IReg b) { return vsubq_s32(a, b); }
  static IReg iand(IReg a, IReg b) { return vandq_s32(a, b); }
  static IReg ior(IReg a, IReg b) { return vorrq_s32(a, b); }
  static IReg shl(IReg a, int s) { return vshlq_s32(a, vdupq_n_s32(s)); }
  static IReg sra(IReg a, int s) { return vshlq_s32(a, vdupq_n_s32(-s)); }
  static IReg bits(Reg x) { return vreinterpretq_s32_f32(x); }
  static Reg from_bits(IReg i) { return vreinterpretq_f32_s32(i); }
  static Mask lt(Reg a, Reg b) { return vcltq_f32(a, b); }
  static Mask gt(Reg a, Reg b) { return vcgtq_f32(a, b); }
  static Mask eq(Reg a, Reg b) { return vceqq_f32(a, b); }
  static Mask is_nan(Reg x) { return vmvnq_u32(vceqq_f32(x, x)); }
  static Mask mask_or(Mask a, Mask b) { return vorrq_u32(a, b); }
  static Reg select(Mask m, Reg a, Reg b) { return vbslq_f32(m, a, b); }
  static Mask ilt(IReg a, IReg b) { return vcltq_s32(a, b); }
  static float reduce_add(Reg x) { return vaddvq_f32(x); }
  static float reduce_max(Reg x) { return vmaxvq_f32(x); }
};

}  // namespace
}  // namespace nn::simd
