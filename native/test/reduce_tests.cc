// Native tests of the reductions (kernels/reduce): every table against float64 / scalar oracles of PyTorch's rules.
#include "reduce_tests.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "check.h"
#include "kernels/reduce/reduce.h"

namespace {

using nn::index_t;
using nn::reduce::ReduceOp;
using nn::test::check;

constexpr double kUnitRoundoff = 1.0 / (1 << 24);

// torch.max/min(x, dim) of one strided line: the first NaN if any, else the first extreme value.
struct Extreme {
  float value;
  index_t index;
};
Extreme extreme_oracle(const float* x, index_t n, index_t stride, bool max) {
  Extreme best{x[0], 0};
  for (index_t k = 0; k < n; ++k) {
    const float v = x[k * stride];
    if (std::isnan(v)) return Extreme{v, k};
    if (max ? v > best.value : v < best.value) best = Extreme{v, k};
  }
  return best;
}

bool same_value(float got, float want) { return std::isnan(want) ? std::isnan(got) : got == want; }

// Rounding bound of a float32 sum of n terms with magnitude total `abs_sum`: each term sees at most 64 block
// additions, log2(n) cascade levels and a few lane and tail additions, and no order needs more than n - 1.
double sum_bound(index_t n, double abs_sum) {
  const double steps = std::min(static_cast<double>(n), 64.0 + std::log2(static_cast<double>(n) + 1.0) + 8.0);
  return 1.01 * steps * kUnitRoundoff * abs_sum + 1e-38;
}

enum class Data { Smooth, Ties, NaNs };
const char* data_name(Data d) { return d == Data::Smooth ? "smooth" : d == Data::Ties ? "ties" : "nans"; }

std::vector<float> make_data(index_t size, Data kind, std::mt19937& rng) {
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::uniform_int_distribution<int> small(-3, 3), pct(0, 99);
  std::vector<float> x(static_cast<size_t>(size));
  for (float& v : x) {
    if (kind == Data::Smooth) v = u(rng);
    else v = static_cast<float>(small(rng));  // many exact ties
    if (kind == Data::NaNs && pct(rng) < 3) v = NAN;
  }
  return x;
}

// One (outer, n, inner) shape on one data kind: every op of both entry points against its oracle.
void reduce_case(const nn::runtime::KernelTable& t, index_t outer, index_t n, index_t inner, Data kind, std::mt19937& rng) {
  const std::vector<float> x = make_data(outer * n * inner, kind, rng);
  const size_t m = static_cast<size_t>(outer * inner);
  std::vector<float> sum(m), mean(m), mx(m), mn(m), amx(m), amn(m);
  std::vector<std::int32_t> imx(m), imn(m);
  t.reduce_f32(ReduceOp::Sum, outer, n, inner, x.data(), sum.data());
  t.reduce_f32(ReduceOp::Mean, outer, n, inner, x.data(), mean.data());
  t.reduce_f32(ReduceOp::Max, outer, n, inner, x.data(), mx.data());
  t.reduce_f32(ReduceOp::Min, outer, n, inner, x.data(), mn.data());
  t.arg_reduce_f32(true, outer, n, inner, x.data(), amx.data(), imx.data());
  t.arg_reduce_f32(false, outer, n, inner, x.data(), amn.data(), imn.data());
  bool sum_ok = true, mean_ok = true, ext_ok = true, arg_ok = true;
  for (index_t o = 0; o < outer; ++o) {
    for (index_t c = 0; c < inner; ++c) {
      const float* line = x.data() + o * n * inner + c;
      const size_t j = static_cast<size_t>(o * inner + c);
      double s = 0, abs_sum = 0;
      for (index_t k = 0; k < n; ++k) {
        s += line[k * inner];
        abs_sum += std::fabs(line[k * inner]);
      }
      if (std::isnan(s)) {
        sum_ok = sum_ok && std::isnan(sum[j]);
        mean_ok = mean_ok && std::isnan(mean[j]);
      } else {
        const double bound = sum_bound(n, abs_sum);
        sum_ok = sum_ok && std::fabs(sum[j] - s) <= bound;
        const double want_mean = s / static_cast<double>(n);
        mean_ok = mean_ok && std::fabs(mean[j] - want_mean) <= bound / static_cast<double>(n) + kUnitRoundoff * std::fabs(want_mean);
      }
      const Extreme emx = extreme_oracle(line, n, inner, true), emn = extreme_oracle(line, n, inner, false);
      ext_ok = ext_ok && same_value(mx[j], emx.value) && same_value(mn[j], emn.value);
      arg_ok = arg_ok && same_value(amx[j], emx.value) && imx[j] == emx.index && same_value(amn[j], emn.value) &&
               imn[j] == emn.index;
    }
  }
  const std::string what = std::string(t.isa) + " reduce outer=" + std::to_string(outer) + " n=" + std::to_string(n) +
                           " inner=" + std::to_string(inner) + " " + data_name(kind);
  check(sum_ok, what + " sum");
  check(mean_ok, what + " mean");
  check(ext_ok, what + " max/min");
  check(arg_ok, what + " argmax/argmin values and first indices");
}

void test_reduce_sizes(const nn::runtime::KernelTable& t) {
  std::mt19937 rng(99);
  const index_t sizes[] = {1, 3, 7, 17, 63, 65, 257};
  int i = 0;
  for (index_t outer : sizes) {
    for (index_t n : sizes) {
      for (index_t inner : sizes) {
        if (outer * n * inner > 100000) continue;  // the 60 largest shapes add time, not paths
        reduce_case(t, outer, n, inner, static_cast<Data>(i++ % 3), rng);
      }
    }
  }
}

// Hand-made rows: NaN in the vector body and in the tail, several NaNs, all NaN, infinities, ties, signed zeros.
void test_reduce_special(const nn::runtime::KernelTable& t) {
  const std::string isa = t.isa;
  for (index_t inner : {1, 19}) {
    for (index_t n : {1, 5, 33, 65}) {
      struct Row {
        const char* name;
        std::vector<float> v;
      };
      std::vector<Row> rows = {
          {"nan first", std::vector<float>(static_cast<size_t>(n), 1.0f)},
          {"nan last", std::vector<float>(static_cast<size_t>(n), 2.0f)},
          {"two nans", std::vector<float>(static_cast<size_t>(n), -1.0f)},
          {"all nan", std::vector<float>(static_cast<size_t>(n), NAN)},
          {"infinities", std::vector<float>(static_cast<size_t>(n), 0.0f)},
          {"all -inf", std::vector<float>(static_cast<size_t>(n), -INFINITY)},
          {"ties", std::vector<float>(static_cast<size_t>(n), 0.5f)},
      };
      rows[0].v[0] = NAN;
      rows[1].v[static_cast<size_t>(n - 1)] = NAN;
      rows[2].v[static_cast<size_t>(n / 2)] = NAN;
      rows[2].v[static_cast<size_t>(n - 1)] = NAN;
      rows[4].v[static_cast<size_t>(n / 3)] = INFINITY;
      rows[4].v[static_cast<size_t>(n - 1)] = -INFINITY;
      rows[6].v[static_cast<size_t>(n - 1)] = 3.0f;
      rows[6].v[static_cast<size_t>(n / 2)] = 3.0f;
      for (const Row& row : rows) {
        // Every column of an (1, n, inner) tensor holds the row, so the column paths see it in every lane.
        std::vector<float> x(static_cast<size_t>(n * inner));
        for (index_t k = 0; k < n; ++k) {
          for (index_t c = 0; c < inner; ++c) x[static_cast<size_t>(k * inner + c)] = row.v[static_cast<size_t>(k)];
        }
        std::vector<float> mx(static_cast<size_t>(inner)), vals(static_cast<size_t>(inner));
        std::vector<std::int32_t> idx(static_cast<size_t>(inner));
        for (bool max : {true, false}) {
          const Extreme want = extreme_oracle(row.v.data(), n, 1, max);
          t.reduce_f32(max ? ReduceOp::Max : ReduceOp::Min, 1, n, inner, x.data(), mx.data());
          t.arg_reduce_f32(max, 1, n, inner, x.data(), vals.data(), idx.data());
          bool ok = true;
          for (index_t c = 0; c < inner; ++c) {
            ok = ok && same_value(mx[static_cast<size_t>(c)], want.value) && same_value(vals[static_cast<size_t>(c)], want.value) &&
                 idx[static_cast<size_t>(c)] == want.index;
          }
          check(ok, isa + " " + (max ? "max" : "min") + " " + row.name + " n=" + std::to_string(n) + " inner=" + std::to_string(inner));
        }
      }
    }
  }
  // The first of equal zeros is the one returned with its index, whatever its sign.
  const float zeros[] = {-0.0f, 0.0f, -0.0f};
  float v;
  std::int32_t at;
  t.arg_reduce_f32(true, 1, 3, 1, zeros, &v, &at);
  check(at == 0 && v == 0.0f && std::signbit(v), isa + " argmax of signed zeros picks the first");
  // n == 0: the empty sum is 0 and the empty mean NaN.
  float s = 1.0f, mean = 1.0f;
  t.reduce_f32(ReduceOp::Sum, 1, 0, 1, zeros, &s);
  t.reduce_f32(ReduceOp::Mean, 1, 0, 1, zeros, &mean);
  check(s == 0.0f && std::isnan(mean), isa + " empty sum is 0 and empty mean NaN");
}

// Long lines where a naive float32 loop drifts: the blocked sums must stay within a few ulps of the float64 sum.
void test_sum_accuracy(const nn::runtime::KernelTable& t) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  const index_t n = 1 << 20;
  for (index_t inner : {1, 3, 16, 40}) {
    std::vector<float> x(static_cast<size_t>(n * inner));
    for (float& v : x) v = u(rng);
    std::vector<float> got(static_cast<size_t>(inner));
    t.reduce_f32(ReduceOp::Sum, 1, n, inner, x.data(), got.data());
    double worst = 0, worst_naive = 0;
    for (index_t c = 0; c < inner; ++c) {
      double s = 0;
      float naive = 0;
      for (index_t k = 0; k < n; ++k) {
        s += x[static_cast<size_t>(k * inner + c)];
        naive += x[static_cast<size_t>(k * inner + c)];
      }
      worst = std::max(worst, std::fabs(got[static_cast<size_t>(c)] - s) / s);
      worst_naive = std::max(worst_naive, std::fabs(naive - s) / s);
    }
    check(worst <= 8 * kUnitRoundoff && worst <= worst_naive,
          std::string(t.isa) + " sum of 2^20 terms inner=" + std::to_string(inner) + ": relative error " + std::to_string(worst) +
              " (naive float32 loop " + std::to_string(worst_naive) + ")");
  }
}

}  // namespace

void run_reduce_tests(const nn::runtime::KernelTable& t) {
  test_reduce_sizes(t);
  test_reduce_special(t);
  test_sum_accuracy(t);
}
