// AVX2 elementwise binary kernels: 8 floats per instruction, scalar tail (compiled with -mavx2).
#include <immintrin.h>

#include "kernels/elementwise/binary.h"

namespace nn::elementwise {
namespace {

// Functors are local to this TU so no out-of-line copy compiled with AVX2 can be shared with baseline code.
struct AddV { __m256 operator()(__m256 x, __m256 y) const { return _mm256_add_ps(x, y); } float operator()(float x, float y) const { return x + y; } };
struct SubV { __m256 operator()(__m256 x, __m256 y) const { return _mm256_sub_ps(x, y); } float operator()(float x, float y) const { return x - y; } };
struct MulV { __m256 operator()(__m256 x, __m256 y) const { return _mm256_mul_ps(x, y); } float operator()(float x, float y) const { return x * y; } };
struct DivV { __m256 operator()(__m256 x, __m256 y) const { return _mm256_div_ps(x, y); } float operator()(float x, float y) const { return x / y; } };

template <typename Op>
void apply(index_t n, const float* a, const float* b, float* out, Op op) {
  index_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256 r0 = op(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
    const __m256 r1 = op(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
    _mm256_storeu_ps(out + i, r0);
    _mm256_storeu_ps(out + i + 8, r1);
  }
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, op(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)));
  for (; i < n; ++i) out[i] = op(a[i], b[i]);
}

}  // namespace

void binary_f32_avx2(BinaryOp op, index_t n, const float* a, const float* b, float* out) {
  switch (op) {
    case BinaryOp::Add: return apply(n, a, b, out, AddV{});
    case BinaryOp::Sub: return apply(n, a, b, out, SubV{});
    case BinaryOp::Mul: return apply(n, a, b, out, MulV{});
    case BinaryOp::Div: return apply(n, a, b, out, DivV{});
  }
}

}  // namespace nn::elementwise
