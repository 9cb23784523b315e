// Reductions over the middle axis of (outer, n, inner), written once over a vector type V (see kernels/simd) and
// instantiated per ISA. inner == 1 vectorises along each row; inner > 1 vectorises across the columns.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/reduce/reduce.h"
#include "kernels/simd/vec_scalar.h"

namespace nn::reduce {
namespace {

using S = simd::VecScalar;

// Accumulators take at most this many steps before their block sum is cascaded (see Cascade), so the rounding
// error of a sum grows like kBlock + log2(n / kBlock) instead of n.
constexpr index_t kBlock = 64;
// Independent vectors per step: along a row they hide the add latency, across columns they widen each pass.
constexpr int kUnroll = 4;

struct MaxRule {
  static constexpr float kInit = -INFINITY;
  // Either result when a NaN is involved: callers track NaN themselves.
  template <typename V> static typename V::Reg pick(typename V::Reg a, typename V::Reg b) { return V::max(a, b); }
  template <typename V> static typename V::Mask better(typename V::Reg a, typename V::Reg b) { return V::gt(a, b); }
};
struct MinRule {
  static constexpr float kInit = INFINITY;
  template <typename V> static typename V::Reg pick(typename V::Reg a, typename V::Reg b) { return V::min(a, b); }
  template <typename V> static typename V::Mask better(typename V::Reg a, typename V::Reg b) { return V::lt(a, b); }
};

template <typename V> typename V::Mask no_lanes() { return V::is_nan(V::set1(0.0f)); }

// The lanes of v added pairwise (through memory: GCC 12 warns falsely inside _mm512_reduce_add_ps here).
template <typename V>
float lane_sum(typename V::Reg v) {
  float lanes[V::kWidth];
  V::store(lanes, v);
  for (int width = V::kWidth / 2; width >= 1; width /= 2) {
    for (int l = 0; l < width; ++l) lanes[l] += lanes[l + width];
  }
  return lanes[0];
}

// A group of U vectors of V starting at one column, for the column loops.
template <typename Vec, int U> struct Chunk { using V = Vec; static constexpr int kU = U; };

// Calls f(Chunk, c) so that every column in [0, inner) is covered once: kUnroll vectors, one vector, then one lane.
template <typename V, typename F>
void for_column_chunks(index_t inner, F f) {
  index_t c = 0;
  for (; c + kUnroll * V::kWidth <= inner; c += kUnroll * V::kWidth) f(Chunk<V, kUnroll>{}, c);
  for (; c + V::kWidth <= inner; c += V::kWidth) f(Chunk<V, 1>{}, c);
  for (; c < inner; ++c) f(Chunk<S, 1>{}, c);
}

// Block sums combined pairwise, as a binary counter: level l holds the sum of 2^l blocks, so B blocks cost about
// log2(B) roundings per element instead of B.
template <typename V, int U>
struct Cascade {
  static constexpr int kLevels = 48;  // blocks of 64 steps: enough for any index_t count
  typename V::Reg level[kLevels][U];
  std::uint64_t blocks = 0;

  void push(typename V::Reg (&block)[U]) {
    int l = 0;
    for (std::uint64_t b = blocks; b & 1; b >>= 1, ++l) {
      for (int u = 0; u < U; ++u) block[u] = V::add(level[l][u], block[u]);
    }
    for (int u = 0; u < U; ++u) level[l][u] = block[u];
    ++blocks;
  }

