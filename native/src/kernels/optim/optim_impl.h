// Optimizer steps written once over a lane type L (a vector type from kernels/simd plus sqrt), in PyTorch's float32 order.
#pragma once
#include <cmath>

#include "kernels/optim/optim.h"
#include "kernels/simd/vec_scalar.h"

namespace nn::optim {
namespace {

// sqrt is not (yet) part of the shared vector interface, so each ISA file derives its lane type and adds it; this
// is the one-lane type the SIMD tables use for the tail after the last full vector (their std::fma is one
// instruction there).
struct ScalarLanes : simd::VecScalar {
  static Reg sqrt(Reg x) { return std::sqrt(x); }
};

// f(lanes, i) over [0, n): full vectors of V, then the tail one lane at a time through the same formula.
template <typename V, typename F>
inline void for_lanes(index_t n, F&& f) {
  index_t i = 0;
  for (; i + V::kWidth <= n; i += V::kWidth) f(V{}, i);
  for (; i < n; ++i) f(ScalarLanes{}, i);
}

template <typename L>
using R = typename L::Reg;

// PyTorch's tensor ops as its AVX2 CPU kernels evaluate them (verified bit for bit against torch 1.13 on float32):
// x.add_(y, alpha=a) is fma(y, a, x); x.addcmul_(s, t, value=v) is fma(v * s, t, x); x.addcdiv_(s, t, value=v) is
// x + v * s / t; -x is a sign flip (so -0 stays distinct from 0).
template <typename L>
R<L> add_scaled(R<L> x, R<L> y, R<L> alpha) { return L::fma(y, alpha, x); }
template <typename L>
R<L> addcmul(R<L> x, R<L> s, R<L> t, R<L> v) { return L::fma(L::mul(v, s), t, x); }
template <typename L>
R<L> addcdiv(R<L> x, R<L> s, R<L> t, R<L> v) { return L::add(x, L::div(L::mul(v, s), t)); }
template <typename L>
R<L> negate(R<L> x) { return L::mul(x, L::set1(-1.0f)); }
// torch.maximum: NaN when either side is NaN (the vector max alone returns its second operand then).
template <typename L>
R<L> maximum(R<L> a, R<L> b) { return L::select(L::is_nan(a), a, L::max(a, b)); }

// The gradient as the update sees it: negated for maximize, plus weight_decay * param for L2 decay.
template <typename L>
R<L> effective_grad(const float* grad, R<L> p, bool maximize, bool decay, float wd) {
  R<L> g = L::load(grad);
  if (maximize) g = negate<L>(g);
  if (decay) g = add_scaled<L>(g, p, L::set1(wd));
  return g;
}

// torch.optim.SGD (_single_tensor_sgd).
template <typename V>
void sgd_step(const SgdHyper& h, std::int64_t step, const ParamBuffers& b) {
  const bool maximize = h.maximize, nesterov = h.nesterov, decay = h.weight_decay != 0;
  const bool use_momentum = h.momentum != 0, first = step <= 1;
  const float wd = static_cast<float>(h.weight_decay), mom = static_cast<float>(h.momentum);
  const float one_minus_damp = static_cast<float>(1.0 - h.dampening), neg_lr = static_cast<float>(-h.lr);
  float* buf = b.state[0];
  for_lanes<V>(b.n, [&](auto lanes, index_t i) {
    using L = decltype(lanes);
    const R<L> p = L::load(b.param + i);
    R<L> d = effective_grad<L>(b.grad + i, p, maximize, decay, wd);
    if (use_momentum) {
      const R<L> m =
          first ? d : add_scaled<L>(L::mul(L::load(buf + i), L::set1(mom)), d, L::set1(one_minus_damp));
      L::store(buf + i, m);
      d = nesterov ? add_scaled<L>(d, m, L::set1(mom)) : m;
    }
    L::store(b.param + i, add_scaled<L>(p, d, L::set1(neg_lr)));
  });
}

// torch.optim.Adam / AdamW (_single_tensor_adam, _single_tensor_adamw; not capturable).
template <typename V>
void adam_step(const AdamHyper& h, std::int64_t step, const ParamBuffers& b) {
  const bool maximize = h.maximize, amsgrad = h.amsgrad, decoupled = h.decoupled;
  const bool l2 = !decoupled && h.weight_decay != 0;
  const double s = static_cast<double>(step);
  const double bias_correction1 = 1.0 - std::pow(h.beta1, s), bias_correction2 = 1.0 - std::pow(h.beta2, s);
  const float neg_step_size = static_cast<float>(-(h.lr / bias_correction1));
  const float bc2_sqrt = static_cast<float>(std::sqrt(bias_correction2));
  const float beta1 = static_cast<float>(h.beta1), one_minus_beta1 = static_cast<float>(1.0 - h.beta1);
  const float beta2 = static_cast<float>(h.beta2), one_minus_beta2 = static_cast<float>(1.0 - h.beta2);
  const float eps = static_cast<float>(h.eps), wd = static_cast<float>(h.weight_decay);
  const float param_scale = static_cast<float>(1.0 - h.lr * h.weight_decay);
  float *m = b.state[0], *v = b.state[1], *vmax = b.state[2];
  for_lanes<V>(b.n, [&](auto lanes, index_t i) {
    using L = decltype(lanes);
    R<L> p = L::load(b.param + i);
    // AdamW scales even when weight_decay is 0 (by exactly 1), as PyTorch does.
    if (decoupled) p = L::mul(p, L::set1(param_scale));
    const R<L> g = effective_grad<L>(b.grad + i, p, maximize, l2, wd);
    const R<L> mi = add_scaled<L>(L::mul(L::load(m + i), L::set1(beta1)), g, L::set1(one_minus_beta1));
    R<L> vi = addcmul<L>(L::mul(L::load(v + i), L::set1(beta2)), g, g, L::set1(one_minus_beta2));
    L::store(m + i, mi);
    L::store(v + i, vi);
    if (amsgrad) {
      vi = maximum<L>(L::load(vmax + i), vi);
      L::store(vmax + i, vi);
    }
    const R<L> denom = L::add(L::div(L::sqrt(vi), L::set1(bc2_sqrt)), L::set1(eps));
    L::store(b.param + i, addcdiv<L>(p, mi, denom, L::set1(neg_step_size)));
  });
}

// torch.optim.RMSprop (_single_tensor_rmsprop).
template <typename V>
void rmsprop_step(const RmspropHyper& h, const ParamBuffers& b) {
  const bool maximize = h.maximize, centered = h.centered, decay = h.weight_decay != 0, use_momentum = h.momentum > 0;
  const float alpha = static_cast<float>(h.alpha), one_minus_alpha = static_cast<float>(1.0 - h.alpha);
  const float eps = static_cast<float>(h.eps), wd = static_cast<float>(h.weight_decay);
  const float mom = static_cast<float>(h.momentum), neg_lr = static_cast<float>(-h.lr);
  float *sq = b.state[0], *ga = b.state[1], *buf = b.state[2];
  for_lanes<V>(b.n, [&](auto lanes, index_t i) {
    using L = decltype(lanes);
    const R<L> p = L::load(b.param + i);
    const R<L> g = effective_grad<L>(b.grad + i, p, maximize, decay, wd);
    const R<L> sqi = addcmul<L>(L::mul(L::load(sq + i), L::set1(alpha)), g, g, L::set1(one_minus_alpha));
    L::store(sq + i, sqi);
    R<L> avg;
    if (centered) {
      const R<L> gai = add_scaled<L>(L::mul(L::load(ga + i), L::set1(alpha)), g, L::set1(one_minus_alpha));
      L::store(ga + i, gai);
      avg = L::sqrt(addcmul<L>(sqi, gai, gai, L::set1(-1.0f)));
    } else {
      avg = L::sqrt(sqi);
    }
    avg = L::add(avg, L::set1(eps));
    if (use_momentum) {
      const R<L> bi = addcdiv<L>(L::mul(L::load(buf + i), L::set1(mom)), g, avg, L::set1(1.0f));
      L::store(buf + i, bi);
      L::store(b.param + i, add_scaled<L>(p, bi, L::set1(neg_lr)));
    } else {
      L::store(b.param + i, addcdiv<L>(p, g, avg, L::set1(neg_lr)));
    }
  });
}

// torch.optim.Adagrad (_single_tensor_adagrad, dense gradients).
template <typename V>
void adagrad_step(const AdagradHyper& h, std::int64_t step, const ParamBuffers& b) {
  const bool maximize = h.maximize, decay = h.weight_decay != 0;
  const double clr = h.lr / (1.0 + (static_cast<double>(step) - 1.0) * h.lr_decay);
  const float neg_clr = static_cast<float>(-clr), eps = static_cast<float>(h.eps), wd = static_cast<float>(h.weight_decay);
  float* sum = b.state[0];
  for_lanes<V>(b.n, [&](auto lanes, index_t i) {
    using L = decltype(lanes);
    const R<L> p = L::load(b.param + i);
    const R<L> g = effective_grad<L>(b.grad + i, p, maximize, decay, wd);
    const R<L> si = addcmul<L>(L::load(sum + i), g, g, L::set1(1.0f));
    L::store(sum + i, si);
    const R<L> std_dev = L::add(L::sqrt(si), L::set1(eps));
    L::store(b.param + i, addcdiv<L>(p, g, std_dev, L::set1(neg_clr)));
  });
}

template <typename V>
OptimKernelsF32 optim_kernels() {
  return OptimKernelsF32{sgd_step<V>, adam_step<V>, rmsprop_step<V>, adagrad_step<V>};
}

}  // namespace
}  // namespace nn::optim
