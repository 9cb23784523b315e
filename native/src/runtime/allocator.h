// Process allocator settings for tensor-sized blocks, applied once when the addon loads.
#pragma once

namespace nn::runtime {

// What tune_allocator_once() did, for the addon's info().
struct AllocatorTuning {
  bool applied = false;
  const char* note = "";
};

// On glibc, keeps blocks up to 32 MiB in malloc's heap and lets up to 256 MiB of freed heap stay mapped, so the
// same-sized tensors every training step allocates and frees reuse warm pages instead of a fresh mmap (page faults,
// zeroing, and a TLB shootdown on every core at munmap). NN_MALLOC_TUNING=0 leaves malloc as it is. Idempotent.
const AllocatorTuning& tune_allocator_once();

}  // namespace nn::runtime
