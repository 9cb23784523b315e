// AVX-512 elementwise transcendental kernels: 16 floats per step (compiled with -mavx512f).
#include "kernels/elementwise/unary_impl.h"
#include "kernels/simd/vec_avx512.h"

namespace nn::elementwise {

void unary_f32_avx512(UnaryOp op, index_t n, const float* x, float* out) { unary_dispatch<simd::VecAvx512>(op, n, x, out); }

}  // namespace nn::elementwise
