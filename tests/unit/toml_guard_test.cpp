// The pre-scan that guards Debian's toml++ 3.3.0 against inputs that overflow its stack, and
// the byte order mark and CRLF line ends of files saved on Windows.
#include "toml_guard.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "winback/load.hpp"

using winback::Diagnostics;
using winback::detail::find_absurd_shape;

namespace {

std::string messages(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.sorted()) out += winback::format_diagnostic(d) + "\n";
    return out;
}

// Pieces appended one by one: g++ 12 at -O2 warns falsely (-Wrestrict) on "literal" + string.
template <class... Pieces>
std::string cat(const Pieces&... pieces) {
    std::string out;
    ((out += pieces), ...);
    return out;
}

std::string repeat(std::string_view piece, int times) {
    std::string out;
    out.reserve(piece.size() * static_cast<std::size_t>(times));
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

// "a.a.a ... = 1": a key of `parts` dotted parts.
std::string dotted_key(int parts) {
    return cat("a", repeat(".a", parts - 1), " = 1\n");
}

const char* const clients_text = R"([[client]]
id = "C-0001"
name = "山田 花子"
status = "active"
)";

}  // namespace

TEST_CASE("find_absurd_shape") {
    SUBCASE("ordinary TOML passes") {
        CHECK_FALSE(find_absurd_shape(clients_text));
        CHECK_FALSE(find_absurd_shape("a.b.c = { d.e = [1, [2, [3]]], f = \"x.y.z\" }\n[x.y]\n[[p.q]]\n"));
        CHECK_FALSE(find_absurd_shape(""));
    }
    SUBCASE("64 parts pass, 65 do not, pointing at the 65th dot") {
        CHECK_FALSE(find_absurd_shape(dotted_key(64)));
        const auto problem = find_absurd_shape(cat("x = 1\n", dotted_key(65)));
        REQUIRE(problem);
        CHECK(problem->where.line == 2);
        CHECK(problem->where.column == 128);
        CHECK(problem->message == "not valid TOML: a key of more than 64 dotted parts");
    }
    SUBCASE("dotted keys in table headers and inline tables count too") {
        CHECK(find_absurd_shape(cat("[", repeat("a.", 70), "a]\n")));
        CHECK(find_absurd_shape(cat("[[", repeat("a.", 70), "a]]\n")));
        CHECK(find_absurd_shape(cat("x = { y = 1, ", repeat("a.", 70), "a = 2 }\n")));
    }
    SUBCASE("dots in strings, comments and values do not count") {
        CHECK_FALSE(find_absurd_shape(cat("\"", repeat("a.", 100), "\" = 1\n")));
        CHECK_FALSE(find_absurd_shape(cat("'", repeat("a.", 100), "' = 1\n")));
        CHECK_FALSE(find_absurd_shape(cat("x = \"", repeat(".", 1000), "\"\n")));
        CHECK_FALSE(find_absurd_shape(cat("x = \"\"\"\n", repeat("a.", 100), "\n\"\"\"\n")));
        CHECK_FALSE(find_absurd_shape(cat("x = '''", repeat("a.", 100), "'''''\n")));
        CHECK_FALSE(find_absurd_shape(cat("# ", repeat("a.", 100), "\n")));
        CHECK_FALSE(find_absurd_shape(cat("x = [", repeat("1.5, ", 100), "]\n")));
        CHECK_FALSE(find_absurd_shape(cat("x = \"\\\"", repeat("a.", 100), "\"\n")));
    }
    SUBCASE("nesting beyond 64 is refused where it goes too deep") {
        CHECK_FALSE(find_absurd_shape(cat("x = ", repeat("[", 64), repeat("]", 64), "\n")));
        const auto problem = find_absurd_shape(cat("x = ", repeat("[", 65), repeat("]", 65), "\n"));
        REQUIRE(problem);
        CHECK(problem->where.line == 1);
        CHECK(problem->where.column == 69);
        CHECK(problem->message == "not valid TOML: arrays or inline tables nested more than 64 deep");
        CHECK(find_absurd_shape(cat("x = ", repeat("{a=", 65), "1", repeat("}", 65), "\n")));
        CHECK(find_absurd_shape(cat("x = ", repeat("[{a=", 40), "1", repeat("}]", 40), "\n")));
    }
    SUBCASE("nesting across lines of a multi-line array") {
        CHECK(find_absurd_shape(cat("x = [\n", repeat("[\n", 70), repeat("]\n", 71))));
        CHECK_FALSE(find_absurd_shape(cat("x = [\n  1,\n  2,\n]\n", dotted_key(3))));
    }
    SUBCASE("non-ASCII outside strings and comments is refused before toml++ misreads it") {
        CHECK_FALSE(find_absurd_shape("# 山田 、。\nx = \"山田、\" # あ\n\"名前\" = 'ü'\n"));
        CHECK_FALSE(find_absurd_shape("a.\"名\".'前' = [\"あ\",'い',{b=\"う\"}]\nc=\"\"\"え\"\"\"\n"));
        for (std::string text : {"days = [\"tue\",8u\"frい\n", "closed =0[\"く\"\n", "x = 1、\n", "x = 1é\n", "x = trueあ\n", "[あ]\n", "x = \"a\"あ\n", "x = { a = 1あ }\n"}) {
            CAPTURE(text);
            const auto problem = find_absurd_shape(text);
            REQUIRE(problem);
            CHECK(problem->message.find("outside quotes") != std::string::npos);
        }
        const auto problem = find_absurd_shape("x = 1\nname = 山田 花子\n");
        REQUIRE(problem);
        CHECK(problem->where.line == 2);
        CHECK(problem->where.column == 8);
        CHECK(problem->message == "not valid TOML: unexpected \"山\" outside quotes (text such as names and phone "
                                  "numbers must be in double quotes: \"...\")");
    }
    SUBCASE("after a backslash in a multi-line string, only what toml++ cannot classify") {
        CHECK_FALSE(find_absurd_shape("x = \"\"\"a\\\n  山田\"\"\"\n"));
        CHECK_FALSE(find_absurd_shape("x = \"\"\"a\\\\あ\"\"\"\n"));  // an escaped backslash
        const auto problem = find_absurd_shape("x = \"\"\"a\\\n\n\u3000あ\"\"\"\n");
        REQUIRE(problem);
        CHECK(problem->where.line == 3);
        CHECK(problem->where.column == 2);
        CHECK(problem->message == "not valid TOML: unexpected \"あ\" after a backslash in a multi-line string");
    }
    SUBCASE("columns count characters, not bytes") {
        const auto problem = find_absurd_shape(cat("\"名前\" = ", repeat("[", 65)));
        REQUIRE(problem);
        CHECK(problem->where.column == 72);
    }
}

