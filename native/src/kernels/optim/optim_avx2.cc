// Optimizer steps for the avx2 kernel table.
#include <immintrin.h>

#include "kernels/optim/optim_impl.h"
#include "kernels/simd/vec_avx2.h"

namespace nn::optim {
namespace {

struct Lanes : simd::VecAvx2 {
  static Reg sqrt(Reg x) { return _mm256_sqrt_ps(x); }
};

}  // namespace

OptimKernelsF32 optim_kernels_f32_avx2() { return optim_kernels<Lanes>(); }

}  // namespace nn::optim
