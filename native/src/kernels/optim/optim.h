// Fused optimizer steps (SGD, Adam/AdamW, RMSProp, AdaGrad) on float32 buffers, equal to PyTorch 1.13's single-tensor loops.
#pragma once
#include <cstdint>

#include "kernels/types.h"

namespace nn::optim {

// One tensor of a parameter group: param, grad and state are (n,) float32, pairwise disjoint. param and state are
// updated in place, grad is only read. What state[k] holds depends on the optimizer (see the hyperparameter structs);
// a slot the options do not use may be null.
struct ParamBuffers {
  index_t n;
  float* param;
  const float* grad;
  float* state[3];
};

// Hyperparameters are doubles, like the Python floats PyTorch computes with: each kernel derives its float32
// coefficients with PyTorch's double expressions (1 - beta1 ** step, lr / bias_correction1, 1 - dampening, ...) and
// rounds them once, as PyTorch does when it applies a Python scalar to a float32 tensor. The float32 arithmetic then
// follows PyTorch's order; where PyTorch's vectorised CPU kernels fuse (add_ with alpha, addcmul_) so do these.

// SGD. state[0]: momentum_buffer, used when momentum != 0. On step 1 the buffer is set to the update direction
// (PyTorch clones d_p into a fresh buffer), so its previous contents are ignored.
struct SgdHyper {
  double lr, momentum, dampening, weight_decay;
  bool nesterov, maximize;
};

// Adam, or AdamW when decoupled (weight decay scales the parameter by 1 - lr * weight_decay instead of adding
// weight_decay * param to the gradient). state[0]: exp_avg, state[1]: exp_avg_sq, state[2]: max_exp_avg_sq (amsgrad).
struct AdamHyper {
  double lr, beta1, beta2, eps, weight_decay;
  bool amsgrad, maximize, decoupled;
};

// RMSProp. state[0]: square_avg, state[1]: grad_avg (centered), state[2]: momentum_buffer (momentum > 0).
struct RmspropHyper {
  double lr, alpha, eps, weight_decay, momentum;
  bool centered, maximize;
};

// AdaGrad. state[0]: sum (the caller fills it with initial_accumulator_value before the first step).
struct AdagradHyper {
  double lr, lr_decay, weight_decay, eps;
  bool maximize;
};

// step: the 1-based number of this step, i.e. PyTorch's state['step'] after its increment (RMSProp has none).
using SgdStepF32Fn = void (*)(const SgdHyper& h, std::int64_t step, const ParamBuffers& b);
using AdamStepF32Fn = void (*)(const AdamHyper& h, std::int64_t step, const ParamBuffers& b);
using RmspropStepF32Fn = void (*)(const RmspropHyper& h, const ParamBuffers& b);
using AdagradStepF32Fn = void (*)(const AdagradHyper& h, std::int64_t step, const ParamBuffers& b);

// One ISA's step kernels, an entry of the kernel table.
struct OptimKernelsF32 {
  SgdStepF32Fn sgd;
  AdamStepF32Fn adam;
  RmspropStepF32Fn rmsprop;
  AdagradStepF32Fn adagrad;
};

OptimKernelsF32 optim_kernels_f32_ref();
#if defined(NN_HAVE_AVX2)
OptimKernelsF32 optim_kernels_f32_avx2();
#endif
#if defined(NN_HAVE_AVX512)
OptimKernelsF32 optim_kernels_f32_avx512();
#endif
#if defined(NN_HAVE_NEON)
OptimKernelsF32 optim_kernels_f32_neon();
#endif

// Group steps: update all `count` tensors with kernels `k`. Large groups are cut into element ranges run on the
// thread pool; the update is elementwise, so the result does not depend on the split.
void sgd_step_group(const OptimKernelsF32& k, const SgdHyper& h, std::int64_t step, const ParamBuffers* tensors, index_t count);
void adam_step_group(const OptimKernelsF32& k, const AdamHyper& h, std::int64_t step, const ParamBuffers* tensors, index_t count);
void rmsprop_step_group(const OptimKernelsF32& k, const RmspropHyper& h, const ParamBuffers* tensors, index_t count);
void adagrad_step_group(const OptimKernelsF32& k, const AdagradHyper& h, std::int64_t step, const ParamBuffers* tensors, index_t count);

}  // namespace nn::optim
