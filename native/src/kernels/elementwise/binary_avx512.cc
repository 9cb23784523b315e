// AVX-512 elementwise binary kernels: 16 floats per instruction (compiled with -mavx512f).
#include "kernels/elementwise/binary_impl.h"
#include "kernels/simd/vec_avx512.h"

namespace nn::elementwise {

void binary_f32_avx512(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  binary_dispatch<simd::VecAvx512>(op, n, a, b, out);
}

}  // namespace nn::elementwise
