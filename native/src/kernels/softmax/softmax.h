// Softmax and log-softmax along the last dim of a contiguous float32 matrix, computed stably (max-shifted).
#pragma once
#include "kernels/types.h"

namespace nn::softmax {

// x, out: (rows, n) row-major; out may alias x. log = true gives log-softmax. A row holding NaN or +inf, or
// only -inf, comes out all NaN, as in PyTorch.
using SoftmaxF32Fn = void (*)(index_t rows, index_t n, const float* x, float* out, bool log);

void softmax_f32_ref(index_t rows, index_t n, const float* x, float* out, bool log);
#if defined(NN_HAVE_AVX2)
void softmax_f32_avx2(index_t rows, index_t n, const float* x, float* out, bool log);
#endif
#if defined(NN_HAVE_AVX512)
void softmax_f32_avx512(index_t rows, index_t n, const float* x, float* out, bool log);
#endif
#if defined(NN_HAVE_NEON)
void softmax_f32_neon(index_t rows, index_t n, const float* x, float* out, bool log);
#endif

}  // namespace nn::softmax
