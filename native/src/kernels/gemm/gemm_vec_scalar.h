// One-lane "vector" for the portable GEMM kernels: the same interface as the SIMD lanes, so the templates are written once.
#pragma once

namespace nn::gemm {
namespace {

template <typename T>
struct VecScalar {
  using Reg = T;
  static constexpr int kWidth = 1;
  static constexpr bool kTranspose = false;  // no in-register transpose: packing uses the portable loops
  static Reg zero() { return T(0); }
  static Reg load(const T* p) { return *p; }
  static void store(T* p, Reg v) { *p = v; }
  static Reg set1(T v) { return v; }
  static Reg mul(Reg a, Reg b) { return a * b; }
  // a * b + c without forcing a fused multiply-add: the baseline ISA has none, and std::fma would be a libm call.
  static Reg fma(Reg a, Reg b, Reg c) { return a * b + c; }
  static Reg load_partial(const T* p, int n) { return n > 0 ? *p : T(0); }
  static void store_partial(T* p, Reg v, int n) {
    if (n > 0) *p = v;
  }
  static T reduce_add(Reg v) { return v; }
};

}  // namespace
}  // namespace nn::gemm
