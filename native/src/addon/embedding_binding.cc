// Bindings of the embedding gather / scatter-add kernels: unpack, check lengths, indices and aliasing, call one kernel.
#include "addon/embedding_binding.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "addon/args.h"
#include "addon/overlap.h"
#include "kernels/embedding/embedding.h"
#include "runtime/dispatch.h"

namespace nn::addon {
namespace {

// The kernels use every index as a row of the (v, d) table: each must lie in [0, v).
void check_indices(const Args& args, const I32Span& index, index_t n, index_t v) {
  args.check_range("index", index, 0, n);
  for (index_t k = 0; k < n; ++k) {
    const std::int32_t i = index.data[k];
    if (i < 0 || i >= v) {
      args.fail_range("index " + std::to_string(i) + " at position " + std::to_string(k) + " is out of range for " +
                      std::to_string(v) + " rows");
    }
  }
}

}  // namespace

Napi::Value EmbeddingGatherF32(const Napi::CallbackInfo& info) {
  const Args args(info, "embeddingGatherF32", 6);
  const index_t n = args.index(0, "n"), v = args.index(1, "v"), d = args.index(2, "d");
  const F32Span weight = args.f32(3, "weight");
  const I32Span index = args.i32(4, "index");
  const F32Span out = args.f32(5, "out");
  args.check_matrix("weight", weight, 0, v, d, d);
  args.check_matrix("out", out, 0, n, d, d);
  check_indices(args, index, n, v);
  if (spans_overlap(out, n * d, weight, v * d) || spans_overlap(out, n * d, index, n)) {
    args.fail_range("out must not share memory with weight or index");
  }
  if (d > 0) runtime::kernels().embedding_gather_f32(n, d, weight.data, index.data, out.data);
  return info.Env().Undefined();
}

Napi::Value EmbeddingScatterAddF32(const Napi::CallbackInfo& info) {
  const Args args(info, "embeddingScatterAddF32", 7);
  const index_t n = args.index(0, "n"), v = args.index(1, "v"), d = args.index(2, "d");
  const F32Span grad_out = args.f32(3, "gradOut");
  const I32Span index = args.i32(4, "index");
  const double padding = args.number(5, "paddingIdx");
  if (!(std::floor(padding) == padding && padding >= -1.0 && padding < static_cast<double>(v))) {
    args.fail_range("paddingIdx must be -1 (none) or a row in [0, " + std::to_string(v) + "), got " + std::to_string(padding));
  }
  const F32Span grad_weight = args.f32(6, "gradWeight");
  args.check_matrix("gradOut", grad_out, 0, n, d, d);
  args.check_matrix("gradWeight", grad_weight, 0, v, d, d);
  check_indices(args, index, n, v);
  if (spans_overlap(grad_weight, v * d, grad_out, n * d) || spans_overlap(grad_weight, v * d, index, n)) {
    args.fail_range("gradWeight must not share memory with gradOut or index");
  }
  if (d > 0) {
    runtime::kernels().embedding_scatter_add_f32(n, d, grad_out.data, index.data, static_cast<std::int64_t>(padding),
                                                 grad_weight.data);
  }
  return info.Env().Undefined();
}

}  // namespace nn::addon
