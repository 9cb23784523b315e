// Optimizer steps on every kernel table: float64 oracle with a running float32 error bound, awkward sizes and tails.
#include "optim_tests.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "check.h"
#include "kernels/optim/optim.h"
#include "runtime/threads.h"

namespace nn::test {
namespace {

using optim::ParamBuffers;

// A float64 value and a first-order bound on the error a float32 evaluation of the same expression may carry
// (unit roundoff u per rounding, propagated through each operation).
struct D {
  double v, e;
};
constexpr double kU = 0x1p-24;
D exact(float x) { return {x, 0.0}; }
// A hyperparameter-derived scalar: the kernel rounds it to float32, the oracle keeps the double.
D coef(double x) { return {x, std::fabs(x - static_cast<double>(static_cast<float>(x)))}; }
D operator+(D a, D b) { const double r = a.v + b.v; return {r, a.e + b.e + kU * std::fabs(r)}; }
D operator-(D a) { return {-a.v, a.e}; }
D operator*(D a, D b) {
  const double r = a.v * b.v;
  return {r, std::fabs(a.v) * b.e + std::fabs(b.v) * a.e + a.e * b.e + kU * std::fabs(r)};
}
D operator/(D a, D b) {
  const double r = a.v / b.v, room = std::fabs(b.v) - b.e;
  return {r, room > 0 ? (a.e + std::fabs(r) * b.e) / room + kU * std::fabs(r) : INFINITY};
}
D sqrt_d(D a) {
  const double r = std::sqrt(a.v);
  // |sqrt(x + d) - sqrt(x)| <= min(sqrt|d|, |d| / sqrt(x)).
  return {r, std::fmin(std::sqrt(a.e), r > 0 ? a.e / r : INFINITY) + kU * r};
}
D max_d(D a, D b) { return a.v >= b.v ? D{a.v, std::fmax(a.e, b.e)} : D{b.v, std::fmax(a.e, b.e)}; }

bool close(float got, D want) {
  if (std::isnan(want.v)) return std::isnan(got);
  return std::fabs(static_cast<double>(got) - want.v) <= 2.0 * want.e + 1e-37;
}

// The float64 oracle of one element: the inputs, then in place the expected outputs.
struct Element {
  D p, g, s[3];
};

D grad_of(const Element& x, bool maximize, bool decay, double wd) {
  D g = maximize ? -x.g : x.g;
  return decay ? g + x.p * coef(wd) : g;
}

void sgd_oracle(const optim::SgdHyper& h, std::int64_t step, Element& x) {
  D d = grad_of(x, h.maximize, h.weight_decay != 0, h.weight_decay);
  if (h.momentum != 0) {
    x.s[0] = step <= 1 ? d : x.s[0] * coef(h.momentum) + d * coef(1.0 - h.dampening);
    d = h.nesterov ? d + x.s[0] * coef(h.momentum) : x.s[0];
  }
  x.p = x.p + d * coef(-h.lr);
}

void adam_oracle(const optim::AdamHyper& h, std::int64_t step, Element& x) {
  const double bc1 = 1.0 - std::pow(h.beta1, static_cast<double>(step)), bc2 = 1.0 - std::pow(h.beta2, static_cast<double>(step));
  if (h.decoupled) x.p = x.p * coef(1.0 - h.lr * h.weight_decay);
  const D g = grad_of(x, h.maximize, !h.decoupled && h.weight_decay != 0, h.weight_decay);
  x.s[0] = x.s[0] * coef(h.beta1) + g * coef(1.0 - h.beta1);
  x.s[1] = x.s[1] * coef(h.beta2) + g * g * coef(1.0 - h.beta2);
  D v = x.s[1];
  if (h.amsgrad) v = x.s[2] = max_d(x.s[2], x.s[1]);
  const D denom = sqrt_d(v) / coef(std::sqrt(bc2)) + coef(h.eps);
  x.p = x.p + coef(-h.lr / bc1) * x.s[0] / denom;
}

void rmsprop_oracle(const optim::RmspropHyper& h, Element& x) {
  const D g = grad_of(x, h.maximize, h.weight_decay != 0, h.weight_decay);
  x.s[0] = x.s[0] * coef(h.alpha) + g * g * coef(1.0 - h.alpha);
  if (h.centered) x.s[1] = x.s[1] * coef(h.alpha) + g * coef(1.0 - h.alpha);
  const D avg = (h.centered ? sqrt_d(x.s[0] + -(x.s[1] * x.s[1])) : sqrt_d(x.s[0])) + coef(h.eps);
  if (h.momentum > 0) {
    x.s[2] = x.s[2] * coef(h.momentum) + g / avg;
    x.p = x.p + x.s[2] * coef(-h.lr);
  } else {
    x.p = x.p + coef(-h.lr) * g / avg;
  }
}

void adagrad_oracle(const optim::AdagradHyper& h, std::int64_t step, Element& x) {
  const D g = grad_of(x, h.maximize, h.weight_decay != 0, h.weight_decay);
  x.s[0] = x.s[0] + g * g;
  const D clr = coef(h.lr / (1.0 + (static_cast<double>(step) - 1.0) * h.lr_decay));
  x.p = x.p + -clr * g / (sqrt_d(x.s[0]) + coef(h.eps));
}

// Exact-size buffers of one tensor (so ASan sees any access past n), with the states the options use.
struct Buffers {
  std::vector<float> p, g, s[3];
  bool used[3];

