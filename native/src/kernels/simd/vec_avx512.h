// AVX-512 16-lane float vector; include only from translation units compiled with -mavx512f.
#pragma once
#include <immintrin.h>

#include <cstdint>

namespace nn::simd {
// Anonymous namespace: each including TU gets its own copy, so no AVX-512 code can be merged into other code.
namespace {

struct VecAvx512 {
  using Reg = __m512;
  using IReg = __m512i;
  using Mask = __mmask16;
  static constexpr int kWidth = 16;
  static Reg load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, Reg v) { _mm512_storeu_ps(p, v); }
  static Reg set1(float v) { return _mm512_set1_ps(v); }
  static Reg add(Reg x, Reg y) { return _mm512_add_ps(x, y); }
  static Reg sub(Reg x, Reg y) { return _mm512_sub_ps(x, y); }
  static Reg mul(Reg x, Reg y) { return _mm512_mul_ps(x, y); }
  static Reg div(Reg x, Reg y) { return _mm512_div_ps(x, y); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_ps(a, b, c); }
  static Reg max(Reg a, Reg b) { return _mm512_max_ps(a, b); }
  static Reg min(Reg a, Reg b) { return _mm512_min_ps(a, b); }
  static Reg abs(Reg x) { return _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(0x7fffffff))); }
  static Reg round(Reg x) { return _mm512_roundscale_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static IReg to_int(Reg x) { return _mm512_cvttps_epi32(x); }
  static Reg to_float(IReg x) { return _mm512_cvtepi32_ps(x); }
  static IReg iset1(std::int32_t v) { return _mm512_set1_epi32(v); }
  static IReg iadd(IReg a, IReg b) { return _mm512_add_epi32(a, b); }
  static IReg isub(IReg a, IReg b) { return _mm512_sub_epi32(a, b); }
  static IReg iand(IReg a, IReg b) { return _mm512_and_si512(a, b); }
  static IReg ior(IReg a, IReg b) { return _mm512_or_si512(a, b); }
  static IReg shl(IReg a, int s) { return _mm512_slli_epi32(a, static_cast<unsigned>(s)); }
  static IReg sra(IReg a, int s) { return _mm512_srai_epi32(a, static_cast<unsigned>(s)); }
  static IReg bits(Reg x) { return _mm512_castps_si512(x); }
  static Reg from_bits(IReg i) { return _mm512_castsi512_ps(i); }
  static Mask lt(Reg a, Reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
  static Mask gt(Reg a, Reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
  static Mask eq(Reg a, Reg b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
  static Mask is_nan(Reg x) { return _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q); }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static Reg select(Mask m, Reg a, Reg b) { return _mm512_mask_blend_ps(m, b, a); }
  static Mask ilt(IReg a, IReg b) { return _mm512_cmplt_epi32_mask(a, b); }
  static float reduce_add(Reg x) { return _mm512_reduce_add_ps(x); }
  static float reduce_max(Reg x) { return _mm512_reduce_max_ps(x); }
};

}  // namespace
}  // namespace nn::simd
