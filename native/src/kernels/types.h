// Shared scalar types for kernels: sizes and strides are 64-bit so large tensors never overflow.
#pragma once
#include <cstdint>

namespace nn {
using index_t = std::int64_t;
}  // namespace nn
