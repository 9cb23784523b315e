// Elementwise binary ops over contiguous float32 arrays: out[i] = a[i] (op) b[i].
#pragma once
#include "kernels/types.h"

namespace nn::elementwise {

// Codes are part of the addon's interface: TypeScript passes them as integers.
enum class BinaryOp : int { Add = 0, Sub = 1, Mul = 2, Div = 3 };
constexpr int kBinaryOpCount = 4;

// a, b, out: (n,). out may alias a or b (in-place updates).
using BinaryF32Fn = void (*)(BinaryOp op, index_t n, const float* a, const float* b, float* out);

void binary_f32_ref(BinaryOp op, index_t n, const float* a, const float* b, float* out);
#if defined(NN_HAVE_AVX2)
void binary_f32_avx2(BinaryOp op, index_t n, const float* a, const float* b, float* out);
#endif
#if defined(NN_HAVE_AVX512)
void binary_f32_avx512(BinaryOp op, index_t n, const float* a, const float* b, float* out);
#endif
#if defined(NN_HAVE_NEON)
void binary_f32_neon(BinaryOp op, index_t n, const float* a, const float* b, float* out);
#endif

}  // namespace nn::elementwise