  Buffers(index_t n, const bool (&uses)[3], std::mt19937& rng) : used{uses[0], uses[1], uses[2]} {
    std::normal_distribution<float> d(0.0f, 1.0f);
    const auto fill = [&](std::vector<float>& v, float scale) {
      v.resize(static_cast<size_t>(n));
      for (float& x : v) x = d(rng) * scale;
    };
    fill(p, 1.0f);
    fill(g, 0.5f);
    for (int k = 0; k < 3; ++k) {
      if (used[k]) fill(s[k], 0.1f);
    }
    if (n > 0) g[0] = 0.0f;
  }
  ParamBuffers view() {
    ParamBuffers b{static_cast<index_t>(p.size()), p.data(), g.data(), {nullptr, nullptr, nullptr}};
    for (int k = 0; k < 3; ++k) b.state[k] = used[k] ? s[k].data() : nullptr;
    return b;
  }
};

// Gives the states of the adaptive methods values their running averages can have: sums and averages of squares are
// non-negative, and centered RMSProp's square_avg is at least grad_avg^2.
enum class Kind { Sgd, Adam, Rmsprop, Adagrad };

void make_states_valid(Buffers& b, Kind kind) {
  for (size_t i = 0; i < b.p.size(); ++i) {
    if (kind == Kind::Adam) {  // exp_avg_sq, and max_exp_avg_sq above or below it
      b.s[1][i] = std::fabs(b.s[1][i]) * 0.1f;
      if (b.used[2]) b.s[2][i] = b.s[1][i] * (i % 2 == 0 ? 1.5f : 0.5f);
    } else if (kind == Kind::Rmsprop) {  // square_avg >= grad_avg^2
      b.s[0][i] = std::fabs(b.s[0][i]) + (b.used[1] ? b.s[1][i] * b.s[1][i] : 0.0f);
    } else if (kind == Kind::Adagrad) {  // sum >= 0
      b.s[0][i] = std::fabs(b.s[0][i]);
    }
  }
}

const index_t kSizes[] = {1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 63, 65, 257, 1000};
const std::int64_t kSteps[] = {1, 2, 9};

// Runs `kernel` on fresh buffers of every size and step, checks each output against the oracle, and the
// outputs of `table` against those of the baseline table bit for bit.
template <typename Kernel, typename BaseKernel, typename Oracle>
void run_cases(const std::string& what, const bool (&uses)[3], Kind kind, Kernel kernel, BaseKernel base, Oracle oracle) {
  std::mt19937 rng(42);
  for (index_t n : kSizes) {
    for (std::int64_t step : kSteps) {
      Buffers b(n, uses, rng);
      make_states_valid(b, kind);
      Buffers expect_bits = b;
      std::vector<Element> want(static_cast<size_t>(n));
      for (index_t i = 0; i < n; ++i) {
        Element& x = want[i];
        x.p = exact(b.p[i]);
        x.g = exact(b.g[i]);
        for (int k = 0; k < 3; ++k) x.s[k] = b.used[k] ? exact(b.s[k][i]) : D{0, 0};
        oracle(step, x);
      }
      kernel(step, b.view());
      base(step, expect_bits.view());
      bool ok = true, same = true;
      for (index_t i = 0; i < n; ++i) {
        ok = ok && close(b.p[i], want[i].p);
        same = same && std::memcmp(&b.p[i], &expect_bits.p[i], sizeof(float)) == 0;
        for (int k = 0; k < 3; ++k) {
          if (!b.used[k]) continue;
          ok = ok && close(b.s[k][i], want[i].s[k]);
          same = same && std::memcmp(&b.s[k][i], &expect_bits.s[k][i], sizeof(float)) == 0;
        }
      }
      const std::string label = what + " n=" + std::to_string(n) + " step=" + std::to_string(step);
      check(ok, label + " within the float32 error bound of the float64 formula");
      check(same, label + " bitwise equal to the baseline table");
    }
  }
}

void test_sgd(const runtime::KernelTable& t, const runtime::KernelTable& base) {
  const optim::SgdHyper cases[] = {
      {0.1, 0.0, 0.0, 0.0, false, false},  {0.05, 0.9, 0.0, 0.0, false, false}, {0.05, 0.9, 0.25, 1e-2, false, true},
      {0.01, 0.9, 0.0, 1e-3, true, false}, {0.3, 0.0, 0.0, 0.1, false, true},
  };
  for (const optim::SgdHyper& h : cases) {
    const bool uses[3] = {h.momentum != 0, false, false};
    const std::string what = std::string(t.isa) + " sgd momentum=" + std::to_string(h.momentum) + " dampening=" +
                             std::to_string(h.dampening) + " wd=" + std::to_string(h.weight_decay) +
                             " nesterov=" + std::to_string(h.nesterov) + " maximize=" + std::to_string(h.maximize);
    run_cases(what, uses, Kind::Sgd, [&](std::int64_t s, const ParamBuffers& b) { t.optim_f32.sgd(h, s, b); },
              [&](std::int64_t s, const ParamBuffers& b) { base.optim_f32.sgd(h, s, b); },
              [&](std::int64_t s, Element& x) { sgd_oracle(h, s, x); });
  }
}

void test_adam(const runtime::KernelTable& t, const runtime::KernelTable& base) {
  const optim::AdamHyper cases[] = {
      {1e-3, 0.9, 0.999, 1e-8, 0.0, false, false, false}, {2e-3, 0.8, 0.99, 1e-6, 0.1, true, true, false},
      {1e-3, 0.9, 0.999, 1e-8, 1e-2, false, false, true}, {5e-3, 0.5, 0.9, 1e-3, 0.5, true, true, true},
  };
  for (const optim::AdamHyper& h : cases) {
    const bool uses[3] = {true, true, h.amsgrad};
    const std::string what = std::string(t.isa) + (h.decoupled ? " adamw" : " adam") + " lr=" + std::to_string(h.lr) +
                             " wd=" + std::to_string(h.weight_decay) + " amsgrad=" + std::to_string(h.amsgrad) +
                             " maximize=" + std::to_string(h.maximize);
    run_cases(what, uses, Kind::Adam, [&](std::int64_t s, const ParamBuffers& b) { t.optim_f32.adam(h, s, b); },
              [&](std::int64_t s, const ParamBuffers& b) { base.optim_f32.adam(h, s, b); },
              [&](std::int64_t s, Element& x) { adam_oracle(h, s, x); });
  }
}

void test_rmsprop(const runtime::KernelTable& t, const runtime::KernelTable& base) {
  const optim::RmspropHyper cases[] = {
      {1e-2, 0.99, 1e-8, 0.0, 0.0, false, false}, {1e-2, 0.9, 1e-6, 0.0, 0.0, true, false},
      {5e-3, 0.99, 1e-8, 0.05, 0.9, false, true}, {1e-2, 0.95, 1e-4, 1e-3, 0.5, true, true},
  };
  for (const optim::RmspropHyper& h : cases) {
    const bool uses[3] = {true, h.centered, h.momentum > 0};
    const std::string what = std::string(t.isa) + " rmsprop alpha=" + std::to_string(h.alpha) + " wd=" +
                             std::to_string(h.weight_decay) + " momentum=" + std::to_string(h.momentum) +
                             " centered=" + std::to_string(h.centered) + " maximize=" + std::to_string(h.maximize);
    run_cases(what, uses, Kind::Rmsprop, [&](std::int64_t, const ParamBuffers& b) { t.optim_f32.rmsprop(h, b); },
              [&](std::int64_t, const ParamBuffers& b) { base.optim_f32.rmsprop(h, b); },
              [&](std::int64_t, Element& x) { rmsprop_oracle(h, x); });
  }
}

void test_adagrad(const runtime::KernelTable& t, const runtime::KernelTable& base) {
  const optim::AdagradHyper cases[] = {{1e-2, 0.0, 0.0, 1e-10, false}, {5e-2, 0.1, 1e-2, 1e-6, true}};
  for (const optim::AdagradHyper& h : cases) {
    const bool uses[3] = {true, false, false};
    const std::string what = std::string(t.isa) + " adagrad lr_decay=" + std::to_string(h.lr_decay) + " wd=" +
                             std::to_string(h.weight_decay) + " maximize=" + std::to_string(h.maximize);
    run_cases(what, uses, Kind::Adagrad, [&](std::int64_t s, const ParamBuffers& b) { t.optim_f32.adagrad(h, s, b); },
              [&](std::int64_t s, const ParamBuffers& b) { base.optim_f32.adagrad(h, s, b); },
              [&](std::int64_t s, Element& x) { adagrad_oracle(h, s, x); });
  }
}

// A group big enough to be split over threads (and with an empty tensor) gives exactly the per-tensor result.
void test_group(const runtime::KernelTable& t) {
  const index_t sizes[] = {1, 40000, 0, 70001, 17};
  const bool uses[3] = {true, true, true};
  const optim::AdamHyper h{1e-3, 0.9, 0.999, 1e-8, 1e-2, true, false, false};
  std::mt19937 rng(5);
  std::vector<Buffers> group, single;
  for (index_t n : sizes) {
    group.emplace_back(n, uses, rng);
    make_states_valid(group.back(), Kind::Adam);
  }
  single = group;
  std::vector<ParamBuffers> views;
  for (Buffers& b : group) views.push_back(b.view());
  const int threads = runtime::num_threads();
  for (int th : {1, 3}) {
    runtime::set_num_threads(th);
    optim::adam_step_group(t.optim_f32, h, th, views.data(), static_cast<index_t>(views.size()));
    for (Buffers& b : single) {
      const ParamBuffers v = b.view();
      if (v.n > 0) t.optim_f32.adam(h, th, v);
    }
  }
  runtime::set_num_threads(threads);
  bool same = true;
  for (size_t k = 0; k < group.size(); ++k) {
    same = same && group[k].p == single[k].p && group[k].s[0] == single[k].s[0] && group[k].s[1] == single[k].s[1] &&
           group[k].s[2] == single[k].s[2];
  }
  check(same, std::string(t.isa) + " adam group step over 1 and 3 threads equals per-tensor steps");
}

}  // namespace

void run_optim_tests(const runtime::KernelTable& table) {
  const runtime::KernelTable* tables[4];
  const int count = runtime::available_tables(tables, 4);
  const runtime::KernelTable& base = *tables[count - 1];  // baseline is always last
  test_sgd(table, base);
  test_adam(table, base);
  test_rmsprop(table, base);
  test_adagrad(table, base);
  test_group(table);
}

}  // namespace nn::test
