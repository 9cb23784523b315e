// Native kernel tests without Node: every kernel table this CPU can run against a float64 oracle (run under ASan/UBSan in CI).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "kernels/elementwise/binary.h"
#include "kernels/gemm/gemm.h"
#include "runtime/cpu.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"
#include "check.h"
#include "binary_broadcast_tests.h"
#include "embedding_tests.h"
#include "optim_tests.h"
#include "reduce_tests.h"
#include "unary_accuracy.h"
#include "xent_tests.h"

namespace {
int g_passed = 0, g_failed = 0;
}  // namespace

void nn::test::check(bool ok, const std::string& what) {
  if (ok) {
    ++g_passed;
  } else {
    ++g_failed;
    std::printf("FAIL %s\n", what.c_str());
  }
}

namespace {

using nn::index_t;
using nn::test::check;

// C (m, n) = alpha * op(A) op(B) + beta * C with every size, transpose, padding and alpha/beta combination given,
// against an oracle of twice double's precision; T's rounding sets the tolerance.
template <typename T>
bool gemm_case(const nn::gemm::GemmKernels<T>& kernels, nn::gemm::Path path, index_t m, index_t n, index_t k, bool ta,
               bool tb, T alpha, T beta, index_t pad, std::mt19937& rng) {
  std::uniform_real_distribution<T> u(-1, 1);
  const index_t a_rows = ta ? k : m, a_cols = ta ? m : k, b_rows = tb ? n : k, b_cols = tb ? k : n;
  const index_t lda = a_cols + pad, ldb = b_cols + pad, ldc = n + pad;
  // Exact-size buffers so ASan catches any read or write past the last element.
  std::vector<T> a(static_cast<size_t>(a_rows * lda)), b(static_cast<size_t>(b_rows * ldb)), c(static_cast<size_t>(m * ldc));
  for (T& v : a) v = u(rng);
  for (T& v : b) v = u(rng);
  for (T& v : c) v = beta == T(0) ? NAN : u(rng);
  const std::vector<T> c0 = c;
  nn::gemm::gemm_with(kernels, path, ta, tb, m, n, k, alpha, a.data(), lda, b.data(), ldb, beta, c.data(), ldc);
  const double eps = sizeof(T) == 4 ? 1e-4 : 1e-13;
  for (index_t i = 0; i < m; ++i) {
    for (index_t j = 0; j < ldc; ++j) {
      const T got = c[i * ldc + j];
      if (j >= n) {
        if (!(got == c0[i * ldc + j] || (std::isnan(got) && std::isnan(c0[i * ldc + j])))) return false;
        continue;
      }
      // Float products are exact in double, whose sums err by far less than float's tolerance. Double takes a
      // compensated dot product (Ogita, Rump and Oishi's Dot2): each product's rounding error comes back exactly from
      // an fma and each sum's from TwoSum, as if computed in twice double's precision. Long double would be
      // software-emulated on arm64, where it made these tests several times slower under qemu.
      double sum = 0, err = 0;
      for (index_t p = 0; p < k; ++p) {
        const double x = ta ? a[p * lda + i] : a[i * lda + p], y = tb ? b[j * ldb + p] : b[p * ldb + j];
        if constexpr (sizeof(T) == sizeof(float)) {
          sum += x * y;
        } else {
          const double prod = x * y, prod_err = std::fma(x, y, -prod);
          const double t = sum + prod, z = t - sum;
          err += (sum - (t - z)) + (prod - z) + prod_err;
          sum = t;
        }
      }
      const double want = alpha * (sum + err) + (beta == T(0) ? 0.0 : beta * static_cast<double>(c0[i * ldc + j]));
      if (!(std::fabs(static_cast<double>(got - want)) <= eps * std::sqrt(static_cast<double>(k) + 1.0) + eps * 0.1 * std::fabs(static_cast<double>(want)))) {
        return false;
      }
    }
  }
  return true;
}

template <typename T>
void test_gemm_type(const nn::runtime::KernelTable& t, const nn::gemm::GemmKernels<T>& kernels, const char* name) {
  std::mt19937 rng(1234);
  const index_t sizes[] = {1, 3, 7, 17, 63, 65, 257};
  const std::pair<nn::gemm::Path, const char*> paths[] = {
      {nn::gemm::Path::kPacked, "packed"}, {nn::gemm::Path::kDirect, "direct"}, {nn::gemm::Path::kAuto, "auto"}};
  for (const auto& [path, path_name] : paths) {
    const std::string what = std::string(t.isa) + " " + name + " " + path_name;
    // One shape under every transpose, alpha 1.5, beta 0.5 (0 for the last, whose C holds NaNs that must not be read)
    // and padded leading dimensions for odd combinations.
    const auto every_transpose = [&](const char* label, index_t m, index_t n, index_t k) {
      for (int tr = 0; tr < 4; ++tr) {
        const T beta = tr == 3 ? T(0) : T(0.5);
        check(gemm_case<T>(kernels, path, m, n, k, tr & 1, tr & 2, 1.5, beta, tr % 2, rng),
              what + " " + label + " m=" + std::to_string(m) + " n=" + std::to_string(n) + " k=" + std::to_string(k) +
                  " ta=" + std::to_string(tr & 1) + " tb=" + std::to_string((tr & 2) >> 1));
      }
    };
    int i = 0;
    for (index_t m : sizes) {
      for (index_t n : sizes) {
        const index_t k = sizes[(i++ * 3) % 7];
        for (int tr = 0; tr < 4; ++tr) {
          const bool ta = tr & 1, tb = tr & 2;
          const bool ok = gemm_case<T>(kernels, path, m, n, k, ta, tb, 1, 0, (m + n) % 3, rng);
          check(ok, what + " m=" + std::to_string(m) + " n=" + std::to_string(n) + " k=" + std::to_string(k) +
                        " ta=" + std::to_string(ta) + " tb=" + std::to_string(tb));
        }
      }
    }
    const T ab[][2] = {{2.5, 0}, {1, 1}, {-0.5, 0.75}, {0, 0.5}, {1, -1}};
    for (const auto& p : ab) {
      check(gemm_case<T>(kernels, path, 150, 40, 300, true, false, p[0], p[1], 2, rng),
            what + " alpha=" + std::to_string(p[0]) + " beta=" + std::to_string(p[1]));
    }
    check(gemm_case<T>(kernels, path, 9, 20, 0, false, false, 1, 2, 1, rng), what + " k=0 scales C");
    // Every width up to 7 tiles of 16: the direct path picks its tile width (and its tail tile) from n.
    for (index_t n = 1; n <= 112; ++n) {
      for (int tr = 0; tr < 4; ++tr) {
        check(gemm_case<T>(kernels, path, 14, n, 9, tr & 1, tr & 2, 1.5, 0.5, n % 2, rng),
              what + " width m=14 n=" + std::to_string(n) + " k=9 ta=" + std::to_string(tr & 1) +
                  " tb=" + std::to_string((tr & 2) >> 1));
      }
    }
    // Last column blocks of at most half a vector, which the direct path computes two steps of k per lane pair:
    // odd and even k, odd and even row blocks, and k past the 256 rows of B interleaved at a time (so later chunks
    // add to C).
    const index_t pair_tails[][3] = {{13, 200, 30}, {13, 200, 31}, {5, 8, 600}, {21, 52, 513}, {9, 2, 257}};
    for (const auto& s : pair_tails) every_transpose("pair tail", s[0], s[1], s[2]);
    // An infinite A(i, k - 1) at an odd k meets positive B: inf, not the NaN of inf * 0 in the unpaired last step.
    for (index_t n : {1, 2, 8}) {
      std::vector<T> a{1, 2, T(INFINITY), -1, 0.5, T(INFINITY)}, b(static_cast<size_t>(3 * n), T(0.25)), c(static_cast<size_t>(2 * n));
      nn::gemm::gemm_with(kernels, path, false, false, 2, n, 3, T(1), a.data(), 3, b.data(), n, T(0), c.data(), n);
      bool ok = true;
      for (T v : c) ok = ok && std::isinf(v) && v > 0;
      check(ok, what + " inf in A's last column n=" + std::to_string(n));
    }
    // Deep products (k many times either side of C) that the packed loops split along K over the pool, adding the
    // threads' partial products into C; beta == 0 must not read the NaNs left in C.
    if (path != nn::gemm::Path::kDirect) every_transpose("deep", 20, 70, 1000);
    // Direct products from 2.5e5 multiply-adds on are split over the pool (but for a transposed B, from 8e5): odd
    // sizes leave each thread a partial last tile.
    if (path != nn::gemm::Path::kPacked) {
      const index_t mid[][3] = {{64, 64, 64}, {81, 77, 70}, {192, 64, 60}, {30, 300, 31}};
      for (const auto& s : mid) every_transpose("mid-size", s[0], s[1], s[2]);
    }
    // Thin products, which auto sends direct at any size (a GEMV, a one-output Linear layer).
    const index_t thin[][3] = {{64, 1, 5000}, {1, 3000, 100}, {5, 700, 200}, {700, 7, 130}};
    for (const auto& s : thin) {
      for (int tr = 0; tr < 4; ++tr) {
        check(gemm_case<T>(kernels, path, s[0], s[1], s[2], tr & 1, tr & 2, 1, 0.5, 1, rng),
              what + " thin m=" + std::to_string(s[0]) + " n=" + std::to_string(s[1]) + " k=" + std::to_string(s[2]) +
                  " ta=" + std::to_string(tr & 1) + " tb=" + std::to_string((tr & 2) >> 1));
      }
    }
    // Thin products big enough to be split over the pool, with and without padding: unpadded, a one-column B and a
    // one-row Aᵀ have unit stride and are taken as the dot-product path's transposed vectors. Auto path only (direct
    // splits alike), which keeps the run short under qemu on arm64.
    if (path == nn::gemm::Path::kAuto) {
      const index_t thin_split[][3] = {{70, 1, 9000}, {1, 9000, 70}, {33, 5, 4000}, {5, 3300, 40}};
      for (const auto& s : thin_split) {
        for (int tr = 0; tr < 4; ++tr) {
          for (index_t pad : {0, 1}) {
            check(gemm_case<T>(kernels, path, s[0], s[1], s[2], tr & 1, tr & 2, 1, 0.5, pad, rng),
                  what + " thin split m=" + std::to_string(s[0]) + " n=" + std::to_string(s[1]) + " k=" +
                      std::to_string(s[2]) + " ta=" + std::to_string(tr & 1) + " tb=" + std::to_string((tr & 2) >> 1) +
                      " pad=" + std::to_string(pad));
          }
        }
      }
      // Narrow products (few columns, or no more rows than a direct tile) that auto sends direct at any size, big
      // enough to be split over the pool in whole tiles.
      const index_t narrow_split[][3] = {{600, 32, 50}, {300, 50, 60}, {12, 300, 250}};
      for (const auto& s : narrow_split) {
        for (int tr : {0, 3, 1, 2}) {
          const index_t pad = tr == 1 || tr == 2 ? 1 : 0;
          check(gemm_case<T>(kernels, path, s[0], s[1], s[2], tr & 1, tr & 2, 1, 0.5, pad, rng),
                what + " narrow split m=" + std::to_string(s[0]) + " n=" + std::to_string(s[1]) + " k=" +
                    std::to_string(s[2]) + " ta=" + std::to_string(tr & 1) + " tb=" + std::to_string((tr & 2) >> 1) +
                    " pad=" + std::to_string(pad));
        }
      }
    }
  }
}

// Products spanning several blocks of every loop (run with tiny NN_GEMM_MC/KC/NC, which the default sizes would
// need thousand-wide operands to cross): partial last blocks along m, n and k, all transposes, accumulation over K
// blocks onto beta * C.
template <typename T>
void test_gemm_blocks_type(const nn::runtime::KernelTable& t, const nn::gemm::GemmKernels<T>& kernels, const char* name) {
  std::mt19937 rng(99);
  const index_t shapes[][3] = {{50, 300, 70}, {13, 97, 40}, {97, 13, 33}, {24, 96, 16}};
  for (const auto& s : shapes) {
    for (int tr = 0; tr < 4; ++tr) {
      check(gemm_case<T>(kernels, nn::gemm::Path::kPacked, s[0], s[1], s[2], tr & 1, tr & 2, 1.5, 0.5, 1, rng),
            std::string(t.isa) + " " + name + " small blocks m=" + std::to_string(s[0]) + " n=" + std::to_string(s[1]) +
                " k=" + std::to_string(s[2]) + " ta=" + std::to_string(tr & 1) + " tb=" + std::to_string((tr & 2) >> 1));
    }
  }
}

void test_gemm(const nn::runtime::KernelTable& t) {
  test_gemm_type<float>(t, t.sgemm, "sgemm");
  test_gemm_type<double>(t, t.dgemm, "dgemm");
}

// NC follows the L2: a KC x NC float block of B takes all but 256 KiB of it, at least half, within [128, 4096].
void test_default_blocking() {
  const auto nc = [](long l2) { return nn::gemm::default_blocking(l2).nc; };
  check(nc(0) == 1024, "default_blocking: an unknown L2 keeps NC 1024, got " + std::to_string(nc(0)));
  check(nc(1280L << 10) == 1024, "default_blocking: a 1.25 MiB L2 gives NC 1024, got " + std::to_string(nc(1280L << 10)));
  check(nc(512L << 10) == 256, "default_blocking: a 512 KiB L2 gives NC 256, got " + std::to_string(nc(512L << 10)));
  check(nc(256L << 10) == 128, "default_blocking: a 256 KiB L2 gives NC 128, got " + std::to_string(nc(256L << 10)));
  check(nc(2048L << 10) == 1792, "default_blocking: a 2 MiB L2 gives NC 1792, got " + std::to_string(nc(2048L << 10)));
  check(nc(64L << 20) == 4096, "default_blocking: a 64 MiB L2 is capped at NC 4096, got " + std::to_string(nc(64L << 20)));
  const nn::gemm::Blocking d = nn::gemm::default_blocking(1 << 20);
  check(d.mc == 144 && d.kc == 256, "default_blocking: MC 144 and KC 256");
  if (std::getenv("NN_GEMM_NC") == nullptr && std::getenv("NN_GEMM_KC") == nullptr) {
    check(nn::gemm::tuning().blocking.nc == nc(nn::runtime::l2_cache_bytes()), "tuning() takes NC from this CPU's L2");
  }
}

void test_binary(const nn::runtime::KernelTable& t) {
  for (index_t n : {0, 1, 7, 8, 9, 16, 17, 1000}) {
    std::vector<float> a(static_cast<size_t>(n)), b(static_cast<size_t>(n)), out(static_cast<size_t>(n));
    for (index_t i = 0; i < n; ++i) {
      a[i] = static_cast<float>(i) * 0.37f - 3.0f;
      b[i] = 1.5f + static_cast<float>(i % 7);
    }
    for (int op = 0; op < nn::elementwise::kBinaryOpCount; ++op) {
      t.binary_f32(static_cast<nn::elementwise::BinaryOp>(op), n, a.data(), b.data(), out.data());
      bool ok = true;
      for (index_t i = 0; i < n; ++i) {
        const float x = a[i], y = b[i];
        const float want = op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
        ok = ok && out[i] == want;
      }
      check(ok, std::string(t.isa) + " binary op=" + std::to_string(op) + " n=" + std::to_string(n));
    }
  }
}

// Documented bounds (kernels/elementwise/unary.h): exp, log, tanh 1 ulp; sigmoid 3 ulp.
void test_unary(const nn::runtime::KernelTable& t) {
  const char* names[] = {"exp", "log", "tanh", "sigmoid"};
  const double bounds[] = {1, 1, 1, 3};
  for (int op = 0; op < nn::elementwise::kUnaryOpCount; ++op) {
    const nn::test::UlpReport r = nn::test::measure_unary(t, static_cast<nn::elementwise::UnaryOp>(op));
    std::printf("%s %s: max %.0f ulp, %d special-value failures\n", t.isa, names[op], r.max_ulp, r.special_failures);
    check(r.max_ulp <= bounds[op] && r.special_failures == 0, std::string(t.isa) + " " + names[op] + " accuracy");
  }
}

// Row softmax and log-softmax against a float64 computation, including huge logits and awkward row lengths.
void test_softmax(const nn::runtime::KernelTable& t) {
  std::mt19937 rng(7);
  for (index_t n : {1, 3, 7, 17, 63, 65, 257, 1000}) {
    for (float scale : {1.0f, 30.0f, 1e4f}) {
      const index_t rows = 5;
      std::normal_distribution<float> d(0.0f, scale);
      std::vector<float> x(static_cast<size_t>(rows * n)), p(x.size()), lp(x.size());
      for (float& v : x) v = d(rng);
      t.softmax_f32(rows, n, x.data(), p.data(), false);
      t.softmax_f32(rows, n, x.data(), lp.data(), true);
      bool ok = true;
      for (index_t r = 0; r < rows; ++r) {
        double m = -INFINITY, s = 0;
        for (index_t j = 0; j < n; ++j) m = std::max(m, static_cast<double>(x[r * n + j]));
        for (index_t j = 0; j < n; ++j) s += std::exp(x[r * n + j] - m);
        for (index_t j = 0; j < n; ++j) {
          const double want_log = x[r * n + j] - m - std::log(s);
          // x - max rounds to float with error |x - max| 2^-24, which exp turns into that much relative error.
          const double shift_err = std::fabs(x[r * n + j] - m) * 6e-8;
          ok = ok && std::fabs(p[r * n + j] - std::exp(want_log)) <= (1e-6 + shift_err) * std::exp(want_log) + 1e-30;
          ok = ok && std::fabs(lp[r * n + j] - want_log) <= 1e-6 * std::fabs(want_log) + 1e-6;
        }
      }
      check(ok, std::string(t.isa) + " softmax n=" + std::to_string(n) + " scale=" + std::to_string(scale));
    }
  }
  const float special[] = {1.0f, NAN, 2.0f, -INFINITY, -INFINITY, -INFINITY};
  float out[6];
  t.softmax_f32(2, 3, special, out, false);
  bool all_nan = true;
  for (float v : out) all_nan = all_nan && std::isnan(v);
  check(all_nan, std::string(t.isa) + " softmax of a NaN row and an all -inf row is NaN");
}

}  // namespace

