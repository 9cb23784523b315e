// NEON elementwise transcendental kernels for arm64: 4 floats per step.
#include "kernels/elementwise/unary_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::elementwise {

void unary_f32_neon(UnaryOp op, index_t n, const float* x, float* out) { unary_dispatch<simd::VecNeon>(op, n, x, out); }

}  // namespace nn::elementwise
