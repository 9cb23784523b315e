// Entry point of the broadcast binary kernel (registered in binding.cc).
#pragma once
#include <napi.h>

namespace nn::addon {

// binaryBroadcastF32(op, rows, n, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, out, outOffset)
Napi::Value BinaryBroadcastF32(const Napi::CallbackInfo& info);

}  // namespace nn::addon
