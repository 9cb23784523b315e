// AVX2 elementwise transcendental kernels: 8 floats per step (compiled with -mavx2 -mfma).
#include "kernels/elementwise/unary_impl.h"
#include "kernels/simd/vec_avx2.h"

namespace nn::elementwise {

void unary_f32_avx2(UnaryOp op, index_t n, const float* x, float* out) { unary_dispatch<simd::VecAvx2>(op, n, x, out); }

}  // namespace nn::elementwise
