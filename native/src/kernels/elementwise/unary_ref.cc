// Portable elementwise transcendental kernels (one lane at a time).
#include "kernels/elementwise/unary_impl.h"

namespace nn::elementwise {

void unary_f32_ref(UnaryOp op, index_t n, const float* x, float* out) { unary_dispatch<simd::VecScalar>(op, n, x, out); }

}  // namespace nn::elementwise
