#include "pages.hpp"

#include <thread>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace winback::detail {

PageRange whole_pages(const void* data, std::size_t bytes) {
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto at = reinterpret_cast<std::uintptr_t>(data);
    return {(at + page - 1) / page * page, (at + bytes) / page * page};
}

void give_back_pages(const void* data, std::size_t bytes) {
    const PageRange pages = whole_pages(data, bytes);
    // A failure only costs the memory.
    if (!pages.empty()) ::madvise(reinterpret_cast<void*>(pages.begin), pages.end - pages.begin, MADV_DONTNEED);
}

void populate_in_parallel(void* data, std::size_t bytes, std::size_t parts) {
#ifdef MADV_POPULATE_WRITE
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const PageRange range = whole_pages(data, bytes);
    if (parts < 2 || range.empty() || range.end - range.begin < (std::uintptr_t{1} << 20)) return;  // not worth a thread
    const std::uintptr_t pages = (range.end - range.begin) / page;
    const auto populate = [&](std::size_t k) {
        const std::uintptr_t from = range.begin + pages * k / parts * page;
        const std::uintptr_t to = range.begin + pages * (k + 1) / parts * page;
        ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);  // a failure only costs the time
    };
    std::vector<std::thread> threads;
    for (std::size_t k = 1; k < parts; ++k) threads.emplace_back(populate, k);
    populate(0);
    for (std::thread& t : threads) t.join();
#else
    (void)data, (void)bytes, (void)parts;
#endif
}

}  // namespace winback::detail
