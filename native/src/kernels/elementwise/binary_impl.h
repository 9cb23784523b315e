// The elementwise binary loop, written once over a vector type V (see kernels/simd) and instantiated per ISA.
#pragma once
#include "kernels/elementwise/binary.h"
#include "kernels/simd/vec_scalar.h"

namespace nn::elementwise {
namespace {

// a, b, out: (n,); V::kWidth lanes per step, then a scalar tail with the same operation.
template <typename V, typename Op>
void binary_loop(index_t n, const float* a, const float* b, float* out, Op op) {
  index_t i = 0;
  for (; i + V::kWidth <= n; i += V::kWidth) V::store(out + i, op.template apply<V>(V::load(a + i), V::load(b + i)));
  for (; i < n; ++i) out[i] = op.template apply<simd::VecScalar>(a[i], b[i]);
}

struct Add { template <typename V> static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::add(x, y); } };
struct Sub { template <typename V> static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::sub(x, y); } };
struct Mul { template <typename V> static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::mul(x, y); } };
struct Div { template <typename V> static typename V::Reg apply(typename V::Reg x, typename V::Reg y) { return V::div(x, y); } };

template <typename V>
void binary_dispatch(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  switch (op) {
    case BinaryOp::Add: return binary_loop<V>(n, a, b, out, Add{});
    case BinaryOp::Sub: return binary_loop<V>(n, a, b, out, Sub{});
    case BinaryOp::Mul: return binary_loop<V>(n, a, b, out, Mul{});
    case BinaryOp::Div: return binary_loop<V>(n, a, b, out, Div{});
  }
}

}  // namespace
}  // namespace nn::elementwise
