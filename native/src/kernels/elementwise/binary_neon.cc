// NEON elementwise binary kernels for arm64: 4 floats per instruction.
#include "kernels/elementwise/binary_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::elementwise {

void binary_f32_neon(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecNeon>(op, n, a, b, out);
}

void binary_broadcast_f32_neon(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                               const float* b, index_t b_row, index_t b_col, float* out) {
  binary_broadcast_dispatch<simd::VecNeon>(op, rows, n, a, a_row, a_col, b, b_row, b_col, out);
}

}  // namespace nn::elementwise
