// Kernel table selection: the only place that maps CPU features to ISA-specific kernels.
#include "runtime/dispatch.h"

#include <cstdlib>
#include <mutex>

#include "kernels/gemm/microkernels.h"

namespace nn::runtime {
namespace {

KernelTable baseline_table() {
  return KernelTable{"baseline", gemm::sgemm_kernels_ref(), gemm::dgemm_kernels_ref(), elementwise::binary_f32_ref, elementwise::unary_f32_ref, softmax::softmax_f32_ref,
                     xent::xent_forward_f32_ref, xent::xent_backward_f32_ref, embedding::gather_f32_ref, embedding::scatter_add_f32_ref,
                     elementwise::binary_broadcast_f32_ref, reduce::reduce_f32_ref, reduce::arg_reduce_f32_ref,
                     optim::optim_kernels_f32_ref()};
}

#if defined(NN_HAVE_AVX2)
KernelTable avx2_table() {
  return KernelTable{"avx2-fma", gemm::sgemm_kernels_avx2(), gemm::dgemm_kernels_avx2(), elementwise::binary_f32_avx2, elementwise::unary_f32_avx2, softmax::softmax_f32_avx2,
                     xent::xent_forward_f32_avx2, xent::xent_backward_f32_avx2, embedding::gather_f32_avx2, embedding::scatter_add_f32_avx2,
                     elementwise::binary_broadcast_f32_avx2, reduce::reduce_f32_avx2, reduce::arg_reduce_f32_avx2,
                     optim::optim_kernels_f32_avx2()};
}
#endif

#if defined(NN_HAVE_AVX512)
KernelTable avx512_table() {
  return KernelTable{"avx512", gemm::sgemm_kernels_avx512(), gemm::dgemm_kernels_avx512(), elementwise::binary_f32_avx512, elementwise::unary_f32_avx512, softmax::softmax_f32_avx512,
                     xent::xent_forward_f32_avx512, xent::xent_backward_f32_avx512, embedding::gather_f32_avx512, embedding::scatter_add_f32_avx512,
                     elementwise::binary_broadcast_f32_avx512, reduce::reduce_f32_avx512, reduce::arg_reduce_f32_avx512,
                     optim::optim_kernels_f32_avx512()};
}
#endif

#if defined(NN_HAVE_NEON)
KernelTable neon_table() {
  return KernelTable{"neon", gemm::sgemm_kernels_neon(), gemm::dgemm_kernels_neon(), elementwise::binary_f32_neon, elementwise::unary_f32_neon, softmax::softmax_f32_neon,
                     xent::xent_forward_f32_neon, xent::xent_backward_f32_neon, embedding::gather_f32_neon, embedding::scatter_add_f32_neon,
                     elementwise::binary_broadcast_f32_neon, reduce::reduce_f32_neon, reduce::arg_reduce_f32_neon,
                     optim::optim_kernels_f32_neon()};
}
#endif

KernelTable g_table = baseline_table();
DispatchInfo g_info{"auto", "baseline", "", CpuFeatures{}};
std::once_flag g_once;
constexpr int kMaxTables = 4;

// Best supported table first; baseline always last.
int supported_tables(const CpuFeatures& cpu, KernelTable* out) {
  int n = 0;
#if defined(NN_HAVE_AVX512)
  if (cpu.avx512f) out[n++] = avx512_table();
#endif
#if defined(NN_HAVE_AVX2)
  if (cpu.avx2 && cpu.fma) out[n++] = avx2_table();
#endif
#if defined(NN_HAVE_NEON)
  if (cpu.neon) out[n++] = neon_table();
#endif
  (void)cpu;
  out[n++] = baseline_table();
  return n;
}

bool isa_matches(const std::string& requested, const char* isa) {
  const std::string name(isa);
  return requested == name || (requested == "avx2" && name == "avx2-fma");
}

}  // namespace

void select_kernels(const std::string& requested) {
  const CpuFeatures cpu = detect_cpu();
  KernelTable tables[kMaxTables];
  const int n = supported_tables(cpu, tables);
  KernelTable chosen = tables[0];
  std::string note;
  if (!requested.empty() && requested != "auto") {
    bool found = false;
    for (int i = 0; i < n; ++i) {
      if (isa_matches(requested, tables[i].isa)) {
        chosen = tables[i];
        found = true;
        break;
      }
    }
    if (!found) {
      note = "NN_ISA=" + requested + " is not available on this CPU or build (choose auto, baseline" +
             std::string(n > 1 ? ", " : "") + (n > 1 ? tables[0].isa : "") + "); using " + chosen.isa;
    }
  }
  g_table = chosen;
  g_info = DispatchInfo{requested.empty() ? "auto" : requested, chosen.isa, note, cpu};
}

void select_kernels_from_env_once() {
  std::call_once(g_once, [] {
    const char* env = std::getenv("NN_ISA");
    select_kernels(env != nullptr ? env : "auto");
  });
}

const KernelTable& kernels() { return g_table; }
const DispatchInfo& dispatch_info() { return g_info; }

int available_tables(const KernelTable** out, int capacity) {
  static KernelTable tables[kMaxTables];
  static const int n = supported_tables(detect_cpu(), tables);
  const int count = n < capacity ? n : capacity;
  for (int i = 0; i < count; ++i) out[i] = &tables[i];
  return count;
}

}  // namespace nn::runtime
