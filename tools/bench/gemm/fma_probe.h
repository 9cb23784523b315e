// FMA throughput probes (single thread): float32 GFLOP/s with AVX2 and with AVX-512.
#pragma once

double fma_peak_avx2_gflops(long iterations);
double fma_peak_avx512_gflops(long iterations);
