// Pass/fail bookkeeping shared by the native kernel test files (one runner, one summary line).
#pragma once
#include <string>

#include "runtime/dispatch.h"

namespace nn::test {

// Records one check; a failure prints `what` and makes the runner exit non-zero.
void check(bool ok, const std::string& what);

}  // namespace nn::test
