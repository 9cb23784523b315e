// Row softmax / log-softmax for the neon kernel table.
#include "kernels/softmax/softmax_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::softmax {

void softmax_f32_neon(index_t rows, index_t n, const float* x, float* out, bool log) { softmax_rows<simd::VecNeon>(rows, n, x, out, log); }

}  // namespace nn::softmax
