// The kernel table: one implementation per op, chosen once at load from CPU features and NN_ISA.
#pragma once
#include <string>

#include "kernels/elementwise/binary.h"
#include "kernels/elementwise/unary.h"
#include "kernels/embedding/embedding.h"
#include "kernels/gemm/gemm.h"
#include "kernels/optim/optim.h"
#include "kernels/reduce/reduce.h"
#include "kernels/softmax/softmax.h"
#include "kernels/xent/xent.h"
#include "runtime/cpu.h"

namespace nn::runtime {

struct KernelTable {
  const char* isa;  // "avx512", "avx2-fma", "neon" or "baseline"
  gemm::GemmKernels<float> sgemm;
  gemm::GemmKernels<double> dgemm;
  elementwise::BinaryF32Fn binary_f32;
  elementwise::UnaryF32Fn unary_f32;
  softmax::SoftmaxF32Fn softmax_f32;
  xent::XentForwardF32Fn xent_forward_f32;
  xent::XentBackwardF32Fn xent_backward_f32;
  embedding::GatherF32Fn embedding_gather_f32;
  embedding::ScatterAddF32Fn embedding_scatter_add_f32;
  elementwise::BinaryBroadcastF32Fn binary_broadcast_f32;
  reduce::ReduceF32Fn reduce_f32;
  reduce::ArgReduceF32Fn arg_reduce_f32;
  optim::OptimKernelsF32 optim_f32;
};

struct DispatchInfo {
  std::string requested;  // value of NN_ISA, or "auto"
  std::string selected;   // the table's isa
  std::string note;       // why the request was not honoured, empty when it was
  CpuFeatures cpu;
};

// Picks the table. requested: "auto" (best the CPU supports), "baseline", "avx2", "avx512" or "neon".
// An unknown or unsupported request falls back to the best supported table and says why in note.
void select_kernels(const std::string& requested);

// Reads NN_ISA from the environment and selects once; later calls are no-ops.
void select_kernels_from_env_once();

// The active table; the portable baseline until a selection is made.
const KernelTable& kernels();
const DispatchInfo& dispatch_info();

// Every table this build and CPU can run, best first (for tests that compare ISA paths).
int available_tables(const KernelTable** out, int capacity);

}  // namespace nn::runtime
