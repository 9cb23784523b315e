// exp, log, tanh and sigmoid written once over a vector type V (see kernels/simd), instantiated per ISA.
// Range reduction and polynomials follow Cephes' single-precision routines.
#pragma once
#include <cmath>

#include "kernels/elementwise/unary.h"
#include "kernels/simd/vec_scalar.h"

namespace nn::elementwise {
namespace {

template <typename V>
typename V::Reg exp_v(typename V::Reg x) {
  using R = typename V::Reg;
  using I = typename V::IReg;
  // Above 88.8 the result overflows to inf anyway and below -104 it rounds to 0; NaN passes through (max/min
  // return their second operand when one is NaN).
  const R xc = V::min(V::set1(88.8f), V::max(V::set1(-104.0f), x));
  // x = n ln2 + r, |r| <= ln2 / 2, with ln2 split in two so n ln2 is exact.
  const R n = V::round(V::mul(xc, V::set1(1.44269504088896341f)));
  R r = V::fma(n, V::set1(-0.693359375f), xc);
  r = V::fma(n, V::set1(2.12194440e-4f), r);
  R p = V::set1(1.9875691500e-4f);
  p = V::fma(p, r, V::set1(1.3981999507e-3f));
  p = V::fma(p, r, V::set1(8.3334519073e-3f));
  p = V::fma(p, r, V::set1(4.1665795894e-2f));
  p = V::fma(p, r, V::set1(1.6666665459e-1f));
  p = V::fma(p, r, V::set1(5.0000001201e-1f));
  p = V::fma(p, V::mul(r, r), V::add(r, V::set1(1.0f)));
  // 2^n as two factors 2^n1 * 2^n2 so neither overflows nor goes subnormal for n in [-150, 129].
  const I ni = V::to_int(n);
  const I n1 = V::sra(ni, 1);
  const I n2 = V::isub(ni, n1);
  const R s1 = V::from_bits(V::shl(V::iadd(n1, V::iset1(127)), 23));
  const R s2 = V::from_bits(V::shl(V::iadd(n2, V::iset1(127)), 23));
  return V::mul(V::mul(p, s1), s2);
}

template <typename V>
typename V::Reg log_v(typename V::Reg x) {
  using R = typename V::Reg;
  using I = typename V::IReg;
  // Subnormal inputs are scaled by 2^23 first so the exponent field is meaningful.
  const auto tiny = V::lt(x, V::set1(1.17549435e-38f));
  const R xs = V::select(tiny, V::mul(x, V::set1(8388608.0f)), x);
  const I b = V::bits(xs);
  R e = V::to_float(V::isub(V::sra(b, 23), V::iset1(127)));
  e = V::select(tiny, V::sub(e, V::set1(23.0f)), e);
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)).
  R m = V::from_bits(V::ior(V::iand(b, V::iset1(0x007fffff)), V::iset1(0x3f800000)));
  const auto big = V::gt(m, V::set1(1.41421356f));
  m = V::select(big, V::mul(m, V::set1(0.5f)), m);
  e = V::select(big, V::add(e, V::set1(1.0f)), e);
  const R f = V::sub(m, V::set1(1.0f));
  const R z = V::mul(f, f);
  R y = V::set1(7.0376836292e-2f);
  y = V::fma(y, f, V::set1(-1.1514610310e-1f));
  y = V::fma(y, f, V::set1(1.1676998740e-1f));
  y = V::fma(y, f, V::set1(-1.2420140846e-1f));
  y = V::fma(y, f, V::set1(1.4249322787e-1f));
  y = V::fma(y, f, V::set1(-1.6668057665e-1f));
  y = V::fma(y, f, V::set1(2.0000714765e-1f));
  y = V::fma(y, f, V::set1(-2.4999993993e-1f));
  y = V::fma(y, f, V::set1(3.3333331174e-1f));
  y = V::mul(V::mul(y, f), z);
  y = V::fma(e, V::set1(-2.12194440e-4f), y);
  y = V::fma(z, V::set1(-0.5f), y);
  R r = V::fma(e, V::set1(0.693359375f), V::add(f, y));
  r = V::select(V::eq(x, V::set1(INFINITY)), x, r);
  r = V::select(V::eq(x, V::set1(0.0f)), V::set1(-INFINITY), r);
  return V::select(V::mask_or(V::lt(x, V::set1(0.0f)), V::is_nan(x)), V::set1(NAN), r);
}

template <typename V>
typename V::Reg tanh_v(typename V::Reg x) {
  using R = typename V::Reg;
  const R ax = V::abs(x);
  // |x| < 0.625: odd polynomial; otherwise 1 - 2 / (e^{2|x|} + 1) with the sign put back.
  const R z = V::mul(x, x);
  R p = V::set1(-5.70498872745e-3f);
  p = V::fma(p, z, V::set1(2.06390887954e-2f));
  p = V::fma(p, z, V::set1(-5.37397155531e-2f));
  p = V::fma(p, z, V::set1(1.33314422036e-1f));
  p = V::fma(p, z, V::set1(-3.33332819422e-1f));
  const R small = V::fma(V::mul(p, z), x, x);
  const R e = exp_v<V>(V::add(ax, ax));
  const R big = V::sub(V::set1(1.0f), V::div(V::set1(2.0f), V::add(e, V::set1(1.0f))));
  const R signed_big = V::from_bits(V::ior(V::bits(big), V::iand(V::bits(x), V::iset1(static_cast<int>(0x80000000u)))));
  return V::select(V::lt(ax, V::set1(0.625f)), small, signed_big);
}

template <typename V>
typename V::Reg sigmoid_v(typename V::Reg x) {
  // With e = e^-|x|: 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0, so neither side overflows and tiny
  // results keep their precision.
  const typename V::Reg e = exp_v<V>(V::sub(V::set1(0.0f), V::abs(x)));
  const typename V::Reg s = V::div(V::set1(1.0f), V::add(V::set1(1.0f), e));
  return V::select(V::lt(x, V::set1(0.0f)), V::mul(e, s), s);
}

template <typename V, typename F, typename S>
void unary_loop(index_t n, const float* x, float* out, F f, S scalar) {
  index_t i = 0;
  for (; i + V::kWidth <= n; i += V::kWidth) V::store(out + i, f(V::load(x + i)));
  for (; i < n; ++i) out[i] = scalar(x[i]);
}

template <typename V>
void unary_dispatch(UnaryOp op, index_t n, const float* x, float* out) {
  using S = simd::VecScalar;
  switch (op) {
    case UnaryOp::Exp: return unary_loop<V>(n, x, out, exp_v<V>, exp_v<S>);
    case UnaryOp::Log: return unary_loop<V>(n, x, out, log_v<V>, log_v<S>);
    case UnaryOp::Tanh: return unary_loop<V>(n, x, out, tanh_v<V>, tanh_v<S>);
    case UnaryOp::Sigmoid: return unary_loop<V>(n, x, out, sigmoid_v<V>, sigmoid_v<S>);
  }
}

}  // namespace
}  // namespace nn::elementwise
