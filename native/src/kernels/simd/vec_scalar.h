// Portable one-lane "vector" for the baseline kernels: the same interface as the SIMD ones, so loops are written once.
#pragma once

namespace nn::simd {
namespace {

struct VecScalar {
  using Reg = float;
  static constexpr int kWidth = 1;
  static Reg load(const float* p) { return *p; }
  static void store(float* p, Reg v) { *p = v; }
  static Reg add(Reg x, Reg y) { return x + y; }
  static Reg sub(Reg x, Reg y) { return x - y; }
  static Reg mul(Reg x, Reg y) { return x * y; }
  static Reg div(Reg x, Reg y) { return x / y; }
};

}  // namespace
}  // namespace nn::simd
