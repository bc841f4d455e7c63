#pragma once
// Passes over a big log or list of clients split into parts, one thread each, where the parts
// are independent. Most such passes wait on memory, which two cores wait on side by side.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace winback::detail {

// Runs work(k) for k in [0, n), each on its own thread (k = 0 on the caller's). The first
// exception a part throws is thrown again here, once every part has ended.
template <class Work>
void run_parallel(std::size_t n, Work work) {
    std::vector<std::exception_ptr> failed(n);
    const auto run = [&work, &failed](std::size_t k) {
        try {
            work(k);
        } catch (...) {
            failed[k] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t k = 1; k < n; ++k) threads.emplace_back(run, k);
    if (n > 0) run(0);
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& e : failed) {
        if (e) std::rethrow_exception(e);
    }
}

// How many parts a pass over this many items is split into: one below `from` (a thread costs
// tens of microseconds), else one per core, up to four.
inline std::size_t parts_for(std::size_t items, std::size_t from = 32768) {
    if (items < from) return 1;
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Part k of [0, n) split into `parts` ranges as even as can be: [begin, end).
struct PartRange {
    std::size_t begin = 0;
    std::size_t end = 0;
};
inline PartRange part_of(std::size_t n, std::size_t k, std::size_t parts) {
    return {n * k / parts, n * (k + 1) / parts};
}

}  // namespace winback::detail