  // The smallest partial sums first.
  void total(typename V::Reg (&out)[U]) const {
    for (auto& o : out) o = V::set1(0.0f);
    int l = 0;
    for (std::uint64_t b = blocks; b != 0; b >>= 1, ++l) {
      if (b & 1) {
        for (int u = 0; u < U; ++u) out[u] = V::add(out[u], level[l][u]);
      }
    }
  }
};

// x: (n,) -> the sum: kUnroll vector accumulators per block of kBlock steps, blocks cascaded.
template <typename V>
float sum_row(index_t n, const float* x) {
  constexpr index_t W = V::kWidth, kStep = kUnroll * W;
  Cascade<V, 1> cascade;
  index_t i = 0;
  while (i + kStep <= n) {
    typename V::Reg acc[kUnroll];
    for (auto& a : acc) a = V::set1(0.0f);
    const index_t steps = (n - i) / kStep < kBlock ? (n - i) / kStep : kBlock;
    for (index_t s = 0; s < steps; ++s, i += kStep) {
      for (int u = 0; u < kUnroll; ++u) acc[u] = V::add(acc[u], V::load(x + i + u * W));
    }
    static_assert(kUnroll == 4, "the block sum below adds four accumulators pairwise");
    typename V::Reg block[1] = {V::add(V::add(acc[0], acc[1]), V::add(acc[2], acc[3]))};
    cascade.push(block);
  }
  typename V::Reg total[1];
  cascade.total(total);
  for (; i + W <= n; i += W) total[0] = V::add(total[0], V::load(x + i));
  float tail = 0.0f;
  for (; i < n; ++i) tail += x[i];
  return lane_sum<V>(total[0]) + tail;
}

// x: (n, inner) from the chunk's first column; out: the chunk's U * W sums (divided by n for the mean). Blocks of
// kBlock rows are cascaded.
template <typename V, int U>
void sum_cols(index_t n, index_t inner, const float* x, float* out, bool mean) {
  constexpr index_t W = V::kWidth;
  Cascade<V, U> cascade;
  for (index_t k = 0; k < n;) {
    const index_t end = n - k < kBlock ? n : k + kBlock;
    typename V::Reg acc[U];
    for (auto& a : acc) a = V::set1(0.0f);
    for (; k < end; ++k) {
      for (int u = 0; u < U; ++u) acc[u] = V::add(acc[u], V::load(x + k * inner + u * W));
    }
    cascade.push(acc);
  }
  typename V::Reg total[U];
  cascade.total(total);
  const typename V::Reg count = V::set1(static_cast<float>(n));
  for (int u = 0; u < U; ++u) V::store(out + u * W, mean ? V::div(total[u], count) : total[u]);
}

// x: (n,) -> the largest (smallest) value, NaN if the row holds one.
template <typename V, typename Rule>
float extreme_row(index_t n, const float* x) {
  constexpr index_t W = V::kWidth, kStep = kUnroll * W;
  typename V::Reg acc[kUnroll];
  for (auto& a : acc) a = V::set1(Rule::kInit);
  typename V::Mask nan = no_lanes<V>();
  index_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    for (int u = 0; u < kUnroll; ++u) {
      const typename V::Reg v = V::load(x + i + u * W);
      acc[u] = Rule::template pick<V>(v, acc[u]);
      nan = V::mask_or(nan, V::is_nan(v));
    }
  }
  for (; i + W <= n; i += W) {
    const typename V::Reg v = V::load(x + i);
    acc[0] = Rule::template pick<V>(v, acc[0]);
    nan = V::mask_or(nan, V::is_nan(v));
  }
  bool any_nan = std::isnan(lane_sum<V>(V::select(nan, V::set1(NAN), V::set1(0.0f))));
  float best = Rule::kInit;
  float lanes[W];
  for (int u = 0; u < kUnroll; ++u) {
    V::store(lanes, acc[u]);
    for (index_t l = 0; l < W; ++l) best = Rule::template pick<S>(lanes[l], best);
  }
  for (; i < n; ++i) {
    any_nan = any_nan || std::isnan(x[i]);
    best = Rule::template pick<S>(x[i], best);
  }
  return any_nan ? NAN : best;
}

// x: (n, inner) from the chunk's first column; out: the chunk's U * W extremes (NaN where a column holds one).
template <typename V, int U, typename Rule>
void extreme_cols(index_t n, index_t inner, const float* x, float* out) {
  constexpr index_t W = V::kWidth;
  typename V::Reg acc[U];
  typename V::Mask nan[U];
  for (int u = 0; u < U; ++u) {
    acc[u] = V::set1(Rule::kInit);
    nan[u] = no_lanes<V>();
  }
  for (index_t k = 0; k < n; ++k) {
    for (int u = 0; u < U; ++u) {
      const typename V::Reg v = V::load(x + k * inner + u * W);
      acc[u] = Rule::template pick<V>(v, acc[u]);
      nan[u] = V::mask_or(nan[u], V::is_nan(v));
    }
  }
  for (int u = 0; u < U; ++u) V::store(out + u * W, V::select(nan[u], V::set1(NAN), acc[u]));
}

// Per-lane running extreme and the step it was seen at (int32 bits carried in a float register, so select moves it).
template <typename V, typename Rule>
struct ArgLanes {
  typename V::Reg best = V::set1(Rule::kInit);
  typename V::Reg at = V::from_bits(V::iset1(0));

  void update(typename V::Reg v, std::int32_t step) {
    // A lane holding NaN keeps it (the first NaN wins); otherwise a NaN or a strictly better value replaces the
    // best, so ties keep the earlier step.
    const typename V::Reg cand = V::select(V::is_nan(best), V::set1(Rule::kInit), v);
    const typename V::Mask take = V::mask_or(Rule::template better<V>(cand, best), V::is_nan(cand));
    best = V::select(take, cand, best);
    at = V::select(take, V::from_bits(V::iset1(step)), at);
  }

