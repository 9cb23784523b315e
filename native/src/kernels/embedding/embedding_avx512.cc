// Embedding gather and scatter-add, for the avx512 kernel table.
#include "kernels/embedding/embedding_impl.h"
#include "kernels/simd/vec_avx512.h"

namespace nn::embedding {

void gather_f32_avx512(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out) {
  gather_rows<simd::VecAvx512>(n, d, weight, index, out);
}

void scatter_add_f32_avx512(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                            float* grad_weight) {
  scatter_add_rows<simd::VecAvx512>(n, d, grad_out, index, padding_idx, grad_weight);
}

}  // namespace nn::embedding
