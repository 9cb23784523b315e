// Portable elementwise binary kernels (also the tail loop of the SIMD versions).
#include "kernels/elementwise/binary.h"

namespace nn::elementwise {
namespace {

template <typename Op>
void apply(index_t n, const float* a, const float* b, float* out, Op op) {
  for (index_t i = 0; i < n; ++i) out[i] = op(a[i], b[i]);
}

}  // namespace

void binary_f32_ref(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  switch (op) {
    case BinaryOp::Add: return apply(n, a, b, out, [](float x, float y) { return x + y; });
    case BinaryOp::Sub: return apply(n, a, b, out, [](float x, float y) { return x - y; });
    case BinaryOp::Mul: return apply(n, a, b, out, [](float x, float y) { return x * y; });
    case BinaryOp::Div: return apply(n, a, b, out, [](float x, float y) { return x / y; });
  }
}

}  // namespace nn::elementwise
