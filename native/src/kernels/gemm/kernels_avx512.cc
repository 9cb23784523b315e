// AVX-512 GEMM kernels (compiled with -mavx512f; reached only after a CPU check): tiles of 8 rows x 3 vectors (8x48
// float, 8x24 double: 24 zmm accumulators, A broadcast straight from memory) on the packed and direct paths, 12 x 2
// vector direct tiles beside them, 4x6 dot tiles.
#include "kernels/gemm/gemm_vec_avx512.h"
#include "kernels/gemm/microkernel_impl.h"
#include "kernels/gemm/microkernels.h"

namespace nn::gemm {

// 8 rows x 3 vectors take 11 loads (8 broadcasts, 3 of B) per 24 multiply-adds where 12 x 2 took 14, and leave an
// 8 KiB A panel in L1 (KC 256 floats or 128 doubles). Measured against 12 x 2, best of 3-4 alternating with OpenBLAS:
// - float, panels in L1: 104-126 -> 138 GFLOP/s; 10000x512x256 Aᵀ (a weight gradient) on 2 threads 180 -> 249,
//   256x512x320 on 1 thread 100 -> 142; the word MLP's step 71-73 -> 68-70 ms;
// - double, 1 thread: 1024^3 47 -> 58 GFLOP/s (0.88 -> 1.05 of OpenBLAS), 256^3 50 -> 56.
// On the direct path, 8 x 3 against 12 x 2 alone, best of 4 alternating with OpenBLAS: 32x200x30 (a names MLP's
// hidden layer) 105 -> 121 GFLOP/s (OpenBLAS 110), 128x200x10 67 -> 80; but 64^3 134 -> 122, since 64 columns end
// in a one-vector tile of 8 x 3 and in none of 12 x 2; such widths take the 12 x 2 tiles (GemmKernels::direct_even).
GemmKernels<float> sgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<float>, float, 8, 3, 4, 6, 12>(); }
GemmKernels<double> dgemm_kernels_avx512() { return make_gemm_kernels<VecAvx512<double>, double, 8, 3, 4, 6, 12>(); }

}  // namespace nn::gemm
