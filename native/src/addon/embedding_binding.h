// Entry points of the embedding gather / scatter-add kernels (registered in binding.cc).
#pragma once
#include <napi.h>

namespace nn::addon {

// embeddingGatherF32(n, v, d, weight, index, out)
Napi::Value EmbeddingGatherF32(const Napi::CallbackInfo& info);
// embeddingScatterAddF32(n, v, d, gradOut, index, paddingIdx, gradWeight)
Napi::Value EmbeddingScatterAddF32(const Napi::CallbackInfo& info);

}  // namespace nn::addon
