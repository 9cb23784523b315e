// AVX2 + FMA lanes for the GEMM templates, float and double; include only from translation units built with -mavx2 -mfma.
#pragma once
#include <immintrin.h>

#include <cstring>

namespace nn::gemm {
namespace {

template <typename T>
struct VecAvx2;

template <>
struct VecAvx2<float> {
  using Reg = __m256;
  static constexpr int kWidth = 8;
  static constexpr bool kTranspose = true;
  static Reg zero() { return _mm256_setzero_ps(); }
  static Reg load(const float* p) { return _mm256_loadu_ps(p); }
  static void store(float* p, Reg v) { _mm256_storeu_ps(p, v); }
  static Reg set1(float v) { return _mm256_set1_ps(v); }
  static Reg mul(Reg a, Reg b) { return _mm256_mul_ps(a, b); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_ps(a, b, c); }
  // The first n lanes (0 <= n <= 8); vmaskmov neither reads nor writes the masked-off lanes.
  static __m256i first(int n) { return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)); }
  static Reg load_partial(const float* p, int n) { return _mm256_maskload_ps(p, first(n)); }
  static void store_partial(float* p, Reg v, int n) { _mm256_maskstore_ps(p, first(n), v); }
  // r[i] (row i of an 8x8 block) -> r[q] (column q): unpack pairs, shuffle quads, swap 128-bit halves.
  static void transpose(Reg (&r)[8]) {
    Reg t[8], s[8];
    for (int i = 0; i < 4; ++i) {
      t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int h = 0; h < 2; ++h) {
      s[4 * h] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], 0x44);
      s[4 * h + 1] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], 0xEE);
      s[4 * h + 2] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], 0x44);
      s[4 * h + 3] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {
      r[c] = _mm256_permute2f128_ps(s[c], s[4 + c], 0x20);
      r[4 + c] = _mm256_permute2f128_ps(s[c], s[4 + c], 0x31);
    }
  }
  static float reduce_add(Reg v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
  }
  // Pair lanes (direct_pair_tile): lanes 2j and 2j + 1 hold two steps of k for one column.
  static constexpr bool kPairLanes = true;
  static Reg broadcast_pair(const float* p) {
    double d;
    std::memcpy(&d, p, sizeof d);
    return _mm256_castpd_ps(_mm256_set1_pd(d));
  }
  // [a0 b0 a1 b1 a2 b2 a3 b3]
  static Reg interleave_low(Reg a, Reg b) {
    return _mm256_permute2f128_ps(_mm256_unpacklo_ps(a, b), _mm256_unpackhi_ps(a, b), 0x20);
  }
  // [a0+a1 a2+a3 a4+a5 a6+a7 b0+b1 b2+b3 b4+b5 b6+b7]: hadd interleaves 128-bit halves, the permute restores order.
  static Reg add_pairs(Reg a, Reg b) {
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_hadd_ps(a, b)), 0xD8));
  }
  static Reg upper_half(Reg v) { return _mm256_permute2f128_ps(v, v, 0x01); }
};

template <>
struct VecAvx2<double> {
  using Reg = __m256d;
  static constexpr int kWidth = 4;
  static constexpr bool kTranspose = true;
  static Reg zero() { return _mm256_setzero_pd(); }
  static Reg load(const double* p) { return _mm256_loadu_pd(p); }
  static void store(double* p, Reg v) { _mm256_storeu_pd(p, v); }
  static Reg set1(double v) { return _mm256_set1_pd(v); }
  static Reg mul(Reg a, Reg b) { return _mm256_mul_pd(a, b); }
  static Reg fma(Reg a, Reg b, Reg c) { return _mm256_fmadd_pd(a, b, c); }
  static __m256i first(int n) { return _mm256_cmpgt_epi64(_mm256_set1_epi64x(n), _mm256_setr_epi64x(0, 1, 2, 3)); }
  static Reg load_partial(const double* p, int n) { return _mm256_maskload_pd(p, first(n)); }
  static void store_partial(double* p, Reg v, int n) { _mm256_maskstore_pd(p, first(n), v); }
  static double reduce_add(Reg v) {
    const __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
  static constexpr bool kPairLanes = true;
  static Reg broadcast_pair(const double* p) {
    const __m128d v = _mm_loadu_pd(p);
    return _mm256_insertf128_pd(_mm256_castpd128_pd256(v), v, 1);
  }
  // [a0 b0 a1 b1]
  static Reg interleave_low(Reg a, Reg b) {
    return _mm256_permute2f128_pd(_mm256_unpacklo_pd(a, b), _mm256_unpackhi_pd(a, b), 0x20);
  }
  // [a0+a1 a2+a3 b0+b1 b2+b3]
  static Reg add_pairs(Reg a, Reg b) { return _mm256_permute4x64_pd(_mm256_hadd_pd(a, b), 0xD8); }
  static Reg upper_half(Reg v) { return _mm256_permute2f128_pd(v, v, 0x01); }
  // r[i] (row i of a 4x4 block) -> r[q] (column q): unpack pairs, then swap 128-bit halves.
  static void transpose(Reg (&r)[4]) {
    const Reg t0 = _mm256_unpacklo_pd(r[0], r[1]), t1 = _mm256_unpackhi_pd(r[0], r[1]);
    const Reg t2 = _mm256_unpacklo_pd(r[2], r[3]), t3 = _mm256_unpackhi_pd(r[2], r[3]);
    r[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
    r[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    r[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
    r[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
  }
};

}  // namespace
}  // namespace nn::gemm
