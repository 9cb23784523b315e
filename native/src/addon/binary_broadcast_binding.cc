// Binding of the broadcast binary kernel: unpack, check strides, lengths and aliasing, call one kernel.
#include "addon/binary_broadcast_binding.h"

#include <string>

#include "addon/args.h"
#include "addon/overlap.h"
#include "kernels/elementwise/binary.h"
#include "runtime/dispatch.h"

namespace nn::addon {
namespace {

// One operand of out (rows, n): element (r, j) at offset + r * row + j * col.
struct Operand {
  F32Span span;
  index_t offset, row, col;
};

Operand operand(const Args& args, std::size_t i, const char* name, const std::string& prefix) {
  Operand o{args.f32(i, name), args.index(i + 1, (prefix + "Offset").c_str()), args.index(i + 2, (prefix + "RowStride").c_str()),
            args.index(i + 3, (prefix + "ColStride").c_str())};
  if (o.col > 1) args.fail_range(prefix + "ColStride must be 0 (broadcast along the row) or 1, got " + std::to_string(o.col));
  return o;
}

// Elements from the operand's offset to its last one read, in long double (strides and sizes are below 2^53 each).
long double span_of(const Operand& o, index_t rows, index_t n) {
  return static_cast<long double>(rows - 1) * o.row + static_cast<long double>(n - 1) * o.col + 1;
}

void check_operand(const Args& args, const char* name, const Operand& o, index_t rows, index_t n) {
  const long double need = span_of(o, rows, n);
  if (static_cast<long double>(o.offset) + need > static_cast<long double>(o.span.length)) {
    args.fail_range(std::string(name) + " (length " + std::to_string(o.span.length) + ") is too short for " + std::to_string(rows) +
                    " rows of " + std::to_string(n) + " with row stride " + std::to_string(o.row) + " and col stride " +
                    std::to_string(o.col) + " at offset " + std::to_string(o.offset));
  }
}

// out may be an operand only when that operand is laid out exactly as out; any other overlap would let the kernel
// read what it already overwrote.
void check_alias(const Args& args, const char* name, const Operand& o, const F32Span& out, index_t out_off, index_t rows, index_t n) {
  const F32Span src{o.span.data + o.offset, static_cast<index_t>(span_of(o, rows, n))};
  const F32Span dst{out.data + out_off, rows * n};
  const bool same = src.data == dst.data && o.col == 1 && (o.row == n || rows == 1);
  if (!same && spans_overlap(src, src.length, dst, dst.length)) {
    args.fail_range(std::string("out must not share memory with ") + name + " unless it is " + name + " itself, laid out as out");
  }
}

}  // namespace

Napi::Value BinaryBroadcastF32(const Napi::CallbackInfo& info) {
  const Args args(info, "binaryBroadcastF32", 13);
  const index_t op = args.index(0, "op");
  if (op >= elementwise::kBinaryOpCount) args.fail_range("op must be 0..3 (add, sub, mul, div), got " + std::to_string(op));
  const index_t rows = args.index(1, "rows"), n = args.index(2, "n");
  const Operand a = operand(args, 3, "a", "a"), b = operand(args, 7, "b", "b");
  const F32Span out = args.f32(11, "out");
  const index_t out_off = args.index(12, "outOffset");
  if (rows == 0 || n == 0) return info.Env().Undefined();
  args.check_matrix("out", out, out_off, rows, n, n);
  check_operand(args, "a", a, rows, n);
  check_operand(args, "b", b, rows, n);
  check_alias(args, "a", a, out, out_off, rows, n);
  check_alias(args, "b", b, out, out_off, rows, n);
  runtime::kernels().binary_broadcast_f32(static_cast<elementwise::BinaryOp>(op), rows, n, a.span.data + a.offset, a.row, a.col,
                                          b.span.data + b.offset, b.row, b.col, out.data + out_off);
  return info.Env().Undefined();
}

}  // namespace nn::addon
