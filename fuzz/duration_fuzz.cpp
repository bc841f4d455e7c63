// parse_duration on arbitrary bytes: a parsed duration formats back to itself and its dates
// stay inside the calendar.
#include "fuzz_input.hpp"
#include "winback/date.hpp"
#include "winback/duration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto duration = winback::parse_duration(winback::fuzz::text_of(data, size));
    if (!duration) return 0;
    if (winback::parse_duration(winback::format_duration(*duration)) != duration) std::abort();
    const auto anchor = winback::parse_date("2026-01-31");
    for (long k : {0L, 1L, 12L}) {
        if (!winback::add(*anchor, *duration, k).ok()) std::abort();
        if (!winback::add(*anchor, *duration, *duration, k).ok()) std::abort();
    }
    return 0;
}
