#include "pages.hpp"

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

}  // namespace winback::detail
