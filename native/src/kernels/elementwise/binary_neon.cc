// NEON elementwise binary kernels for arm64: 4 floats per instruction, scalar tail.
#include <arm_neon.h>

#include "kernels/elementwise/binary.h"

namespace nn::elementwise {
namespace {

struct AddV { float32x4_t operator()(float32x4_t x, float32x4_t y) const { return vaddq_f32(x, y); } float operator()(float x, float y) const { return x + y; } };
struct SubV { float32x4_t operator()(float32x4_t x, float32x4_t y) const { return vsubq_f32(x, y); } float operator()(float x, float y) const { return x - y; } };
struct MulV { float32x4_t operator()(float32x4_t x, float32x4_t y) const { return vmulq_f32(x, y); } float operator()(float x, float y) const { return x * y; } };
struct DivV { float32x4_t operator()(float32x4_t x, float32x4_t y) const { return vdivq_f32(x, y); } float operator()(float x, float y) const { return x / y; } };

template <typename Op>
void apply(index_t n, const float* a, const float* b, float* out, Op op) {
  index_t i = 0;
  for (; i + 4 <= n; i += 4) vst1q_f32(out + i, op(vld1q_f32(a + i), vld1q_f32(b + i)));
  for (; i < n; ++i) out[i] = op(a[i], b[i]);
}

}  // namespace

void binary_f32_neon(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  switch (op) {
    case BinaryOp::Add: return apply(n, a, b, out, AddV{});
    case BinaryOp::Sub: return apply(n, a, b, out, SubV{});
    case BinaryOp::Mul: return apply(n, a, b, out, MulV{});
    case BinaryOp::Div: return apply(n, a, b, out, DivV{});
  }
}

}  // namespace nn::elementwise
