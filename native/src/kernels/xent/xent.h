// Softmax cross-entropy over rows of float32 logits, fused: per-row loss forward, logits gradient backward.
// Shapes: N = rows (batch), C = classes. w[c] = weight[c] (all ones without weights), W = sum_c w[c],
// eps = label smoothing, t = target[i], lse = log sum_c exp(x[i, c]).
#pragma once
#include <cstdint>

#include "kernels/types.h"

namespace nn::xent {

// x: (N, C) row-major; target: (N), each in [0, C) or equal to ignore_index (checked by the caller);
// weight: (C) or nullptr; loss: (N); stats: (N, 2).
// loss[i] = (1 - eps) w[t] (lse - x[i, t]) + eps / C sum_c w[c] (lse - x[i, c]), and 0 for ignored rows.
// stats[i] = (max_c x[i, c], log sum_c exp(x[i, c] - max)), lse = their sum: kept apart so that x - lse stays exact
// near the max even for logits of 1e4, where lse itself rounds by 1e-3. Ignored rows get (0, 0).
// eps = 0 skips the smoothing term entirely (as PyTorch does), so a -inf logit elsewhere does not make NaN.
using XentForwardF32Fn = void (*)(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                                  std::int32_t ignore_index, float label_smoothing, float* loss, float* stats);

// The gradient of sum_i grad_loss[i] * loss[i] with respect to x, from x and the forward's stats in one pass:
// grad_x[i, c] = grad_loss[i] (((1 - eps) w[t] + eps W / C) p[i, c] - eps w[c] / C - (1 - eps) w[t] [c == t]),
// p = exp(x - lse); rows that are ignored are 0. grad_x: (N, C), may alias x; grad_loss: (N).
using XentBackwardF32Fn = void (*)(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                                   std::int32_t ignore_index, float label_smoothing, const float* stats,
                                   const float* grad_loss, float* grad_x);

void xent_forward_f32_ref(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                          std::int32_t ignore_index, float label_smoothing, float* loss, float* stats);
void xent_backward_f32_ref(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                           std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                           float* grad_x);
#if defined(NN_HAVE_AVX2)
void xent_forward_f32_avx2(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                           std::int32_t ignore_index, float label_smoothing, float* loss, float* stats);
void xent_backward_f32_avx2(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                            std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                            float* grad_x);
#endif
#if defined(NN_HAVE_AVX512)
void xent_forward_f32_avx512(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                             std::int32_t ignore_index, float label_smoothing, float* loss, float* stats);
void xent_backward_f32_avx512(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                              std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                              float* grad_x);
#endif
#if defined(NN_HAVE_NEON)
void xent_forward_f32_neon(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                           std::int32_t ignore_index, float label_smoothing, float* loss, float* stats);
void xent_backward_f32_neon(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                            std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                            float* grad_x);
#endif

}  // namespace nn::xent
