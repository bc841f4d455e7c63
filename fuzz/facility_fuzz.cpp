// Loads facility.toml from arbitrary bytes: never a crash, and an error whenever it is not loaded.
#include "fuzz_input.hpp"
#include "winback/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    winback::Diagnostics diagnostics;
    const auto file = winback::load_facility(winback::fuzz::text_of(data, size), "facility.toml", diagnostics);
    if (!file.parsed && !diagnostics.has_errors()) std::abort();
    winback::fuzz::check_diagnostics(diagnostics);
    return 0;
}
