// SGEMM algorithm after BLIS: loops around the microkernel (jc -> pc -> ic -> jr -> ir) with packing.
#include "kernels/gemm/sgemm.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "kernels/gemm/pack.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"

namespace nn::gemm {
namespace {

constexpr int kMaxTile = 16 * 32;  // largest MR * NR of any microkernel
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

namespace {

// One (pc, jc) step of the algorithm: B panel packed in b_pack; C rows [ic0, ic0 + mc) x panels [jr0, jr1) of it.
void compute_block(const SgemmMicrokernel& uk, const Blocking& blk, bool trans_a, const float* a, index_t lda, index_t m,
                   index_t pc, index_t kc, index_t jc, index_t nc, const float* b_pack, index_t ic0, index_t jr0, index_t jr1,
                   float alpha, float beta_block, float* c, index_t ldc) {
  const index_t mr = uk.mr, nr = uk.nr;
  const index_t mc = m - ic0 < blk.mc ? m - ic0 : blk.mc;
  float* a_pack = a_buffer.reserve(static_cast<std::size_t>(blk.mc * blk.kc));
  if (a_pack == nullptr) throw std::bad_alloc();
  pack_a(trans_a, a, lda, ic0, pc, mc, kc, uk.mr, a_pack);
  for (index_t jr = jr0; jr < jr1 && jr < nc; jr += nr) {
    const index_t cols = nc - jr < nr ? nc - jr : nr;
    const float* b_panel = b_pack + jr * kc;
    for (index_t ir = 0; ir < mc; ir += mr) {
      const index_t rows = mc - ir < mr ? mc - ir : mr;
      const float* a_panel = a_pack + ir * kc;
      float* c_tile = c + (ic0 + ir) * ldc + jc + jr;
      if (rows == mr && cols == nr) {
        uk.fn(kc, a_panel, b_panel, c_tile, ldc, alpha, beta_block);
      } else {
        edge_tile(uk, kc, a_panel, b_panel, c_tile, ldc, rows, cols, alpha, beta_block);
      }
    }
  }
}

// Below this many multiply-adds (m*n*k) a GEMM stays on the calling thread: waking the pool (tens of
// microseconds) costs more than it saves. Measured with tools/bench/gemm.mjs: 128^3 lost on 2 threads, 256^3 won.
constexpr double kParallelMinFlops = 4.0e6;

}  // namespace

void sgemm_with(const SgemmMicrokernel& uk, bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha,
                const float* a, index_t lda, const float* b, index_t ldb, float beta, float* c, index_t ldc) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == 0.0f) {
    scale_c(m, n, beta, c, ldc);
    return;
  }
  const Blocking blk = default_blocking(uk);
  const index_t nr = uk.nr;
  float* b_pack = b_buffer.reserve(static_cast<std::size_t>(blk.kc * round_up(blk.nc, nr)));
  if (b_pack == nullptr) throw std::bad_alloc();
  const int threads = static_cast<double>(m) * n * k < kParallelMinFlops ? 1 : runtime::num_threads();

  for (index_t jc = 0; jc < n; jc += blk.nc) {
    const index_t nc = n - jc < blk.nc ? n - jc : blk.nc;
    const index_t panels = (nc + nr - 1) / nr;
    for (index_t pc = 0; pc < k; pc += blk.kc) {
      const index_t kc = k - pc < blk.kc ? k - pc : blk.kc;
      // Later K blocks accumulate onto what the first one wrote.
      const float beta_block = pc == 0 ? beta : 1.0f;
      const index_t ic_blocks = (m + blk.mc - 1) / blk.mc;
      if (threads == 1) {
        pack_b(trans_b, b, ldb, pc, jc, kc, nc, uk.nr, b_pack);
        for (index_t ib = 0; ib < ic_blocks; ++ib) {
          compute_block(uk, blk, trans_a, a, lda, m, pc, kc, jc, nc, b_pack, ib * blk.mc, 0, nc, alpha, beta_block, c, ldc);
        }
        continue;
      }
      // Threads pack disjoint B panels, then share the packed B: each task takes one MC block of rows and a
      // range of panels (the panel range splits further when there are fewer row blocks than threads).
      const index_t pack_chunks = panels < threads ? panels : threads;
      runtime::parallel_for(static_cast<int>(pack_chunks), [&](int t) {
        const index_t p0 = panels * t / pack_chunks, p1 = panels * (t + 1) / pack_chunks;
        const index_t j0 = p0 * nr, j1 = p1 * nr < nc ? p1 * nr : nc;
        pack_b(trans_b, b, ldb, pc, jc + j0, kc, j1 - j0, uk.nr, b_pack + j0 * kc);
      });
      index_t jr_chunks = (2 * threads + ic_blocks - 1) / ic_blocks;
      if (jr_chunks > panels) jr_chunks = panels;
      if (jr_chunks < 1) jr_chunks = 1;
      runtime::parallel_for(static_cast<int>(ic_blocks * jr_chunks), [&](int t) {
        const index_t ib = t / jr_chunks, jb = t % jr_chunks;
        const index_t jr0 = panels * jb / jr_chunks * nr, jr1 = panels * (jb + 1) / jr_chunks * nr;
        compute_block(uk, blk, trans_a, a, lda, m, pc, kc, jc, nc, b_pack, ib * blk.mc, jr0, jr1, alpha, beta_block, c, ldc);
      });
    }
  }
}

void sgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a,
           index_t lda, const float* b, index_t ldb, float beta, float* c, index_t ldc) {
  sgemm_with(runtime::kernels().sgemm, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace nn::gemm
