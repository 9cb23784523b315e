// AVX-512 lanes for the GEMM templates, float and double; include only from translation units built with -mavx512f.
#pragma once
#include <immintrin.h>

#include <cstring>

namespace nn::gemm {
// Anonymous namespace: each including translation unit keeps its own copy, so no AVX-512 code leaks into others.
namespace {

template <typename T>
struct VecAvx512;

template <>
struct VecAvx512<float> {
  using Reg = __m512;
  static constexpr int kWidth = 16;
  static constexpr bool kTranspose = true;
  static Reg zero() { return _mm512_setzero_ps(); }
  static Reg load(const float* p) { return _mm512_loadu_ps(p); }
  static void store(float* p, Reg v) { _mm512_storeu_ps(p, v); }
  static Reg set1(float v) { return _mm512_set1_ps(v); }
  static Reg mul(Reg a, Reg b) { return _mm512_mul_ps(a, b); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_ps(a, b, c); }
  // The first n lanes (0 <= n <= 16); masked lanes are neither read nor written, so no access strays past the end.
  static __mmask16 first(int n) { return static_cast<__mmask16>((1u << n) - 1u); }
  static Reg load_partial(const float* p, int n) { return _mm512_maskz_loadu_ps(first(n), p); }
  static void store_partial(float* p, Reg v, int n) { _mm512_mask_storeu_ps(p, first(n), v); }
  static float reduce_add(Reg v) { return _mm512_reduce_add_ps(v); }
  // Pair lanes (direct_pair_tile): lanes 2j and 2j + 1 hold two steps of k for one column.
  static constexpr bool kPairLanes = true;
  static Reg broadcast_pair(const float* p) {
    double d;
    std::memcpy(&d, p, sizeof d);
    return _mm512_castpd_ps(_mm512_set1_pd(d));
  }
  // [a0 b0 a1 b1 ... a7 b7]
  static Reg interleave_low(Reg a, Reg b) {
    return _mm512_permutex2var_ps(a, _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), b);
  }
  // [a0+a1 a2+a3 ... a14+a15 b0+b1 ... b14+b15]
  static Reg add_pairs(Reg a, Reg b) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    return _mm512_add_ps(_mm512_permutex2var_ps(a, even, b), _mm512_permutex2var_ps(a, odd, b));
  }
  static Reg upper_half(Reg v) { return _mm512_shuffle_f32x4(v, v, 0xEE); }
  // r[i] (row i of an N x 16 block, N a multiple of 4) -> 128-bit lane L of r[4i + c] holding rows 4i..4i+3 of
  // column 4L + c: unpack pairs of floats, then pairs of doubles. The first half of either transpose below.
  template <int N>
  static void transpose_in_lanes(Reg (&r)[N]) {
    Reg t[N];
    for (int i = 0; i < N / 2; ++i) {
      t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    const auto pd = [](Reg v) { return _mm512_castps_pd(v); };
    for (int i = 0; i < N / 4; ++i) {
      r[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(pd(t[4 * i]), pd(t[4 * i + 2])));
      r[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(pd(t[4 * i]), pd(t[4 * i + 2])));
      r[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(pd(t[4 * i + 1]), pd(t[4 * i + 3])));
      r[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(pd(t[4 * i + 1]), pd(t[4 * i + 3])));
    }
  }
  // r[i] (row i of a 16x16 block) -> r[q] (column q): after transpose_in_lanes, two rounds of 128-bit shuffles
  // gather each column's four lanes.
  static void transpose(Reg (&r)[16]) {
    transpose_in_lanes(r);
    Reg t[16];
    for (int c = 0; c < 4; ++c) {
      const Reg b0 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0x88), b1 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0xDD);
      const Reg b2 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0x88), b3 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0xDD);
      t[c] = _mm512_shuffle_f32x4(b0, b2, 0x88);
      t[4 + c] = _mm512_shuffle_f32x4(b1, b3, 0x88);
      t[8 + c] = _mm512_shuffle_f32x4(b0, b2, 0xDD);
      t[12 + c] = _mm512_shuffle_f32x4(b1, b3, 0xDD);
    }
    for (int q = 0; q < 16; ++q) r[q] = t[q];
  }
  static constexpr bool kHalfTranspose = true;
  // r[i] (row i of an 8x16 block) -> r[q] (columns 2q and 2q + 1, 8 values each): the 16 rows of an 8-wide packed
  // panel as 8 whole vectors, in 32 shuffles where padding the block to 16x16 takes 64. After transpose_in_lanes,
  // lane L of r[c] holds rows 0-3 of column 4L + c and lane L of r[4 + c] rows 4-7; two rounds of 128-bit shuffles
  // pair the halves of each column, then the columns.
  static void transpose_8x16(Reg (&r)[8]) {
    transpose_in_lanes(r);
    // x[c]: columns c and 4 + c (lanes: rows 0-3 of each, then rows 4-7); y[c]: columns 8 + c and 12 + c.
    Reg x[4], y[4];
    for (int c = 0; c < 4; ++c) {
      x[c] = _mm512_shuffle_f32x4(r[c], r[4 + c], 0x44);
      y[c] = _mm512_shuffle_f32x4(r[c], r[4 + c], 0xEE);
    }
    for (int h = 0; h < 2; ++h) {
      r[h] = _mm512_shuffle_f32x4(x[2 * h], x[2 * h + 1], 0x88);      // columns 2h, 2h + 1
      r[2 + h] = _mm512_shuffle_f32x4(x[2 * h], x[2 * h + 1], 0xDD);  // columns 4 + 2h, 5 + 2h
      r[4 + h] = _mm512_shuffle_f32x4(y[2 * h], y[2 * h + 1], 0x88);  // columns 8 + 2h, 9 + 2h
      r[6 + h] = _mm512_shuffle_f32x4(y[2 * h], y[2 * h + 1], 0xDD);  // columns 12 + 2h, 13 + 2h
    }
  }
};

