// The addon's one thread pool: sized to the cores, settable, and shared by every caller without oversubscription.
#pragma once
#include <functional>

namespace nn::runtime {

// Threads the kernels may use (the calling thread included). Defaults to the hardware concurrency.
int num_threads();

// Sets the thread count (clamped to [1, 4 x hardware threads]); workers are started or stopped as needed.
void set_num_threads(int n);

// Runs task(i) for every i in [0, n_tasks), spread over the pool and the calling thread, and returns when all
// are done. Runs everything on the calling thread when the pool has one thread, when called from inside a task,
// or when another caller (e.g. a Node worker thread) is using the pool: the pool never runs two jobs at once.
void parallel_for(int n_tasks, const std::function<void(int)>& task);

}  // namespace nn::runtime
