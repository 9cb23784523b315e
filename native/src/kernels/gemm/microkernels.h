// The per-ISA SGEMM microkernels; each lives in its own translation unit compiled for its ISA.
#pragma once
#include "kernels/gemm/sgemm.h"

namespace nn::gemm {

// Portable C++ 4x8 tile; the compiler vectorises it for the baseline ISA.
SgemmMicrokernel sgemm_microkernel_ref();
#if defined(NN_HAVE_AVX2)
// AVX2 + FMA 6x16 tile: 12 ymm accumulators, B loaded as two vectors, A broadcast.
SgemmMicrokernel sgemm_microkernel_avx2();
#endif
#if defined(NN_HAVE_AVX512)
// AVX-512 12x32 tile: 24 zmm accumulators, A broadcast from memory.
SgemmMicrokernel sgemm_microkernel_avx512();
#endif
#if defined(NN_HAVE_NEON)
// NEON 8x8 tile: 16 q-register accumulators, A lanes broadcast by fma-by-lane.
SgemmMicrokernel sgemm_microkernel_neon();
#endif

}  // namespace nn::gemm
