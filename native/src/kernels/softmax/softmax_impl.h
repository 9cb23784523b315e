// Row softmax written once over a vector type V: max pass, exp-and-sum pass, then scale (or subtract log-sum).
#pragma once
#include <cmath>

#include "kernels/elementwise/unary_impl.h"
#include "kernels/softmax/softmax.h"

namespace nn::softmax {
namespace {

template <typename V>
void softmax_rows(index_t rows, index_t n, const float* x, float* out, bool log) {
  using S = simd::VecScalar;
  for (index_t r = 0; r < rows; ++r) {
    const float* xr = x + r * n;
    float* o = out + r * n;
    // Pass 1: the row max. The max skips NaN, but a NaN (or inf - inf for infinite rows) reaches the sum in pass 2
    // and from there every output of the row, matching PyTorch.
    typename V::Reg vmax = V::set1(-INFINITY);
    index_t i = 0;
    for (; i + V::kWidth <= n; i += V::kWidth) vmax = V::max(V::load(xr + i), vmax);
    float m = V::reduce_max(vmax);
    for (; i < n; ++i) m = xr[i] > m ? xr[i] : m;
    // Pass 2: e = exp(x - max), summed; softmax keeps e in out, log-softmax only needs the sum.
    const typename V::Reg vm = V::set1(m);
    typename V::Reg vsum = V::set1(0.0f);
    i = 0;
    for (; i + V::kWidth <= n; i += V::kWidth) {
      const typename V::Reg e = elementwise::exp_v<V>(V::sub(V::load(xr + i), vm));
      if (!log) V::store(o + i, e);
      vsum = V::add(vsum, e);
    }
    float sum = V::reduce_add(vsum);
    for (; i < n; ++i) {
      const float e = elementwise::exp_v<S>(xr[i] - m);
      if (!log) o[i] = e;
      sum += e;
    }
    // Pass 3.
    if (log) {
      // (x - max) - log(sum): subtracting the max first is exact near the max, so small log-probs keep their digits.
      const float ls = std::log(sum);
      const typename V::Reg vls = V::set1(ls);
      i = 0;
      for (; i + V::kWidth <= n; i += V::kWidth) V::store(o + i, V::sub(V::sub(V::load(xr + i), vm), vls));
      for (; i < n; ++i) o[i] = (xr[i] - m) - ls;
    } else {
      const typename V::Reg inv = V::set1(1.0f / sum);
      i = 0;
      for (; i + V::kWidth <= n; i += V::kWidth) V::store(o + i, V::mul(V::load(o + i), inv));
      const float s = 1.0f / sum;
      for (; i < n; ++i) o[i] *= s;
    }
  }
}

}  // namespace
}  // namespace nn::softmax
