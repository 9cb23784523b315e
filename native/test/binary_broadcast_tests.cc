// Native tests of binary_broadcast_f32: every operand layout pair and op against float32 scalar math, bit for bit.
#include "binary_broadcast_tests.h"

#include <string>
#include <vector>

#include "check.h"
#include "kernels/elementwise/binary.h"

namespace {

using nn::index_t;
using nn::test::check;

// How an operand is laid out over the (rows, n) output: its row stride (given n) and its col stride.
struct Layout {
  const char* name;
  index_t pad;  // row stride n + pad, or 0 for a broadcast row
  bool rows;    // steps along rows (row stride 1 for a column, n + pad for a matrix)
  bool cols;    // steps along the row (col stride 1)
};
const Layout kLayouts[] = {
    {"matrix", 0, true, true}, {"padded matrix", 3, true, true}, {"row", 0, false, true},
    {"column", 0, true, false}, {"scalar", 0, false, false},
};

index_t row_stride(const Layout& l, index_t n) { return !l.rows ? 0 : l.cols ? n + l.pad : 1; }
// Elements the operand spans; exact-size buffers let ASan catch a read past the end.
index_t extent(const Layout& l, index_t rows, index_t n) {
  if (rows == 0 || n == 0) return 1;
  return (rows - 1) * row_stride(l, n) + (l.cols ? n - 1 : 0) + 1;
}

float apply(int op, float x, float y) { return op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y; }

}  // namespace

void run_binary_broadcast_tests(const nn::runtime::KernelTable& t) {
  for (index_t rows : {1, 3, 17}) {
    for (index_t n : {0, 1, 7, 8, 9, 16, 17, 63, 65, 257}) {
      for (const Layout& la : kLayouts) {
        for (const Layout& lb : kLayouts) {
          std::vector<float> a(static_cast<size_t>(extent(la, rows, n))), b(static_cast<size_t>(extent(lb, rows, n)));
          for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i) * 0.37f - 3.0f;
          for (size_t i = 0; i < b.size(); ++i) b[i] = 1.5f + static_cast<float>(i % 7);
          const index_t ar = row_stride(la, n), ac = la.cols ? 1 : 0, br = row_stride(lb, n), bc = lb.cols ? 1 : 0;
          std::vector<float> out(static_cast<size_t>(rows * n));
          for (int op = 0; op < nn::elementwise::kBinaryOpCount; ++op) {
            t.binary_broadcast_f32(static_cast<nn::elementwise::BinaryOp>(op), rows, n, a.data(), ar, ac, b.data(), br, bc, out.data());
            bool ok = true;
            for (index_t r = 0; r < rows; ++r) {
              for (index_t j = 0; j < n; ++j) {
                const float want = apply(op, a[static_cast<size_t>(r * ar + j * ac)], b[static_cast<size_t>(r * br + j * bc)]);
                ok = ok && out[static_cast<size_t>(r * n + j)] == want;
              }
            }
            check(ok, std::string(t.isa) + " binary broadcast op=" + std::to_string(op) + " rows=" + std::to_string(rows) +
                          " n=" + std::to_string(n) + " a=" + la.name + " b=" + lb.name);
          }
        }
      }
    }
  }
  // In place: out is the matrix operand, the other one a bias row.
  const index_t rows = 5, n = 21;
  std::vector<float> a(static_cast<size_t>(rows * n)), bias(static_cast<size_t>(n));
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i);
  for (size_t i = 0; i < bias.size(); ++i) bias[i] = 0.25f * static_cast<float>(i);
  const std::vector<float> a0 = a;
  t.binary_broadcast_f32(nn::elementwise::BinaryOp::Sub, rows, n, a.data(), n, 1, bias.data(), 0, 1, a.data());
  bool ok = true;
  for (index_t i = 0; i < rows * n; ++i) ok = ok && a[static_cast<size_t>(i)] == a0[static_cast<size_t>(i)] - bias[static_cast<size_t>(i % n)];
  check(ok, std::string(t.isa) + " binary broadcast in place over the matrix operand");
}
