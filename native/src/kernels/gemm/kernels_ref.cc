// Portable GEMM kernels (4x8 float, 4x4 double tiles): plain loops the compiler vectorises for the baseline ISA.
#include "kernels/gemm/gemm_vec_scalar.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

GemmKernels<float> sgemm_kernels_ref() { return make_gemm_kernels<VecScalar<float>, float, 4, 8, 2, 2>(); }
GemmKernels<double> dgemm_kernels_ref() { return make_gemm_kernels<VecScalar<double>, double, 4, 4, 2, 2>(); }

}  // namespace nn::gemm
