// Optimizer steps for the neon kernel table.
#include <arm_neon.h>

#include "kernels/optim/optim_impl.h"
#include "kernels/simd/vec_neon.h"

namespace nn::optim {
namespace {

struct Lanes : simd::VecNeon {
  static Reg sqrt(Reg x) { return vsqrtq_f32(x); }
};

}  // namespace

OptimKernelsF32 optim_kernels_f32_neon() { return optim_kernels<Lanes>(); }

}  // namespace nn::optim
