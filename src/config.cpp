#include "winback/config.hpp"

#include <array>
#include <vector>

#include <fmt/format.h>

#include "fields.hpp"

namespace winback {

namespace {

constexpr std::array<std::string_view, 3> config_keys = {"dir", "lang", "format"};
constexpr std::array<std::string_view, 7> formats = {"table", "csv", "tsv", "json", "ndjson", "ics", "html"};
constexpr std::array<std::string_view, 2> langs = {"ja", "en"};

// The loaders' wording: "\"lang\": unknown value \"jp\"; did you mean \"ja\"?"
std::optional<std::string> word(detail::Fields& fields, std::string_view key, std::span<const std::string_view> allowed,
                                std::string_view path, Diagnostics& diagnostics) {
    auto value = fields.string(key);
    if (!value) return std::nullopt;
    for (std::string_view w : allowed) {
        if (w == *value) return value;
    }
    std::string hint = did_you_mean(*value, allowed);
    if (hint.empty()) {
        hint = "; expected one of:";
        for (std::string_view w : allowed) hint += fmt::format(" {}", w);
    }
    diagnostics.error(path, fields.where(key), fmt::format("\"{}\": unknown value \"{}\"{}", key, *value, hint));
    return std::nullopt;
}

}  // namespace

std::span<const std::string_view> config_formats() {
    return formats;
}

Config parse_config(std::string_view text, std::string_view path, Diagnostics& diagnostics) {
    Config config;
    auto root = detail::parse_toml(text, path, diagnostics, config_keys);
    if (!root) return config;
    // parse_toml has warned about unknown keys already: here every key present counts as known.
    std::vector<std::string_view> present;
    for (auto&& [key, value] : *root) present.push_back(key.str());
    detail::Fields fields(*root, path, diagnostics, "top level", present);
    if (auto dir = fields.string("dir")) {
        if (dir->empty() || !(dir->starts_with("/") || dir->starts_with("~/"))) {
            diagnostics.error(path, fields.where("dir"),
                              "\"dir\" must be an absolute path or start with ~/ (a relative folder would depend on "
                              "where winback runs)");
        } else {
            config.dir = *dir;
        }
    }
    if (auto lang = word(fields, "lang", langs, path, diagnostics)) config.lang = parse_lang(*lang);
    if (auto format = word(fields, "format", formats, path, diagnostics)) config.format = *format;
    return config;
}

std::string config_path(std::string_view xdg_config_home, std::string_view home) {
    if (xdg_config_home.starts_with("/")) return fmt::format("{}/winback/config.toml", xdg_config_home);
    if (home.starts_with("/")) return fmt::format("{}/.config/winback/config.toml", home);
    return {};
}

std::string expand_home(std::string_view dir, std::string_view home) {
    if (dir.starts_with("~/")) return fmt::format("{}/{}", home, dir.substr(2));
    return std::string(dir);
}

}  // namespace winback
