// CPU feature detection, done once at load so kernels can be picked per machine.
#pragma once

namespace nn::runtime {

struct CpuFeatures {
  bool avx2 = false;
  bool fma = false;
  bool avx512f = false;
  bool neon = false;
};

// Includes the OS check: AVX2 counts only when the OS saves YMM state (what __builtin_cpu_supports reports).
CpuFeatures detect_cpu();

// Bytes of one core's L2 cache (the unified level-2 cache of CPU 0), or 0 when neither the C library nor sysfs says.
long l2_cache_bytes();

}  // namespace nn::runtime
