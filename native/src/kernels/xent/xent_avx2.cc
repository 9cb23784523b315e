// Fused softmax cross-entropy forward and backward, for the avx2 kernel table.
#include "kernels/xent/xent_impl.h"
#include "kernels/simd/vec_avx2.h"

namespace nn::xent {

void xent_forward_f32_avx2(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                           std::int32_t ignore_index, float label_smoothing, float* loss, float* stats) {
  xent_forward<simd::VecAvx2>(n, c, x, target, weight, ignore_index, label_smoothing, loss, stats);
}

void xent_backward_f32_avx2(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                            std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                            float* grad_x) {
  xent_backward<simd::VecAvx2>(n, c, x, target, weight, ignore_index, label_smoothing, stats, grad_loss, grad_x);
}

}  // namespace nn::xent
