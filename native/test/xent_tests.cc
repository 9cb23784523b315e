// Fused softmax cross-entropy kernels against a float64 oracle: awkward class counts, logits up to 1e4, ignored rows,
// class weights and label smoothing, forward loss and stats and the backward gradient.
#include "xent_tests.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "check.h"

namespace {

using nn::index_t;
using nn::test::check;

struct Case {
  index_t n, c;
  float scale, eps;
  bool weighted;
  std::int32_t ignore_index;
};

// Loss and gradient of one row in float64, straight from the definitions (log-softmax, then the mixture of the
// one-hot and the uniform target distributions), independent of the kernel's algebra.
void oracle_row(const float* x, index_t c, std::int32_t t, const float* w, double eps, double g, double* lse_out,
                double* loss, std::vector<double>& grad) {
  double m = -INFINITY, s = 0, w_total = 0;
  for (index_t j = 0; j < c; ++j) m = std::max(m, static_cast<double>(x[j]));
  for (index_t j = 0; j < c; ++j) s += std::exp(x[j] - m);
  const double lse = m + std::log(s);
  *lse_out = lse;
  auto wc = [&](index_t j) { return w == nullptr ? 1.0 : static_cast<double>(w[j]); };
  for (index_t j = 0; j < c; ++j) w_total += wc(j);
  double smooth = 0;
  for (index_t j = 0; j < c; ++j) smooth += wc(j) * (lse - x[j]);
  *loss = (1 - eps) * wc(t) * (lse - x[t]) + eps / static_cast<double>(c) * smooth;
  for (index_t j = 0; j < c; ++j) {
    const double p = std::exp(x[j] - lse);
    grad[j] = g * (((1 - eps) * wc(t) + eps * w_total / static_cast<double>(c)) * p - eps * wc(j) / static_cast<double>(c) -
                   (j == t ? (1 - eps) * wc(t) : 0.0));
  }
}

bool run_case(const nn::runtime::KernelTable& k, const Case& cs, std::mt19937& rng, bool in_place, std::string* detail) {
  const index_t n = cs.n, c = cs.c;
  std::normal_distribution<float> logit(0.0f, cs.scale);
  std::uniform_real_distribution<float> pos(0.1f, 2.0f), upstream(-2.0f, 2.0f);
  std::uniform_int_distribution<std::int32_t> cls(0, static_cast<std::int32_t>(c - 1));
  // Exact-size buffers so ASan catches any access past the end.
  std::vector<float> x(static_cast<size_t>(n * c)), w(static_cast<size_t>(c)), loss(static_cast<size_t>(n), NAN),
      stats(static_cast<size_t>(2 * n), NAN), gl(static_cast<size_t>(n)), gx(static_cast<size_t>(n * c), NAN);
  std::vector<std::int32_t> t(static_cast<size_t>(n));
  for (float& v : x) v = logit(rng);
  for (float& v : w) v = pos(rng);
  for (float& v : gl) v = upstream(rng);
  for (index_t i = 0; i < n; ++i) t[i] = i % 3 == 1 ? cs.ignore_index : cls(rng);
  // Make some targets the row's largest logit and some its smallest: both ends of the softmax.
  if (n > 0 && t[0] != cs.ignore_index) t[0] = static_cast<std::int32_t>(std::max_element(x.begin(), x.begin() + c) - x.begin());
  if (n > 2 && t[2] != cs.ignore_index) t[2] = static_cast<std::int32_t>(std::min_element(x.begin() + 2 * c, x.begin() + 3 * c) - x.begin() - 2 * c);
  const float* wp = cs.weighted ? w.data() : nullptr;
  k.xent_forward_f32(n, c, x.data(), t.data(), wp, cs.ignore_index, cs.eps, loss.data(), stats.data());
  const std::vector<float> x0 = x;
  float* out = in_place ? x.data() : gx.data();
  k.xent_backward_f32(n, c, x.data(), t.data(), wp, cs.ignore_index, cs.eps, stats.data(), gl.data(), out);
  // The first mismatch, for the failure message.
  std::string bad;
  auto expect = [&](bool cond, const std::string& what) {
    if (!cond && bad.empty()) bad = what;
  };
  std::vector<double> want(static_cast<size_t>(c));
  for (index_t i = 0; i < n; ++i) {
    const float* row = x0.data() + i * c;
    const float* got = out + i * c;
    const std::string at = " row " + std::to_string(i);
    if (t[i] == cs.ignore_index) {
      expect(loss[i] == 0.0f && stats[2 * i] == 0.0f && stats[2 * i + 1] == 0.0f, "ignored loss/stats" + at);
      for (index_t j = 0; j < c; ++j) expect(got[j] == 0.0f, "ignored grad" + at);
      continue;
    }
    double want_lse, want_loss;
    oracle_row(row, c, t[i], wp, cs.eps, gl[i], &want_lse, &want_loss, want);
    double m = -INFINITY;
    for (index_t j = 0; j < c; ++j) m = std::max(m, static_cast<double>(row[j]));
    expect(std::isfinite(loss[i]) && std::fabs(loss[i] - want_loss) <= 1e-5 * std::fabs(want_loss) + 1e-5,
           "loss" + at + ": " + std::to_string(loss[i]) + " vs " + std::to_string(want_loss));
    expect(stats[2 * i] == static_cast<float>(m), "max" + at);
    // The float sum of C exp terms has relative error ~ sqrt(C) 2^-24 (rounding as a random walk), which the log turns
    // into that much absolute error.
    const double log_sum_err = stats[2 * i + 1] - (want_lse - m);
    expect(std::fabs(log_sum_err) <= 1e-6 * (want_lse - m) + 3e-7 * std::sqrt(static_cast<double>(c)) + 2e-7,
           "log-sum" + at + " off by " + std::to_string(log_sum_err));
    const double wt = wp == nullptr ? 1.0 : wp[t[i]];
    for (index_t j = 0; j < c; ++j) {
      // p has the relative error exp gives to x - max rounded to float (|x - max| 2^-24), plus a few ulp, plus the
      // forward's log-sum error (p is rebuilt from its stats; that error grows as sqrt(C)); the constant terms
      // (eps w / C and the target's (1 - eps) w) are exact up to float rounding.
      const double p = std::exp(row[j] - m - stats[2 * i + 1]);
      const double shift = std::fabs(row[j] - m) * 6e-8 + std::fabs(log_sum_err);
      const double consts = std::fabs(cs.eps * (wp == nullptr ? 1.0 : wp[j]) / static_cast<double>(c)) + (1 - cs.eps) * wt;
      const double tol = std::fabs(gl[i]) * (2.5 * p * (1e-6 + shift) + 1e-6 * consts) + 1e-30;
      expect(std::fabs(got[j] - want[j]) <= tol, "grad" + at + " class " + std::to_string(j) + ": " +
             std::to_string(got[j]) + " vs " + std::to_string(want[j]) + " (p " + std::to_string(p) + ")");
    }
  }
  if (!bad.empty()) *detail = ": " + bad;
  return bad.empty();
}

std::string describe(const char* isa, const Case& cs, bool in_place) {
  return std::string(isa) + " xent N=" + std::to_string(cs.n) + " C=" + std::to_string(cs.c) + " scale=" +
         std::to_string(cs.scale) + " eps=" + std::to_string(cs.eps) + (cs.weighted ? " weighted" : "") +
         " ignore=" + std::to_string(cs.ignore_index) + (in_place ? " in place" : "");
}

}  // namespace

