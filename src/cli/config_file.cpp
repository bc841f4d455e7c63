#include "cli/config_file.hpp"

#include "cli/book_io.hpp"

namespace winback::cli {

Config read_config(const Environment& env, Diagnostics& diagnostics) {
    const std::string path = config_path(env.var("XDG_CONFIG_HOME"), env.var("HOME"));
    if (path.empty()) return {};
    const auto text = read_text_file(path, diagnostics);
    if (!text) return {};
    return parse_config(*text, path, diagnostics);
}

}  // namespace winback::cli
