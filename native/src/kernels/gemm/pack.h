// Packing of op(A) and op(B) blocks into the contiguous panels the microkernels read.
#pragma once
#include "kernels/types.h"

namespace nn::gemm {

// op(A) block rows [i0, i0 + mc), cols [p0, p0 + kc) -> ceil(mc / mr) panels of (kc, mr),
// rows past mc zero-filled so edge tiles need no special microkernel.
void pack_a(bool trans_a, const float* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr,
            float* out);

// op(B) block rows [p0, p0 + kc), cols [j0, j0 + nc) -> ceil(nc / nr) panels of (kc, nr), zero-filled.
void pack_b(bool trans_b, const float* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr,
            float* out);

}  // namespace nn::gemm
