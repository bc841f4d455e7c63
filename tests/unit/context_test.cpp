#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <sstream>

using winback::Lang;
using winback::cli::Context;
using winback::cli::Environment;

TEST_CASE("Context precedence") {
    Environment env;
    env.vars = {{"HOME", "/home/u"}, {"LANG", "ja_JP.UTF-8"}};
    std::ostringstream out;
    std::ostringstream err;
    Context context{env, out, err, {}, {}};
    SUBCASE("book folder: the current one without anything") {
        CHECK(context.book_dir() == ".");
    }
    SUBCASE("book folder: config.toml, with ~/ expanded") {
        context.config.dir = "~/books/day";
        CHECK(context.book_dir() == "/home/u/books/day");
    }
    SUBCASE("book folder: WINBACK_DIR before config.toml") {
        context.config.dir = "/srv/a";
        env.vars["WINBACK_DIR"] = "/srv/b";
        CHECK(context.book_dir() == "/srv/b");
        SUBCASE("and --dir before both") {
            context.global.dir = "/srv/c";
            CHECK(context.book_dir() == "/srv/c");
        }
    }
    SUBCASE("language: the locale without settings") {
        CHECK(context.lang() == Lang::ja);
    }
    SUBCASE("language: config.toml before the locale, --lang before config.toml") {
        context.config.lang = Lang::en;
        CHECK(context.lang() == Lang::en);
        context.global.lang = "ja";
        CHECK(context.lang() == Lang::ja);
    }
    SUBCASE("messages follow the language") {
        context.error("missing required key \"id\"");
        CHECK(err.str() == "winback: エラー: 必須のキー \"id\" がありません\n");
        context.global.lang = "en";
        CHECK(context.say("missing required key \"id\"") == "missing required key \"id\"");
    }
}

TEST_CASE("add_format_option") {
    Environment env;
    std::ostringstream out;
    std::ostringstream err;
    Context context{env, out, err, {}, {}};
    std::string format;
    SUBCASE("the command's first format without settings") {
        CLI::App app;
        winback::cli::add_format_option(app, context, format, {"table", "csv"});
        CHECK(format == "table");
    }
    SUBCASE("config.toml's format when the command writes it") {
        context.config.format = "csv";
        CLI::App app;
        winback::cli::add_format_option(app, context, format, {"table", "csv"});
        CHECK(format == "csv");
        SUBCASE("the command line still wins") {
            const char* argv[] = {"x", "--format", "table"};
            app.parse(3, argv);
            CHECK(format == "table");
        }
    }
    SUBCASE("the command's own default when it cannot write config.toml's format") {
        context.config.format = "csv";
        CLI::App app;
        winback::cli::add_format_option(app, context, format, {"table", "json"});
        CHECK(format == "table");
    }
}
