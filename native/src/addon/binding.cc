// node-addon-api entry points: unpack and check arguments, call one kernel, no math here.
#include <napi.h>

#include <exception>
#include <thread>

#include "addon/args.h"
#include "addon/overlap.h"
#include "addon/binary_broadcast_binding.h"
#include "addon/embedding_binding.h"
#include "addon/optim_binding.h"
#include "addon/reduce_binding.h"
#include "addon/xent_binding.h"
#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/unary.h"
#include "kernels/gemm/gemm.h"
#include "kernels/softmax/softmax.h"
#include "runtime/allocator.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"

namespace nn::addon {
namespace {

// Bumped whenever an entry point's signature changes, so TypeScript can reject a stale binary.
constexpr int kAbiVersion = 5;

// Elements a (rows, cols) matrix with row stride ld spans from its first element to its last.
index_t matrix_extent(index_t rows, index_t cols, index_t ld) { return rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols; }

// sgemm / dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc)
template <typename T>
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  constexpr bool kF32 = sizeof(T) == 4;
  const char* fn = kF32 ? "sgemm" : "dgemm";
  const Args args(info, fn, 16);
  const auto span = [&](std::size_t i, const char* name) {
    if constexpr (kF32) return args.f32(i, name); else return args.f64(i, name);
  };
  const bool trans_a = args.boolean(0, "transA");
  const bool trans_b = args.boolean(1, "transB");
  const index_t m = args.index(2, "m"), n = args.index(3, "n"), k = args.index(4, "k");
  const T alpha = static_cast<T>(args.number(5, "alpha"));
  const Span<T> a = span(6, "a");
  const index_t a_off = args.index(7, "aOffset"), lda = args.index(8, "lda");
  const Span<T> b = span(9, "b");
  const index_t b_off = args.index(10, "bOffset"), ldb = args.index(11, "ldb");
  const T beta = static_cast<T>(args.number(12, "beta"));
  const Span<T> c = span(13, "c");
  const index_t c_off = args.index(14, "cOffset"), ldc = args.index(15, "ldc");

