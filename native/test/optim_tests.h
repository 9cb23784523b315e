// Native tests of the fused optimizer-step kernels (kernels/optim), run by kernel_tests.cc for every table.
#pragma once
#include "runtime/dispatch.h"

namespace nn::test {

// Every step kernel of `table` against a float64 evaluation of PyTorch's formula with a running error bound, against
// the baseline table bit for bit, and its group step split over threads.
void run_optim_tests(const runtime::KernelTable& table);

}  // namespace nn::test
