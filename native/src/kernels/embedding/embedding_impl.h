// Embedding gather and scatter-add written once over a vector type V: whole-row vector copies and adds.
#pragma once
#include <cstdint>

#include "kernels/embedding/embedding.h"

namespace nn::embedding {
namespace {

// weight: (V, D), index: (n), out: (n, D).
template <typename V>
void gather_rows(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out) {
  for (index_t k = 0; k < n; ++k) {
    const float* src = weight + static_cast<index_t>(index[k]) * d;
    float* dst = out + k * d;
    index_t j = 0;
    for (; j + V::kWidth <= d; j += V::kWidth) V::store(dst + j, V::load(src + j));
    for (; j < d; ++j) dst[j] = src[j];
  }
}

// grad_out: (n, D), index: (n), grad_weight: (V, D), accumulated into in order of k.
template <typename V>
void scatter_add_rows(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                      float* grad_weight) {
  for (index_t k = 0; k < n; ++k) {
    if (index[k] == padding_idx) continue;
    const float* src = grad_out + k * d;
    float* dst = grad_weight + static_cast<index_t>(index[k]) * d;
    index_t j = 0;
    for (; j + V::kWidth <= d; j += V::kWidth) V::store(dst + j, V::add(V::load(dst + j), V::load(src + j)));
    for (; j < d; ++j) dst[j] += src[j];
  }
}

}  // namespace
}  // namespace nn::embedding