  if (k > 0 && alpha != T(0)) {
    args.check_matrix("a", a, a_off, trans_a ? k : m, trans_a ? m : k, lda);
    args.check_matrix("b", b, b_off, trans_b ? n : k, trans_b ? k : n, ldb);
  }
  args.check_matrix("c", c, c_off, m, n, ldc);
  if (k > 0 && alpha != T(0)) {
    const index_t c_len = matrix_extent(m, n, ldc);
    const index_t a_len = trans_a ? matrix_extent(k, m, lda) : matrix_extent(m, k, lda);
    const index_t b_len = trans_b ? matrix_extent(n, k, ldb) : matrix_extent(k, n, ldb);
    const Span<T> c_at{c.data + c_off, c_len}, a_at{a.data + a_off, a_len}, b_at{b.data + b_off, b_len};
    if (spans_overlap(c_at, c_len, a_at, a_len) || spans_overlap(c_at, c_len, b_at, b_len)) {
      args.fail_range("c must not share memory with a or b");
    }
  }
  return guarded(info, fn, [&] {
    if constexpr (kF32) {
      gemm::sgemm(trans_a, trans_b, m, n, k, alpha, a.data + a_off, lda, b.data + b_off, ldb, beta, c.data + c_off, ldc);
    } else {
      gemm::dgemm(trans_a, trans_b, m, n, k, alpha, a.data + a_off, lda, b.data + b_off, ldb, beta, c.data + c_off, ldc);
    }
  });
}

// binaryF32(op, n, a, aOffset, b, bOffset, out, outOffset): out = a (op) b elementwise.
Napi::Value BinaryF32(const Napi::CallbackInfo& info) {
  const Args args(info, "binaryF32", 8);
  const index_t op = args.index(0, "op");
  if (op >= elementwise::kBinaryOpCount) args.fail_range("op must be 0..3 (add, sub, mul, div), got " + std::to_string(op));
  const index_t n = args.index(1, "n");
  const F32Span a = args.f32(2, "a");
  const index_t a_off = args.index(3, "aOffset");
  const F32Span b = args.f32(4, "b");
  const index_t b_off = args.index(5, "bOffset");
  const F32Span out = args.f32(6, "out");
  const index_t out_off = args.index(7, "outOffset");
  args.check_range("a", a, a_off, n);
  args.check_range("b", b, b_off, n);
  args.check_range("out", out, out_off, n);
  return guarded(info, "binaryF32", [&] {
    runtime::kernels().binary_f32(static_cast<elementwise::BinaryOp>(op), n, a.data + a_off, b.data + b_off,
                                  out.data + out_off);
  });
}

// unaryF32(op, n, x, xOffset, out, outOffset): out = f(x) for f in exp, log, tanh, sigmoid.
Napi::Value UnaryF32(const Napi::CallbackInfo& info) {
  const Args args(info, "unaryF32", 6);
  const index_t op = args.index(0, "op");
  if (op >= elementwise::kUnaryOpCount) args.fail_range("op must be 0..3 (exp, log, tanh, sigmoid), got " + std::to_string(op));
  const index_t n = args.index(1, "n");
  const F32Span x = args.f32(2, "x");
  const index_t x_off = args.index(3, "xOffset");
  const F32Span out = args.f32(4, "out");
  const index_t out_off = args.index(5, "outOffset");
  args.check_range("x", x, x_off, n);
  args.check_range("out", out, out_off, n);
  return guarded(info, "unaryF32", [&] {
    runtime::kernels().unary_f32(static_cast<elementwise::UnaryOp>(op), n, x.data + x_off, out.data + out_off);
  });
}

// softmaxF32(rows, n, x, xOffset, out, outOffset, log): softmax (or log-softmax) of each length-n row.
Napi::Value SoftmaxF32(const Napi::CallbackInfo& info) {
  const Args args(info, "softmaxF32", 7);
  const index_t rows = args.index(0, "rows"), n = args.index(1, "n");
  const F32Span x = args.f32(2, "x");
  const index_t x_off = args.index(3, "xOffset");
  const F32Span out = args.f32(4, "out");
  const index_t out_off = args.index(5, "outOffset");
  const bool log = args.boolean(6, "log");
  args.check_matrix("x", x, x_off, rows, n, n);
  args.check_matrix("out", out, out_off, rows, n, n);
  return guarded(info, "softmaxF32", [&] { runtime::kernels().softmax_f32(rows, n, x.data + x_off, out.data + out_off, log); });
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const runtime::DispatchInfo& d = runtime::dispatch_info();
  Napi::Object cpu = Napi::Object::New(env);
  cpu.Set("avx2", d.cpu.avx2);
  cpu.Set("fma", d.cpu.fma);
  cpu.Set("avx512f", d.cpu.avx512f);
  cpu.Set("neon", d.cpu.neon);
  Napi::Object out = Napi::Object::New(env);
  out.Set("isa", d.selected);
  out.Set("requestedIsa", d.requested);
  out.Set("isaNote", d.note);
  out.Set("threads", runtime::num_threads());
  out.Set("gemm", gemm::backend_name());
  out.Set("hardwareThreads", static_cast<double>(std::thread::hardware_concurrency()));
  out.Set("cpu", cpu);
  out.Set("allocator", runtime::tune_allocator_once().note);
  return out;
}

// setNumThreads(n): threads the kernels may use, the calling thread included.
Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  const Args args(info, "setNumThreads", 1);
  const index_t n = args.index(0, "n");
  if (n < 1) args.fail_range("n must be at least 1, got " + std::to_string(n));
  runtime::set_num_threads(static_cast<int>(n > 4096 ? 4096 : n));
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  runtime::select_kernels_from_env_once();
  runtime::tune_allocator_once();
  exports.Set("abiVersion", Napi::Number::New(env, kAbiVersion));
  exports.Set("sgemm", Napi::Function::New(env, Gemm<float>, "sgemm"));
  exports.Set("dgemm", Napi::Function::New(env, Gemm<double>, "dgemm"));
  exports.Set("binaryF32", Napi::Function::New(env, BinaryF32, "binaryF32"));
  exports.Set("binaryBroadcastF32", Napi::Function::New(env, BinaryBroadcastF32, "binaryBroadcastF32"));
  exports.Set("reduceF32", Napi::Function::New(env, ReduceF32, "reduceF32"));
  exports.Set("argReduceF32", Napi::Function::New(env, ArgReduceF32, "argReduceF32"));
  exports.Set("unaryF32", Napi::Function::New(env, UnaryF32, "unaryF32"));
  exports.Set("softmaxF32", Napi::Function::New(env, SoftmaxF32, "softmaxF32"));
  exports.Set("crossEntropyForwardF32", Napi::Function::New(env, CrossEntropyForwardF32, "crossEntropyForwardF32"));
  exports.Set("crossEntropyBackwardF32", Napi::Function::New(env, CrossEntropyBackwardF32, "crossEntropyBackwardF32"));
  exports.Set("embeddingGatherF32", Napi::Function::New(env, EmbeddingGatherF32, "embeddingGatherF32"));
  exports.Set("embeddingScatterAddF32", Napi::Function::New(env, EmbeddingScatterAddF32, "embeddingScatterAddF32"));
  exports.Set("sgdStepF32", Napi::Function::New(env, SgdStepF32, "sgdStepF32"));
  exports.Set("adamStepF32", Napi::Function::New(env, AdamStepF32, "adamStepF32"));
  exports.Set("rmspropStepF32", Napi::Function::New(env, RmspropStepF32, "rmspropStepF32"));
  exports.Set("adagradStepF32", Napi::Function::New(env, AdagradStepF32, "adagradStepF32"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads, "setNumThreads"));
  return exports;
}

}  // namespace
}  // namespace nn::addon

// The registration macro needs an unqualified name.
static Napi::Object InitNnAddon(Napi::Env env, Napi::Object exports) { return nn::addon::Init(env, exports); }

NODE_API_MODULE(nn, InitNnAddon)
