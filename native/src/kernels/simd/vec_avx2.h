// AVX2 8-lane float vector; include only from translation units compiled with -mavx2 -mfma.
#pragma once
#include <immintrin.h>

#include <cstdint>

namespace nn::simd {
// Anonymous namespace: each including TU gets its own copy, so no AVX2 code can be merged into baseline code.
namespace {

struct VecAvx2 {
  using Reg = __m256;
  using IReg = __m256i;
  using Mask = __m256;
  static constexpr int kWidth = 8;
  static Reg load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, Reg v) { _mm256_storeu_ps(p, v); }
  static Reg set1(float v) { return _mm256_set1_ps(v); }
  static Reg add(Reg x, Reg y) { return _mm256_add_ps(x, y); }
  static Reg sub(Reg x, Reg y) { return _mm256_sub_ps(x, y); }
  static Reg mul(Reg x, Reg y) { return _mm256_mul_ps(x, y); }
  static Reg div(Reg x, Reg y) { return _mm256_div_ps(x, y); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_ps(a, b, c); }
  static Reg max(Reg a, Reg b) { return _mm256_max_ps(a, b); }
  static Reg min(Reg a, Reg b) { return _mm256_min_ps(a, b); }
  static Reg abs(Reg x) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), x); }
  static Reg round(Reg x) { return _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static IReg to_int(Reg x) { return _mm256_cvttps_epi32(x); }
  static Reg to_float(IReg x) { return _mm256_cvtepi32_ps(x); }
  static IReg iset1(std::int32_t v) { return _mm256_set1_epi32(v); }
  static IReg iadd(IReg a, IReg b) { return _mm256_add_epi32(a, b); }
  static IReg isub(IReg a, IReg b) { return _mm256_sub_epi32(a, b); }
  static IReg iand(IReg a, IReg b) { return _mm256_and_si256(a, b); }
  static IReg ior(IReg a, IReg b) { return _mm256_or_si256(a, b); }
  static IReg shl(IReg a, int s) { return _mm256_slli_epi32(a, s); }
  static IReg sra(IReg a, int s) { return _mm256_srai_epi32(a, s); }
  static IReg bits(Reg x) { return _mm256_castps_si256(x); }
  static Reg from_bits(IReg i) { return _mm256_castsi256_ps(i); }
  static Mask lt(Reg a, Reg b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
  static Mask gt(Reg a, Reg b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
  static Mask eq(Reg a, Reg b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
  static Mask is_nan(Reg x) { return _mm256_cmp_ps(x, x, _CMP_UNORD_Q); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_ps(a, b); }
  static Reg select(Mask m, Reg a, Reg b) { return _mm256_blendv_ps(b, a, m); }
  static Mask ilt(IReg a, IReg b) { return _mm256_castsi256_ps(_mm256_cmpgt_epi32(b, a)); }
  static float reduce_add(Reg x) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
  }
  static float reduce_max(Reg x) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_max_ss(s, _mm_movehdup_ps(s)));
  }
};

}  // namespace
}  // namespace nn::simd
