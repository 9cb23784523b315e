// CPU feature detection via the compiler's cpuid helpers (x86-64) or the architecture baseline (arm64).
#include "runtime/cpu.h"

namespace nn::runtime {

CpuFeatures detect_cpu() {
  CpuFeatures f;
#if defined(__x86_64__) || defined(_M_X64)
  __builtin_cpu_init();
  f.avx2 = __builtin_cpu_supports("avx2");
  f.fma = __builtin_cpu_supports("fma");
  f.avx512f = __builtin_cpu_supports("avx512f");
#elif defined(__aarch64__)
  f.neon = true;  // Advanced SIMD is mandatory on AArch64.
#endif
  return f;
}

}  // namespace nn::runtime
