// SGEMM algorithm after BLIS: loops around the microkernel (jc -> pc -> ic -> jr -> ir) with packing.
#include "kernels/gemm/sgemm.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "kernels/gemm/pack.h"
#include "runtime/dispatch.h"

namespace nn::gemm {
namespace {

constexpr int kMaxTile = 16 * 16;  // largest MR * NR of any microkernel
constexpr std::size_t kAlign = 64;

// Per-thread packing buffer, grown on demand and never shrunk: steady-state calls allocate nothing.
struct PackBuffer {
  float* data = nullptr;
  std::size_t capacity = 0;
  ~PackBuffer() { std::free(data); }
  float* reserve(std::size_t floats) {
    if (floats > capacity) {
      std::free(data);
      const std::size_t bytes = (floats * sizeof(float) + kAlign - 1) / kAlign * kAlign;
      data = static_cast<float*>(std::aligned_alloc(kAlign, bytes));
      capacity = data ? floats : 0;
    }
    return data;
  }
};

thread_local PackBuffer a_buffer;
thread_local PackBuffer b_buffer;

index_t round_up(index_t x, index_t to) { return (x + to - 1) / to * to; }

// C (m, n) = beta * C, without reading C when beta == 0 (BLAS semantics: NaNs in C do not leak).
void scale_c(index_t m, index_t n, float beta, float* c, index_t ldc) {
  for (index_t i = 0; i < m; ++i) {
    float* row = c + i * ldc;
    if (beta == 0.0f) {
      std::memset(row, 0, static_cast<std::size_t>(n) * sizeof(float));
    } else if (beta != 1.0f) {
      for (index_t j = 0; j < n; ++j) row[j] *= beta;
    }
  }
}

// A partial tile (rows < MR or cols < NR): run the full microkernel into a scratch tile, then merge.
void edge_tile(const SgemmMicrokernel& uk, index_t kc, const float* a, const float* b, float* c, index_t ldc,
               index_t rows, index_t cols, float alpha, float beta) {
  alignas(kAlign) float tile[kMaxTile];
  uk.fn(kc, a, b, tile, uk.nr, alpha, 0.0f);
  for (index_t i = 0; i < rows; ++i) {
    float* crow = c + i * ldc;
    const float* trow = tile + i * uk.nr;
    for (index_t j = 0; j < cols; ++j) crow[j] = beta == 0.0f ? trow[j] : trow[j] + beta * crow[j];
  }
}

}  // namespace

Blocking default_blocking(const SgemmMicrokernel& uk) {
  // Sized for L1d >= 32 KiB, L2 >= 512 KiB per core and a shared L3 of several MiB (Zen 3, recent Xeons):
  // KC * NR floats of B plus MR * KC of A stay in L1; MC * KC of A (~144 KiB) in L2; KC * NC of B (~4 MiB) in L3.
  const index_t kc = 256;
  const index_t mc = round_up(144, uk.mr);
  const index_t nc = round_up(4080, uk.nr);
  return Blocking{mc, kc, nc};
}

void sgemm_with(const SgemmMicrokernel& uk, bool trans_a, bool trans_b, index_t m, index_t n, index_t k,
                float alpha, const float* a, index_t lda, const float* b, index_t ldb, float beta, float* c,
                index_t ldc) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0.0f) {
    scale_c(m, n, beta, c, ldc);
    return;
  }
  const Blocking blk = default_blocking(uk);
  const index_t mr = uk.mr, nr = uk.nr;
  float* a_pack = a_buffer.reserve(static_cast<std::size_t>(blk.mc * blk.kc));
  float* b_pack = b_buffer.reserve(static_cast<std::size_t>(blk.kc * round_up(blk.nc, nr)));
  if (a_pack == nullptr || b_pack == nullptr) throw std::bad_alloc();

  for (index_t jc = 0; jc < n; jc += blk.nc) {
    const index_t nc = n - jc < blk.nc ? n - jc : blk.nc;
    for (index_t pc = 0; pc < k; pc += blk.kc) {
      const index_t kc = k - pc < blk.kc ? k - pc : blk.kc;
      // Later K blocks accumulate onto what the first one wrote.
      const float beta_block = pc == 0 ? beta : 1.0f;
      pack_b(trans_b, b, ldb, pc, jc, kc, nc, uk.nr, b_pack);
      for (index_t ic = 0; ic < m; ic += blk.mc) {
        const index_t mc = m - ic < blk.mc ? m - ic : blk.mc;
        pack_a(trans_a, a, lda, ic, pc, mc, kc, uk.mr, a_pack);
        for (index_t jr = 0; jr < nc; jr += nr) {
          const index_t cols = nc - jr < nr ? nc - jr : nr;
          const float* b_panel = b_pack + jr * kc;
          for (index_t ir = 0; ir < mc; ir += mr) {
            const index_t rows = mc - ir < mr ? mc - ir : mr;
            const float* a_panel = a_pack + ir * kc;
            float* c_tile = c + (ic + ir) * ldc + jc + jr;
            if (rows == mr && cols == nr) {
              uk.fn(kc, a_panel, b_panel, c_tile, ldc, alpha, beta_block);
            } else {
              edge_tile(uk, kc, a_panel, b_panel, c_tile, ldc, rows, cols, alpha, beta_block);
            }
          }
        }
      }
    }
  }
}

void sgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a,
           index_t lda, const float* b, index_t ldb, float beta, float* c, index_t ldc) {
  sgemm_with(runtime::kernels().sgemm, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace nn::gemm
