// GEMM inner kernels written once over a lane type V (gemm_vec_*.h): the packed-panel microkernel and the direct
// (unpacked) small-matrix kernel. Each ISA's kernels_*.cc instantiates them with its own MR x (NV * width) tile.
#pragma once
#include "kernels/gemm/gemm.h"
#include "kernels/gemm/pack.h"

#include <cstring>
#include <type_traits>

// Fully unrolls the loop that follows. The tile loops that read the accumulator array after its k loop (storing a
// tile, reducing dot products) need it: GCC leaves loops with long bodies rolled, and one loop indexing the array
// at run time keeps the whole array in memory, so every tile stored its 24 zeroed accumulators to the stack before
// the k loop and again after it. Measured on AVX-512, 1 thread, best of 4 alternating against OpenBLAS:
// 32x200x30 88 -> 103 GFLOP/s, 256^3 104 -> 126, DGEMM 1024^3 53 -> 55.
#define NN_UNROLL_ALL _Pragma("GCC unroll 64")

namespace nn::gemm {
namespace {

// acc (MR, NV vectors) -> C tile: c = alpha * acc + beta * c, C not read when beta == 0. A partial tile (kPartial:
// rows < MR or cols < NV * width, at the right and bottom edges of C) writes only its first `rows` rows and `cols`
// columns, through masked stores, so no write leaves C.
template <typename V, typename T, int MR, int NV, bool kPartial>
inline void store_tile(typename V::Reg (&acc)[MR][NV], T* c, index_t ldc, T alpha, T beta, int cols, int rows = MR) {
  constexpr int W = V::kWidth;
  const typename V::Reg va = V::set1(alpha), vb = V::set1(beta);
  NN_UNROLL_ALL
  for (int i = 0; i < MR; ++i) {
    if (kPartial && i >= rows) break;
    T* row = c + i * ldc;
    NN_UNROLL_ALL
    for (int j = 0; j < NV; ++j) {
      typename V::Reg v = V::mul(va, acc[i][j]);
      if (kPartial) {
        const int n = cols - j * W < 0 ? 0 : (cols - j * W > W ? W : cols - j * W);
        if (beta != T(0)) v = V::fma(vb, V::load_partial(row + j * W, n), v);
        V::store_partial(row + j * W, v, n);
      } else {
        if (beta != T(0)) v = V::fma(vb, V::load(row + j * W), v);
        V::store(row + j * W, v);
      }
    }
  }
}

// acc += a^T b over kc steps: a: (kc, MR) packed, b: (kc, NR) packed, of which the first NV vectors of each row are
// read (NR = NV * width but at C's right edge). The loops over MR and NV are constant-bound and fully unrolled, so the
// accumulators stay in registers.
template <typename V, typename T, int MR, int NV, int NR = NV * V::kWidth>
inline void packed_accumulate(index_t kc, const T* a, const T* b, typename V::Reg (&acc)[MR][NV]) {
  constexpr int kLineElems = 64 / static_cast<int>(sizeof(T));
  constexpr int kLinesPerRow = (NV * V::kWidth + kLineElems - 1) / kLineElems;
  for (index_t p = 0; p < kc; ++p) {
    typename V::Reg bv[NV];
    for (int j = 0; j < NV; ++j) bv[j] = V::load(b + j * V::kWidth);
    // B panels stream through L1 once per tile; fetch a few rows ahead of use, every cache line of the row.
    NN_UNROLL_ALL
    for (int l = 0; l < kLinesPerRow; ++l) __builtin_prefetch(b + 8 * NR + l * kLineElems);
    for (int i = 0; i < MR; ++i) {
      const typename V::Reg ai = V::set1(a[i]);
      for (int j = 0; j < NV; ++j) acc[i][j] = V::fma(ai, bv[j], acc[i][j]);
    }
    a += MR;
    b += NR;
  }
}

// The packed microkernel (MicrokernelFn): a: (kc, MR), b: (kc, NR), c: (MR, NR) tile with row stride ldc.
template <typename V, typename T, int MR, int NV>
void packed_microkernel(index_t kc, const T* a, const T* b, T* c, index_t ldc, T alpha, T beta) {
  constexpr int NR = NV * V::kWidth;
  typename V::Reg acc[MR][NV];
  for (int i = 0; i < MR; ++i) {
    for (int j = 0; j < NV; ++j) acc[i][j] = V::zero();
    // The C tile is written after the k loop: start bringing its lines in now so the stores do not wait on memory.
    __builtin_prefetch(c + i * ldc, 1);
    __builtin_prefetch(c + i * ldc + NR - 1, 1);
  }
  packed_accumulate<V, T, MR, NV>(kc, a, b, acc);
  store_tile<V, T, MR, NV, false>(acc, c, ldc, alpha, beta, NR);
}

// The same for a tile at C's right or bottom edge (MicrokernelEdgeFn): only rows x cols of c are read and written.
// The panels are zero-padded to MR and NR; the k loop reads as few vectors of each B row as hold `cols` (NVE of NV),
// since a 1024-wide C ends in a 16-column panel of 48, whose full-width tiles took 4.9% of a 1024^3 profile on
// AVX-512 for 1.6% of its useful multiply-adds.
template <typename V, typename T, int MR, int NV, int NVE = NV>
void packed_edge_microkernel(index_t kc, const T* a, const T* b, T* c, index_t ldc, T alpha, T beta, int rows, int cols) {
  if constexpr (NVE > 1) {
    if (cols <= (NVE - 1) * V::kWidth) {
      packed_edge_microkernel<V, T, MR, NV, NVE - 1>(kc, a, b, c, ldc, alpha, beta, rows, cols);
      return;
    }
  }
  typename V::Reg acc[MR][NVE];
  NN_UNROLL_ALL
  for (int i = 0; i < MR; ++i) {
    NN_UNROLL_ALL
    for (int j = 0; j < NVE; ++j) acc[i][j] = V::zero();
  }
  packed_accumulate<V, T, MR, NVE, NV * V::kWidth>(kc, a, b, acc);
  store_tile<V, T, MR, NVE, true>(acc, c, ldc, alpha, beta, cols, rows);
}

// One ROWS x (up to NV * width) tile of the direct path: op(A) rows read in place through strides (a_rs, a_cs),
// B: (k, n) row-major with row stride ldb, c: (ROWS, cols) with row stride ldc.
// A partial tile (cols < NV * width) still loads whole vectors of B while they end inside B's last row: the lanes
// past `cols` read the next row's values and are dropped by the partial store. Masked loads in the inner loop cost
// ~2.5x here (measured on Ice Lake), so only the last rows, whose whole vectors would leave B, use them.
template <typename V, typename T, int ROWS, int NV, bool kPartial>
void direct_tile(index_t k, const T* a, index_t a_rs, index_t a_cs, const T* b, index_t ldb, T* c, index_t ldc, T alpha,
                 T beta, int cols) {
  constexpr int W = V::kWidth;
  typename V::Reg acc[ROWS][NV];
  NN_UNROLL_ALL
  for (int i = 0; i < ROWS; ++i) {
    NN_UNROLL_ALL
    for (int j = 0; j < NV; ++j) acc[i][j] = V::zero();
  }
  // The loops over the tile are unrolled in full here as well: a rolled one kept acc of the partial tiles on the
  // stack, zeroed by a `rep stos`. The one-vector tail tiles of 32x200x30 do 4% of its work and went from 15% to 13%
  // of its profile.
  const auto step = [&](index_t p, auto load) {
    const T* brow = b + p * ldb;
    const T* acol = a + p * a_cs;
    typename V::Reg bv[NV];
    NN_UNROLL_ALL
    for (int j = 0; j < NV; ++j) bv[j] = load(brow, j);
    NN_UNROLL_ALL
    for (int i = 0; i < ROWS; ++i) {
      const typename V::Reg ai = V::set1(acol[i * a_rs]);
      NN_UNROLL_ALL
      for (int j = 0; j < NV; ++j) acc[i][j] = V::fma(ai, bv[j], acc[i][j]);
    }
  };
  const auto full = [](const T* row, int j) { return V::load(row + j * W); };
  index_t p_full = k;
  if (kPartial) {
    // Rows p < p_full have p * ldb + NV * W <= (k - 1) * ldb + cols: their whole vectors stay inside B. Only a B
    // narrower than a tile has over > ldb, so the division is rare.
    const index_t over = NV * W - cols;
    p_full = k - (over <= 0 ? 0 : over <= ldb ? 1 : (over + ldb - 1) / ldb);
    if (p_full < 0) p_full = 0;
  }
  for (index_t p = 0; p < p_full; ++p) step(p, full);
  if (kPartial) {
    for (index_t p = p_full; p < k; ++p) {
      step(p, [cols](const T* row, int j) {
        const int n = cols - j * W < 0 ? 0 : (cols - j * W > W ? W : cols - j * W);
        return V::load_partial(row + j * W, n);
      });
    }
  }
  store_tile<V, T, ROWS, NV, kPartial>(acc, c, ldc, alpha, beta, cols);
}

// The last `cols` (< NV * width) columns of a row block, in a tile of as few vectors as hold them: a 200-wide C
// ends in 8 columns and a 27-wide one is all tail, and a full-width tile would run up to NV times the multiply-adds
// (measured: the partial tiles took nearly as long as the full ones in a names MLP step, with a sixth of the columns).
template <typename V, typename T, int MR, int NV>
void direct_tail(int cols, index_t k, const T* a, index_t a_rs, index_t a_cs, const T* b, index_t ldb, T* c, index_t ldc,
                 T alpha, T beta) {
  if constexpr (NV > 1) {
    if (cols <= (NV - 1) * V::kWidth) {
      direct_tail<V, T, MR, NV - 1>(cols, k, a, a_rs, a_cs, b, ldb, c, ldc, alpha, beta);
      return;
    }
  }
  direct_tile<V, T, MR, NV, true>(k, a, a_rs, a_cs, b, ldb, c, ldc, alpha, beta, cols);
}

// All column blocks of one block of `rows` (<= MR) rows; the row count picks a tile instantiation.
template <typename V, typename T, int MR, int NV>
void direct_rows(int rows, index_t n, index_t k, const T* a, index_t a_rs, index_t a_cs, const T* b, index_t ldb, T* c,
                 index_t ldc, T alpha, T beta) {
  if constexpr (MR > 1) {
    if (rows < MR) {
      direct_rows<V, T, MR - 1, NV>(rows, n, k, a, a_rs, a_cs, b, ldb, c, ldc, alpha, beta);
      return;
    }
  }
  constexpr int NR = NV * V::kWidth;
  index_t j = 0;
  for (; j + NR <= n; j += NR) direct_tile<V, T, MR, NV, false>(k, a, a_rs, a_cs, b + j, ldb, c + j, ldc, alpha, beta, NR);
  if (j < n) direct_tail<V, T, MR, NV>(static_cast<int>(n - j), k, a, a_rs, a_cs, b + j, ldb, c + j, ldc, alpha, beta);
}

// Whether V has the pair-lane operations of direct_pair_tile (broadcast_pair, interleave_low, add_pairs,
// upper_half), which V marks with kPairLanes.
template <typename V, typename = void>
constexpr bool kHasPairLanes = false;
template <typename V>
constexpr bool kHasPairLanes<V, std::void_t<decltype(V::kPairLanes)>> = V::kPairLanes;

// Pairs of B's rows interleaved at a time for the pair tiles: a stack buffer of 128 vectors (8 KiB for AVX-512).
constexpr index_t kPairChunk = 128;

// bp: (ceil(depth / 2), W) = B's first `cols` (<= W / 2) columns over `depth` rows, two rows to a vector:
// bp[q * W + 2c + g] = b[(2q + g) * ldb + c]. Lanes of columns past `cols`, and of a row past `depth`, are zero.
template <typename V, typename T>
void interleave_pairs(const T* b, index_t ldb, index_t depth, int cols, T* bp) {
  constexpr int W = V::kWidth;
  for (index_t q = 0; 2 * q < depth; ++q) {
    const typename V::Reg even = V::load_partial(b + 2 * q * ldb, cols);
    const typename V::Reg odd = 2 * q + 1 < depth ? V::load_partial(b + (2 * q + 1) * ldb, cols) : V::zero();
    V::store(bp + q * W, V::interleave_low(even, odd));
  }
}

// A ROWS x cols tile (cols <= W / 2) of A B, two steps of k per multiply-add: lane 2c + g of a row's accumulator sums
// steps 2q + g of column c, A's adjacent elements (i, 2q) and (i, 2q + 1) are broadcast to every pair of lanes, and
// bp is B interleaved by interleave_pairs. A one-vector tile over these columns leaves half its lanes idle and issues
// a broadcast load per multiply-add; this tile does the same sums in half the multiply-adds and loads. A row of C is
// the sum of its lane pairs (add_pairs, two rows at a time). a: ROWS rows with row stride a_rs, each depth long.
template <typename V, typename T, int ROWS>
void direct_pair_tile(index_t depth, const T* a, index_t a_rs, const T* bp, T* c, index_t ldc, T alpha, T beta,
                      int cols) {
  constexpr int W = V::kWidth;
  typename V::Reg acc[ROWS];
  NN_UNROLL_ALL
  for (int i = 0; i < ROWS; ++i) acc[i] = V::zero();
  const index_t pairs = depth / 2;
  for (index_t q = 0; q < pairs; ++q) {
    const typename V::Reg bv = V::load(bp + q * W);
    NN_UNROLL_ALL
    for (int i = 0; i < ROWS; ++i) acc[i] = V::fma(V::broadcast_pair(a + i * a_rs + 2 * q), bv, acc[i]);
  }
  if (depth % 2 != 0) {
    // The last step alone, paired with a zero rather than the next element (past A's row), so its idle lanes add
    // 0 * 0 and an infinite A(i, depth - 1) gives inf, not inf * 0 = NaN.
    const typename V::Reg bv = V::load(bp + pairs * W);
    NN_UNROLL_ALL
    for (int i = 0; i < ROWS; ++i) {
      const T last[2] = {a[i * a_rs + depth - 1], T(0)};
      acc[i] = V::fma(V::broadcast_pair(last), bv, acc[i]);
    }
  }
  const typename V::Reg va = V::set1(alpha), vb = V::set1(beta);
  const auto store_row = [&](T* row, typename V::Reg v) {
    v = V::mul(va, v);
    if (beta != T(0)) v = V::fma(vb, V::load_partial(row, cols), v);
    V::store_partial(row, v, cols);
  };
  NN_UNROLL_ALL
  for (int i = 0; i < ROWS; i += 2) {
    if (i + 1 < ROWS) {
      const typename V::Reg sums = V::add_pairs(acc[i], acc[i + 1]);
      store_row(c + i * ldc, sums);
      store_row(c + (i + 1) * ldc, V::upper_half(sums));
    } else {
      store_row(c + i * ldc, V::add_pairs(acc[i], acc[i]));
    }
  }
}

// One block of `rows` (<= MR) rows of pair tiles; the row count picks a tile instantiation.
template <typename V, typename T, int MR>
void direct_pair_rows(int rows, index_t depth, const T* a, index_t a_rs, const T* bp, T* c, index_t ldc, T alpha,
                      T beta, int cols) {
  if constexpr (MR > 1) {
    if (rows < MR) {
      direct_pair_rows<V, T, MR - 1>(rows, depth, a, a_rs, bp, c, ldc, alpha, beta, cols);
      return;
    }
  }
  direct_pair_tile<V, T, MR>(depth, a, a_rs, bp, c, ldc, alpha, beta, cols);
}

// C (m, cols) = alpha * A B + beta * C through pair tiles, for the last cols <= W / 2 columns of a product:
// a: (m, k) with row stride a_rs and unit column stride; B interleaved kPairChunk pairs of rows at a time.
template <typename V, typename T, int MR>
void direct_pair_columns(index_t m, int cols, index_t k, T alpha, const T* a, index_t a_rs, const T* b, index_t ldb,
                         T beta, T* c, index_t ldc) {
  constexpr int W = V::kWidth;
  alignas(64) T bp[kPairChunk * W];
  for (index_t p0 = 0; p0 < k; p0 += 2 * kPairChunk) {
    const index_t depth = k - p0 < 2 * kPairChunk ? k - p0 : 2 * kPairChunk;
    interleave_pairs<V, T>(b + p0 * ldb, ldb, depth, cols, bp);
    // Later chunks add to the sums the first one stored.
    const T beta_chunk = p0 == 0 ? beta : T(1);
    for (index_t i = 0; i < m; i += MR) {
      const int rows = m - i < MR ? static_cast<int>(m - i) : MR;
      direct_pair_rows<V, T, MR>(rows, depth, a + i * a_rs + p0, a_rs, bp, c + i * ldc, ldc, alpha, beta_chunk, cols);
    }
  }
}

// C (m, n) = alpha * op(A) * B + beta * C with no packing: for problems too small for packing to pay back.
// op(A)(i, p) = a[i * a_rs + p * a_cs]; B: (k, n) row-major with row stride ldb.
template <typename V, typename T, int MR, int NV>
void direct_gemm(index_t m, index_t n, index_t k, T alpha, const T* a, index_t a_rs, index_t a_cs, const T* b,
                 index_t ldb, T beta, T* c, index_t ldc) {
  constexpr int W = V::kWidth, NR = NV * W;
  // Columns through the register tiles; a last block of at most half a vector (8 of a 200-wide C on AVX-512) takes
  // the pair tiles where A's steps of k are adjacent. Measured on AVX-512, 1 thread, fastest of 30,000 calls,
  // alternating: 32x200x30 (a names MLP's hidden layer) 114-118 -> 120-123 GFLOP/s, its 8-column tail 13% -> 8.5%
  // of the profile; 64x8x500 43 -> 77-83.
  index_t n_tiles = n;
  if constexpr (kHasPairLanes<V>) {
    const index_t tail = n % NR;
    if (tail > 0 && 2 * tail <= W && a_cs == 1 && k >= 2) n_tiles = n - tail;
  }
  if (n_tiles > 0) {
    for (index_t i = 0; i < m; i += MR) {
      const int rows = m - i < MR ? static_cast<int>(m - i) : MR;
      direct_rows<V, T, MR, NV>(rows, n_tiles, k, a + i * a_rs, a_rs, a_cs, b, ldb, c + i * ldc, ldc, alpha, beta);
    }
  }
  if constexpr (kHasPairLanes<V>) {
    if (n_tiles < n) {
      direct_pair_columns<V, T, MR>(m, static_cast<int>(n - n_tiles), k, alpha, a, a_rs, b + n_tiles, ldb, beta,
                                    c + n_tiles, ldc);
    }
  }
}

// One RA x RB tile of A Bᵀ as dot products: a: RA rows, b: RB rows, each k long, row strides lda and ldb.
// Registers: RA * RB accumulators, RA rows of A, one row of B at a time.
template <typename V, typename T, int RA, int RB>
void dot_tile(index_t k, const T* a, index_t lda, const T* b, index_t ldb, T* c, index_t ldc, T alpha, T beta) {
  constexpr int W = V::kWidth;
  typename V::Reg acc[RA][RB];
  for (int i = 0; i < RA; ++i) {
    for (int j = 0; j < RB; ++j) acc[i][j] = V::zero();
  }
  const auto step = [&](index_t p, auto load) {
    typename V::Reg av[RA];
    NN_UNROLL_ALL
    for (int i = 0; i < RA; ++i) av[i] = load(a + i * lda + p);
    NN_UNROLL_ALL
    for (int j = 0; j < RB; ++j) {
      const typename V::Reg bv = load(b + j * ldb + p);
      NN_UNROLL_ALL
      for (int i = 0; i < RA; ++i) acc[i][j] = V::fma(av[i], bv, acc[i][j]);
    }
  };
  index_t p = 0;
  for (; p + W <= k; p += W) step(p, [](const T* q) { return V::load(q); });
  if (p < k) {
    const int rest = static_cast<int>(k - p);
    step(p, [rest](const T* q) { return V::load_partial(q, rest); });
  }
  NN_UNROLL_ALL
  for (int i = 0; i < RA; ++i) {
    NN_UNROLL_ALL
    for (int j = 0; j < RB; ++j) {
      const T dot = alpha * V::reduce_add(acc[i][j]);
      T& out = c[i * ldc + j];
      out = beta == T(0) ? dot : dot + beta * out;
    }
  }
}

// The columns of one block of `rows` (<= RA) rows; row and column counts pick a tile instantiation.
template <typename V, typename T, int RA, int RB>
void dot_cols(int rows, int cols, index_t k, const T* a, index_t lda, const T* b, index_t ldb, T* c, index_t ldc, T alpha,
              T beta) {
  if constexpr (RA > 1) {
    if (rows < RA) return dot_cols<V, T, RA - 1, RB>(rows, cols, k, a, lda, b, ldb, c, ldc, alpha, beta);
  }
  if constexpr (RB > 1) {
    if (cols < RB) return dot_cols<V, T, RA, RB - 1>(rows, cols, k, a, lda, b, ldb, c, ldc, alpha, beta);
  }
  dot_tile<V, T, RA, RB>(k, a, lda, b, ldb, c, ldc, alpha, beta);
}

// C (m, n) = alpha * A Bᵀ + beta * C for small problems, A: (m, k), B: (n, k), both row-major.
template <typename V, typename T, int RA, int RB>
void direct_nt_gemm(index_t m, index_t n, index_t k, T alpha, const T* a, index_t lda, const T* b, index_t ldb, T beta,
                    T* c, index_t ldc) {
  for (index_t i = 0; i < m; i += RA) {
    const int rows = m - i < RA ? static_cast<int>(m - i) : RA;
    for (index_t j = 0; j < n; j += RB) {
      const int cols = n - j < RB ? static_cast<int>(n - j) : RB;
      dot_cols<V, T, RA, RB>(rows, cols, k, a + i * lda, lda, b + j * ldb, ldb, c + i * ldc + j, ldc, alpha, beta);
    }
  }
}

// Whether V has transpose_8x16 (AVX-512 float: 8-row panels, 16 lanes), which V marks with kHalfTranspose.
template <typename V, typename = void>
constexpr bool kHasHalfTranspose = false;
template <typename V>
constexpr bool kHasHalfTranspose<V, std::void_t<decltype(V::kHalfTranspose)>> = V::kHalfTranspose;

// dst[q * dst_ld + i] = src[i * ld + q] for q < W, i < rows (rows <= W): a W x W block transposed in registers;
// lanes [rows, lanes) of each destination row are written as zeros, lanes past `lanes` are not touched.
template <typename V, typename T>
inline void transpose_tile(const T* src, index_t ld, int rows, T* dst, index_t dst_ld, int lanes) {
  constexpr int W = V::kWidth;
  typename V::Reg r[W];
  for (int i = 0; i < W; ++i) r[i] = i < rows ? V::load(src + i * ld) : V::zero();
  V::transpose(r);
  for (int q = 0; q < W; ++q) {
    if (lanes == W) {
      V::store(dst + q * dst_ld, r[q]);
    } else {
      V::store_partial(dst + q * dst_ld, r[q], lanes);
    }
  }
}

// pack_a (pack.h) for this tile. op(A) = Aᵀ: each stored row gives every full panel MR contiguous values, copied at
// a constant size (the generic loop, bounded by the panel's row count and zero-filling, packed a (256, 10000) A at
// 2.8-3.4 GB/s on AVX-512, this copy at 10-19 GB/s). op(A) = A: MR rows become an (kc, MR) panel, W columns at a
// time through the transpose (measured with a 256-row A at k = 10000: the scalar scatter took about a fifth of the
// GEMM).
template <typename V, typename T, int MR>
void pack_a_panels(bool trans_a, const T* a, index_t lda, index_t i0, index_t p0, index_t mc, index_t kc, int mr,
                   T* out) {
  constexpr int W = V::kWidth;
  if (trans_a) {
    const index_t full = mc / MR * MR;
    for (index_t ir = 0; ir < full; ir += MR) {
      const T* src = a + p0 * lda + i0 + ir;
      for (index_t p = 0; p < kc; ++p) std::memcpy(out + p * MR, src + p * lda, sizeof(T) * MR);
      out += kc * MR;
    }
    if (full < mc) pack_a<T>(trans_a, a, lda, i0 + full, p0, mc - full, kc, mr, out);
    return;
  }
  if constexpr (!V::kTranspose) {
    pack_a<T>(trans_a, a, lda, i0, p0, mc, kc, mr, out);
  } else {
    for (index_t ir = 0; ir < mc; ir += MR) {
      const int rows = mc - ir < MR ? static_cast<int>(mc - ir) : MR;
      const T* src = a + (i0 + ir) * lda + p0;
      index_t p = 0;
      for (; p + W <= kc; p += W) {
        if constexpr (kHasHalfTranspose<V> && 2 * MR == W) {
          // W columns of a half-width panel are 2 * MR contiguous rows of it: whole-vector stores.
          typename V::Reg r[MR];
          NN_UNROLL_ALL
          for (int i = 0; i < MR; ++i) r[i] = i < rows ? V::load(src + i * lda + p) : V::zero();
          V::transpose_8x16(r);
          NN_UNROLL_ALL
          for (int q = 0; q < MR; ++q) V::store(out + p * MR + q * W, r[q]);
        } else {
          // A panel taller than a vector (12 rows of doubles, 8 to a vector) goes through in blocks of W rows.
          for (int r0 = 0; r0 < MR; r0 += W) {
            const int chunk = MR - r0 < W ? MR - r0 : W;
            const int chunk_rows = rows - r0 < 0 ? 0 : (rows - r0 < chunk ? rows - r0 : chunk);
            transpose_tile<V, T>(src + r0 * lda + p, lda, chunk_rows, out + p * MR + r0, MR, chunk);
          }
        }
      }
      for (; p < kc; ++p) {
        for (int r = 0; r < MR; ++r) out[p * MR + r] = r < rows ? src[r * lda + p] : T(0);
      }
      out += kc * MR;
    }
  }
}

// pack_b (pack.h) for this tile. op(B) = B: as the generic pack_b (rows of a group of panels dealt out in turn), with
// constant-size copies into the full panels (measured on the (10000, 256) half of a (10000, 512) B: 6.0-6.7 GB/s
// generic, 9.1-10.1 GB/s here). op(B) = Bᵀ: NR stored rows of B become an (kc, NR) panel through W x W transposes
// (measured on 256x10000x512, a Linear layer's forward: the scalar scatter took 20% of the GEMM).
template <typename V, typename T, int NR>
void pack_b_panels(bool trans_b, const T* b, index_t ldb, index_t p0, index_t j0, index_t kc, index_t nc, int nr,
                   T* out) {
  constexpr int W = V::kWidth;
  if (!trans_b) {
    const index_t full = nc / NR * NR;
    for (index_t jg = 0; jg < full; jg += kPackPanelGroup * NR) {
      const index_t group_end = full - jg < kPackPanelGroup * NR ? full : jg + kPackPanelGroup * NR;
      for (index_t p = 0; p < kc; ++p) {
        const T* src = b + (p0 + p) * ldb + j0;
        for (index_t jr = jg; jr < group_end; jr += NR) std::memcpy(out + jr * kc + p * NR, src + jr, sizeof(T) * NR);
      }
    }
    if (full < nc) pack_b<T>(trans_b, b, ldb, p0, j0 + full, kc, nc - full, nr, out + full * kc);
    return;
  }
  if constexpr (!V::kTranspose) {
    pack_b<T>(trans_b, b, ldb, p0, j0, kc, nc, nr, out);
  } else {
    const index_t kc_tiles = kc / W * W;
    for (index_t jr = 0; jr < nc; jr += NR) {
      const int cols = nc - jr < NR ? static_cast<int>(nc - jr) : NR;
      const T* src = b + (j0 + jr) * ldb + p0;
      // W stored rows at a time along the whole depth: W read streams, where all NR rows at once (48 on AVX-512)
      // were more than the prefetchers follow (a cold (10000, 512) Bᵀ packed at 5.2 GB/s). The last panel's missing
      // columns come out of transpose_tile as zeros.
      for (int g = 0; g < NR / W; ++g) {
        const int rows = cols - g * W < 0 ? 0 : (cols - g * W > W ? W : cols - g * W);
        const T* src_g = src + g * W * ldb;
        T* out_g = out + g * W;
        for (index_t p = 0; p < kc_tiles; p += W) transpose_tile<V, T>(src_g + p, ldb, rows, out_g + p * NR, NR, W);
        for (index_t p = kc_tiles; p < kc; ++p) {
          for (int s = 0; s < W; ++s) out_g[p * NR + s] = s < rows ? src_g[s * ldb + p] : T(0);
        }
      }
      out += kc * NR;
    }
  }
}

// transpose_b (pack.h) through W x W in-register transposes, W stored rows of B at a time along k. bt's row stride
// is a whole number of vectors, so each store is one full vector (columns past n get the zero rows' lanes): with
// bt's rows n long, a 30-wide bt split most stores across cache lines and masked the rest, and the transpose took
// 31% of a 32x30x200 Bᵀ product (a Linear layer's forward with 30 outputs). The last k % W rows load partial vectors.
template <typename V, typename T>
void transpose_b_tiles(const T* b, index_t ldb, index_t k, index_t n, T* bt, index_t ldt) {
  constexpr int W = V::kWidth;
  for (index_t j0 = 0; j0 < n; j0 += W) {
    const int rows = n - j0 < W ? static_cast<int>(n - j0) : W;
    const T* src = b + j0 * ldb;
    T* dst = bt + j0;
    typename V::Reg r[W];
    index_t p0 = 0;
    for (; p0 + W <= k; p0 += W) {
      NN_UNROLL_ALL
      for (int i = 0; i < W; ++i) r[i] = i < rows ? V::load(src + i * ldb + p0) : V::zero();
      V::transpose(r);
      NN_UNROLL_ALL
      for (int q = 0; q < W; ++q) V::store(dst + (p0 + q) * ldt, r[q]);
    }
    if (p0 == k) continue;
    const int depth = static_cast<int>(k - p0);
    NN_UNROLL_ALL
    for (int i = 0; i < W; ++i) r[i] = i < rows ? V::load_partial(src + i * ldb + p0, depth) : V::zero();
    V::transpose(r);
    NN_UNROLL_ALL
    for (int q = 0; q < W; ++q) {
      if (q < depth) V::store(dst + (p0 + q) * ldt, r[q]);
    }
  }
  // Whole vectors of padding past the last tile (ldt rounds n up to a cache line, which may hold several vectors).
  for (index_t j0 = (n + W - 1) / W * W; j0 < ldt; j0 += W) {
    for (index_t p = 0; p < k; ++p) V::store(bt + p * ldt + j0, V::zero());
  }
}

// One ISA's kernels for one element type: MR x (NV * width) tiles on the packed and direct paths, with MR2 x
// (2 * width) direct tiles beside them when NV > 2, and RA x RB dot tiles.
template <typename V, typename T, int MR, int NV, int RA, int RB, int MR2 = MR>
GemmKernels<T> make_gemm_kernels() {
  constexpr int W = V::kWidth, NR = NV * W;
  Microkernel<T> packed{MR, NR, packed_microkernel<V, T, MR, NV>, packed_edge_microkernel<V, T, MR, NV>,
                        pack_a_panels<V, T, MR>, pack_b_panels<V, T, NR>};
  TransposeFn<T> transpose = transpose_b<T>;
  if constexpr (V::kTranspose) transpose = transpose_b_tiles<V, T>;
  DirectKernel<T> even{nullptr, MR2, 2 * W};
  if constexpr (NV > 2 && W > 1) even.fn = direct_gemm<V, T, MR2, 2>;
  return GemmKernels<T>{W, packed, {direct_gemm<V, T, MR, NV>, MR, NR}, even, direct_nt_gemm<V, T, RA, RB>, transpose};
}

}  // namespace
}  // namespace nn::gemm
