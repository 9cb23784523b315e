// Native tests of the reduction kernels (sum, mean, max, min, argmax, argmin) on every kernel table.
#pragma once
#include "runtime/dispatch.h"

void run_reduce_tests(const nn::runtime::KernelTable& t);
