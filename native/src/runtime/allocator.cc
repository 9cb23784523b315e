// glibc malloc thresholds for training-step allocation patterns (see allocator.h).
#include "runtime/allocator.h"

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nn::runtime {
namespace {

AllocatorTuning apply() {
  const char* env = std::getenv("NN_MALLOC_TUNING");
  if (env != nullptr && std::strcmp(env, "0") == 0) return {false, "left as is (NN_MALLOC_TUNING=0)"};
#if defined(__GLIBC__)
  // glibc's own default raises the mmap threshold only when a block is freed, and trims the heap top as soon as it
  // holds twice that: V8 frees many step-sized buffers at once in a GC, so the heap was trimmed and the next step's
  // 10-20 MB buffers mapped again. 32 MiB is the largest threshold glibc accepts on 64-bit.
  constexpr int kMmapThreshold = 32 << 20;
  constexpr int kTrimThreshold = 256 << 20;
  if (mallopt(M_MMAP_THRESHOLD, kMmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, kTrimThreshold) == 1) {
    return {true, "glibc: blocks up to 32 MiB from the heap, up to 256 MiB of freed heap kept"};
  }
  return {false, "glibc rejected the thresholds"};
#else
  return {false, "not glibc"};
#endif
}

}  // namespace

const AllocatorTuning& tune_allocator_once() {
  static const AllocatorTuning tuning = apply();
  return tuning;
}

}  // namespace nn::runtime
