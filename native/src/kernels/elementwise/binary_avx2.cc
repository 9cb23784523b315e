// AVX2 elementwise binary kernels: 8 floats per instruction (compiled with -mavx2 -mfma).
#include "kernels/elementwise/binary_impl.h"
#include "kernels/simd/vec_avx2.h"

namespace nn::elementwise {

void binary_f32_avx2(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecAvx2>(op, n, a, b, out);
}

}  // namespace nn::elementwise
