// AVX-512 16-lane float vector; include only from translation units compiled with -mavx512f.
#pragma once
#include <immintrin.h>

namespace nn::simd {
// Anonymous namespace: each including TU gets its own copy, so no AVX-512 code can be merged into other code.
namespace {

struct VecAvx512 {
  using Reg = __m512;
  static constexpr int kWidth = 16;
  static Reg load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, Reg v) { _mm512_storeu_ps(p, v); }
  static Reg add(Reg x, Reg y) { return _mm512_add_ps(x, y); }
  static Reg sub(Reg x, Reg y) { return _mm512_sub_ps(x, y); }
  static Reg mul(Reg x, Reg y) { return _mm512_mul_ps(x, y); }
  static Reg div(Reg x, Reg y) { return _mm512_div_ps(x, y); }
};

}  // namespace
}  // namespace nn::simd
