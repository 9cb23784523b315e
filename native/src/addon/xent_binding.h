// Entry points of the fused softmax cross-entropy kernels (registered in binding.cc).
#pragma once
#include <napi.h>

namespace nn::addon {

// crossEntropyForwardF32(n, c, x, target, weight | null, ignoreIndex, labelSmoothing, loss, stats)
Napi::Value CrossEntropyForwardF32(const Napi::CallbackInfo& info);
// crossEntropyBackwardF32(n, c, x, target, weight | null, ignoreIndex, labelSmoothing, stats, gradLoss, gradX)
Napi::Value CrossEntropyBackwardF32(const Napi::CallbackInfo& info);

}  // namespace nn::addon
