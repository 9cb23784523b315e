// Entry points of the reduction kernels (registered in binding.cc).
#pragma once
#include <napi.h>

namespace nn::addon {

// reduceF32(op, outer, n, inner, x, xOffset, out, outOffset): sum, mean, max or min over n of (outer, n, inner).
Napi::Value ReduceF32(const Napi::CallbackInfo& info);
// argReduceF32(max, outer, n, inner, x, xOffset, values, valuesOffset, indices, indicesOffset)
Napi::Value ArgReduceF32(const Napi::CallbackInfo& info);

}  // namespace nn::addon