int main(int argc, char** argv) {
  const nn::runtime::KernelTable* tables[4];
  const int count = nn::runtime::available_tables(tables, 4);
  if (argc > 1 && std::string(argv[1]) == "--gemm-blocks") {
    const nn::gemm::Blocking& blk = nn::gemm::tuning().blocking;
    check(blk.mc <= 24 && blk.kc <= 16 && blk.nc <= 96, "--gemm-blocks runs with NN_GEMM_MC<=24, NN_GEMM_KC<=16, NN_GEMM_NC<=96");
    for (int threads : {1, 2}) {
      nn::runtime::set_num_threads(threads);
      for (int i = 0; i < count; ++i) {
        test_gemm_blocks_type<float>(*tables[i], tables[i]->sgemm, "sgemm");
        test_gemm_blocks_type<double>(*tables[i], tables[i]->dgemm, "dgemm");
      }
    }
    std::printf("native GEMM block tests: %d passed, %d failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
  }
  test_default_blocking();
  for (int i = 0; i < count; ++i) {
    test_unary(*tables[i]);
    test_softmax(*tables[i]);
    run_reduce_tests(*tables[i]);
    run_binary_broadcast_tests(*tables[i]);
    nn::test::run_optim_tests(*tables[i]);
  }
  // 1 thread (serial path), the default (hardware threads) and 3 (more tasks than cores).
  for (int threads : {1, nn::runtime::num_threads(), 3}) {
    nn::runtime::set_num_threads(threads);
    for (int i = 0; i < count; ++i) {
      std::printf("kernel table: %s, %d thread(s)\n", tables[i]->isa, threads);
      test_gemm(*tables[i]);
      test_binary(*tables[i]);
      run_embedding_tests(*tables[i]);
      run_xent_tests(*tables[i]);
    }
  }
  std::printf("native kernel tests: %d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
