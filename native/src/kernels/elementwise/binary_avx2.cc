// AVX2 elementwise binary kernels: 8 floats per instruction (compiled with -mavx2 -mfma).
#include "kernels/elementwise/binary_impl.h"
#include "kernels/simd/vec_avx2.h"

namespace nn::elementwise {

void binary_f32_avx2(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecAvx2>(op, n, a, b, out);
}

void binary_broadcast_f32_avx2(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                               const float* b, index_t b_row, index_t b_col, float* out) {
  binary_broadcast_dispatch<simd::VecAvx2>(op, rows, n, a, a_row, a_col, b, b_row, b_col, out);
}

}  // namespace nn::elementwise
