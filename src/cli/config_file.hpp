#pragma once
// Finding and reading the user's config.toml (the parsing is the core's parse_config).

#include "cli/cli.hpp"
#include "winback/config.hpp"
#include "winback/diagnostic.hpp"

namespace winback::cli {

// The settings of $XDG_CONFIG_HOME/winback/config.toml (else ~/.config/winback/config.toml);
// defaults when there is no such file. Problems go to diagnostics.
Config read_config(const Environment& env, Diagnostics& diagnostics);

}  // namespace winback::cli
