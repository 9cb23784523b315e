// Optimizer steps for the avx512 kernel table.
#include <immintrin.h>

#include "kernels/optim/optim_impl.h"
#include "kernels/simd/vec_avx512.h"

namespace nn::optim {
namespace {

struct Lanes : simd::VecAvx512 {
  static Reg sqrt(Reg x) { return _mm512_sqrt_ps(x); }
};

}  // namespace

OptimKernelsF32 optim_kernels_f32_avx512() { return optim_kernels<Lanes>(); }

}  // namespace nn::optim
