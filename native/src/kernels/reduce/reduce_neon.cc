// Reductions for the neon kernel table (arm64).
#include "kernels/reduce/reduce_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::reduce {

void reduce_f32_neon(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out) {
  reduce_dispatch<simd::VecNeon>(op, outer, n, inner, x, out);
}

void arg_reduce_f32_neon(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  arg_reduce_dispatch<simd::VecNeon>(max, outer, n, inner, x, values, indices);
}

}  // namespace nn::reduce
