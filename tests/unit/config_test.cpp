#include "winback/config.hpp"

#include <doctest/doctest.h>

#include <string>

using winback::Config;
using winback::Diagnostics;

namespace {

std::string messages(const Diagnostics& d) {
    std::string out;
    for (const auto& item : d.sorted()) out += winback::format_diagnostic(item) + "\n";
    return out;
}

}  // namespace

TEST_CASE("parse_config") {
    Diagnostics d;
    SUBCASE("every key") {
        const Config c = winback::parse_config("dir = \"~/books/day\"\nlang = \"ja\"\nformat = \"csv\"\n", "config.toml", d);
        CHECK(messages(d).empty());
        CHECK(c.dir == "~/books/day");
        CHECK(c.lang == winback::Lang::ja);
        CHECK(c.format == "csv");
    }
    SUBCASE("empty file: nothing set") {
        const Config c = winback::parse_config("", "config.toml", d);
        CHECK(messages(d).empty());
        CHECK(c.dir.empty());
        CHECK(!c.lang);
        CHECK(c.format.empty());
    }
    SUBCASE("unknown key: a warning with a suggestion") {
        const Config c = winback::parse_config("formt = \"csv\"\nlang = \"en\"\n", "config.toml", d);
        CHECK(messages(d) ==
              "config.toml:1:1: warning: top level: unknown key \"formt\" is ignored; did you mean \"format\"?\n");
        CHECK(!d.has_errors());
        CHECK(c.lang == winback::Lang::en);
    }
    SUBCASE("bad values: errors at the value") {
        const Config c =
            winback::parse_config("lang = \"jp\"\nformat = \"xlsx\"\ndir = \"books\"\n", "config.toml", d);
        CHECK(messages(d) ==
              "config.toml:1:8: error: \"lang\": unknown value \"jp\"; did you mean \"ja\"?\n"
              "config.toml:2:10: error: \"format\": unknown value \"xlsx\"; expected one of: table csv tsv json ndjson "
              "ics html\n"
              "config.toml:3:7: error: \"dir\" must be an absolute path or start with ~/ (a relative folder would "
              "depend on where winback runs)\n");
        CHECK(c.dir.empty());
        CHECK(!c.lang);
        CHECK(c.format.empty());
    }
    SUBCASE("wrong type") {
        winback::parse_config("dir = 3\n", "config.toml", d);
        CHECK(messages(d) == "config.toml:1:7: error: top level: \"dir\" must be a string, not integer\n");
    }
    SUBCASE("not TOML") {
        winback::parse_config("lang = ja\n", "config.toml", d);
        CHECK(d.error_count() == 1);
        CHECK(messages(d).starts_with("config.toml:1:8: error: not valid TOML: "));
    }
}

TEST_CASE("config_path") {
    SUBCASE("XDG_CONFIG_HOME first") {
        CHECK(winback::config_path("/x/cfg", "/home/u") == "/x/cfg/winback/config.toml");
    }
    SUBCASE("else ~/.config") {
        CHECK(winback::config_path("", "/home/u") == "/home/u/.config/winback/config.toml");
    }
    SUBCASE("a relative XDG_CONFIG_HOME is ignored, as the spec says") {
        CHECK(winback::config_path("cfg", "/home/u") == "/home/u/.config/winback/config.toml");
    }
    SUBCASE("neither usable") {
        CHECK(winback::config_path("", "").empty());
    }
}

TEST_CASE("expand_home") {
    CHECK(winback::expand_home("~/books", "/home/u") == "/home/u/books");
    CHECK(winback::expand_home("/srv/books", "/home/u") == "/srv/books");
}
