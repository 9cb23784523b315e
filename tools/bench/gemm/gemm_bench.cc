// GEMM benchmark harness: @nn's SGEMM/DGEMM and OpenBLAS's cblas_sgemm/cblas_dgemm on the same shapes, alternating, plus the FMA peak.
// Prints one JSON line per measurement; tools/bench/gemm.mjs builds, runs and tabulates it.
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "fma_probe.h"
#include "kernels/gemm/gemm.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"

extern "C" void openblas_set_num_threads(int);

namespace {

struct Shape { long m, n, k; bool ta, tb; const char* label; bool f64 = false; };

template <typename Fn>
double median_seconds(Fn fn, double flops) {
  // Repeat until a batch takes >= 0.2 s of this clock, then take the median of 5 batches.
  long reps = 1;
  for (;;) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long r = 0; r < reps; ++r) fn();
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > 0.2 || flops * reps > 1e12) break;
    reps *= 2;
  }
  std::vector<double> s;
  for (int b = 0; b < 5; ++b) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long r = 0; r < reps; ++r) fn();
    s.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps);
  }
  std::sort(s.begin(), s.end());
  return s[2];
}

// The FMA peak (GFLOP/s, 1 core) of the vector width @nn's kernels use, as the median of 3 short probes. The VM's
// speed drifts by up to 2x within minutes (host steal), so each shape's share of the peak is taken against probes
// run between its own timings rather than against one probe at the start.
double peak_now() {
  const bool avx512 = std::string(nn::runtime::kernels().isa).rfind("avx512", 0) == 0;
  double p[3];
  for (double& v : p) v = avx512 ? fma_peak_avx512_gflops(30000000) : fma_peak_avx2_gflops(30000000);
  std::sort(p, p + 3);
  return p[1];
}

struct Timing {
  double ours, blas, peak;  // seconds per call, seconds per call, GFLOP/s per core
};

// Seconds per call for @nn and for OpenBLAS on one shape, alternating so drift in clock speed or load hits both.
template <typename T>
Timing time_pair(const Shape& s, double flops) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<T> u(-1, 1);
  const long a_rows = s.ta ? s.k : s.m, a_cols = s.ta ? s.m : s.k, b_rows = s.tb ? s.n : s.k, b_cols = s.tb ? s.k : s.n;
  std::vector<T> a(a_rows * a_cols), b(b_rows * b_cols), c(s.m * s.n);
  for (T& v : a) v = u(rng);
  for (T& v : b) v = u(rng);
  const auto ta = s.ta ? CblasTrans : CblasNoTrans, tb = s.tb ? CblasTrans : CblasNoTrans;
  double ours = 1e30, blas = 1e30, peak = 0;
  for (int round = 0; round < 2; ++round) {
    peak = std::max(peak, peak_now());
    if constexpr (sizeof(T) == 4) {
      ours = std::min(ours, median_seconds([&] { nn::gemm::sgemm(s.ta, s.tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); }, flops));
      blas = std::min(blas, median_seconds([&] { cblas_sgemm(CblasRowMajor, ta, tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); }, flops));
    } else {
      ours = std::min(ours, median_seconds([&] { nn::gemm::dgemm(s.ta, s.tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); }, flops));
      blas = std::min(blas, median_seconds([&] { cblas_dgemm(CblasRowMajor, ta, tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); }, flops));
    }
  }
  return {ours, blas, peak};
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  nn::runtime::select_kernels_from_env_once();
  nn::runtime::set_num_threads(threads);
  openblas_set_num_threads(threads);
  std::printf("{\"kind\":\"peak\",\"avx2\":%.2f,\"avx512\":%.2f,\"threads\":%d,\"isa\":\"%s\"}\n",
              fma_peak_avx2_gflops(100000000), nn::runtime::dispatch_info().cpu.avx512f ? fma_peak_avx512_gflops(100000000) : 0.0,
              threads, nn::runtime::kernels().isa);
  std::vector<Shape> shapes = {
      {64, 64, 64, false, false, "square"}, {128, 128, 128, false, false, "square"}, {256, 256, 256, false, false, "square"},
      {512, 512, 512, false, false, "square"}, {1024, 1024, 1024, false, false, "square"}, {2048, 2048, 2048, false, false, "square"},
      {32, 200, 30, false, false, "nlp"}, {32, 27, 200, false, false, "nlp"}, {256, 512, 320, false, false, "nlp"},
      {256, 10000, 512, false, false, "nlp"}, {10000, 512, 256, false, false, "nlp"},
      // Backward variants: dX = dY W (W transposed in storage), dW = dYᵀ X.
      {32, 30, 200, false, true, "nlp-bwd"}, {200, 30, 32, true, false, "nlp-bwd"}, {256, 320, 512, false, true, "nlp-bwd"},
      {512, 320, 256, true, false, "nlp-bwd"}, {256, 512, 10000, false, true, "nlp-bwd"}, {10000, 512, 256, true, false, "nlp-bwd"},
      {256, 256, 256, false, false, "square-f64", true}, {1024, 1024, 1024, false, false, "square-f64", true},
  };
  for (const Shape& s : shapes) {
    const double flops = 2.0 * s.m * s.n * s.k;
    const Timing t = s.f64 ? time_pair<double>(s, flops) : time_pair<float>(s, flops);
    std::printf("{\"kind\":\"gemm\",\"label\":\"%s\",\"dtype\":\"%s\",\"m\":%ld,\"n\":%ld,\"k\":%ld,\"transA\":%s,\"transB\":%s,\"threads\":%d,\"nn\":%.2f,\"openblas\":%.2f,\"peak\":%.2f}\n",
                s.label, s.f64 ? "float64" : "float32", s.m, s.n, s.k, s.ta ? "true" : "false", s.tb ? "true" : "false", threads,
                flops / t.ours / 1e9, flops / t.blas / 1e9, t.peak);
    std::fflush(stdout);
  }
  return 0;
}
