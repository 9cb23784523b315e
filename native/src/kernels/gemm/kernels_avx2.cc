// AVX2 + FMA GEMM kernels (compiled with -mavx2 -mfma; reached only after a CPU check): 6 rows x 2 vectors, i.e.
// 6x16 float and 6x8 double tiles, 12 ymm accumulators with B loaded as two vectors and A broadcast; 3x4 dot tiles.
#include "kernels/gemm/gemm_vec_avx2.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

GemmKernels<float> sgemm_kernels_avx2() { return make_gemm_kernels<VecAvx2<float>, float, 6, 2, 3, 4>(); }
GemmKernels<double> dgemm_kernels_avx2() { return make_gemm_kernels<VecAvx2<double>, double, 6, 2, 3, 4>(); }

}  // namespace nn::gemm
