// Embedding gather and scatter-add, for the neon kernel table.
#include "kernels/embedding/embedding_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::embedding {

void gather_f32_neon(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out) {
  gather_rows<simd::VecNeon>(n, d, weight, index, out);
}

void scatter_add_f32_neon(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                          float* grad_weight) {
  scatter_add_rows<simd::VecNeon>(n, d, grad_out, index, padding_idx, grad_weight);
}

}  // namespace nn::embedding
