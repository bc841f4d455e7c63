// parse_date on arbitrary bytes: a parsed date is a real day that formats back to the same text.
#include "fuzz_input.hpp"
#include "winback/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = winback::fuzz::text_of(data, size);
    const auto date = winback::parse_date(text);
    if (!date) return 0;
    if (!date->ok() || winback::format_date(*date) != text) std::abort();
    if (winback::weekday_index(*date) > 6) std::abort();
    return 0;
}
