// Row softmax / log-softmax for the avx512 kernel table.
#include "kernels/softmax/softmax_impl.h"
#include "kernels/simd/vec_avx512.h"

namespace nn::softmax {

void softmax_f32_avx512(index_t rows, index_t n, const float* x, float* out, bool log) { softmax_rows<simd::VecAvx512>(rows, n, x, out, log); }

}  // namespace nn::softmax
