// Reductions of a contiguous float32 tensor over its middle axis, viewed as (outer, n, inner): sum, mean, max, min
// and max/min with their indices.
#pragma once
#include <cstdint>

#include "kernels/types.h"

namespace nn::reduce {

// Codes are part of the addon's interface: TypeScript passes them as integers.
enum class ReduceOp : int { Sum = 0, Mean = 1, Max = 2, Min = 3 };
constexpr int kReduceOpCount = 4;

// x: (outer, n, inner) row-major; out: (outer, inner), out[o, c] = op over k of x[o, k, c]. inner == 1 reduces
// along the last dim. Sums add blocks of 64 steps in vector accumulators and combine the blocks pairwise, so each
// term sees about 64 + log2(n) roundings, not n; the mean is the sum divided by n. Max/min propagate NaN; n == 0 gives 0 (sum), NaN (mean), -inf (max), +inf (min).
using ReduceF32Fn = void (*)(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out);

// x: (outer, n, inner), n >= 1 and n <= INT32_MAX; values, indices: (outer, inner). The largest (max = true) or
// smallest value along n and its index, as torch.max/min(x, dim): the first index on ties, and a row holding NaN
// gives NaN with the index of its first NaN.
using ArgReduceF32Fn = void (*)(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values,
                                std::int32_t* indices);

void reduce_f32_ref(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out);
void arg_reduce_f32_ref(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices);
#if defined(NN_HAVE_AVX2)
void reduce_f32_avx2(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out);
void arg_reduce_f32_avx2(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices);
#endif
#if defined(NN_HAVE_AVX512)
void reduce_f32_avx512(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out);
void arg_reduce_f32_avx512(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices);
#endif
#if defined(NN_HAVE_NEON)
void reduce_f32_neon(ReduceOp op, index_t outer, index_t n, index_t inner, const float* x, float* out);
void arg_reduce_f32_neon(bool max, index_t outer, index_t n, index_t inner, const float* x, float* values, std::int32_t* indices);
#endif

}  // namespace nn::reduce
