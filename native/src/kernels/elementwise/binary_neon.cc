// NEON elementwise binary kernels for arm64: 4 floats per instruction.
#include "kernels/elementwise/binary_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::elementwise {

void binary_f32_neon(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecNeon>(op, n, a, b, out);
}

}  // namespace nn::elementwise
