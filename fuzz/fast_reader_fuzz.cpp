// Differential fuzzing of the fast reader against toml++: on any input, when the fast reader
// returns a model, toml++'s path must have nothing to report and build exactly that model,
// places included. When it declines, load_* must equal the toml++ path (it is that path).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "model_dump.hpp"
#include "winback/fast_load.hpp"

namespace {

template <class File, class Fast, class Toml>
void compare(std::string_view text, Fast fast, Toml toml) {
    const std::optional<File> quick = fast(text, nullptr);
    if (!quick) return;
    winback::Diagnostics diagnostics;
    const File slow = toml(text, "f.toml", diagnostics);
    if (!diagnostics.items().empty()) {
        std::fprintf(stderr, "fast reader accepted a file toml++ reports: %s\n",
                     winback::format_diagnostic(diagnostics.items().front()).c_str());
        std::abort();
    }
    const auto a = winback::test::dump(*quick);
    const auto b = winback::test::dump(slow);
    if (a != b) {
        for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
            const std::string none = "(nothing)";
            const std::string& x = i < a.size() ? a[i] : none;
            const std::string& y = i < b.size() ? b[i] : none;
            if (x != y) {
                std::fprintf(stderr, "models differ at line %zu:\n fast:   %s\n toml++: %s\n", i, x.c_str(), y.c_str());
                break;
            }
        }
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    compare<winback::ClientsFile>(text, winback::fast_load_clients, winback::load_clients_toml);
    compare<winback::LogFile>(text, winback::fast_load_log, winback::load_log_toml);
    return 0;
}
