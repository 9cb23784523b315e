// Group steps: one call updates every tensor of a parameter group; large groups are split over the thread pool.
#include <algorithm>

#include "kernels/optim/optim.h"
#include "runtime/threads.h"

namespace nn::optim {
namespace {

// Below this many elements per task the pool's hand-off costs more than the (memory-bound) update saves.
constexpr index_t kMinElementsPerTask = index_t{1} << 15;

// Elements [begin, end) of one tensor, as a tensor of its own.
ParamBuffers slice(const ParamBuffers& b, index_t begin, index_t end) {
  ParamBuffers s = b;
  s.n = end - begin;
  s.param += begin;
  s.grad += begin;
  for (float*& state : s.state) {
    if (state != nullptr) state += begin;
  }
  return s;
}

// Runs step(slice) so that every element of the group is covered exactly once: the group's elements, counted
// across its tensors in order, are cut into one contiguous range per task.
template <typename Step>
void run_group(const ParamBuffers* tensors, index_t count, const Step& step) {
  index_t total = 0;
  for (index_t t = 0; t < count; ++t) total += tensors[t].n;
  const index_t tasks = std::min<index_t>(runtime::num_threads(), total / kMinElementsPerTask);
  if (tasks <= 1) {
    for (index_t t = 0; t < count; ++t) {
      if (tensors[t].n > 0) step(tensors[t]);
    }
    return;
  }
  runtime::parallel_for(static_cast<int>(tasks), [&](int task) {
    const index_t lo = total / tasks * task + std::min<index_t>(task, total % tasks);
    const index_t hi = lo + total / tasks + (task < total % tasks ? 1 : 0);
    index_t offset = 0;  // of tensor t's first element within the group
    for (index_t t = 0; t < count && offset < hi; offset += tensors[t].n, ++t) {
      const index_t begin = std::max<index_t>(lo - offset, 0), end = std::min(hi - offset, tensors[t].n);
      if (begin < end) step(slice(tensors[t], begin, end));
    }
  });
}

}  // namespace

void sgd_step_group(const OptimKernelsF32& k, const SgdHyper& h, std::int64_t step, const ParamBuffers* tensors, index_t count) {
  run_group(tensors, count, [&](const ParamBuffers& b) { k.sgd(h, step, b); });
}

void adam_step_group(const OptimKernelsF32& k, const AdamHyper& h, std::int64_t step, const ParamBuffers* tensors, index_t count) {
  run_group(tensors, count, [&](const ParamBuffers& b) { k.adam(h, step, b); });
}

void rmsprop_step_group(const OptimKernelsF32& k, const RmspropHyper& h, const ParamBuffers* tensors, index_t count) {
  run_group(tensors, count, [&](const ParamBuffers& b) { k.rmsprop(h, b); });
}

void adagrad_step_group(const OptimKernelsF32& k, const AdagradHyper& h, std::int64_t step, const ParamBuffers* tensors, index_t count) {
  run_group(tensors, count, [&](const ParamBuffers& b) { k.adagrad(h, step, b); });
}

}  // namespace nn::optim
