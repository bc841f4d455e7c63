// Loads playbooks.toml from arbitrary bytes and merges it with the built-in playbooks.
#include "fuzz_input.hpp"
#include "winback/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    winback::Diagnostics diagnostics;
    auto file = winback::load_playbooks(winback::fuzz::text_of(data, size), "playbooks.toml", "playbooks.toml",
                                        diagnostics);
    if (!file.parsed && !diagnostics.has_errors()) std::abort();
    winback::fuzz::check_diagnostics(diagnostics);
    const auto merged = winback::merge_playbooks(winback::builtin_playbooks(winback::Lang::en), std::move(file.playbooks));
    if (merged.empty()) std::abort();
    return 0;
}