  void store(float* values, std::int32_t* steps) const {
    float bits[V::kWidth];
    V::store(values, best);
    V::store(bits, at);
    std::memcpy(steps, bits, sizeof bits);
  }
};

// The running answer of a row when candidates arrive in any index order: NaN beats numbers, then the better value,
// then the lower index.
template <typename Rule>
struct ArgBest {
  float value = Rule::kInit;
  index_t index = -1;

  void consider(float v, index_t i) {
    const bool v_nan = std::isnan(v), b_nan = std::isnan(value);
    bool take;
    if (index < 0) take = true;
    else if (b_nan || v_nan) take = v_nan && (!b_nan || i < index);
    else take = Rule::template better<S>(v, value) || (v == value && i < index);
    if (take) {
      value = v;
      index = i;
    }
  }
};

// x: (n,), n >= 1 -> the extreme value and its index.
template <typename V, typename Rule>
void arg_row(index_t n, const float* x, float* value, std::int32_t* index) {
  constexpr index_t W = V::kWidth;
  ArgLanes<V, Rule> lanes;
  index_t i = 0;
  std::int32_t step = 0;
  for (; i + W <= n; i += W, ++step) lanes.update(V::load(x + i), step);
  ArgBest<Rule> best;
  if (step > 0) {
    // Lane l saw the indices s * W + l.
    float values[W];
    std::int32_t steps[W];
    lanes.store(values, steps);
    for (index_t l = 0; l < W; ++l) best.consider(values[l], static_cast<index_t>(steps[l]) * W + l);
  }
  for (; i < n; ++i) best.consider(x[i], i);
  *value = best.value;
  *index = static_cast<std::int32_t>(best.index);
}

// x: (n, inner) from the chunk's first column, n >= 1; values, indices: the chunk's U * W results.
template <typename V, int U, typename Rule>
void arg_cols(index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  constexpr index_t W = V::kWidth;
  ArgLanes<V, Rule> lanes[U];
  for (index_t k = 0; k < n; ++k) {
    for (int u = 0; u < U; ++u) lanes[u].update(V::load(x + k * inner + u * W), static_cast<std::int32_t>(k));
  }
  for (int u = 0; u < U; ++u) lanes[u].store(values + u * W, indices + u * W);
}

template <typename V>
void sum_rows(index_t outer, index_t n, index_t inner, const float* x, float* out, bool mean) {
  for (index_t o = 0; o < outer; ++o) {
    const float* xo = x + o * n * inner;
    float* oo = out + o * inner;
    if (inner == 1) {
      const float s = sum_row<V>(n, xo);
      *oo = mean ? s / static_cast<float>(n) : s;
      continue;
    }
    for_column_chunks<V>(inner, [&](auto chunk, index_t c) {
      using C = decltype(chunk);
      sum_cols<typename C::V, C::kU>(n, inner, xo + c, oo + c, mean);
    });
  }
}

template <typename V, typename Rule>
void extreme_rows(index_t outer, index_t n, index_t inner, const float* x, float* out) {
  for (index_t o = 0; o < outer; ++o) {
    const float* xo = x + o * n * inner;
    float* oo = out + o * inner;
    if (inner == 1) {
      *oo = extreme_row<V, Rule>(n, xo);
      continue;
    }
    for_column_chunks<V>(inner, [&](auto chunk, index_t c) {
      using C = decltype(chunk);
      extreme_cols<typename C::V, C::kU, Rule>(n, inner, xo + c, oo + c);
    });
  }
}

template <typename V, typename Rule>
void arg_rows(index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  for (index_t o = 0; o < outer; ++o) {
    const float* xo = x + o * n * inner;
    float* vo = values + o * inner;
    std::int32_t* io = indices + o * inner;
    if (inner == 1) {
      arg_row<V, Rule>(n, xo, vo, io);
      continue;
    }
    for_column_chunks<V>(inner, [&](auto chunk, index_t c) {
      using C = decltype(chunk);
      arg_cols<typename C::V, C::kU, Rule>(n, inner, xo + c, vo + c, io + c);
    });
  }
}

template <typename V>
void reduce_dispatch(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out) {
  switch (op) {
    case ReduceOp::Sum: return sum_rows<V>(outer, n, inner, x, out, false);
    case ReduceOp::Mean: return sum_rows<V>(outer, n, inner, x, out, true);
    case ReduceOp::Max: return extreme_rows<V, MaxRule>(outer, n, inner, x, out);
    case ReduceOp::Min: return extreme_rows<V, MinRule>(outer, n, inner, x, out);
  }
}

template <typename V>
void arg_reduce_dispatch(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices) {
  if (max) {
    arg_rows<V, MaxRule>(outer, n, inner, x, values, indices);
  } else {
    arg_rows<V, MinRule>(outer, n, inner, x, values, indices);
  }
}

}  // namespace
}  // namespace nn::reduce
