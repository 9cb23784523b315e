// Native tests of the embedding gather / scatter-add kernels (embedding_tests.cc), run by kernel_tests.cc for every table.
#pragma once
#include "runtime/dispatch.h"

void run_embedding_tests(const nn::runtime::KernelTable& table);
