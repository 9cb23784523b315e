// Argument unpacking for the bindings (no math: type, range and bounds checks only).
#include "addon/args.h"

#include <cmath>

namespace nn::addon {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

const char* typed_array_name(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: return "Int8Array";
    case napi_uint8_array: return "Uint8Array";
    case napi_uint8_clamped_array: return "Uint8ClampedArray";
    case napi_int16_array: return "Int16Array";
    case napi_uint16_array: return "Uint16Array";
    case napi_int32_array: return "Int32Array";
    case napi_uint32_array: return "Uint32Array";
    case napi_float32_array: return "Float32Array";
    case napi_float64_array: return "Float64Array";
    case napi_bigint64_array: return "BigInt64Array";
    case napi_biguint64_array: return "BigUint64Array";
    default: return "typed array";
  }
}

std::string describe(const Napi::Value& v) {
  if (v.IsTypedArray()) return typed_array_name(v.As<Napi::TypedArray>().TypedArrayType());
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsBoolean()) return "boolean";
  if (v.IsNumber()) return "number " + std::to_string(v.As<Napi::Number>().DoubleValue());
  if (v.IsString()) return "string";
  if (v.IsArray()) return "Array";
  return "object";
}

// v's element type, length and first element when it is a typed array; false otherwise. One N-API call: a binding
// takes several arrays per call, and the wrapper classes' checks cost three calls each (about 0.1 us apiece).
bool typed_array_of(napi_env env, napi_value v, napi_typedarray_type* type, std::size_t* length, void** data) {
  return napi_get_typedarray_info(env, v, type, length, data, nullptr, nullptr) == napi_ok;
}

}  // namespace

Args::Args(const Napi::CallbackInfo& info, const char* fn, std::size_t expected) : info_(info), fn_(fn) {
  if (info.Length() != expected) {
    fail("expected " + std::to_string(expected) + " arguments, got " + std::to_string(info.Length()));
  }
}

void Args::fail(const std::string& message) const {
  throw Napi::TypeError::New(info_.Env(), std::string(fn_) + ": " + message);
}

void Args::fail_range(const std::string& message) const {
  throw Napi::RangeError::New(info_.Env(), std::string(fn_) + ": " + message);
}

bool Args::boolean(std::size_t i, const char* name) const {
  const Napi::Value v = info_[i];
  bool b = false;
  if (napi_get_value_bool(info_.Env(), v, &b) != napi_ok) fail(std::string(name) + " must be a boolean, got " + describe(v));
  return b;
}

index_t Args::index(std::size_t i, const char* name) const {
  const double d = number(i, name);
  if (!(d >= 0.0) || d > kMaxSafeInteger || std::floor(d) != d) {
    fail_range(std::string(name) + " must be a non-negative integer, got " + std::to_string(d));
  }
  return static_cast<index_t>(d);
}

float Args::number_f32(std::size_t i, const char* name) const { return static_cast<float>(number(i, name)); }

// One N-API call (it fails on anything but a number) instead of a type query and then a read.
double Args::number(std::size_t i, const char* name) const {
  const Napi::Value v = info_[i];
  double d = 0.0;
  if (napi_get_value_double(info_.Env(), v, &d) != napi_ok) fail(std::string(name) + " must be a number, got " + describe(v));
  return d;
}

template <typename T>
Span<T> Args::typed(std::size_t i, const char* name, napi_typedarray_type type, const char* type_name) const {
  const Napi::Value v = info_[i];
  napi_typedarray_type got;
  std::size_t length = 0;
  void* data = nullptr;
  if (!typed_array_of(info_.Env(), v, &got, &length, &data) || got != type) {
    fail(std::string(name) + " must be a " + type_name + ", got " + describe(v));
  }
  return Span<T>{static_cast<T*>(data), static_cast<index_t>(length)};
}

F32Span Args::f32(std::size_t i, const char* name) const { return typed<float>(i, name, napi_float32_array, "Float32Array"); }
F64Span Args::f64(std::size_t i, const char* name) const { return typed<double>(i, name, napi_float64_array, "Float64Array"); }
I32Span Args::i32(std::size_t i, const char* name) const { return typed<std::int32_t>(i, name, napi_int32_array, "Int32Array"); }

std::vector<F32Span> Args::f32_list(std::size_t i, const char* name) const {
  const Napi::Value v = info_[i];
  if (!v.IsArray()) fail(std::string(name) + " must be an Array of Float32Array, got " + describe(v));
  const napi_env env = info_.Env();
  std::uint32_t count = 0;
  napi_get_array_length(env, v, &count);
  std::vector<F32Span> out;
  out.reserve(count);
  for (std::uint32_t k = 0; k < count; ++k) {
    napi_value e = nullptr;
    napi_typedarray_type got;
    std::size_t length = 0;
    void* data = nullptr;
    if (napi_get_element(env, v, k, &e) != napi_ok || !typed_array_of(env, e, &got, &length, &data) ||
        got != napi_float32_array) {
      fail(std::string(name) + "[" + std::to_string(k) + "] must be a Float32Array, got " +
           (e == nullptr ? std::string("nothing") : describe(Napi::Value(env, e))));
    }
    out.push_back(F32Span{static_cast<float*>(data), static_cast<index_t>(length)});
  }
  return out;
}

void Args::check_matrix_length(const char* name, index_t length, index_t offset, index_t rows, index_t cols,
                               index_t ld) const {
  if (rows == 0 || cols == 0) return;
  if (ld < cols) {
    fail_range(std::string("leading dimension of ") + name + " is " + std::to_string(ld) +
               ", smaller than its row length " + std::to_string(cols));
  }
  // Sizes come from safe integers (< 2^53); compare in long double to rule out overflow.
  const long double needed = static_cast<long double>(offset) + static_cast<long double>(rows - 1) * ld + cols;
  if (needed > static_cast<long double>(length)) {
    fail_range(std::string(name) + " (length " + std::to_string(length) + ") is too short for a " +
               std::to_string(rows) + "x" + std::to_string(cols) + " matrix at offset " + std::to_string(offset) +
               " with leading dimension " + std::to_string(ld));
  }
}

void Args::check_range_length(const char* name, index_t length, index_t offset, index_t n) const {
  if (n == 0) return;
  if (static_cast<long double>(offset) + n > static_cast<long double>(length)) {
    fail_range(std::string(name) + " (length " + std::to_string(length) + ") is too short for " +
               std::to_string(n) + " elements at offset " + std::to_string(offset));
  }
}

}  // namespace nn::addon
