// GEMM algorithms for float and double: the direct path for small problems, and after BLIS the packed loops around
// the microkernel (jc -> pc -> ic -> jr -> ir), parallel over the loops that share a packed B panel.
#include "kernels/gemm/gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "kernels/gemm/pack.h"
#if defined(NN_USE_CBLAS)
#include <cblas.h>
#endif
#include "runtime/cpu.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"

namespace nn::gemm {
namespace {

constexpr std::size_t kAlign = 64;

// Per-thread buffer, grown on demand and never shrunk: steady-state calls allocate nothing.
template <typename T>
struct Buffer {
  T* data = nullptr;
  std::size_t capacity = 0;
  ~Buffer() { std::free(data); }
  T* reserve(std::size_t count) {
    if (count > capacity) {
      std::free(data);
      const std::size_t bytes = (count * sizeof(T) + kAlign - 1) / kAlign * kAlign;
      data = static_cast<T*>(std::aligned_alloc(kAlign, bytes));
      capacity = data ? count : 0;
    }
    if (data == nullptr) throw std::bad_alloc();
    return data;
  }
};

template <typename T>
thread_local Buffer<T> a_buffer;
template <typename T>
thread_local Buffer<T> b_buffer;

index_t round_up(index_t x, index_t to) { return (x + to - 1) / to * to; }

// C (m, n) = beta * C, without reading C when beta == 0 (BLAS semantics: NaNs in C do not leak).
template <typename T>
void scale_c(index_t m, index_t n, T beta, T* c, index_t ldc) {
  for (index_t i = 0; i < m; ++i) {
    T* row = c + i * ldc;
    if (beta == T(0)) {
      std::memset(row, 0, static_cast<std::size_t>(n) * sizeof(T));
    } else if (beta != T(1)) {
      for (index_t j = 0; j < n; ++j) row[j] *= beta;
    }
  }
}

// One (pc, jc) step of the algorithm: B panel packed in b_pack; C rows [ic0, ic0 + mc) x panels [jr0, jr1) of it.
template <typename T>
void compute_block(const Microkernel<T>& uk, const Blocking& blk, bool trans_a, const T* a, index_t lda, index_t m,
                   index_t pc, index_t kc, index_t jc, index_t nc, const T* b_pack, index_t ic0, index_t jr0, index_t jr1,
                   T alpha, T beta_block, T* c, index_t ldc) {
  const index_t mr = uk.mr, nr = uk.nr;
  const index_t mc = m - ic0 < blk.mc ? m - ic0 : blk.mc;
  T* a_pack = a_buffer<T>.reserve(static_cast<std::size_t>(blk.mc * blk.kc));
  uk.pack_a(trans_a, a, lda, ic0, pc, mc, kc, uk.mr, a_pack);
  // Row panels of A outside, column panels of B inside: the MR x KC A panel (8-12 KiB for float at KC 256) stays in L1
  // while the KC x NR B panels stream past it in address order from L2, and consecutive tiles continue the same C
  // rows. The BLIS order (B panel held in L1, A panels streaming) keeps a 32 KiB B panel next to 12 KiB of A in a
  // 48 KiB L1 and loses it; measured with 1 thread, best of 4 against OpenBLAS in the same run: 256x10000x512
  // 93 -> 107 GFLOP/s (0.80 -> 0.93 of OpenBLAS), 1024^3 0.97 -> 1.02, 2048^3 0.93 -> 1.00.
  for (index_t ir = 0; ir < mc; ir += mr) {
    const index_t rows = mc - ir < mr ? mc - ir : mr;
    const T* a_panel = a_pack + ir * kc;
    for (index_t jr = jr0; jr < jr1 && jr < nc; jr += nr) {
      const index_t cols = nc - jr < nr ? nc - jr : nr;
      const T* b_panel = b_pack + jr * kc;
      T* c_tile = c + (ic0 + ir) * ldc + jc + jr;
      if (rows == mr && cols == nr) {
        uk.fn(kc, a_panel, b_panel, c_tile, ldc, alpha, beta_block);
      } else {
        uk.edge(kc, a_panel, b_panel, c_tile, ldc, alpha, beta_block, static_cast<int>(rows), static_cast<int>(cols));
      }
    }
  }
}

// Below this many multiply-adds (m*n*k) a packed product, or a direct one with a transposed B, stays on the calling
// thread: starting the pool's threads costs more than it saves. The pool's threads poll for a while after each job, so back-to-back products start them in 1-2 us.
// Measured on 2 threads against 1 (the old bound of 4e6), best of 4 alternating with OpenBLAS on 2 threads: AVX-512
// 96^3 135 -> 155 GFLOP/s (OpenBLAS 151-158), 128^3 122 -> 142 (122-127), 64x128x128 117 -> 130; AVX2 128^3 92 ->
// 145 (125-128), 96^3 85 -> 116 (80-89); 80^3 gained nothing (104 -> 100).
constexpr double kParallelMinFlops = 8.0e5;

// A direct product reading B in place splits over the pool from this many multiply-adds: its threads share nothing
// they write. Measured on AVX-512, 2 threads, against the bound of 8e5, medians of 20,000-30,000 calls in separate
// processes: 64^3 106-125 -> 132 GFLOP/s (OpenBLAS 108-162), 80^3 93-114 -> 157-164 (88-108), 192x64x60 97-103 ->
// 165-168 (99-121), 64x128x64 Aᵀ 102-107 -> 144-147 (105-112). At 1.2e5, 32x200x30 (a names MLP's hidden layer, 1.9e5)
// went from 129 to 82-85: the pool's start and finish cost more than half its 1.5 us. A Bᵀ transposed into the
// caller's buffer keeps the bound of 8e5: the other thread then reads it from the caller's cache, and 32x256x64 Bᵀ
// went from 83-98 to 61-63.
constexpr double kParallelDirectMinFlops = 2.5e5;

// Shortest slab of C worth a separate task when a product is split over more tasks than threads.
constexpr index_t kMinSlab = 1024;

// The packed loops on one thread: C (m, n) = alpha * op(A) op(B) + beta * C.
template <typename T>
void packed_serial(const Microkernel<T>& uk, const Blocking& blk, bool trans_a, bool trans_b, index_t m, index_t n,
                   index_t k, T alpha, const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c, index_t ldc) {
  T* b_pack = b_buffer<T>.reserve(static_cast<std::size_t>(blk.kc * blk.nc));
  for (index_t jc = 0; jc < n; jc += blk.nc) {
    const index_t nc = n - jc < blk.nc ? n - jc : blk.nc;
    for (index_t pc = 0; pc < k; pc += blk.kc) {
      const index_t kc = k - pc < blk.kc ? k - pc : blk.kc;
      // Later K blocks accumulate onto what the first one wrote.
      const T beta_block = pc == 0 ? beta : T(1);
      uk.pack_b(trans_b, b, ldb, pc, jc, kc, nc, uk.nr, b_pack);
      for (index_t ic = 0; ic < m; ic += blk.mc) {
        compute_block(uk, blk, trans_a, a, lda, m, pc, kc, jc, nc, b_pack, ic, 0, nc, alpha, beta_block, c, ldc);
      }
    }
  }
}

template <typename T>
thread_local Buffer<T> partial_buffer;

// Products at least this many times deeper than the longer side of C are split along K: each thread packs its own
// share of both operands, where splitting C would have every thread pack the whole of one operand (all of a
// (256, 10000) A for a (256, 512) C). The threads' partial products are summed into C after, so C must be small.
// Measured on 2 threads, best of 4 alternating with OpenBLAS: 256x512x10000 Bᵀ 194 -> 223 GFLOP/s (OpenBLAS 201-205)
// on AVX-512 and 119 -> 141 (126-133) on AVX2; 128x128x5000 Aᵀ 132 -> 191 (154).
constexpr index_t kDeepRatio = 4;
constexpr double kDeepMaxPartialBytes = 4 << 20;

// The packed loops split along K over `threads` tasks: task 0 accumulates onto beta * C, the others write their
// partial products to a buffer, which is then added into C.
template <typename T>
void packed_deep(const Microkernel<T>& uk, const Blocking& blk, int threads, bool trans_a, bool trans_b, index_t m,
                 index_t n, index_t k, T alpha, const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c,
                 index_t ldc) {
  const index_t area = m * n;
  T* partial = partial_buffer<T>.reserve(static_cast<std::size_t>((threads - 1) * area));
  // Chunks of whole KC blocks.
  const index_t k_blocks = (k + blk.kc - 1) / blk.kc;
  runtime::parallel_for(threads, [&](int t) {
    const index_t lo = std::min(k, k_blocks * t / threads * blk.kc);
    const index_t hi = std::min(k, k_blocks * (t + 1) / threads * blk.kc);
    T* out = t == 0 ? c : partial + (t - 1) * area;
    const index_t ld_out = t == 0 ? ldc : n;
    const T beta_out = t == 0 ? beta : T(0);
    if (hi <= lo) {
      scale_c(m, n, beta_out, out, ld_out);
      return;
    }
    const T* a_part = trans_a ? a + lo * lda : a + lo;
    const T* b_part = trans_b ? b + lo : b + lo * ldb;
    packed_serial(uk, blk, trans_a, trans_b, m, n, hi - lo, alpha, a_part, lda, b_part, ldb, beta_out, out, ld_out);
  });
  runtime::parallel_for(threads, [&](int t) {
    const index_t lo = m * t / threads, hi = m * (t + 1) / threads;
    for (index_t i = lo; i < hi; ++i) {
      T* row = c + i * ldc;
      for (int s = 0; s < threads - 1; ++s) {
        const T* part = partial + s * area + i * n;
        for (index_t j = 0; j < n; ++j) row[j] += part[j];
      }
    }
  });
}

template <typename T>
thread_local Buffer<T> shared_b_buffer;

// Products whose whole op(B) packs into this many bytes in one column block have it packed once, by all threads
// together, and then split C by rows: each thread packs only its own rows of A. Splitting C instead had every thread
// pack the whole of A or B. Measured on 2 threads, best of 3 alternating with OpenBLAS: AVX-512 256^3 171 -> 208
// GFLOP/s (OpenBLAS 180-185), 512^3 208 -> 232 (189-206), 256x512x320 199 -> 219 (195-201); AVX2 256^3 119 -> 159
// (139-168); 256x320x512 Bᵀ unchanged (202-205).
constexpr double kSharedBMaxBytes = 2 << 20;

// The packed loops in two passes over the pool: the threads pack op(B)'s panels (every K block) into one shared
// buffer, then each runs the ic loops on its own rows of C against it.
template <typename T>
void packed_shared_b(const Microkernel<T>& uk, const Blocking& blk, int threads, bool trans_a, bool trans_b, index_t m,
                     index_t n, index_t k, T alpha, const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c,
                     index_t ldc) {
  const index_t nr = uk.nr, panels = (n + nr - 1) / nr, n_padded = panels * nr;
  T* b_pack = shared_b_buffer<T>.reserve(static_cast<std::size_t>(k * n_padded));
  // K block pc starts at b_pack + pc * n_padded, its panel j at j * nr * kc past that.
  runtime::parallel_for(threads, [&](int t) {
    const index_t lo = panels * t / threads, hi = panels * (t + 1) / threads;
    if (hi <= lo) return;
    const index_t j0 = lo * nr, cols = std::min(n, hi * nr) - j0;
    for (index_t pc = 0; pc < k; pc += blk.kc) {
      const index_t kc = std::min(blk.kc, k - pc);
      uk.pack_b(trans_b, b, ldb, pc, j0, kc, cols, static_cast<int>(nr), b_pack + pc * n_padded + j0 * kc);
    }
  });
  const index_t tiles = (m + uk.mr - 1) / uk.mr;
  const index_t parts = std::min<index_t>(tiles, threads);
  runtime::parallel_for(static_cast<int>(parts), [&](int t) {
    const index_t lo = tiles * t / parts * uk.mr, hi = std::min(m, tiles * (t + 1) / parts * uk.mr);
    if (hi <= lo) return;
    const T* a_part = trans_a ? a + lo : a + lo * lda;
    for (index_t pc = 0; pc < k; pc += blk.kc) {
      const index_t kc = std::min(blk.kc, k - pc);
      const T beta_block = pc == 0 ? beta : T(1);
      for (index_t ic = 0; ic < hi - lo; ic += blk.mc) {
        compute_block(uk, blk, trans_a, a_part, lda, hi - lo, pc, kc, 0, n, b_pack + pc * n_padded, ic, 0, n, alpha,
                      beta_block, c + lo * ldc, ldc);
      }
    }
  });
}

template <typename T>
void packed_gemm(const Microkernel<T>& uk, bool trans_a, bool trans_b, index_t m, index_t n, index_t k, T alpha,
                 const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c, index_t ldc) {
  const Blocking& base = tuning().blocking;
  // KC is given in float elements; wider types take as many bytes, so an A panel of doubles still fits L1 (measured,
  // double 1024^3 on 1 thread against OpenBLAS: KC 256 0.75, 128 0.81).
  const index_t kc_max = std::max<index_t>(1, base.kc * static_cast<index_t>(sizeof(float)) / static_cast<index_t>(sizeof(T)));
  // K blocks of equal depth: a K of 320 runs as 160 + 160 rather than 256 + 64, whose shallow second block spends a
  // larger share of each tile loading and storing C.
  const index_t k_blocks = (k + kc_max - 1) / kc_max;
  const index_t kc = (k + k_blocks - 1) / k_blocks;
  const Blocking blk{round_up(base.mc, uk.mr), kc, round_up(base.nc, uk.nr)};
  const int threads = static_cast<double>(m) * n * k < kParallelMinFlops ? 1 : runtime::num_threads();
  if (threads == 1) {
    packed_serial(uk, blk, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  if (k >= kDeepRatio * std::max(m, n) &&
      static_cast<double>(m) * n * (threads - 1) * sizeof(T) <= kDeepMaxPartialBytes) {
    packed_deep(uk, blk, threads, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  if (n <= blk.nc && static_cast<double>(k) * round_up(n, uk.nr) * sizeof(T) <= kSharedBMaxBytes) {
    packed_shared_b(uk, blk, threads, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  // Each thread runs the whole packed algorithm on its own slab of C, with no barrier between K blocks: split the
  // longer side of C, so the operand every thread packs in full (A for a column split, B for a row split) is the
  // smaller one. Slab edges fall on whole register tiles.
  const bool split_cols = n >= m;
  const index_t extent = split_cols ? n : m, unit = split_cols ? uk.nr : uk.mr;
  const index_t tiles = (extent + unit - 1) / unit;
  // Up to 4 slabs per thread, claimed from the pool's counter, when the split side is long enough (a slab of at least
  // kMinSlab) that re-packing the shared operand per slab stays small: a core the host takes away then delays one
  // slab's worth of work instead of half the product.
  const index_t slabs = std::max<index_t>(threads, std::min<index_t>(4 * threads, extent / kMinSlab));
  const index_t parts = tiles < slabs ? tiles : slabs;
  runtime::parallel_for(static_cast<int>(parts), [&](int t) {
    const index_t lo = tiles * t / parts * unit;
    const index_t hi = std::min(extent, tiles * (t + 1) / parts * unit);
    if (hi <= lo) return;
    if (split_cols) {
      const T* b_part = trans_b ? b + lo * ldb : b + lo;
      packed_serial(uk, blk, trans_a, trans_b, m, hi - lo, k, alpha, a, lda, b_part, ldb, beta, c + lo, ldc);
    } else {
      const T* a_part = trans_a ? a + lo : a + lo * lda;
      packed_serial(uk, blk, trans_a, trans_b, hi - lo, n, k, alpha, a_part, lda, b, ldb, beta, c + lo * ldc, ldc);
    }
  });
}

// A Bᵀ on the direct path runs as dot products along k when B has few rows (a GEMV, a layer with a handful of
// outputs) and k is deep; otherwise B is transposed into a buffer (in-register tiles) for the broadcast kernel, since
// each output of a dot tile ends in a horizontal sum and a narrow B leaves most vector lanes idle there. Measured on
// AVX-512, transposed vs dots: 32x27x200 53-72 vs 39-56 GFLOP/s, 32x30x200 82 vs 45-61; 64x1x5000 3.5 vs 18.
constexpr index_t kDotMinK = 128;
constexpr index_t kDotMaxN = 16;

// Products with fewer rows or columns than a register tile (a GEMV, a Linear layer with one output) would waste most
// of every packed tile and pack a whole operand for one pass: they run direct at any size. Measured on AVX-512 before
// this rule: 64x1x20000 (Bᵀ) at 0.29 GFLOP/s and 1x10000x512 (Bᵀ) at 0.44 GFLOP/s through the packed loops.
constexpr index_t kThinMax = 8;

// A thin product from this many multiply-adds on is split over the pool, in blocks of whole kThinSplitUnit rows or
// columns: it is bound by reading its large operand (a (64, 20000) batch of bag-of-words rows is 5 MB), and two
// cores read faster than one.
constexpr double kParallelThinMinFlops = 1 << 19;
constexpr index_t kThinSplitUnit = 16;

// Products the packed loops serve badly run direct at any size while op(B) is small enough to stay in L2 across the
// direct path's row blocks:
// - n <= kNarrowN, or n <= 2 * kNarrowN where packed tiles would waste more lanes than direct ones: each packed A
//   element serves only one or two tiles, so packing A is not paid back, and 48-wide tiles waste up to a third;
// - no more rows than a direct tile (of either shape): B would be packed for a single row panel. A Bᵀ is transposed
//   into a buffer first, which only pays while it is small: 8x200x300 Bᵀ direct 66 vs packed 54, 8x512x256 Bᵀ 46 vs
//   62; 12x1024x256 direct 54-84 vs 40, 12x512x512 Aᵀ 69-75 vs 54.
// Measured on AVX-512, 1 thread, packed vs direct GFLOP/s (OpenBLAS): float 1024x32x1024 55 vs 98 (79), 192x64x60
// 68 vs 122 (132), 256x32x10000 52 vs 90 (58), 12x512x512 53 vs 79 (46); double 1024x24x1024 29 vs 49 (20); AVX2
// float 1024x32x1024 61 vs 74 (49). Where packed tiles waste no more lanes the packed path wins: 1024x48x1024 102 vs
// 89, 192x40x60 54 vs 49. Past the size bound the direct path reads its column strips of B from L3: 2048x64x8192
// (2 MiB of B) 59 vs 52, 12x4096x1024 28 vs 13.
constexpr index_t kNarrowN = 32;
constexpr double kNarrowMaxBBytes = 1.5 * (1 << 20);
constexpr double kNarrowMaxBtBytes = 256 << 10;

index_t env_size(const char* name, index_t fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  const long long parsed = std::atoll(v);
  return parsed > 0 ? static_cast<index_t>(parsed) : fallback;
}

}  // namespace

Blocking default_blocking(long l2_bytes) {
  constexpr index_t kc = 256, fallback_nc = 1024;
  if (l2_bytes <= 0) return Blocking{144, kc, fallback_nc};
  // At least half the L2 for B: a 256 KiB L2 (Haswell) keeps 128 KiB of it.
  const long b_bytes = std::max(l2_bytes - (256L << 10), l2_bytes / 2);
  const index_t nc = static_cast<index_t>(b_bytes / (kc * static_cast<long>(sizeof(float)))) / 16 * 16;
  return Blocking{144, kc, std::clamp<index_t>(nc, 128, 4096)};
}

const Tuning& tuning() {
  // An MR x KC A panel (6-8 KiB for float at KC 256) stays in L1 (32 KiB and up) while the KC x NC block of B streams
  // past it from L2, so NC follows the L2's size. On Ice Lake's 1.25 MiB L2 that is NC 1024: NC 4080 (B in L3)
  // measured 0.92 of OpenBLAS on 256x10000x512 (1 thread), NC 480 and 768 no better than 1024 on 1024^3.
  // Direct path up to 2^21 float multiply-adds (128^3), where packing both operands costs more than reading them in
  // place from L1 and L2. Best of 3-4 alternating with OpenBLAS, against the old bound of 2^18: AVX-512 1 thread
  // 96^3 136 -> 163 GFLOP/s, 128^3 123 -> 156 (OpenBLAS 102-105), 128^3 Bᵀ 124 -> 139; 2 threads 128^3 146 -> 193,
  // 128^3 Aᵀ 113 -> 156; AVX2 1 thread 96^3 92 -> 102, 128^3 92 -> 100. Past it the packed loops win: 192^3 on
  // 1 thread 114 direct, 142 packed. Doubles take half as many (the same bytes): double 128^3 measured 58 packed,
  // 53 direct, and 96^3 54 packed, 80 direct.
  static const Tuning t = [] {
    const Blocking base = default_blocking(runtime::l2_cache_bytes());
    return Tuning{Blocking{env_size("NN_GEMM_MC", base.mc), env_size("NN_GEMM_KC", base.kc), env_size("NN_GEMM_NC", base.nc)},
                  static_cast<double>(env_size("NN_GEMM_DIRECT_MAX", 1 << 21))};
  }();
  return t;
}

template <typename T>
void gemm_with(const GemmKernels<T>& kernels, Path path, bool trans_a, bool trans_b, index_t m, index_t n, index_t k,
               T alpha, const T* a, index_t lda, const T* b, index_t ldb, T beta, T* c, index_t ldc) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0 || alpha == T(0)) {
    scale_c(m, n, beta, c, ldc);
    return;
  }
  // A deep one-column op(B) stored with unit stride (a weight row seen through a transpose) is the same vector as a
  // one-row Bᵀ, which the dot-product path takes; likewise a one-row op(A) is read as a row.
  if (n == 1 && !trans_b && ldb == 1 && k >= kDotMinK) {
    trans_b = true;
    ldb = k;
  }
  if (m == 1 && trans_a && lda == 1) {
    trans_a = false;
    lda = k;
  }
  const bool thin = std::min(m, n) < kThinMax;
  const double flops = static_cast<double>(m) * n * k;
  // Direct tiles end a row in a tile of as few vectors as its last columns need.
  const index_t lanes = kernels.lanes, direct_cols = round_up(n, lanes);
  const bool narrow_n = n <= kNarrowN || (n <= 2 * kNarrowN && round_up(n, kernels.packed.nr) > direct_cols);
  const double b_bytes = static_cast<double>(k) * n * sizeof(T);
  const index_t direct_rows = std::max(kernels.direct.mr, kernels.direct_even.fn != nullptr ? kernels.direct_even.mr : 0);
  const bool narrow_m = m <= direct_rows && (!trans_b || b_bytes <= kNarrowMaxBtBytes);
  const bool narrow = b_bytes <= kNarrowMaxBBytes && (narrow_n || narrow_m);
  const bool direct = path == Path::kDirect ||
                      (path == Path::kAuto && (thin || narrow || flops * sizeof(T) <= tuning().direct_max_flops * sizeof(float)));
  if (!direct) {
    packed_gemm(kernels.packed, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  const bool one_vector_tail = direct_cols % kernels.direct.nr == lanes;
  const DirectKernel<T>& dk = kernels.direct_even.fn != nullptr && one_vector_tail && direct_cols % (2 * lanes) == 0
                                  ? kernels.direct_even
                                  : kernels.direct;
  const index_t a_rs = trans_a ? 1 : lda, a_cs = trans_a ? lda : 1;
  const bool dots = trans_b && !trans_a && k >= kDotMinK && n < kDotMaxN;
  const T* b_rows = b;
  index_t ldb_rows = ldb;
  if (trans_b && !dots) {
    // Rows of whole cache lines: aligned full-vector stores and loads, none split across lines.
    const index_t ldt = round_up(n, static_cast<index_t>(kAlign / sizeof(T)));
    T* bt = b_buffer<T>.reserve(static_cast<std::size_t>(k * ldt));
    kernels.transpose_b(b, ldb, k, n, bt, ldt);
    b_rows = bt;
    ldb_rows = ldt;
  }
  // The block rows [i0, i1) x columns [j0, j1) of C.
  const auto block = [&](index_t i0, index_t i1, index_t j0, index_t j1) {
    T* c_block = c + i0 * ldc + j0;
    if (dots) {
      kernels.direct_nt(i1 - i0, j1 - j0, k, alpha, a + i0 * lda, lda, b + j0 * ldb, ldb, beta, c_block, ldc);
    } else {
      dk.fn(i1 - i0, j1 - j0, k, alpha, a + i0 * a_rs, a_rs, a_cs, b_rows + j0, ldb_rows, beta, c_block, ldc);
    }
  };
  // A big thin product streams its large operand from memory once, and a big narrow one is as parallel as a packed
  // one: a thin product splits the longer side of C over the pool in kThinSplitUnit rows or columns; others split the
  // side with more whole tiles (a 128^3 C has 16 tiles of 8 rows but only 3 of 48 columns).
  const bool split_cols = thin ? n >= m : (n + dk.nr - 1) / dk.nr >= (m + dk.mr - 1) / dk.mr;
  const index_t extent = split_cols ? n : m;
  const index_t unit = thin ? kThinSplitUnit : (split_cols ? dk.nr : dk.mr);
  const double split_min = thin ? kParallelThinMinFlops : (trans_b && !dots ? kParallelMinFlops : kParallelDirectMinFlops);
  const bool split = flops >= split_min;
  const index_t parts = split ? std::min<index_t>(runtime::num_threads(), (extent + unit - 1) / unit) : 1;
  if (parts <= 1) {
    block(0, m, 0, n);
    return;
  }
  runtime::parallel_for(static_cast<int>(parts), [&](int t) {
    const index_t units = (extent + unit - 1) / unit;
    const index_t lo = units * t / parts * unit, hi = std::min(extent, units * (t + 1) / parts * unit);
    if (hi <= lo) return;
    if (split_cols) {
      block(0, m, lo, hi);
    } else {
      block(lo, hi, 0, n);
    }
  });
}

template void gemm_with<float>(const GemmKernels<float>&, Path, bool, bool, index_t, index_t, index_t, float,
                               const float*, index_t, const float*, index_t, float, float*, index_t);
template void gemm_with<double>(const GemmKernels<double>&, Path, bool, bool, index_t, index_t, index_t, double,
                                const double*, index_t, const double*, index_t, double, double*, index_t);

const char* backend_name() {
#if defined(NN_USE_CBLAS)
  return "openblas";
#else
  return "builtin";
#endif
}

void sgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, float alpha, const float* a, index_t lda,
           const float* b, index_t ldb, float beta, float* c, index_t ldc) {
#if defined(NN_USE_CBLAS)
  if (m > 0 && n > 0) {
    cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m, n, k, alpha, a,
                lda, b, ldb, beta, c, ldc);
  }
  return;
#endif
  gemm_with(runtime::kernels().sgemm, Path::kAuto, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void dgemm(bool trans_a, bool trans_b, index_t m, index_t n, index_t k, double alpha, const double* a, index_t lda,
           const double* b, index_t ldb, double beta, double* c, index_t ldc) {
#if defined(NN_USE_CBLAS)
  if (m > 0 && n > 0) {
    cblas_dgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m, n, k, alpha, a,
                lda, b, ldb, beta, c, ldc);
  }
  return;
#endif
  gemm_with(runtime::kernels().dgemm, Path::kAuto, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace nn::gemm
