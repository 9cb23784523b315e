// Embedding gather and scatter-add, portable (one lane at a time).
#include "kernels/embedding/embedding_impl.h"
#include "kernels/simd/vec_scalar.h"

namespace nn::embedding {

void gather_f32_ref(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out) {
  gather_rows<simd::VecScalar>(n, d, weight, index, out);
}

void scatter_add_f32_ref(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                         float* grad_weight) {
  scatter_add_rows<simd::VecScalar>(n, d, grad_out, index, padding_idx, grad_weight);
}

}  // namespace nn::embedding
