// Thread pool: workers sleep on a condition variable, join the current job, and claim task indices from a counter.
#include "runtime/threads.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace nn::runtime {
namespace {

thread_local bool t_in_task = false;

// After a job, workers and the caller poll before sleeping: GEMMs and elementwise kernels come in quick succession
// within a training step, and on a VM a thread that went to sleep takes 40-100 us to run again. First they poll with
// `pause` for kSpin, then until kYieldSpin yielding the core between polls to any other runnable thread (a V8 GC
// helper, libuv), so the wait costs other threads little. Measured with a 2-task job started 0.5-1.5 ms after the
// last one: with 100 us of polling the worker started its task 38-74 us late (median), with this 0.8-2.3 us; the spam
// MLP's step (64 rows, hidden 64, Adam) went from 6.5-6.9 to 5.1-6.0 ms. OpenBLAS's threads poll for about 0.1 s,
// OpenMP's for up to hundreds of milliseconds.
constexpr auto kSpin = std::chrono::microseconds(100);
constexpr auto kYieldSpin = std::chrono::microseconds(2000);

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Polls `ready` until it holds or kYieldSpin has passed; returns whether it held.
template <typename Ready>
bool spin_until(Ready ready) {
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (ready()) return true;
      cpu_relax();
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    if (waited >= kYieldSpin) return ready();
    if (waited >= kSpin) std::this_thread::yield();
  }
}

class Pool {
 public:
  int threads() const { return target_; }

  void set_threads(int n) {
    std::lock_guard<std::mutex> busy(busy_);
    target_ = n;
    resize(n - 1);
  }

  void run(int n_tasks, const std::function<void(int)>& task) {
    if (n_tasks <= 0) return;
    // Inside a task (nested call) or while another caller owns the pool: run here, never oversubscribe.
    if (t_in_task || n_tasks == 1) return run_inline(n_tasks, task);
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock() || workers_.empty()) return run_inline(n_tasks, task);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = &task;
      n_tasks_ = n_tasks;
      next_.store(0);
      pending_.store(n_tasks);
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    const int finished = work(&task, n_tasks);
    pending_.fetch_sub(finished);
    // Wait for the tasks and for every worker that joined this job to leave it, so none can touch it afterwards.
    const auto done = [&] { return pending_.load() == 0 && active_.load() == 0; };
    spin_until(done);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, done);
    task_ = nullptr;
  }

 private:
  static void run_inline(int n_tasks, const std::function<void(int)>& task) {
    const bool outer = t_in_task;
    t_in_task = true;
    for (int i = 0; i < n_tasks; ++i) task(i);
    t_in_task = outer;
  }

  // Claims and runs tasks until none are left; returns how many this thread ran.
  int work(const std::function<void(int)>* task, int n) {
    int finished = 0;
    t_in_task = true;
    for (int i = next_.fetch_add(1); i < n; i = next_.fetch_add(1)) {
      (*task)(i);
      ++finished;
    }
    t_in_task = false;
    return finished;
  }

  void worker_loop(int index) {
    unsigned long seen = 0;
    for (;;) {
      spin_until([&] { return generation_.load(std::memory_order_acquire) != seen || stop_index_.load() <= index; });
      const std::function<void(int)>* task;
      int n;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stop_index_.load() <= index || generation_.load() != seen; });
        if (stop_index_.load() <= index) return;
        seen = generation_.load();
        // A job that ended before this worker got here: nothing to join; go back to waiting for the next.
        if (task_ == nullptr) continue;
        task = task_;
        n = n_tasks_;
        active_.fetch_add(1);
      }
      const int finished = work(task, n);
      std::lock_guard<std::mutex> lock(mutex_);
      pending_.fetch_sub(finished);
      if (active_.fetch_sub(1) == 1 && pending_.load() == 0) done_.notify_all();
    }
  }

  // Starts or stops workers so that `n` exist (called with busy_ held, so no job is running).
  void resize(int n) {
    n = std::max(n, 0);
    if (n < static_cast<int>(workers_.size())) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_index_.store(n);
      }
      wake_.notify_all();
      for (std::size_t i = n; i < workers_.size(); ++i) workers_[i].join();
      workers_.resize(n);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    stop_index_.store(1 << 30);
    for (int i = static_cast<int>(workers_.size()); i < n; ++i) workers_.emplace_back([this, i] { worker_loop(i); });
  }

  std::mutex busy_;  // held by the one caller whose job the pool is running
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  // Set under mutex_; polled without it by spinning threads.
  const std::function<void(int)>* task_ = nullptr;
  int n_tasks_ = 0;
  std::atomic<int> pending_{0};
  std::atomic<int> active_{0};
  std::atomic<int> stop_index_{1 << 30};
  std::atomic<unsigned long> generation_{0};
  std::atomic<int> next_{0};
  int target_ = 1;
};

int hardware_threads() {
  const unsigned h = std::thread::hardware_concurrency();
  return h == 0 ? 1 : static_cast<int>(h);
}

Pool& pool() {
  // Created on first use and never destroyed: joining threads while the process exits can deadlock.
  static Pool* p = [] {
    auto* created = new Pool();
    created->set_threads(hardware_threads());
    return created;
  }();
  return *p;
}

}  // namespace

int num_threads() { return pool().threads(); }

void set_num_threads(int n) { pool().set_threads(std::clamp(n, 1, 4 * hardware_threads())); }

void parallel_for(int n_tasks, const std::function<void(int)>& task) { pool().run(n_tasks, task); }

}  // namespace nn::runtime
