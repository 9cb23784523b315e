// Embedding gather / scatter-add kernels against plain scalar loops: awkward row lengths, repeated indices,
// padding_idx, accumulation into existing gradients.
#include "embedding_tests.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "check.h"

namespace {

using nn::index_t;
using nn::test::check;

bool gather_case(const nn::runtime::KernelTable& k, index_t n, index_t v, index_t d, std::mt19937& rng) {
  std::normal_distribution<float> val(0.0f, 1.0f);
  std::uniform_int_distribution<std::int32_t> row(0, static_cast<std::int32_t>(v - 1));
  std::vector<float> w(static_cast<size_t>(v * d)), out(static_cast<size_t>(n * d), NAN);
  std::vector<std::int32_t> idx(static_cast<size_t>(n));
  for (float& x : w) x = val(rng);
  for (std::int32_t& i : idx) i = row(rng);
  if (n > 0) idx[0] = static_cast<std::int32_t>(v - 1);  // the last row, to catch an off-by-one past the table
  k.embedding_gather_f32(n, d, w.data(), idx.data(), out.data());
  bool ok = true;
  for (index_t r = 0; r < n; ++r) {
    for (index_t j = 0; j < d; ++j) ok = ok && out[r * d + j] == w[idx[r] * d + j];
  }
  return ok;
}

// Accumulation order is documented (k ascending), so the result must equal a scalar loop in that order bit for bit.
bool scatter_case(const nn::runtime::KernelTable& k, index_t n, index_t v, index_t d, std::int64_t padding,
                  std::mt19937& rng) {
  std::normal_distribution<float> val(0.0f, 1.0f);
  std::uniform_int_distribution<std::int32_t> row(0, static_cast<std::int32_t>(v - 1));
  std::vector<float> g(static_cast<size_t>(n * d)), gw(static_cast<size_t>(v * d));
  std::vector<std::int32_t> idx(static_cast<size_t>(n));
  for (float& x : g) x = val(rng);
  for (float& x : gw) x = val(rng);  // existing gradient: the kernel adds to it
  // Few distinct rows, so most indices repeat.
  for (std::int32_t& i : idx) i = row(rng) % static_cast<std::int32_t>(v < 4 ? v : 4);
  if (n > 1) idx[n - 1] = static_cast<std::int32_t>(v - 1);
  std::vector<float> want = gw;
  for (index_t r = 0; r < n; ++r) {
    if (idx[r] == padding) continue;
    for (index_t j = 0; j < d; ++j) want[idx[r] * d + j] += g[r * d + j];
  }
  k.embedding_scatter_add_f32(n, d, g.data(), idx.data(), padding, gw.data());
  return gw == want;
}

}  // namespace

void run_embedding_tests(const nn::runtime::KernelTable& k) {
  std::mt19937 rng(5);
  for (index_t d : {1, 3, 7, 8, 17, 63, 65, 257}) {
    for (index_t v : {1, 3, 17}) {
      for (index_t n : {0, 1, 5, 40}) {
        const std::string what = std::string(k.isa) + " embedding n=" + std::to_string(n) + " V=" + std::to_string(v) +
                                 " D=" + std::to_string(d);
        check(gather_case(k, n, v, d, rng), what + " gather");
        check(scatter_case(k, n, v, d, -1, rng), what + " scatter-add");
        check(scatter_case(k, n, v, d, 0, rng), what + " scatter-add padding_idx=0");
      }
    }
  }
  // Big enough to be split over the pool, with a row count that splits unevenly.
  check(gather_case(k, 301, 17, 1000, rng), std::string(k.isa) + " embedding gather n=301 V=17 D=1000");
}
