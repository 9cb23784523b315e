// Fused softmax cross-entropy written once over a vector type V: forward (max, exp-sum, loss) and backward
// (softmax minus target distribution, scaled) per row, reusing the vectorised exp of the elementwise kernels.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "kernels/elementwise/unary_impl.h"
#include "kernels/xent/xent.h"
#include "runtime/threads.h"

namespace nn::xent {
namespace {

// W = sum_c w[c], in double: it multiplies every row's smoothing term.
inline double weight_total(index_t c, const float* weight) {
  if (weight == nullptr) return static_cast<double>(c);
  double s = 0.0;
  for (index_t j = 0; j < c; ++j) s += weight[j];
  return s;
}

// x: (C). The max skips NaN, but a NaN still reaches the exp-sum and from there the loss, as in PyTorch.
template <typename V>
float row_max(index_t c, const float* x) {
  typename V::Reg vmax = V::set1(-INFINITY);
  index_t i = 0;
  for (; i + V::kWidth <= c; i += V::kWidth) vmax = V::max(V::load(x + i), vmax);
  float m = V::reduce_max(vmax);
  for (; i < c; ++i) m = x[i] > m ? x[i] : m;
  return m;
}

// x: (C). sum_c exp(x[c] - m).
template <typename V>
float row_exp_sum(index_t c, const float* x, float m) {
  using S = simd::VecScalar;
  const typename V::Reg vm = V::set1(m);
  typename V::Reg vsum = V::set1(0.0f);
  index_t i = 0;
  for (; i + V::kWidth <= c; i += V::kWidth) vsum = V::add(vsum, elementwise::exp_v<V>(V::sub(V::load(x + i), vm)));
  float sum = V::reduce_add(vsum);
  for (; i < c; ++i) sum += elementwise::exp_v<S>(x[i] - m);
  return sum;
}

// x, weight: (C); weight may be null (all ones). sum_c w[c] (m - x[c]): every term has the sign of w[c], so with
// non-negative weights nothing cancels, unlike W lse - sum_c w[c] x[c] for large logits.
template <typename V>
float row_weighted_gap(index_t c, const float* x, const float* weight, float m) {
  const typename V::Reg vm = V::set1(m);
  typename V::Reg acc = V::set1(0.0f);
  index_t i = 0;
  if (weight == nullptr) {
    for (; i + V::kWidth <= c; i += V::kWidth) acc = V::add(acc, V::sub(vm, V::load(x + i)));
  } else {
    for (; i + V::kWidth <= c; i += V::kWidth) acc = V::fma(V::load(weight + i), V::sub(vm, V::load(x + i)), acc);
  }
  float s = V::reduce_add(acc);
  for (; i < c; ++i) s += (weight == nullptr ? 1.0f : weight[i]) * (m - x[i]);
  return s;
}

// x: (N, C), target: (N), weight: (C) or null, loss: (N), stats: (N, 2). See xent.h.
template <typename V>
void xent_forward_rows(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                       std::int32_t ignore_index, float label_smoothing, float* loss, float* stats) {
  const double eps = label_smoothing;
  const double w_total = eps > 0.0 ? weight_total(c, weight) : 0.0;
  for (index_t r = 0; r < n; ++r) {
    const std::int32_t t = target[r];
    if (t == ignore_index) {
      loss[r] = 0.0f;
      stats[2 * r] = stats[2 * r + 1] = 0.0f;
      continue;
    }
    const float* xr = x + r * c;
    const float m = row_max<V>(c, xr);
    const float log_sum = std::log(row_exp_sum<V>(c, xr, m));
    stats[2 * r] = m;
    stats[2 * r + 1] = log_sum;
    // lse - x[t] = log_sum + (m - x[t]), the difference taken exactly in double.
    const double wt = weight == nullptr ? 1.0 : static_cast<double>(weight[t]);
    double l = (1.0 - eps) * wt * (static_cast<double>(log_sum) + (static_cast<double>(m) - xr[t]));
    if (eps > 0.0) {
      // sum_c w[c] (lse - x[c]) = W log_sum + sum_c w[c] (m - x[c]).
      l += eps / static_cast<double>(c) * (w_total * log_sum + row_weighted_gap<V>(c, xr, weight, m));
    }
    loss[r] = static_cast<float>(l);
  }
}

// x, grad_x: (N, C), target, grad_loss: (N), weight: (C) or null, stats: (N, 2). See xent.h.
template <typename V>
void xent_backward_rows(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                        std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                        float* grad_x) {
  using S = simd::VecScalar;
  using R = typename V::Reg;
  const double eps = label_smoothing;
  const double w_total = eps > 0.0 ? weight_total(c, weight) : 0.0;
  for (index_t r = 0; r < n; ++r) {
    float* gr = grad_x + r * c;
    const std::int32_t t = target[r];
    if (t == ignore_index) {
      for (index_t i = 0; i < c; ++i) gr[i] = 0.0f;
      continue;
    }
    const float* xr = x + r * c;
    const double s = grad_loss[r];
    const double wt = weight == nullptr ? 1.0 : static_cast<double>(weight[t]);
    // grad = p_scale * p - eps_scale * w[c], and the target class also loses target_scale.
    const float p_scale = static_cast<float>(s * ((1.0 - eps) * wt + eps * w_total / static_cast<double>(c)));
    const float eps_scale = static_cast<float>(s * eps / static_cast<double>(c));
    const float target_scale = static_cast<float>(s * (1.0 - eps) * wt);
    const float m = stats[2 * r], log_sum = stats[2 * r + 1];
    const R vm = V::set1(m), vls = V::set1(log_sum), vp = V::set1(p_scale), vneg = V::set1(-eps_scale);
    index_t i = 0;
    // p = exp((x - m) - log_sum), as the softmax kernel computes it, so huge logits keep their digits.
    if (weight == nullptr) {
      for (; i + V::kWidth <= c; i += V::kWidth) {
        const R p = elementwise::exp_v<V>(V::sub(V::sub(V::load(xr + i), vm), vls));
        V::store(gr + i, V::fma(vp, p, vneg));
      }
    } else {
      for (; i + V::kWidth <= c; i += V::kWidth) {
        const R p = elementwise::exp_v<V>(V::sub(V::sub(V::load(xr + i), vm), vls));
        V::store(gr + i, V::fma(vp, p, V::mul(vneg, V::load(weight + i))));
      }
    }
    for (; i < c; ++i) {
      const float p = elementwise::exp_v<S>((xr[i] - m) - log_sum);
      gr[i] = std::fma(p_scale, p, -eps_scale * (weight == nullptr ? 1.0f : weight[i]));
    }
    gr[t] -= target_scale;
  }
}

// From this many logits on, rows are split over the pool: a (256, 10000) batch took 2.5 ms on one core.
constexpr index_t kParallelMinElements = index_t{1} << 17;

// Runs rows(lo, hi) over [0, n), split over the pool when the batch is big: rows are independent.
template <typename Rows>
void over_rows(index_t n, index_t c, const Rows& rows) {
  const index_t tasks = std::min<index_t>({runtime::num_threads(), n, n * c / kParallelMinElements});
  if (tasks <= 1) {
    rows(0, n);
    return;
  }
  runtime::parallel_for(static_cast<int>(tasks), [&](int t) { rows(n * t / tasks, n * (t + 1) / tasks); });
}

template <typename V>
void xent_forward(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                  std::int32_t ignore_index, float label_smoothing, float* loss, float* stats) {
  over_rows(n, c, [&](index_t lo, index_t hi) {
    xent_forward_rows<V>(hi - lo, c, x + lo * c, target + lo, weight, ignore_index, label_smoothing, loss + lo,
                         stats + 2 * lo);
  });
}

template <typename V>
void xent_backward(index_t n, index_t c, const float* x, const std::int32_t* target, const float* weight,
                   std::int32_t ignore_index, float label_smoothing, const float* stats, const float* grad_loss,
                   float* grad_x) {
  over_rows(n, c, [&](index_t lo, index_t hi) {
    xent_backward_rows<V>(hi - lo, c, x + lo * c, target + lo, weight, ignore_index, label_smoothing, stats + 2 * lo,
                          grad_loss + lo, grad_x + lo * c);
  });
}

}  // namespace
}  // namespace nn::xent
