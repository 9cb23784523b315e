// The elementwise binary loops (contiguous and broadcast rows), written once over a vector type V (see kernels/simd) and instantiated per ISA.
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

// a: (n,), y broadcast along it (the scalar side may be either operand; op order is kept).
template <typename V, bool kScalarRight, typename Op>
void binary_scalar_loop(index_t n, const float* a, float y, float* out, Op op) {
  const typename V::Reg vy = V::set1(y);
  index_t i = 0;
  for (; i + V::kWidth <= n; i += V::kWidth) {
    const typename V::Reg va = V::load(a + i);
    V::store(out + i, kScalarRight ? op.template apply<V>(va, vy) : op.template apply<V>(vy, va));
  }
  for (; i < n; ++i) out[i] = kScalarRight ? op.template apply<simd::VecScalar>(a[i], y) : op.template apply<simd::VecScalar>(y, a[i]);
}

// out: (rows, n); each operand row r starts at r * row stride and steps by its col stride (0 or 1) along the row.
template <typename V, typename Op>
void binary_broadcast_loop(index_t rows, index_t n, const float* a, index_t a_row, index_t a_col, const float* b,
                           index_t b_row, index_t b_col, float* out, Op op) {
  if (n == 0) return;  // empty rows read nothing, not even a broadcast operand's first element
  for (index_t r = 0; r < rows; ++r) {
    const float* ar = a + r * a_row;
    const float* br = b + r * b_row;
    float* o = out + r * n;
    if (a_col != 0 && b_col != 0) {
      binary_loop<V>(n, ar, br, o, op);
    } else if (a_col != 0) {
      binary_scalar_loop<V, true>(n, ar, *br, o, op);
    } else if (b_col != 0) {
      binary_scalar_loop<V, false>(n, br, *ar, o, op);
    } else {
      const float v = op.template apply<simd::VecScalar>(*ar, *br);
      for (index_t i = 0; i < n; ++i) o[i] = v;
    }
  }
}

template <typename V>
void binary_dispatch(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  switch (op) {
    case BinaryOp::Add: return binary_loop<V>(n, a, b, out, Add{});
    case BinaryOp::Sub: return binary_loop<V>(n, a, b, out, Sub{});
    case BinaryOp::Mul: return binary_loop<V>(n, a, b, out, Mul{});
    case BinaryOp::Div: return binary_loop<V>(n, a, b, out, Div{});
  }
}

template <typename V>
void binary_broadcast_dispatch(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                               const float* b, index_t b_row, index_t b_col, float* out) {
  switch (op) {
    case BinaryOp::Add: return binary_broadcast_loop<V>(rows, n, a, a_row, a_col, b, b_row, b_col, out, Add{});
    case BinaryOp::Sub: return binary_broadcast_loop<V>(rows, n, a, a_row, a_col, b, b_row, b_col, out, Sub{});
    case BinaryOp::Mul: return binary_broadcast_loop<V>(rows, n, a, a_row, a_col, b, b_row, b_col, out, Mul{});
    case BinaryOp::Div: return binary_broadcast_loop<V>(rows, n, a, a_row, a_col, b, b_row, b_col, out, Div{});
  }
}

}  // namespace
}  // namespace nn::elementwise
