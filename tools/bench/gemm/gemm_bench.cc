// GEMM benchmark harness: @nn's SGEMM/DGEMM and OpenBLAS's cblas_sgemm/cblas_dgemm on the same shapes, alternating, plus the FMA peak.
// Prints one JSON line per measurement; tools/bench/gemm.mjs builds, runs and tabulates it.
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "fma_probe.h"
#include "kernels/gemm/gemm.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"

extern "C" void openblas_set_num_threads(int);

namespace {

struct Shape { long m, n, k; bool ta, tb; const char* label; bool f64 = false; };

// Calls per timed batch: doubled until one batch takes >= 0.1 s of this clock.
template <typename Fn>
long batch_reps(Fn fn, double flops) {
  long reps = 1;
  for (;;) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long r = 0; r < reps; ++r) fn();
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() > 0.1 || flops * reps > 1e12) return reps;
    reps *= 2;
  }
}

// Seconds per call over one batch.
template <typename Fn>
double batch_seconds(Fn fn, long reps) {
  const auto t0 = std::chrono::steady_clock::now();
  for (long r = 0; r < reps; ++r) fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The FMA peak (GFLOP/s, 1 core) of the vector width @nn's kernels use, from one short probe.
double probe_peak() {
  const bool avx512 = std::string(nn::runtime::kernels().isa).rfind("avx512", 0) == 0;
  return avx512 ? fma_peak_avx512_gflops(30000000) : fma_peak_avx2_gflops(30000000);
}

struct Timing {
  double ours, blas;            // median seconds per call
  double ratio;                 // median over adjacent pairs of batches of OpenBLAS's time / @nn's
  double peak;                  // median GFLOP/s per core of the probes run between the batches
  double best_ours, best_blas;  // seconds per call of each library's fastest batch
  double best_peak;             // the fastest of those probes
};

// This VM's speed drifts by up to 2x within minutes (host steal, neighbours sharing the caches), so the two libraries
// are timed in adjacent batches, 9 pairs in alternating order, and compared pair by pair; the FMA peak is probed
// between the pairs, so each shape's share of it is taken in the same minutes as its timings. With several threads,
// each batch is followed by a pause: OpenBLAS's idle threads keep polling the cores for ~0.1 s after a call, and
// would otherwise slow whichever batch comes next. Each library's fastest batch is kept as well: the host's noise only
// ever adds time, so the fastest batch is what the code does on a quiet machine, and is what the probe's fastest run
// (a peak) compares with.
template <typename Fn1, typename Fn2>
Timing time_pair(Fn1 ours, Fn2 blas, double flops, int threads) {
  constexpr int kPairs = 9;
  const auto pause = [threads] {
    if (threads > 1) std::this_thread::sleep_for(std::chrono::milliseconds(150));
  };
  const long reps_ours = batch_reps(ours, flops), reps_blas = batch_reps(blas, flops);
  std::vector<double> t_ours, t_blas, ratios, peaks;
  for (int pair = 0; pair < kPairs; ++pair) {
    if (pair % 3 == 0) peaks.push_back(probe_peak());
    pause();
    double o, b;
    if (pair % 2 == 0) {
      o = batch_seconds(ours, reps_ours);
      pause();
      b = batch_seconds(blas, reps_blas);
    } else {
      b = batch_seconds(blas, reps_blas);
      pause();
      o = batch_seconds(ours, reps_ours);
    }
    t_ours.push_back(o);
    t_blas.push_back(b);
    ratios.push_back(b / o);
  }
  return {median(t_ours),
          median(t_blas),
          median(ratios),
          median(peaks),
          *std::min_element(t_ours.begin(), t_ours.end()),
          *std::min_element(t_blas.begin(), t_blas.end()),
          *std::max_element(peaks.begin(), peaks.end())};
}

template <typename T>
Timing time_shape(const Shape& s, double flops, int threads) {
  std::mt19937 rng(1);
  std::uniform_real_distribution<T> u(-1, 1);
  const long a_rows = s.ta ? s.k : s.m, a_cols = s.ta ? s.m : s.k, b_rows = s.tb ? s.n : s.k, b_cols = s.tb ? s.k : s.n;
  std::vector<T> a(a_rows * a_cols), b(b_rows * b_cols), c(s.m * s.n);
  for (T& v : a) v = u(rng);
  for (T& v : b) v = u(rng);
  const auto ta = s.ta ? CblasTrans : CblasNoTrans, tb = s.tb ? CblasTrans : CblasNoTrans;
  if constexpr (sizeof(T) == 4) {
    return time_pair([&] { nn::gemm::sgemm(s.ta, s.tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); },
                     [&] { cblas_sgemm(CblasRowMajor, ta, tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); },
                     flops, threads);
  } else {
    return time_pair([&] { nn::gemm::dgemm(s.ta, s.tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); },
                     [&] { cblas_dgemm(CblasRowMajor, ta, tb, s.m, s.n, s.k, 1, a.data(), a_cols, b.data(), b_cols, 0, c.data(), s.n); },
                     flops, threads);
  }
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
      // Narrow products (a layer with 32 or 64 units), which the packed loops serve badly.
      {1024, 32, 1024, false, false, "narrow"}, {192, 64, 60, false, false, "narrow"},
      {256, 256, 256, false, false, "square-f64", true}, {1024, 1024, 1024, false, false, "square-f64", true},
  };
  for (const Shape& s : shapes) {
    const double flops = 2.0 * s.m * s.n * s.k;
    const Timing t = s.f64 ? time_shape<double>(s, flops, threads) : time_shape<float>(s, flops, threads);
    std::printf("{\"kind\":\"gemm\",\"label\":\"%s\",\"dtype\":\"%s\",\"m\":%ld,\"n\":%ld,\"k\":%ld,\"transA\":%s,\"transB\":%s,\"threads\":%d,\"nn\":%.2f,\"openblas\":%.2f,\"ratio\":%.3f,\"peak\":%.2f,\"nnBest\":%.2f,\"openblasBest\":%.2f,\"peakBest\":%.2f}\n",
                s.label, s.f64 ? "float64" : "float32", s.m, s.n, s.k, s.ta ? "true" : "false", s.tb ? "true" : "false", threads,
                flops / t.ours / 1e9, flops / t.blas / 1e9, t.ratio, t.peak, flops / t.best_ours / 1e9, flops / t.best_blas / 1e9,
                t.best_peak);
    std::fflush(stdout);
  }
  return 0;
}