void run_xent_tests(const nn::runtime::KernelTable& k) {
  std::mt19937 rng(99);
  for (index_t c : {1, 3, 7, 17, 63, 65, 257, 1000}) {
    for (float scale : {1.0f, 30.0f, 1e4f}) {
      for (float eps : {0.0f, 0.1f}) {
        for (bool weighted : {false, true}) {
          // ignore_index outside the classes (PyTorch's -100) and inside them (class 0 is ignored).
          for (std::int32_t ignore : {-100, 0}) {
            const Case cs{6, c, scale, eps, weighted, ignore};
            std::string detail;
            const bool ok = run_case(k, cs, rng, false, &detail);
            check(ok, describe(k.isa, cs, false) + detail);
          }
        }
      }
    }
  }
  const Case big{64, 1000, 5.0f, 0.2f, true, -100};
  std::string detail;
  bool ok = run_case(k, big, rng, true, &detail);
  check(ok, describe(k.isa, big, true) + detail);
  // Enough logits to be split over the pool, rows split unevenly, some of them ignored (class 0).
  const Case split{67, 3001, 5.0f, 0.1f, true, 0};
  ok = run_case(k, split, rng, true, &detail);
  check(ok, describe(k.isa, split, true) + detail);
  const Case none{0, 5, 1.0f, 0.1f, false, -100};
  ok = run_case(k, none, rng, false, &detail);
  check(ok, describe(k.isa, none, false) + detail);

  // A -inf logit off the target: finite without smoothing (PyTorch skips the smoothing term), inf with it.
  const float x[3] = {0.5f, -INFINITY, 1.0f};
  const std::int32_t t[1] = {0};
  float loss = NAN, stats[2];
  k.xent_forward_f32(1, 3, x, t, nullptr, -100, 0.0f, &loss, stats);
  check(std::fabs(loss - (std::log(std::exp(0.5) + std::exp(1.0)) - 0.5)) < 1e-6, std::string(k.isa) + " xent -inf logit, eps 0");
  k.xent_forward_f32(1, 3, x, t, nullptr, -100, 0.1f, &loss, stats);
  check(std::isinf(loss) && loss > 0, std::string(k.isa) + " xent -inf logit, eps 0.1 gives inf");
  // A NaN logit makes the row's loss NaN, as in PyTorch.
  const float xn[3] = {0.5f, NAN, 1.0f};
  k.xent_forward_f32(1, 3, xn, t, nullptr, -100, 0.0f, &loss, stats);
  check(std::isnan(loss), std::string(k.isa) + " xent NaN logit gives NaN");
}
