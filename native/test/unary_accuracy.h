// Accuracy checks of the vectorised exp/log/tanh/sigmoid against libm in double precision, in ulps.
#pragma once
#include "runtime/dispatch.h"

namespace nn::test {

// Largest error in ulps of `table`'s unary op over a dense sample of its range; also counts special-value mismatches.
struct UlpReport {
  double max_ulp;
  int special_failures;
};

UlpReport measure_unary(const runtime::KernelTable& table, elementwise::UnaryOp op);

}  // namespace nn::test
