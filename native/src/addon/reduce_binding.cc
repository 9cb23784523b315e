// Bindings of the reduction kernels: unpack, check sizes, lengths and aliasing, call one kernel.
#include "addon/reduce_binding.h"

#include <cstdint>
#include <string>

#include "addon/args.h"
#include "addon/overlap.h"
#include "kernels/reduce/reduce.h"
#include "runtime/dispatch.h"

namespace nn::addon {
namespace {

// count elements from offset must lie in the array; counts are products of sizes below 2^53 each, so they are
// formed in long double and never overflow before the check.
template <typename T>
void check_count(const Args& args, const char* name, const Span<T>& s, index_t offset, long double count, const std::string& what) {
  if (count > 0 && static_cast<long double>(offset) + count > static_cast<long double>(s.length)) {
    args.fail_range(std::string(name) + " (length " + std::to_string(s.length) + ") is too short for " + what + " at offset " +
                    std::to_string(offset));
  }
}

std::string shape3(index_t outer, index_t n, index_t inner) {
  return "(" + std::to_string(outer) + ", " + std::to_string(n) + ", " + std::to_string(inner) + ")";
}

// x: (outer, n, inner); each output: (outer, inner).
template <typename T>
void check_io(const Args& args, const F32Span& x, index_t x_off, const char* name, const Span<T>& out, index_t out_off,
              index_t outer, index_t n, index_t inner) {
  check_count(args, "x", x, x_off, static_cast<long double>(outer) * n * inner, shape3(outer, n, inner));
  check_count(args, name, out, out_off, static_cast<long double>(outer) * inner,
              "(" + std::to_string(outer) + ", " + std::to_string(inner) + ")");
}

template <typename T>
Span<T> from(const Span<T>& s, index_t offset) { return Span<T>{s.data + offset, s.length - offset}; }

}  // namespace

Napi::Value ReduceF32(const Napi::CallbackInfo& info) {
  const Args args(info, "reduceF32", 8);
  const index_t op = args.index(0, "op");
  if (op >= reduce::kReduceOpCount) args.fail_range("op must be 0..3 (sum, mean, max, min), got " + std::to_string(op));
  const index_t outer = args.index(1, "outer"), n = args.index(2, "n"), inner = args.index(3, "inner");
  const F32Span x = args.f32(4, "x");
  const index_t x_off = args.index(5, "xOffset");
  const F32Span out = args.f32(6, "out");
  const index_t out_off = args.index(7, "outOffset");
  check_io(args, x, x_off, "out", out, out_off, outer, n, inner);
  if (outer == 0 || inner == 0) return info.Env().Undefined();
  const auto rop = static_cast<reduce::ReduceOp>(op);
  if (n == 0 && (rop == reduce::ReduceOp::Max || rop == reduce::ReduceOp::Min)) {
    args.fail_range("n must be at least 1 for max and min (an empty reduction has no extreme), got 0");
  }
  if (spans_overlap(from(out, out_off), outer * inner, from(x, x_off), outer * n * inner)) {
    args.fail_range("out must not share memory with x");
  }
  runtime::kernels().reduce_f32(rop, outer, n, inner, x.data + x_off, out.data + out_off);
  return info.Env().Undefined();
}

Napi::Value ArgReduceF32(const Napi::CallbackInfo& info) {
  const Args args(info, "argReduceF32", 10);
  const bool max = args.boolean(0, "max");
  const index_t outer = args.index(1, "outer"), n = args.index(2, "n"), inner = args.index(3, "inner");
  const F32Span x = args.f32(4, "x");
  const index_t x_off = args.index(5, "xOffset");
  const F32Span values = args.f32(6, "values");
  const index_t values_off = args.index(7, "valuesOffset");
  const I32Span indices = args.i32(8, "indices");
  const index_t indices_off = args.index(9, "indicesOffset");
  check_io(args, x, x_off, "values", values, values_off, outer, n, inner);
  check_io(args, x, x_off, "indices", indices, indices_off, outer, n, inner);
  if (outer == 0 || inner == 0) return info.Env().Undefined();
  if (n == 0) args.fail_range("n must be at least 1 (an empty reduction has no extreme), got 0");
  if (n > INT32_MAX) args.fail_range("n must fit the int32 indices (at most 2147483647), got " + std::to_string(n));
  const index_t m = outer * inner;
  const F32Span xs = from(x, x_off), vs = from(values, values_off);
  const I32Span is = from(indices, indices_off);
  if (spans_overlap(vs, m, xs, m * n) || spans_overlap(is, m, xs, m * n) || spans_overlap(vs, m, is, m)) {
    args.fail_range("values, indices and x must not share memory");
  }
  runtime::kernels().arg_reduce_f32(max, outer, n, inner, xs.data, vs.data, is.data);
  return info.Env().Undefined();
}

}  // namespace nn::addon
