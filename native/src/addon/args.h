// Argument unpacking for the bindings: typed checks with messages that name the function and argument.
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "kernels/types.h"

namespace nn::addon {

// A typed-array argument: its data pointer (byte offset applied) and element count.
template <typename T>
struct Span {
  T* data;
  index_t length;
};
using F32Span = Span<float>;
using F64Span = Span<double>;
using I32Span = Span<std::int32_t>;

class Args {
 public:
  Args(const Napi::CallbackInfo& info, const char* fn, std::size_t expected);

  bool boolean(std::size_t i, const char* name) const;
  // A non-negative integer that fits a double exactly (sizes, strides, offsets, op codes).
  index_t index(std::size_t i, const char* name) const;
  float number_f32(std::size_t i, const char* name) const;
  double number(std::size_t i, const char* name) const;
  F32Span f32(std::size_t i, const char* name) const;
  F64Span f64(std::size_t i, const char* name) const;
  I32Span i32(std::size_t i, const char* name) const;
  // A JavaScript Array of Float32Arrays (e.g. the tensors of a parameter group).
  std::vector<F32Span> f32_list(std::size_t i, const char* name) const;

  // Throws unless a (rows, cols) matrix with row stride ld starting at offset lies inside span.
  template <typename T>
  void check_matrix(const char* name, const Span<T>& span, index_t offset, index_t rows, index_t cols, index_t ld) const {
    check_matrix_length(name, span.length, offset, rows, cols, ld);
  }
  // Throws unless [offset, offset + n) lies inside span.
  template <typename T>
  void check_range(const char* name, const Span<T>& span, index_t offset, index_t n) const {
    check_range_length(name, span.length, offset, n);
  }

  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void fail_range(const std::string& message) const;

 private:
  void check_matrix_length(const char* name, index_t length, index_t offset, index_t rows, index_t cols, index_t ld) const;
  void check_range_length(const char* name, index_t length, index_t offset, index_t n) const;
  template <typename T>
  Span<T> typed(std::size_t i, const char* name, napi_typedarray_type type, const char* type_name) const;

  const Napi::CallbackInfo& info_;
  const char* fn_;
};

// Kernel failures (allocation) become JavaScript errors instead of terminating the process.
template <typename Fn>
Napi::Value guarded(const Napi::CallbackInfo& info, const char* fn, Fn body) {
  try {
    body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), std::string(fn) + ": " + e.what());
  }
  return info.Env().Undefined();
}

}  // namespace nn::addon
