// Portable elementwise binary kernels (one lane at a time; the compiler may still vectorise for the baseline ISA).
#include "kernels/elementwise/binary_impl.h"

namespace nn::elementwise {

void binary_f32_ref(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecScalar>(op, n, a, b, out);
}

}  // namespace nn::elementwise
