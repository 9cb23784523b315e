// Row softmax / log-softmax, portable (one lane at a time).
#include "kernels/softmax/softmax_impl.h"

namespace nn::softmax {

void softmax_f32_ref(index_t rows, index_t n, const float* x, float* out, bool log) { softmax_rows<simd::VecScalar>(rows, n, x, out, log); }

}  // namespace nn::softmax
