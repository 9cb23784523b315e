// Embedding gather and scatter-add written once over a vector type V: whole-row vector copies and adds.
#pragma once
#include <algorithm>
#include <cstdint>

#include "kernels/embedding/embedding.h"
#include "runtime/threads.h"

namespace nn::embedding {
namespace {

// Copies from this many floats on are split over the pool: one core's copy of a (64, 20000) batch of dense rows
// from DRAM ran at about 8 GB/s here, below what two cores draw.
constexpr index_t kParallelGatherMin = index_t{1} << 17;

// Rows [lo, hi) of the gather below.
template <typename V>
void gather_range(index_t lo, index_t hi, index_t d, const float* weight, const std::int32_t* index, float* out) {
  for (index_t k = lo; k < hi; ++k) {
    const float* src = weight + static_cast<index_t>(index[k]) * d;
    float* dst = out + k * d;
    index_t j = 0;
    for (; j + V::kWidth <= d; j += V::kWidth) V::store(dst + j, V::load(src + j));
    for (; j < d; ++j) dst[j] = src[j];
  }
}

// weight: (V, D), index: (n), out: (n, D).
template <typename V>
void gather_rows(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out) {
  const index_t tasks = std::min<index_t>({runtime::num_threads(), n, n * d / kParallelGatherMin});
  if (tasks <= 1) {
    gather_range<V>(0, n, d, weight, index, out);
    return;
  }
  runtime::parallel_for(static_cast<int>(tasks), [&](int t) {
    gather_range<V>(n * t / tasks, n * (t + 1) / tasks, d, weight, index, out);
  });
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
