// Reductions for the avx2 kernel table (compiled with -mavx2 -mfma).
#include "kernels/reduce/reduce_impl.h"
#include "kernels/simd/vec_avx2.h"

namespace nn::reduce {

void reduce_f32_avx2(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out) {
  reduce_dispatch<simd::VecAvx2>(op, outer, n, inner, x, out);
}

void arg_reduce_f32_avx2(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  arg_reduce_dispatch<simd::VecAvx2>(max, outer, n, inner, x, values, indices);
}

}  // namespace nn::reduce
