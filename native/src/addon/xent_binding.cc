// Bindings of the fused softmax cross-entropy kernels: unpack, check lengths, targets and aliasing, call one kernel.
#include "addon/xent_binding.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "addon/args.h"
#include "addon/overlap.h"
#include "kernels/xent/xent.h"
#include "runtime/dispatch.h"

namespace nn::addon {
namespace {

// The arguments forward and backward share (positions 0..6), checked.
struct XentArgs {
  index_t n, c;
  F32Span x;
  I32Span target;
  bool has_weight;
  F32Span weight;
  std::int32_t ignore_index;
  float label_smoothing;
};

XentArgs unpack_common(const Napi::CallbackInfo& info, const Args& args) {
  XentArgs a{};
  a.n = args.index(0, "n");
  a.c = args.index(1, "c");
  a.x = args.f32(2, "x");
  a.target = args.i32(3, "target");
  a.has_weight = !info[4].IsNull();
  a.weight = a.has_weight ? args.f32(4, "weight") : F32Span{nullptr, 0};
  const double ignore = args.number(5, "ignoreIndex");
  if (!(std::floor(ignore) == ignore && ignore >= INT32_MIN && ignore <= INT32_MAX)) {
    args.fail_range("ignoreIndex must be an int32 integer, got " + std::to_string(ignore));
  }
  a.ignore_index = static_cast<std::int32_t>(ignore);
  const double eps = args.number(6, "labelSmoothing");
  if (!(eps >= 0.0 && eps <= 1.0)) args.fail_range("labelSmoothing must be in [0, 1], got " + std::to_string(eps));
  a.label_smoothing = static_cast<float>(eps);
  args.check_matrix("x", a.x, 0, a.n, a.c, a.c);
  args.check_range("target", a.target, 0, a.n);
  if (a.has_weight) args.check_range("weight", a.weight, 0, a.c);
  // The kernels index x and weight by target: every one must be a class or the ignored value.
  for (index_t i = 0; i < a.n; ++i) {
    const std::int32_t t = a.target.data[i];
    if (t != a.ignore_index && (t < 0 || t >= a.c)) {
      args.fail_range("target " + std::to_string(t) + " at row " + std::to_string(i) + " is out of range for " +
                      std::to_string(a.c) + " classes (ignoreIndex " + std::to_string(a.ignore_index) + ")");
    }
  }
  return a;
}

// Throws unless an output of out_len elements shares no memory with the inputs.
void check_output_apart(const Args& args, const XentArgs& a, const char* name, const F32Span& out, index_t out_len) {
  if (spans_overlap(out, out_len, a.target, a.n) || (a.has_weight && spans_overlap(out, out_len, a.weight, a.c))) {
    args.fail_range(std::string(name) + " must not share memory with target or weight");
  }
}

}  // namespace

Napi::Value CrossEntropyForwardF32(const Napi::CallbackInfo& info) {
  const Args args(info, "crossEntropyForwardF32", 9);
  const XentArgs a = unpack_common(info, args);
  const F32Span loss = args.f32(7, "loss");
  const F32Span stats = args.f32(8, "stats");
  args.check_range("loss", loss, 0, a.n);
  args.check_range("stats", stats, 0, 2 * a.n);
  check_output_apart(args, a, "loss", loss, a.n);
  check_output_apart(args, a, "stats", stats, 2 * a.n);
  if (spans_overlap(loss, a.n, a.x, a.n * a.c) || spans_overlap(stats, 2 * a.n, a.x, a.n * a.c) ||
      spans_overlap(loss, a.n, stats, 2 * a.n)) {
    args.fail_range("loss, stats and x must not share memory");
  }
  runtime::kernels().xent_forward_f32(a.n, a.c, a.x.data, a.target.data, a.has_weight ? a.weight.data : nullptr,
                                      a.ignore_index, a.label_smoothing, loss.data, stats.data);
  return info.Env().Undefined();
}

Napi::Value CrossEntropyBackwardF32(const Napi::CallbackInfo& info) {
  const Args args(info, "crossEntropyBackwardF32", 10);
  const XentArgs a = unpack_common(info, args);
  const F32Span stats = args.f32(7, "stats");
  const F32Span grad_loss = args.f32(8, "gradLoss");
  const F32Span grad_x = args.f32(9, "gradX");
  const index_t nc = a.n * a.c;
  args.check_range("stats", stats, 0, 2 * a.n);
  args.check_range("gradLoss", grad_loss, 0, a.n);
  args.check_range("gradX", grad_x, 0, nc);
  check_output_apart(args, a, "gradX", grad_x, nc);
  // gradX may be x itself (each element is read before it is written), but not a shifted view of it.
  if ((grad_x.data != a.x.data && spans_overlap(grad_x, nc, a.x, nc)) || spans_overlap(grad_x, nc, stats, 2 * a.n) ||
      spans_overlap(grad_x, nc, grad_loss, a.n)) {
    args.fail_range("gradX must not share memory with stats, gradLoss or (other than exactly) x");
  }
  runtime::kernels().xent_backward_f32(a.n, a.c, a.x.data, a.target.data, a.has_weight ? a.weight.data : nullptr,
                                       a.ignore_index, a.label_smoothing, stats.data, grad_loss.data, grad_x.data);
  return info.Env().Undefined();
}

}  // namespace nn::addon
