// AVX2 8-lane float vector; include only from translation units compiled with -mavx2 -mfma.
#pragma once
#include <immintrin.h>

namespace nn::simd {
// Anonymous namespace: each including TU gets its own copy, so no AVX2 code can be merged into baseline code.
namespace {

struct VecAvx2 {
  using Reg = __m256;
  static constexpr int kWidth = 8;
  static Reg load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, Reg v) { _mm256_storeu_ps(p, v); }
  static Reg add(Reg x, Reg y) { return _mm256_add_ps(x, y); }
  static Reg sub(Reg x, Reg y) { return _mm256_sub_ps(x, y); }
  static Reg mul(Reg x, Reg y) { return _mm256_mul_ps(x, y); }
  static Reg div(Reg x, Reg y) { return _mm256_div_ps(x, y); }
};

}  // namespace
}  // namespace nn::simd
