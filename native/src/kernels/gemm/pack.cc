// Packing of op(A) and op(B) blocks into microkernel panels (portable; memory-bound, not ISA-specific).
#include "kernels/gemm/pack.h"

namespace nn::gemm {

void pack_a(bool trans_a, const float* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr,
            float* out) {
  for (index_t ir = 0; ir < mc; ir += mr) {
    const index_t rows = mc - ir < mr ? mc - ir : mr;
    if (trans_a) {
      // Stored A is (k, m): one op(A) column is contiguous in memory.
      for (index_t p = 0; p < kc; ++p) {
        const float* src = a + (p0 + p) * lda + i0 + ir;
        float* dst = out + p * mr;
        for (index_t r = 0; r < rows; ++r) dst[r] = src[r];
        for (index_t r = rows; r < mr; ++r) dst[r] = 0.0f;
      }
    } else {
      // Read each stored row of A contiguously and scatter it down the panel (writes stay in L1).
      for (index_t r = 0; r < rows; ++r) {
        const float* src = a + (i0 + ir + r) * lda + p0;
        for (index_t p = 0; p < kc; ++p) out[p * mr + r] = src[p];
      }
      for (index_t r = rows; r < mr; ++r) {
        for (index_t p = 0; p < kc; ++p) out[p * mr + r] = 0.0f;
      }
    }
    out += kc * mr;
  }
}

void pack_b(bool trans_b, const float* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr,
            float* out) {
  for (index_t jr = 0; jr < nc; jr += nr) {
    const index_t cols = nc - jr < nr ? nc - jr : nr;
    if (trans_b) {
      // Stored B is (n, k): read each stored row (an op(B) column) contiguously and scatter it across the panel.
      for (index_t s = 0; s < cols; ++s) {
        const float* src = b + (j0 + jr + s) * ldb + p0;
        for (index_t p = 0; p < kc; ++p) out[p * nr + s] = src[p];
      }
      for (index_t s = cols; s < nr; ++s) {
        for (index_t p = 0; p < kc; ++p) out[p * nr + s] = 0.0f;
      }
    } else {
      for (index_t p = 0; p < kc; ++p) {
        const float* src = b + (p0 + p) * ldb + j0 + jr;
        float* dst = out + p * nr;
        for (index_t s = 0; s < cols; ++s) dst[s] = src[s];
        for (index_t s = cols; s < nr; ++s) dst[s] = 0.0f;
      }
    }
    out += kc * nr;
  }
}

}  // namespace nn::gemm
