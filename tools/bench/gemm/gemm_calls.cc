// Per-call GEMM timings: one shape, @nn and OpenBLAS called in turn thousands of times, fastest / 10th percentile /
// median call of each, next to the FMA probe's best of 3. Run by `node tools/bench/gemm.mjs --calls MxNxK[t]`.
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "fma_probe.h"
#include "kernels/gemm/gemm.h"
#include "runtime/dispatch.h"
#include "runtime/threads.h"

extern "C" void openblas_set_num_threads(int);

namespace {

double seconds_of(const std::chrono::steady_clock::time_point& t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

// argv: m n k transA(0/1) transB(0/1) threads
int main(int argc, char** argv) {
  if (argc < 7) {
    std::fprintf(stderr, "usage: nn_gemm_calls m n k transA transB threads\n");
    return 2;
  }
  const long m = std::atol(argv[1]), n = std::atol(argv[2]), k = std::atol(argv[3]);
  const bool ta = argv[4][0] == '1', tb = argv[5][0] == '1';
  const int threads = std::atoi(argv[6]);
  nn::runtime::select_kernels_from_env_once();
  nn::runtime::set_num_threads(threads);
  openblas_set_num_threads(threads);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> a(m * k), b(k * n), c(m * n);
  for (float& v : a) v = u(rng);
  for (float& v : b) v = u(rng);
  const long lda = ta ? m : k, ldb = tb ? k : n;
  const double flops = 2.0 * m * n * k;
  const auto ours = [&] { nn::gemm::sgemm(ta, tb, m, n, k, 1, a.data(), lda, b.data(), ldb, 0, c.data(), n); };
  const auto blas = [&] {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1, a.data(), lda,
                b.data(), ldb, 0, c.data(), n);
  };
  // About 2 s of calls in all, at least 20 of each.
  const long calls = std::max(20L, std::min(20000L, static_cast<long>(1e9 / flops * 50)));
  std::vector<double> t_ours(calls), t_blas(calls);
  ours();
  blas();
  for (long i = 0; i < calls; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    ours();
    t_ours[i] = seconds_of(t0);
    t0 = std::chrono::steady_clock::now();
    blas();
    t_blas[i] = seconds_of(t0);
  }
  std::sort(t_ours.begin(), t_ours.end());
  std::sort(t_blas.begin(), t_blas.end());
  const bool avx512 = std::string(nn::runtime::kernels().isa).rfind("avx512", 0) == 0;
  double peak = 0;
  for (int r = 0; r < 3; ++r) peak = std::max(peak, avx512 ? fma_peak_avx512_gflops(30000000) : fma_peak_avx2_gflops(30000000));
  const auto g = [&](double s) { return flops / s / 1e9; };
  std::printf(
      "{\"kind\":\"calls\",\"m\":%ld,\"n\":%ld,\"k\":%ld,\"transA\":%s,\"transB\":%s,\"threads\":%d,\"calls\":%ld,\"isa\":\"%s\","
      "\"nnBest\":%.2f,\"nnP10\":%.2f,\"nnMedian\":%.2f,\"openblasBest\":%.2f,\"openblasP10\":%.2f,\"openblasMedian\":%.2f,"
      "\"peakBest\":%.2f}\n",
      m, n, k, ta ? "true" : "false", tb ? "true" : "false", threads, calls, nn::runtime::kernels().isa, g(t_ours[0]),
      g(t_ours[calls / 10]), g(t_ours[calls / 2]), g(t_blas[0]), g(t_blas[calls / 10]), g(t_blas[calls / 2]), peak);
  return 0;
}
