// Elementwise binary ops on float32: contiguous arrays, and rows where either operand may broadcast (scalar, row, column).
#pragma once
#include "kernels/types.h"

namespace nn::elementwise {

// Codes are part of the addon's interface: TypeScript passes them as integers.
enum class BinaryOp : int { Add = 0, Sub = 1, Mul = 2, Div = 3 };
constexpr int kBinaryOpCount = 4;

// a, b, out: (n,). out may alias a or b (in-place updates).
using BinaryF32Fn = void (*)(BinaryOp op, index_t n, const float* a, const float* b, float* out);

// out: (rows, n) contiguous; out[r, j] = a[r * a_row + j * a_col] (op) b[r * b_row + j * b_col], with a_col and b_col
// each 0 (the operand repeats along the row) or 1 (contiguous rows). So a scalar operand is (0, 0), a bias row
// (0, 1), a column (1, 0) and a full matrix (n, 1). out may alias an operand only where that operand is (n, 1).
using BinaryBroadcastF32Fn = void (*)(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                                      const float* b, index_t b_row, index_t b_col, float* out);

void binary_f32_ref(BinaryOp op, index_t n, const float* a, const float* b, float* out);
void binary_broadcast_f32_ref(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                              const float* b, index_t b_row, index_t b_col, float* out);
#if defined(NN_HAVE_AVX2)
void binary_f32_avx2(BinaryOp op, index_t n, const float* a, const float* b, float* out);
void binary_broadcast_f32_avx2(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                               const float* b, index_t b_row, index_t b_col, float* out);
#endif
#if defined(NN_HAVE_AVX512)
void binary_f32_avx512(BinaryOp op, index_t n, const float* a, const float* b, float* out);
void binary_broadcast_f32_avx512(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                                 const float* b, index_t b_row, index_t b_col, float* out);
#endif
#if defined(NN_HAVE_NEON)
void binary_f32_neon(BinaryOp op, index_t n, const float* a, const float* b, float* out);
void binary_broadcast_f32_neon(BinaryOp op, index_t rows, index_t n, const float* a, index_t a_row, index_t a_col,
                               const float* b, index_t b_row, index_t b_col, float* out);
#endif

}  // namespace nn::elementwise
