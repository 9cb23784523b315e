// AVX-512 GEMM kernels (compiled with -mavx512f; reached only after a CPU check): 12x32 float and 8x24 double tiles
// (24 zmm accumulators, A broadcast straight from memory); 4x6 dot tiles.
#include "kernels/gemm/gemm_vec_avx512.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

GemmKernels<float> sgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<float>, float, 12, 2, 4, 6>(); }
// Doubles take 8 rows x 3 vectors: fewer broadcasts per multiply-add and an 8 KiB A panel. Measured against 12x16,
// best of 4 alternating with OpenBLAS, 1 thread: 1024^3 47 -> 58 GFLOP/s (0.88 -> 1.05 of OpenBLAS), 256^3 50 -> 56.
GemmKernels<double> dgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<double>, double, 8, 3, 4, 6>(); }

}  // namespace nn::gemm
