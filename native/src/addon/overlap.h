// Whether two typed-array ranges share bytes (they may be views of one ArrayBuffer), for the bindings' alias checks.
#pragma once
#include <cstdint>

#include "addon/args.h"

namespace nn::addon {

// [a.data, a.data + a_len) and [b.data, b.data + b_len) in bytes; empty ranges overlap nothing.
template <typename A, typename B>
bool spans_overlap(const Span<A>& a, index_t a_len, const Span<B>& b, index_t b_len) {
  if (a.data == nullptr || b.data == nullptr || a_len <= 0 || b_len <= 0) return false;
  const auto a0 = reinterpret_cast<std::uintptr_t>(a.data), b0 = reinterpret_cast<std::uintptr_t>(b.data);
  const auto a1 = a0 + static_cast<std::uintptr_t>(a_len) * sizeof(A), b1 = b0 + static_cast<std::uintptr_t>(b_len) * sizeof(B);
  return a0 < b1 && b0 < a1;
}

}  // namespace nn::addon
