// Every input that crashed a fuzz target (fuzz/regressions/NAME/) loads with the loader of its
// file kind without crashing and is refused with an error, as the fix made it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "winback/load.hpp"

namespace {

std::string read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Loads text as the file kind of a fuzz target; true when it is refused with an error.
bool refused(const std::string& kind, const std::string& text) {
    winback::Diagnostics d;
    if (kind == "clients") winback::load_clients(text, "clients.toml", d);
    if (kind == "playbooks") winback::load_playbooks(text, "playbooks.toml", "playbooks.toml", d);
    if (kind == "facility") winback::load_facility(text, "facility.toml", d);
    if (kind == "log") winback::load_log(text, "log.toml", d);
    return d.has_errors();
}

}  // namespace

TEST_CASE("fuzz regressions") {
    const std::filesystem::path root = std::filesystem::path(WINBACK_SOURCE_DIR) / "fuzz" / "regressions";
    int inputs = 0;
    for (const auto& kind : {"clients", "playbooks", "facility", "log"}) {
        if (!std::filesystem::exists(root / kind)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(root / kind)) {
            CAPTURE(entry.path().string());
            CHECK(refused(kind, read(entry.path())));
            ++inputs;
        }
    }
    CHECK(inputs >= 4);
}
