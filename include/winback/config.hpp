#pragma once
// The user's settings file (config.toml): defaults below the command line and WINBACK_DIR.
// Text + path -> settings + diagnostics; the CLI finds and reads the file.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "winback/diagnostic.hpp"
#include "winback/i18n.hpp"

namespace winback {

struct Config {
    std::string dir;          // the default book folder: absolute, or "~/..." (empty: not set)
    std::optional<Lang> lang;
    std::string format;       // the default output format of the commands that have it (empty: not set)
};

// Every output format some command writes; a command that lacks the configured one keeps its own.
std::span<const std::string_view> config_formats();

Config parse_config(std::string_view text, std::string_view path, Diagnostics& diagnostics);

// The folder of config.toml per the XDG Base Directory spec: $XDG_CONFIG_HOME/winback, else
// $HOME/.config/winback (a relative XDG_CONFIG_HOME is ignored, as the spec says). Empty when
// neither is usable.
std::string config_path(std::string_view xdg_config_home, std::string_view home);

// The config's dir with "~/" expanded against home.
std::string expand_home(std::string_view dir, std::string_view home);

}  // namespace winback
