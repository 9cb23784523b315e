// Elementwise transcendental ops over contiguous float32 arrays: out[i] = f(x[i]) for exp, log, tanh, sigmoid.
#pragma once
#include "kernels/types.h"

namespace nn::elementwise {

// Codes are part of the addon's interface: TypeScript passes them as integers.
enum class UnaryOp : int { Exp = 0, Log = 1, Tanh = 2, Sigmoid = 3 };
constexpr int kUnaryOpCount = 4;

// x, out: (n,). out may alias x. Accuracy, as measured and enforced by native/test/kernel_tests.cc against libm's
// double result over 2^22 samples per op (magnitudes 2^-30 up to the op's range, both signs; log down to
// subnormals): exp 1 ulp (subnormal results within 4 * 2^-149), log 1 ulp, tanh 1 ulp, sigmoid 3 ulp.
// Special values follow libm: exp(+-inf) = inf/0, log(0) = -inf, log(x < 0) = NaN, NaN in -> NaN out.
using UnaryF32Fn = void (*)(UnaryOp op, index_t n, const float* x, float* out);

void unary_f32_ref(UnaryOp op, index_t n, const float* x, float* out);
#if defined(NN_HAVE_AVX2)
void unary_f32_avx2(UnaryOp op, index_t n, const float* x, float* out);
#endif
#if defined(NN_HAVE_AVX512)
void unary_f32_avx512(UnaryOp op, index_t n, const float* x, float* out);
#endif
#if defined(NN_HAVE_NEON)
void unary_f32_neon(UnaryOp op, index_t n, const float* x, float* out);
#endif

}  // namespace nn::elementwise
