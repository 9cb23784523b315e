// Portable elementwise binary kernels (one lane at a time; the compiler may still vectorise for the baseline ISA).
#include "kernels/elementwise/binary_impl.h"

namespace nn::elementwise {

void binary_f32_ref(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecScalar>(op, n, a, b, out);
}

void binary_broadcast_f32_ref(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                              const float* b, index_t b_row, index_t b_col, float* out) {
  binary_broadcast_dispatch<simd::VecScalar>(op, rows, n, a, a_row, a_col, b, b_row, b_col, out);
}

}  // namespace nn::elementwise
