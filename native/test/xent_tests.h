// Native tests of the fused softmax cross-entropy kernels (xent_tests.cc), run by kernel_tests.cc for every table.
#pragma once
#include "runtime/dispatch.h"

void run_xent_tests(const nn::runtime::KernelTable& table);