template <>
struct VecAvx512<double> {
  using Reg = __m512d;
  static constexpr int kWidth = 8;
  static constexpr bool kTranspose = true;
  static Reg zero() { return _mm512_setzero_pd(); }
  static Reg load(const double* p) { return _mm512_loadu_pd(p); }
  static void store(double* p, Reg v) { _mm512_storeu_pd(p, v); }
  static Reg set1(double v) { return _mm512_set1_pd(v); }
  static Reg mul(Reg a, Reg b) { return _mm512_mul_pd(a, b); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm512_fmadd_pd(a, b, c); }
  static __mmask8 first(int n) { return static_cast<__mmask8>((1u << n) - 1u); }
  static Reg load_partial(const double* p, int n) { return _mm512_maskz_loadu_pd(first(n), p); }
  static void store_partial(double* p, Reg v, int n) { _mm512_mask_storeu_pd(p, first(n), v); }
  static double reduce_add(Reg v) { return _mm512_reduce_add_pd(v); }
  static constexpr bool kPairLanes = true;
  static Reg broadcast_pair(const double* p) {
    return _mm512_castps_pd(_mm512_broadcast_f32x4(_mm_castpd_ps(_mm_loadu_pd(p))));
  }
  // [a0 b0 a1 b1 a2 b2 a3 b3]
  static Reg interleave_low(Reg a, Reg b) {
    return _mm512_permutex2var_pd(a, _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11), b);
  }
  // [a0+a1 a2+a3 a4+a5 a6+a7 b0+b1 ... b6+b7]
  static Reg add_pairs(Reg a, Reg b) {
    const __m512i even = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), odd = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    return _mm512_add_pd(_mm512_permutex2var_pd(a, even, b), _mm512_permutex2var_pd(a, odd, b));
  }
  static Reg upper_half(Reg v) { return _mm512_shuffle_f64x2(v, v, 0xEE); }
  // r[i] (row i of an 8x8 block) -> r[q] (column q): unpack pairs, which leaves 128-bit lane L of t[2i + c] holding
  // rows 2i, 2i+1 of column 2L + c; two rounds of 128-bit shuffles gather the four pairs of each column.
  static void transpose(Reg (&r)[8]) {
    Reg t[8];
    for (int i = 0; i < 4; ++i) {
      t[2 * i] = _mm512_unpacklo_pd(r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm512_unpackhi_pd(r[2 * i], r[2 * i + 1]);
    }
    for (int c = 0; c < 2; ++c) {
      const Reg b0 = _mm512_shuffle_f64x2(t[c], t[2 + c], 0x88), b1 = _mm512_shuffle_f64x2(t[c], t[2 + c], 0xDD);
      const Reg b2 = _mm512_shuffle_f64x2(t[4 + c], t[6 + c], 0x88), b3 = _mm512_shuffle_f64x2(t[4 + c], t[6 + c], 0xDD);
      r[c] = _mm512_shuffle_f64x2(b0, b2, 0x88);
      r[2 + c] = _mm512_shuffle_f64x2(b1, b3, 0x88);
      r[4 + c] = _mm512_shuffle_f64x2(b0, b2, 0xDD);
      r[6 + c] = _mm512_shuffle_f64x2(b1, b3, 0xDD);
    }
  }
};

}  // namespace
}  // namespace nn::gemm
