// Entry points of the fused optimizer steps (registered in binding.cc); each updates a whole parameter group.
#pragma once
#include <napi.h>

namespace nn::addon {

// sgdStepF32(params, grads, momentumBuffers, lr, momentum, dampening, weightDecay, nesterov, maximize, step)
Napi::Value SgdStepF32(const Napi::CallbackInfo& info);
// adamStepF32(params, grads, expAvgs, expAvgSqs, maxExpAvgSqs, lr, beta1, beta2, eps, weightDecay, amsgrad,
//             maximize, decoupledWeightDecay, step)
Napi::Value AdamStepF32(const Napi::CallbackInfo& info);
// rmspropStepF32(params, grads, squareAvgs, gradAvgs, momentumBuffers, lr, alpha, eps, weightDecay, momentum,
//                centered, maximize)
Napi::Value RmspropStepF32(const Napi::CallbackInfo& info);
// adagradStepF32(params, grads, stateSums, lr, lrDecay, weightDecay, eps, maximize, step)
Napi::Value AdagradStepF32(const Napi::CallbackInfo& info);

}  // namespace nn::addon
