// Reductions for the avx512 kernel table (compiled with -mavx512f).
#include "kernels/reduce/reduce_impl.h"
#include "kernels/simd/vec_avx512.h"

namespace nn::reduce {

void reduce_f32_avx512(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out) {
  reduce_dispatch<simd::VecAvx512>(op, outer, n, inner, x, out);
}

void arg_reduce_f32_avx512(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  arg_reduce_dispatch<simd::VecAvx512>(max, outer, n, inner, x, values, indices);
}

}  // namespace nn::reduce
