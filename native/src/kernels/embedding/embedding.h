// Embedding lookup over a float32 table: gather rows by int32 index (forward) and scatter-add rows back (backward).
// Shapes: V = rows of the table (vocabulary), D = row length (embedding dim), n = number of indices.
#pragma once
#include <cstdint>

#include "kernels/types.h"

namespace nn::embedding {

// weight: (V, D), index: (n) each in [0, V) (checked by the caller), out: (n, D); out[k] = weight[index[k]].
using GatherF32Fn = void (*)(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out);

// grad_out: (n, D), index: (n) each in [0, V), grad_weight: (V, D), accumulated into (not cleared):
// grad_weight[index[k]] += grad_out[k] in order of k, so repeated indices accumulate deterministically. Rows whose
// index equals padding_idx are skipped (no gradient, as PyTorch's padding_idx); padding_idx < 0 skips none.
using ScatterAddF32Fn = void (*)(index_t n, index_t d, const float* grad_out, const std::int32_t* index,
                                 std::int64_t padding_idx, float* grad_weight);

void gather_f32_ref(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out);
void scatter_add_f32_ref(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                         float* grad_weight);
#if defined(NN_HAVE_AVX2)
void gather_f32_avx2(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out);
void scatter_add_f32_avx2(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                          float* grad_weight);
#endif
#if defined(NN_HAVE_AVX512)
void gather_f32_avx512(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out);
void scatter_add_f32_avx512(index_t n, index_t d, const float* grad_out, const std::int32_t* index,
                            std::int64_t padding_idx, float* grad_weight);
#endif
#if defined(NN_HAVE_NEON)
void gather_f32_neon(index_t n, index_t d, const float* weight, const std::int32_t* index, float* out);
void scatter_add_f32_neon(index_t n, index_t d, const float* grad_out, const std::int32_t* index, std::int64_t padding_idx,
                          float* grad_weight);
#endif

}  // namespace nn::embedding
