// AVX-512 GEMM kernels (compiled with -mavx512f; reached only after a CPU check): packed tiles of 8 rows x 3 vectors
// (8x48 float, 8x24 double: 24 zmm accumulators, A broadcast straight from memory), 12x32 float direct tiles, 4x6 dot
// tiles.
#include "kernels/gemm/gemm_vec_avx512.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

// 8 rows x 3 vectors take 11 loads (8 broadcasts, 3 of B) per 24 multiply-adds where 12 x 2 took 14, and leave an
// 8 KiB A panel in L1 (KC 256 floats or 128 doubles). Measured against 12 x 2, best of 3-4 alternating with OpenBLAS:
// - float, panels in L1: 104-126 -> 138 GFLOP/s; 10000x512x256 Aᵀ (a weight gradient) on 2 threads 180 -> 249,
//   256x512x320 on 1 thread 100 -> 142; the word MLP's step 71-73 -> 68-70 ms;
// - double, 1 thread: 1024^3 47 -> 58 GFLOP/s (0.88 -> 1.05 of OpenBLAS), 256^3 50 -> 56.
// The direct path keeps 12 x 2 for float: a Linear layer of 27 or 30 outputs fills 32 lanes better than 48
// (32x27x200 ran at 78 GFLOP/s with 48-wide tiles against 104).
GemmKernels<float> sgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<float>, float, 8, 3, 4, 6, 12, 2>(); }
GemmKernels<double> dgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<double>, double, 8, 3, 4, 6>(); }

}  // namespace nn::gemm
