// Argument unpacking for the bindings: typed checks with messages that name the function and argument.
#pragma once
#include <napi.h>

#include <cstddef>
#include <string>

#include "kernels/types.h"

namespace nn::addon {

// A Float32Array argument: its data pointer (byte offset applied) and element count.
struct F32Span {
  float* data;
  index_t length;
};

class Args {
 public:
  Args(const Napi::CallbackInfo& info, const char* fn, std::size_t expected);

  bool boolean(std::size_t i, const char* name) const;
  // A non-negative integer that fits a double exactly (sizes, strides, offsets, op codes).
  index_t index(std::size_t i, const char* name) const;
  float number_f32(std::size_t i, const char* name) const;
  F32Span f32(std::size_t i, const char* name) const;

  // Throws unless a (rows, cols) matrix with row stride ld starting at offset lies inside span.
  void check_matrix(const char* name, const F32Span& span, index_t offset, index_t rows, index_t cols,
                    index_t ld) const;
  // Throws unless [offset, offset + n) lies inside span.
  void check_range(const char* name, const F32Span& span, index_t offset, index_t n) const;

  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void fail_range(const std::string& message) const;

 private:
  const Napi::CallbackInfo& info_;
  const char* fn_;
};

}  // namespace nn::addon
