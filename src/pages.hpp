#pragma once
// Pages of memory asked of the system before they are needed, or given back to it as soon as
// they are not. On this machine class a fresh page costs microseconds, and a big book's memory
// is much of its time.

#include <cstddef>
#include <cstdint>

namespace winback::detail {

// The whole pages inside [data, data + bytes), as addresses [begin, end); begin == end when
// there is none.
struct PageRange {
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
    bool empty() const { return end <= begin; }
};
PageRange whole_pages(const void* data, std::size_t bytes);

// Gives the whole pages inside [data, data + bytes) back to the system (madvise DONTNEED). In a
// private mapping of a file they are read from the file again when touched; in any other memory
// they then read as zeros, so only memory whose content is dead may be given back: a mapped file
// that is only read, or a block about to be freed whose objects are already destroyed.
void give_back_pages(const void* data, std::size_t bytes);

// Faults in the pages of [data, data + bytes) from `parts` threads at once. A fresh page costs
// microseconds on first touch; a vector's resize would touch them one after another on one core.
// Nothing is written: this only asks the system for the memory now (madvise), and is skipped
// where the system cannot, or when there is less than 1 MiB.
void populate_in_parallel(void* data, std::size_t bytes, std::size_t parts);

}  // namespace winback::detail
