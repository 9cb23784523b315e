// Portable one-lane "vector" for the baseline kernels: the same interface as the SIMD ones, so math is written once.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

namespace nn::simd {
namespace {

struct VecScalar {
  using Reg = float;
  using IReg = std::int32_t;
  using Mask = bool;
  static constexpr int kWidth = 1;
  static Reg load(const float* p) { return *p; }
  static void store(float* p, Reg v) { *p = v; }
  static Reg set1(float v) { return v; }
  static Reg add(Reg x, Reg y) { return x + y; }
  static Reg sub(Reg x, Reg y) { return x - y; }
  static Reg mul(Reg x, Reg y) { return x * y; }
  static Reg div(Reg x, Reg y) { return x / y; }
  static Reg fma(Reg a, Reg b, Reg c) { return std::fma(a, b, c); }
  // SSE semantics: when either operand is NaN the second one is returned.
  static Reg max(Reg a, Reg b) { return a > b ? a : b; }
  static Reg min(Reg a, Reg b) { return a < b ? a : b; }
  static Reg abs(Reg x) { return std::fabs(x); }
  static Reg round(Reg x) { return std::nearbyint(x); }
  // Callers pass integral values in int range; NaN maps to 0 rather than undefined behaviour.
  static IReg to_int(Reg x) { return x != x ? 0 : static_cast<IReg>(x); }
  static Reg to_float(IReg x) { return static_cast<float>(x); }
  static IReg iset1(std::int32_t v) { return v; }
  static IReg iadd(IReg a, IReg b) { return a + b; }
  static IReg isub(IReg a, IReg b) { return a - b; }
  static IReg iand(IReg a, IReg b) { return a & b; }
  static IReg ior(IReg a, IReg b) { return a | b; }
  static IReg shl(IReg a, int s) { return static_cast<IReg>(static_cast<std::uint32_t>(a) << s); }
  static IReg sra(IReg a, int s) { return a >> s; }
  static IReg bits(Reg x) { IReg i; std::memcpy(&i, &x, 4); return i; }
  static Reg from_bits(IReg i) { Reg x; std::memcpy(&x, &i, 4); return x; }
  static Mask lt(Reg a, Reg b) { return a < b; }
  static Mask gt(Reg a, Reg b) { return a > b; }
  static Mask eq(Reg a, Reg b) { return a == b; }
  static Mask is_nan(Reg x) { return x != x; }
  static Mask mask_or(Mask a, Mask b) { return a || b; }
  static Reg select(Mask m, Reg a, Reg b) { return m ? a : b; }
  static Mask ilt(IReg a, IReg b) { return a < b; }
  static float reduce_add(Reg x) { return x; }
  static float reduce_max(Reg x) { return x; }
};

}  // namespace
}  // namespace nn::simd
