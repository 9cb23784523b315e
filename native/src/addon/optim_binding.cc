// Bindings of the fused optimizer steps: unpack a group (Arrays of Float32Array), check it, call one group step.
#include "addon/optim_binding.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <string>
#include <vector>

#include "addon/args.h"
#include "kernels/optim/optim.h"
#include "runtime/dispatch.h"

namespace nn::addon {
namespace {

// A state list argument: its position and name, and whether the options read it (an unused one may be empty).
struct StateArg {
  std::size_t index;
  const char* name;
  bool used;
};

// One buffer of the group for the alias check: its byte range, whether the step writes it, and its name.
struct Extent {
  std::uintptr_t begin, end;
  bool written;
  const char* list;
  std::size_t index;
};

std::string name_of(const Extent& e) { return std::string(e.list) + "[" + std::to_string(e.index) + "]"; }

// Throws unless every written buffer (params, states) shares no byte with any other buffer; grads are only read, so
// they may overlap one another. Sorted by start, an extent overlaps an earlier one exactly when it starts before
// the furthest end seen so far.
void check_apart(const Args& args, std::vector<Extent>& extents) {
  // Stable, so buffers that start together are named in argument order (params before grads).
  std::stable_sort(extents.begin(), extents.end(), [](const Extent& a, const Extent& b) { return a.begin < b.begin; });
  const Extent* furthest_any = nullptr;
  const Extent* furthest_written = nullptr;
  for (const Extent& e : extents) {
    const Extent* clash = e.written ? furthest_any : furthest_written;
    if (clash != nullptr && e.begin < clash->end) {
      args.fail_range(name_of(*clash) + " and " + name_of(e) + " share memory; params and optimizer state must not " +
                      "overlap each other or the grads");
    }
    if (furthest_any == nullptr || e.end > furthest_any->end) furthest_any = &e;
    if (e.written && (furthest_written == nullptr || e.end > furthest_written->end)) furthest_written = &e;
  }
}

// Unpacks params (argument 0), grads (1) and the state lists into one ParamBuffers per tensor, checking that the
// lists have as many arrays as params, that every array is as long as its param, and that nothing written aliases.
std::vector<optim::ParamBuffers> unpack_group(const Args& args, std::initializer_list<StateArg> states) {
  const std::vector<F32Span> params = args.f32_list(0, "params");
  const std::vector<F32Span> grads = args.f32_list(1, "grads");
  const std::size_t count = params.size();
  if (grads.size() != count) {
    args.fail_range("grads has " + std::to_string(grads.size()) + " arrays but params has " + std::to_string(count));
  }
  std::vector<optim::ParamBuffers> out(count, optim::ParamBuffers{0, nullptr, nullptr, {nullptr, nullptr, nullptr}});
  std::vector<Extent> extents;
  const auto add = [&](const F32Span& s, bool written, const char* list, std::size_t i) {
    if (s.length == 0 || s.data == nullptr) return;
    const auto begin = reinterpret_cast<std::uintptr_t>(s.data);
    extents.push_back(Extent{begin, begin + static_cast<std::uintptr_t>(s.length) * sizeof(float), written, list, i});
  };
  const auto check_length = [&](const F32Span& s, const char* list, std::size_t i) {
    if (s.length != params[i].length) {
      args.fail_range(std::string(list) + "[" + std::to_string(i) + "] has length " + std::to_string(s.length) +
                      " but params[" + std::to_string(i) + "] has length " + std::to_string(params[i].length));
    }
  };
  for (std::size_t i = 0; i < count; ++i) {
    check_length(grads[i], "grads", i);
    out[i].n = params[i].length;
    out[i].param = params[i].data;
    out[i].grad = grads[i].data;
    add(params[i], true, "params", i);
    add(grads[i], false, "grads", i);
  }
  int slot = 0;
  for (const StateArg& st : states) {
    const std::vector<F32Span> list = args.f32_list(st.index, st.name);
    if (st.used ? list.size() != count : !list.empty() && list.size() != count) {
      args.fail_range(std::string(st.name) + " has " + std::to_string(list.size()) + " arrays but params has " +
                      std::to_string(count) + (st.used ? "" : " (pass an empty array when the options do not use it)"));
    }
    if (st.used) {
      for (std::size_t i = 0; i < count; ++i) {
        check_length(list[i], st.name, i);
        out[i].state[slot] = list[i].data;
        add(list[i], true, st.name, i);
      }
    }
    ++slot;
  }
  check_apart(args, extents);
  return out;
}

// The 1-based step number.
std::int64_t step_arg(const Args& args, std::size_t i) {
  const index_t step = args.index(i, "step");
  if (step < 1) args.fail_range("step must be at least 1 (the first step is 1), got " + std::to_string(step));
  return static_cast<std::int64_t>(step);
}

index_t count_of(const std::vector<optim::ParamBuffers>& g) { return static_cast<index_t>(g.size()); }

}  // namespace

Napi::Value SgdStepF32(const Napi::CallbackInfo& info) {
  const Args args(info, "sgdStepF32", 10);
  const optim::SgdHyper h{args.number(3, "lr"), args.number(4, "momentum"), args.number(5, "dampening"),
                          args.number(6, "weightDecay"), args.boolean(7, "nesterov"), args.boolean(8, "maximize")};
  const std::int64_t step = step_arg(args, 9);
  const auto group = unpack_group(args, {{2, "momentumBuffers", h.momentum != 0}});
  return guarded(info, "sgdStepF32", [&] {
    optim::sgd_step_group(runtime::kernels().optim_f32, h, step, group.data(), count_of(group));
  });
}

Napi::Value AdamStepF32(const Napi::CallbackInfo& info) {
  const Args args(info, "adamStepF32", 14);
  const optim::AdamHyper h{args.number(5, "lr"), args.number(6, "beta1"), args.number(7, "beta2"),
                           args.number(8, "eps"), args.number(9, "weightDecay"), args.boolean(10, "amsgrad"),
                           args.boolean(11, "maximize"), args.boolean(12, "decoupledWeightDecay")};
  const std::int64_t step = step_arg(args, 13);
  const auto group = unpack_group(args, {{2, "expAvgs", true}, {3, "expAvgSqs", true}, {4, "maxExpAvgSqs", h.amsgrad}});
  return guarded(info, "adamStepF32", [&] {
    optim::adam_step_group(runtime::kernels().optim_f32, h, step, group.data(), count_of(group));
  });
}

Napi::Value RmspropStepF32(const Napi::CallbackInfo& info) {
  const Args args(info, "rmspropStepF32", 12);
  const optim::RmspropHyper h{args.number(5, "lr"), args.number(6, "alpha"), args.number(7, "eps"),
                              args.number(8, "weightDecay"), args.number(9, "momentum"), args.boolean(10, "centered"),
                              args.boolean(11, "maximize")};
  const auto group = unpack_group(
      args, {{2, "squareAvgs", true}, {3, "gradAvgs", h.centered}, {4, "momentumBuffers", h.momentum > 0}});
  return guarded(info, "rmspropStepF32", [&] {
    optim::rmsprop_step_group(runtime::kernels().optim_f32, h, group.data(), count_of(group));
  });
}

Napi::Value AdagradStepF32(const Napi::CallbackInfo& info) {
  const Args args(info, "adagradStepF32", 9);
  const optim::AdagradHyper h{args.number(3, "lr"), args.number(4, "lrDecay"), args.number(5, "weightDecay"),
                              args.number(6, "eps"), args.boolean(7, "maximize")};
  const std::int64_t step = step_arg(args, 8);
  const auto group = unpack_group(args, {{2, "stateSums", true}});
  return guarded(info, "adagradStepF32", [&] {
    optim::adagrad_step_group(runtime::kernels().optim_f32, h, step, group.data(), count_of(group));
  });
}

}  // namespace nn::addon
