// NEON GEMM kernels for arm64 (NEON is part of the arm64 baseline, so no CPU check): 8 rows x 2 vectors, i.e.
// 8x8 float and 8x4 double tiles, 16 q-register accumulators.
#include "kernels/gemm/gemm_vec_neon.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

GemmKernels<float> sgemm_kernels_neon() { return make_gemm_kernels<VecNeon<float>, float, 8, 2, 4, 4>(); }
GemmKernels<double> dgemm_kernels_neon() { return make_gemm_kernels<VecNeon<double>, double, 8, 2, 4, 4>(); }

}  // namespace nn::gemm
