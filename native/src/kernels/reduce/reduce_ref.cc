// Portable reductions (one lane at a time).
#include "kernels/reduce/reduce_impl.h"

namespace nn::reduce {

void reduce_f32_ref(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out) {
  reduce_dispatch<simd::VecScalar>(op, outer, n, inner, x, out);
}

void arg_reduce_f32_ref(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  arg_reduce_dispatch<simd::VecScalar>(max, outer, n, inner, x, values, indices);
}

}  // namespace nn::reduce
