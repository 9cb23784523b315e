// Measures unary kernel accuracy: 2^22 samples spread log-uniformly over each op's range, compared with libm.
#include "unary_accuracy.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace nn::test {
namespace {

// Distance in units in the last place between two floats (0 when both are the same NaN or infinity).
double ulp_distance(float got, double want) {
  const float w = static_cast<float>(want);
  if (std::isnan(w) || std::isnan(got)) return std::isnan(w) && std::isnan(got) ? 0 : 1e9;
  if (std::isinf(w) || std::isinf(got)) return got == w ? 0 : 1e9;
  std::int32_t a, b;
  std::memcpy(&a, &got, 4);
  std::memcpy(&b, &w, 4);
  // Map to a monotonic integer line so the difference counts representable floats between them.
  const std::int64_t ia = a < 0 ? static_cast<std::int64_t>(INT32_MIN) - a : a;
  const std::int64_t ib = b < 0 ? static_cast<std::int64_t>(INT32_MIN) - b : b;
  return static_cast<double>(ia > ib ? ia - ib : ib - ia);
}

double reference(elementwise::UnaryOp op, double x) {
  switch (op) {
    case elementwise::UnaryOp::Exp: return std::exp(x);
    case elementwise::UnaryOp::Log: return std::log(x);
    case elementwise::UnaryOp::Tanh: return std::tanh(x);
    case elementwise::UnaryOp::Sigmoid: return 1.0 / (1.0 + std::exp(-x));
  }
  return 0;
}

}  // namespace

UlpReport measure_unary(const runtime::KernelTable& table, elementwise::UnaryOp op) {
  constexpr int kSamples = 1 << 22;
  std::vector<float> x(kSamples), out(kSamples);
  const bool is_log = op == elementwise::UnaryOp::Log;
  // Magnitudes from 2^-30 to each op's useful limit, both signs (log: positive only, down to subnormals).
  const double lo = is_log ? -149.0 : -30.0, hi = op == elementwise::UnaryOp::Exp ? std::log2(87.0) : is_log ? 127.9 : std::log2(40.0);
  for (int i = 0; i < kSamples; ++i) {
    const double mag = std::exp2(lo + (hi - lo) * (static_cast<double>(i >> 1) / (kSamples / 2)));
    x[i] = static_cast<float>(is_log || (i & 1) == 0 ? mag : -mag);
  }
  table.unary_f32(op, kSamples, x.data(), out.data());
  UlpReport r{0, 0};
  for (int i = 0; i < kSamples; ++i) {
    const double want = reference(op, x[i]);
    // Below the smallest normal float the ulp is fixed, so subnormal results are judged by absolute error.
    if (std::fabs(want) < 1.17549435e-38) {
      if (std::fabs(out[i] - want) > 4 * 1.4e-45) r.special_failures++;
      continue;
    }
    const double u = ulp_distance(out[i], want);
    if (u > r.max_ulp) r.max_ulp = u;
  }
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const float specials[] = {0.0f, -0.0f, inf, -inf, nan, 100.0f, -100.0f, 88.7f, -103.0f, 1e-45f};
  float got[10];
  table.unary_f32(op, 10, specials, got);
  for (int i = 0; i < 10; ++i) {
    const float want = static_cast<float>(reference(op, specials[i]));
    const bool ok = (std::isnan(want) && std::isnan(got[i])) || got[i] == want ||
                    std::fabs(got[i] - want) <= 2e-7 * std::fabs(want) + 4 * 1.4e-45;
    if (!ok) r.special_failures++;
  }
  return r;
}

}  // namespace nn::test