TEST_CASE("parse_toml guard") {
    SUBCASE("a key of 100,000 dotted parts is refused, not a crash") {
        Diagnostics d;
        const auto file = winback::load_clients(cat(std::string(clients_text), dotted_key(100000)), "clients.toml", d);
        CHECK_FALSE(file.parsed);
        CHECK(messages(d) == "clients.toml:5:128: error: not valid TOML: a key of more than 64 dotted parts\n");
    }
    SUBCASE("10,000 nested arrays are refused in every file kind") {
        const std::string deep = cat("x = ", repeat("[", 10000), repeat("]", 10000), "\n");
        Diagnostics d;
        winback::load_clients(deep, "clients.toml", d);
        winback::load_playbooks(deep, "playbooks.toml", "playbooks.toml", d);
        winback::load_facility(deep, "facility.toml", d);
        winback::load_log(deep, "log.toml", d);
        const std::string what = ":1:69: error: not valid TOML: arrays or inline tables nested more than 64 deep\n";
        CHECK(messages(d) == cat("clients.toml", what, "facility.toml", what, "log.toml", what, "playbooks.toml", what));
    }
    SUBCASE("10,000 nested inline tables") {
        Diagnostics d;
        winback::load_log(cat("x = ", repeat("{a=", 10000), "1", repeat("}", 10000), "\n"), "log.toml", d);
        CHECK(messages(d) == "log.toml:1:197: error: not valid TOML: arrays or inline tables nested more than 64 deep\n");
    }
    SUBCASE("the parser's error comes first when it is on an earlier line") {
        Diagnostics d;
        winback::load_clients("id,name\nC-0001,山田 花子\n", "clients.toml", d);
        CHECK(messages(d) == "clients.toml:1:3: error: not valid TOML: error while parsing key-value pair: expected '=', "
                             "saw ','\n");
        Diagnostics cut;  // an array left open by the cut is not an earlier error
        winback::load_clients(cat("x = [\n1,\n", repeat("[", 70), "\n"), "clients.toml", cut);
        CHECK(messages(cut) ==
              "clients.toml:3:64: error: not valid TOML: arrays or inline tables nested more than 64 deep\n");
    }
    SUBCASE("a UTF-8 byte order mark is skipped and columns stay right") {
        Diagnostics d;
        const auto file = winback::load_clients(cat("\xEF\xBB\xBF", std::string(clients_text)), "clients.toml", d);
        CHECK(messages(d).empty());
        REQUIRE(file.clients.size() == 1);
        CHECK(file.clients[0].id == "C-0001");
        Diagnostics bad;
        winback::load_clients("\xEF\xBB\xBFstatus = = \"active\"\n",
                              "clients.toml", bad);
        CHECK(messages(bad) ==
              "clients.toml:1:10: error: not valid TOML: error while parsing value: could not determine value type "
              "(text such as names and phone numbers must be in double quotes: \"...\")\n");
        Diagnostics invalid;
        winback::load_clients("\xEF\xBB\xBFx = \"\xFF\"\n", "clients.toml", invalid);
        CHECK(messages(invalid) ==
              "clients.toml:1:6: error: not valid UTF-8: save the file as UTF-8 (not Shift_JIS or another encoding)\n");
    }
    SUBCASE("CRLF line ends are accepted and lines count the same") {
        std::string crlf;
        for (char c : std::string_view(clients_text)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        Diagnostics d;
        const auto file = winback::load_clients(cat(crlf, "status = \"x\"\r\n"), "clients.toml", d);
        REQUIRE(file.parsed == false);
        CHECK(messages(d) ==
              "clients.toml:5:10: error: not valid TOML: error while parsing key-value pair: cannot redefine existing "
              "string 'status'\n");
        Diagnostics ok;
        CHECK(winback::load_clients(crlf, "clients.toml", ok).clients.size() == 1);
        CHECK(messages(ok).empty());
    }
}
