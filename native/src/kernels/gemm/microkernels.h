// The per-ISA GEMM kernels; each ISA's live in their own translation unit compiled for that ISA.
#pragma once
#include "kernels/gemm/gemm.h"

namespace nn::gemm {

GemmKernels<float> sgemm_kernels_ref();
GemmKernels<double> dgemm_kernels_ref();
#if defined(NN_HAVE_AVX2)
GemmKernels<float> sgemm_kernels_avx2();
GemmKernels<double> dgemm_kernels_avx2();
#endif
#if defined(NN_HAVE_AVX512)
GemmKernels<float> sgemm_kernels_avx512();
GemmKernels<double> dgemm_kernels_avx512();
#endif
#if defined(NN_HAVE_NEON)
GemmKernels<float> sgemm_kernels_neon();
GemmKernels<double> dgemm_kernels_neon();
#endif

}  // namespace nn::gemm
