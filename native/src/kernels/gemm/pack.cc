// Packing of op(A) and op(B) blocks into microkernel panels (portable; memory-bound, not ISA-specific).
#include "kernels/gemm/pack.h"

namespace nn::gemm {

template <typename T>
void pack_a(bool trans_a, const T* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr, T* out) {
  for (index_t ir = 0; ir < mc; ir += mr) {
    const index_t rows = mc - ir < mr ? mc - ir : mr;
    if (trans_a) {
      // Stored A is (k, m): one op(A) column is contiguous in memory.
      for (index_t p = 0; p < kc; ++p) {
        const T* src = a + (p0 + p) * lda + i0 + ir;
        T* dst = out + p * mr;
        for (index_t r = 0; r < rows; ++r) dst[r] = src[r];
        for (index_t r = rows; r < mr; ++r) dst[r] = T(0);
      }
    } else {
      // Read each stored row of A contiguously and scatter it down the panel (writes stay in L1).
      for (index_t r = 0; r < rows; ++r) {
        const T* src = a + (i0 + ir + r) * lda + p0;
        for (index_t p = 0; p < kc; ++p) out[p * mr + r] = src[p];
      }
      for (index_t r = rows; r < mr; ++r) {
        for (index_t p = 0; p < kc; ++p) out[p * mr + r] = T(0);
      }
    }
    out += kc * mr;
  }
}

template <typename T>
void pack_b(bool trans_b, const T* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr, T* out) {
  if (!trans_b) {
    // Stored B is (k, n): walk down the rows of a group of kPackPackPanelGroup panels, dealing each row's nr-wide pieces out
    // to them (panel jr starts at out + jr * kc). Each row of the group is one contiguous read the prefetcher follows.
    // A panel at a time strides down kc rows of nr values (measured on 256x512x10000: pack_b 16% of the product, B read
    // at ~7 GB/s); a whole row across all nc / nr panels scatters its writes over panels kc * nr apart, which share a
    // few L1 sets (measured on a 256 x 4080 block of a 10000-wide B: 5.5-5.9 GB/s, against 8.7 GB/s in groups of 8).
    for (index_t jg = 0; jg < nc; jg += kPackPanelGroup * nr) {
      const index_t group_end = nc - jg < kPackPanelGroup * nr ? nc : jg + kPackPanelGroup * nr;
      for (index_t p = 0; p < kc; ++p) {
        const T* src = b + (p0 + p) * ldb + j0;
        for (index_t jr = jg; jr < group_end; jr += nr) {
          const index_t cols = nc - jr < nr ? nc - jr : nr;
          T* dst = out + jr * kc + p * nr;
          for (index_t s = 0; s < cols; ++s) dst[s] = src[jr + s];
          for (index_t s = cols; s < nr; ++s) dst[s] = T(0);
        }
      }
    }
    return;
  }
  for (index_t jr = 0; jr < nc; jr += nr) {
    const index_t cols = nc - jr < nr ? nc - jr : nr;
    // Stored B is (n, k): read each stored row (an op(B) column) contiguously and scatter it across the panel.
    for (index_t s = 0; s < cols; ++s) {
      const T* src = b + (j0 + jr + s) * ldb + p0;
      for (index_t p = 0; p < kc; ++p) out[p * nr + s] = src[p];
    }
    for (index_t s = cols; s < nr; ++s) {
      for (index_t p = 0; p < kc; ++p) out[p * nr + s] = T(0);
    }
    out += kc * nr;
  }
}

template <typename T>
void transpose_b(const T* b, index_t ldb, index_t k, index_t n, T* bt, index_t ldt) {
  // 16 x 16 blocks: each block's 16 source rows and 16 destination rows stay in L1, so neither the strided reads
  // nor the strided writes miss (a plain row-by-row loop was ~4x slower on a 30 x 200 B).
  constexpr index_t kBlock = 16;
  for (index_t j0 = 0; j0 < n; j0 += kBlock) {
    const index_t j1 = j0 + kBlock < n ? j0 + kBlock : n;
    for (index_t p0 = 0; p0 < k; p0 += kBlock) {
      const index_t p1 = p0 + kBlock < k ? p0 + kBlock : k;
      for (index_t p = p0; p < p1; ++p) {
        for (index_t j = j0; j < j1; ++j) bt[p * ldt + j] = b[j * ldb + p];
      }
    }
  }
  for (index_t p = 0; p < k; ++p) {
    for (index_t j = n; j < ldt; ++j) bt[p * ldt + j] = T(0);
  }
}

template void pack_a<float>(bool, const float*, index_t, index_t, index_t, index_t, index_t, int, float*);
template void pack_a<double>(bool, const double*, index_t, index_t, index_t, index_t, index_t, int, double*);
template void pack_b<float>(bool, const float*, index_t, index_t, index_t, index_t, index_t, int, float*);
template void pack_b<double>(bool, const double*, index_t, index_t, index_t, index_t, index_t, int, double*);
template void transpose_b<float>(const float*, index_t, index_t, index_t, float*, index_t);
template void transpose_b<double>(const double*, index_t, index_t, index_t, double*, index_t);

}  // namespace nn::gemm
