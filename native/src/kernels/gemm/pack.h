// Packing of op(A) and op(B) blocks into the contiguous panels the microkernels read.
#pragma once
#include "kernels/types.h"

namespace nn::gemm {

// op(A) block rows [i0, i0 + mc), cols [p0, p0 + kc) -> ceil(mc / mr) panels of (kc, mr),
// rows past mc zero-filled so edge tiles need no special microkernel.
template <typename T>
void pack_a(bool trans_a, const T* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr, T* out);

// Panels a stored (k, n) B is packed into together, one row of the group at a time (see pack_b).
constexpr index_t kPackPanelGroup = 8;

// op(B) block rows [p0, p0 + kc), cols [j0, j0 + nc) -> ceil(nc / nr) panels of (kc, nr), zero-filled.
template <typename T>
void pack_b(bool trans_b, const T* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr, T* out);

// B stored (n, k) -> bt: (k, n) row-major with row stride ldt >= n, columns [n, ldt) zero-filled, so the direct path
// can read op(B) rows contiguously.
template <typename T>
void transpose_b(const T* b, index_t ldb, index_t k, index_t n, T* bt, index_t ldt);

}  // namespace nn::gemm
