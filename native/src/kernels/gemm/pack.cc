// Packing of op(A) and op(B) blocks into microkernel panels (portable; memory-bound, not ISA-specific).
#include "kernels/gemm/pack.h"

namespace nn::gemm {

void pack_a(bool trans_a, const float* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr,
            float* out) {
  for (index_t ir = 0; ir < mc; ir += mr) {
    const index_t rows = mc - ir < mr ? mc - ir : mr;
    for (index_t p = 0; p < kc; ++p) {
      float* dst = out + p * mr;
      if (trans_a) {
        // Stored A is (k, m): one op(A) column is contiguous in memory.
        const float* src = a + (p0 + p) * lda + i0 + ir;
        for (index_t r = 0; r < rows; ++r) dst[r] = src[r];
      } else {
        const float* src = a + (i0 + ir) * lda + p0 + p;
        for (index_t r = 0; r < rows; ++r) dst[r] = src[r * lda];
      }
      for (index_t r = rows; r < mr; ++r) dst[r] = 0.0f;
    }
    out += kc * mr;
  }
}

void pack_b(bool trans_b, const float* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr,
            float* out) {
  for (index_t jr = 0; jr < nc; jr += nr) {
    const index_t cols = nc - jr < nr ? nc - jr : nr;
    for (index_t p = 0; p < kc; ++p) {
      float* dst = out + p * nr;
      if (trans_b) {
        // Stored B is (n, k): walk down a column of op(B) with stride ldb.
        const float* src = b + (j0 + jr) * ldb + p0 + p;
        for (index_t s = 0; s < cols; ++s) dst[s] = src[s * ldb];
      } else {
        const float* src = b + (p0 + p) * ldb + j0 + jr;
        for (index_t s = 0; s < cols; ++s) dst[s] = src[s];
      }
      for (index_t s = cols; s < nr; ++s) dst[s] = 0.0f;
    }
    out += kc * nr;
  }
}

}  // namespace nn::gemm
