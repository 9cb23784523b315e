// Optimizer steps, portable (one lane at a time).
#include "kernels/optim/optim_impl.h"

namespace nn::optim {
namespace {

// Baseline x86-64 has no FMA instruction, and std::fma falls back to a slow exact emulation there. The product of
// two floats is exact in double, so one double add rounded to float gives the fused result, except when the double
// sum lands exactly halfway between two floats (probability about 2^-29): the same emulation as the TypeScript backend.
struct BaselineLanes : ScalarLanes {
  static Reg fma(Reg a, Reg b, Reg c) { return static_cast<float>(static_cast<double>(a) * b + c); }
};

}  // namespace

OptimKernelsF32 optim_kernels_f32_ref() { return optim_kernels<BaselineLanes>(); }

}  // namespace nn::optim
