// CPU feature detection via the compiler's cpuid helpers (x86-64) or the architecture baseline (arm64).
#include "runtime/cpu.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

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

namespace {

// One line of a sysfs cache attribute, empty when missing.
std::string read_line(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return {};
  char buf[64] = {};
  const bool ok = std::fgets(buf, sizeof buf, f) != nullptr;
  std::fclose(f);
  std::string s = ok ? buf : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// glibc answers from cpuid on x86 but gives 0 on arm64, where the kernel's sysfs cache description ("1024K") is read.
long l2_from_sysfs() {
  for (int i = 0; i < 8; ++i) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(i) + "/";
    const std::string level = read_line(dir + "level"), type = read_line(dir + "type");
    if (level.empty()) break;
    if (level != "2" || type == "Instruction") continue;
    const std::string size = read_line(dir + "size");
    char* end = nullptr;
    const long v = std::strtol(size.c_str(), &end, 10);
    if (v <= 0) return 0;
    return *end == 'K' ? v << 10 : *end == 'M' ? v << 20 : v;
  }
  return 0;
}

}  // namespace

long l2_cache_bytes() {
#if defined(_SC_LEVEL2_CACHE_SIZE)
  const long v = sysconf(_SC_LEVEL2_CACHE_SIZE);
  if (v > 0) return v;
#endif
  return l2_from_sysfs();
}

}  // namespace nn::runtime
