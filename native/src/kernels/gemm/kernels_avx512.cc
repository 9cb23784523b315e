// AVX-512 GEMM kernels (compiled with -mavx512f; reached only after a CPU check): 12 rows x 2 vectors, i.e.
// 12x32 float and 12x16 double tiles, 24 zmm accumulators with A broadcast straight from memory; 4x6 dot tiles.
#include "kernels/gemm/gemm_vec_avx512.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

GemmKernels<float> sgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<float>, float, 12, 2, 4, 6>(); }
GemmKernels<double> dgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<double>, double, 12, 2, 4, 6>(); }

}  // namespace nn::gemm
