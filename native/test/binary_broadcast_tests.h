// Native tests of the broadcast binary kernel (scalar, row and column operands) on every kernel table.
#pragma once
#include "runtime/dispatch.h"

void run_binary_broadcast_tests(const nn::runtime::KernelTable& t);
