#include "winback/render.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "winback/columns.hpp"
#include "winback/text.hpp"

using winback::Action;
using winback::Format;
using winback::Plan;
using winback::RenderOptions;

namespace {

winback::Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Action hospital_action() {
    Action a;
    a.action_id = "C-0001/family-monthly/2026-10-14";
    a.due = date("2026-10-14");
    a.nominal = date("2026-10-14");
    a.client_id = "C-0001";
    a.client = "山田 花子";
    a.reason = "hospitalized";
    a.step = "family-monthly";
    a.to = winback::Recipient::family;
    a.via = winback::Channel::call;
    a.contact = "山田 太郎";
    a.phone = "+81-90-1234-5678";
    a.task = "Call, say \"hello\"\nthen note it";
    a.owner = "田中";
    a.value = 26000;
    return a;
}

Action conflict_action() {
    Action a;
    a.action_id = "C-0002/ask-real-reason/2026-10-13";
    a.due = date("2026-10-14");
    a.nominal = date("2026-10-13");
    a.overdue_days = 3;
    a.client_id = "C-0002";
    a.client = "=HYPERLINK(\"http://x\")";
    a.reason = "conflict";
    a.step = "ask-real-reason";
    a.to = winback::Recipient::care_manager;
    a.via = winback::Channel::meeting;
    a.contact = "@admin";
    a.phone = "-3";
    a.task = "+SUM(1,2)";
    a.owner = "-owner";
    a.value = 0;
    a.suggestion = "Tuesday and Thursday";
    return a;
}

Plan plan_of(std::vector<Action> actions) {
    Plan p;
    p.today = date("2026-10-14");
    p.until = date("2026-10-14");
    p.actions = std::move(actions);
    return p;
}

std::string render(const Plan& plan, Format format, bool raw = false, winback::Lang lang = winback::Lang::en) {
    RenderOptions options;
    options.format = format;
    options.raw = raw;
    options.lang = lang;
    return winback::render_plan(plan, options);
}

constexpr std::string_view csv_header =
    "action_id,due,overdue_days,client_id,client,reason,step,to,via,contact,phone,task,owner,value,suggestion";

std::vector<std::string> split(const std::string& text, std::string_view separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
        out.push_back(text.substr(start, at - start));
        start = at + separator.size();
    }
    out.push_back(text.substr(start));
    return out;
}

}  // namespace

TEST_CASE("parse_format") {
    CHECK(winback::parse_format("table") == Format::table);
    CHECK(winback::parse_format("csv") == Format::csv);
    CHECK(winback::parse_format("tsv") == Format::tsv);
    CHECK(winback::parse_format("json") == Format::json);
    CHECK(winback::parse_format("ndjson") == Format::ndjson);
    CHECK(winback::parse_format("ics") == Format::ics);
    CHECK(winback::parse_format("html") == Format::html);
    CHECK_FALSE(winback::parse_format("CSV"));
    CHECK_FALSE(winback::parse_format("xml"));
}

TEST_CASE("csv_cell") {
    using winback::csv_cell;
    SUBCASE("plain text as it is") {
        CHECK(csv_cell("plain", ',', false) == "plain");
        CHECK(csv_cell("", ',', false) == "");
        CHECK(csv_cell("山田 花子", ',', false) == "山田 花子");
    }
    SUBCASE("RFC 4180 quoting of delimiter, quote and line breaks") {
        CHECK(csv_cell("a,b", ',', false) == "\"a,b\"");
        CHECK(csv_cell("say \"hi\"", ',', false) == "\"say \"\"hi\"\"\"");
        CHECK(csv_cell("line\nbreak", ',', false) == "\"line\nbreak\"");
        CHECK(csv_cell("cr\rhere", ',', false) == "\"cr\rhere\"");
        CHECK(csv_cell("\"", ',', false) == "\"\"\"\"");
        CHECK(csv_cell("a\tb", ',', false) == "a\tb");
        CHECK(csv_cell("a\tb", '\t', false) == "\"a\tb\"");
        CHECK(csv_cell("a,b", '\t', false) == "a,b");
    }
    SUBCASE("formulas are neutralised with a leading quote") {
        CHECK(csv_cell("=SUM(A1:A2)", ',', false) == "'=SUM(A1:A2)");
        CHECK(csv_cell("+cmd", ',', false) == "'+cmd");
        CHECK(csv_cell("-cmd", ',', false) == "'-cmd");
        CHECK(csv_cell("@SUM(1)", ',', false) == "'@SUM(1)");
        CHECK(csv_cell("\tx", ',', false) == "'\tx");
        CHECK(csv_cell("\rx", ',', false) == "\"'\rx\"");
        CHECK(csv_cell(std::string_view("\0x", 2), ',', false) == std::string("'\0x", 3));
        CHECK(csv_cell("=1,2", ',', false) == "\"'=1,2\"");
        CHECK(csv_cell("-", ',', false) == "'-");
        CHECK(csv_cell("+1+cmd|' /C calc'!A0", ',', false) == "'+1+cmd|' /C calc'!A0");
        CHECK(csv_cell("-2+3", ',', false) == "'-2+3");
        CHECK(csv_cell("=1", '\t', false) == "'=1");
    }
    SUBCASE("plain numbers are left alone") {
        CHECK(csv_cell("-3", ',', false) == "-3");
        CHECK(csv_cell("+81-90-1234-5678", ',', false) == "+81-90-1234-5678");
        CHECK(csv_cell("+81 90 1234 5678", ',', false) == "+81 90 1234 5678");
        CHECK(csv_cell("-1.5", ',', false) == "-1.5");
        CHECK(csv_cell("090-1234-5678", ',', false) == "090-1234-5678");
    }
    SUBCASE("raw keeps formulas but still quotes") {
        CHECK(csv_cell("=SUM(A1:A2)", ',', true) == "=SUM(A1:A2)");
        CHECK(csv_cell("@x", ',', true) == "@x");
        CHECK(csv_cell("=1,2", ',', true) == "\"=1,2\"");
    }
}

TEST_CASE("render_plan csv and tsv") {
    SUBCASE("the header exactly, with CRLF line ends") {
        CHECK(render(plan_of({}), Format::csv) == std::string(csv_header) + "\r\n");
    }
    SUBCASE("one row per action, every column, quoted and neutralised") {
        const std::string out = render(plan_of({hospital_action(), conflict_action()}), Format::csv);
        CHECK(out == std::string(csv_header) + "\r\n" +
                         "C-0001/family-monthly/2026-10-14,2026-10-14,0,C-0001,山田 花子,hospitalized,family-monthly,"
                         "family,call,山田 太郎,+81-90-1234-5678,\"Call, say \"\"hello\"\"\nthen note it\",田中,26000,"
                         "\r\n"
                         "C-0002/ask-real-reason/2026-10-13,2026-10-14,3,C-0002,\"'=HYPERLINK(\"\"http://x\"\")\","
                         "conflict,ask-real-reason,care_manager,meeting,'@admin,-3,\"'+SUM(1,2)\",'-owner,0,"
                         "Tuesday and Thursday\r\n");
    }
    SUBCASE("every record ends with CRLF; a line break inside a quoted cell stays LF") {
        const std::string out = render(plan_of({hospital_action(), conflict_action()}), Format::csv);
        const auto records = split(out, "\r\n");
        REQUIRE(records.size() == 4);
        CHECK(records[3] == "");
        std::size_t bare_lf = 0;
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (out[i] == '\n' && (i == 0 || out[i - 1] != '\r')) {
                ++bare_lf;
                CHECK(out.compare(i, 13, "\nthen note it") == 0);
            }
        }
        CHECK(bare_lf == 1);
    }
    SUBCASE("raw leaves formulas as they are") {
        const std::string out = render(plan_of({conflict_action()}), Format::csv, true);
        CHECK(out == std::string(csv_header) + "\r\n" +
                         "C-0002/ask-real-reason/2026-10-13,2026-10-14,3,C-0002,\"=HYPERLINK(\"\"http://x\"\")\","
                         "conflict,ask-real-reason,care_manager,meeting,@admin,-3,\"+SUM(1,2)\",-owner,0,"
                         "Tuesday and Thursday\r\n");
    }
    SUBCASE("tsv: tabs between the same columns") {
        const std::string out = render(plan_of({conflict_action()}), Format::tsv);
        const auto lines = split(out, "\n");
        REQUIRE(lines.size() == 3);
        CHECK(lines[0] == "action_id\tdue\toverdue_days\tclient_id\tclient\treason\tstep\tto\tvia\tcontact\tphone\ttask\t"
                          "owner\tvalue\tsuggestion");
        CHECK(lines[1] == "C-0002/ask-real-reason/2026-10-13\t2026-10-14\t3\tC-0002\t\"'=HYPERLINK(\"\"http://x\"\")\"\t"
                          "conflict\task-real-reason\tcare_manager\tmeeting\t'@admin\t-3\t'+SUM(1,2)\t'-owner\t0\t"
                          "Tuesday and Thursday");
        CHECK(lines[2] == "");
    }
    SUBCASE("machine words and numbers whatever the language") {
        CHECK(render(plan_of({hospital_action()}), Format::csv, false, winback::Lang::ja) ==
              render(plan_of({hospital_action()}), Format::csv, false, winback::Lang::en));
    }
}

TEST_CASE("render_plan json and ndjson") {
    const std::string hospital_json =
        "{\"action_id\":\"C-0001/family-monthly/2026-10-14\",\"due\":\"2026-10-14\",\"overdue_days\":0,"
        "\"client_id\":\"C-0001\",\"client\":\"山田 花子\",\"reason\":\"hospitalized\",\"step\":\"family-monthly\","
        "\"to\":\"family\",\"via\":\"call\",\"contact\":\"山田 太郎\",\"phone\":\"+81-90-1234-5678\","
        "\"task\":\"Call, say \\\"hello\\\"\\nthen note it\",\"owner\":\"田中\",\"value\":26000,\"suggestion\":\"\"}";
    const std::string conflict_json =
        "{\"action_id\":\"C-0002/ask-real-reason/2026-10-13\",\"due\":\"2026-10-14\",\"overdue_days\":3,"
        "\"client_id\":\"C-0002\",\"client\":\"=HYPERLINK(\\\"http://x\\\")\",\"reason\":\"conflict\","
        "\"step\":\"ask-real-reason\",\"to\":\"care_manager\",\"via\":\"meeting\",\"contact\":\"@admin\","
        "\"phone\":\"-3\",\"task\":\"+SUM(1,2)\",\"owner\":\"-owner\",\"value\":0,"
        "\"suggestion\":\"Tuesday and Thursday\"}";
    SUBCASE("an empty plan") {
        CHECK(render(plan_of({}), Format::json) == "[]\n");
        CHECK(render(plan_of({}), Format::ndjson) == "");
    }
    SUBCASE("json: an array of objects with every field, numbers unquoted, no formula guard") {
        CHECK(render(plan_of({hospital_action()}), Format::json) == "[\n  " + hospital_json + "\n]\n");
        CHECK(render(plan_of({hospital_action(), conflict_action()}), Format::json) ==
              "[\n  " + hospital_json + ",\n  " + conflict_json + "\n]\n");
    }
    SUBCASE("ndjson: one object per line") {
        CHECK(render(plan_of({hospital_action(), conflict_action()}), Format::ndjson) ==
              hospital_json + "\n" + conflict_json + "\n");
    }
    SUBCASE("control characters, quotes and backslashes are escaped") {
        Action a = hospital_action();
        a.task = "q\"b\\n\nr\rt\tz\x01y\x1f" "e\x7f";
        const std::string out = render(plan_of({a}), Format::ndjson);
        CHECK(out.find("\"task\":\"q\\\"b\\\\n\\nr\\rt\\tz\\u0001y\\u001fe\x7f\"") != std::string::npos);
        for (char c : out.substr(0, out.size() - 1)) CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
}

TEST_CASE("render_plan to a sink: the same text, piece by piece") {
    std::vector<Action> actions;
    for (int i = 0; i < 50; ++i) actions.push_back(i % 2 ? hospital_action() : conflict_action());
    const Plan plan = plan_of(actions);
    for (Format format : {Format::csv, Format::tsv, Format::json, Format::ndjson, Format::table, Format::ics}) {
        CAPTURE(static_cast<int>(format));
        RenderOptions options;
        options.format = format;
        std::vector<std::string> pieces;
        winback::render_plan(plan, options, [&](std::string_view piece) { pieces.emplace_back(piece); });
        std::string joined;
        for (const std::string& piece : pieces) joined += piece;
        CHECK(joined == render(plan, format));
        const bool streams = format != Format::table && format != Format::ics;
        CHECK(pieces.size() == 1);  // 50 rows are far below a piece of 1 MiB
        if (!streams) continue;
        // Small pieces: each holds whole rows and at least `chunk` bytes, but the last.
        pieces.clear();
        winback::render_plan(plan, options, [&](std::string_view piece) { pieces.emplace_back(piece); }, 500);
        CHECK(pieces.size() > 5);
        joined.clear();
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            if (i + 1 < pieces.size()) CHECK(pieces[i].size() >= 500);
            joined += pieces[i];
        }
        CHECK(joined == render(plan, format));
    }
    SUBCASE("a long plan, made in parts on two threads: the same text, in order, every row once") {
        // Parts of machine_part_rows rows: a plan of two and a half rounds of two parts, and one
        // part and a row, and exactly two parts.
        const std::size_t part = winback::machine_part_rows;
        for (std::size_t n : {5 * part + part / 2, part + 1, 2 * part}) {
            CAPTURE(n);
            std::vector<Action> many;
            for (std::size_t i = 0; i < n; ++i) {
                Action a = i % 3 ? hospital_action() : conflict_action();
                a.value = static_cast<long long>(i);  // every row its own
                many.push_back(a);
            }
            const Plan long_plan = plan_of(many);
            for (Format format : {Format::csv, Format::tsv, Format::json, Format::ndjson}) {
                CAPTURE(static_cast<int>(format));
                RenderOptions options;
                options.format = format;
                const std::string whole = winback::render_plan(long_plan, options);  // one thread, no sink
                for (std::size_t chunk : {std::size_t{1} << 20, std::size_t{700}}) {
                    std::string joined;
                    winback::render_plan(long_plan, options, [&](std::string_view piece) { joined += piece; }, chunk);
                    CHECK(joined == whole);
                }
                CHECK(whole.find(fmt::format("{}", n - 1)) != std::string::npos);
            }
        }
    }
    SUBCASE("no rows: the text around them still comes") {
        RenderOptions options;
        options.format = Format::json;
        std::string out;
        winback::render_plan(plan_of({}), options, [&](std::string_view piece) { out += piece; });
        CHECK(out == "[]\n");
    }
}

TEST_CASE("render_plan table") {
    SUBCASE("nothing due prints nothing") {
        CHECK(render(plan_of({}), Format::table) == "");
        CHECK(render(plan_of({}), Format::table, false, winback::Lang::ja) == "");
    }
    SUBCASE("columns aligned by display width") {
        Action wide = hospital_action();
        wide.task = "x";
        Action narrow = hospital_action();
        narrow.client = "Li";
        narrow.client_id = "C-0003";
        narrow.task = "y";
        const std::string out = render(plan_of({wide, narrow}), Format::table);
        const auto lines = split(out, "\n");
        REQUIRE(lines.size() >= 3);
        // The REASON column starts at the same cell on every line.
        auto column_of = [](const std::string& line, std::string_view text) {
            const auto at = line.find(text);
            REQUIRE(at != std::string::npos);
            return winback::display_width(line.substr(0, at));
        };
        const std::size_t header = column_of(lines[0], "REASON");
        CHECK(column_of(lines[1], "hospitalized") == header);
        CHECK(column_of(lines[2], "hospitalized") == header);
    }
}

TEST_CASE("display_width") {
    using winback::display_width;
    SUBCASE("ASCII: one cell each") {
        CHECK(display_width("") == 0);
        CHECK(display_width("abc") == 3);
        CHECK(display_width("C-0001 / 2026-10-14") == 19);
    }
    SUBCASE("Japanese: two cells each") {
        CHECK(display_width("日本語") == 6);
        CHECK(display_width("やまだ はなこ") == 13);
        CHECK(display_width("カタカナー") == 10);
        CHECK(display_width("山田 花子") == 9);
        CHECK(display_width("、。「」") == 8);
    }
    SUBCASE("fullwidth forms two, halfwidth katakana one") {
        CHECK(display_width("ＡＢＣ１") == 8);
        CHECK(display_width("￥") == 2);
        CHECK(display_width("ｱｲｳ") == 3);
    }
    SUBCASE("combining marks take no cell") {
        CHECK(display_width("e\u0301") == 1);
        CHECK(display_width("a\u0300\u0301b") == 2);
        CHECK(display_width("か\u3099") == 2);
        CHECK(display_width("\u200b") == 0);
    }
    SUBCASE("other") {
        CHECK(display_width("é") == 1);
        CHECK(display_width("…") == 1);
        CHECK(display_width("😀") == 2);
    }
}

TEST_CASE("truncate_to_width") {
    using winback::truncate_to_width;
    SUBCASE("fits: unchanged") {
        CHECK(truncate_to_width("日本語", 6) == "日本語");
        CHECK(truncate_to_width("abc", 3) == "abc");
        CHECK(truncate_to_width("", 0) == "");
    }
    SUBCASE("cut with an ellipsis, within the width") {
        CHECK(truncate_to_width("abcdef", 4) == "abc…");
        CHECK(truncate_to_width("日本語", 5) == "日本…");
        CHECK(truncate_to_width("日本語", 4) == "日…");
        CHECK(truncate_to_width("日本語", 2) == "…");
        CHECK(truncate_to_width("日本語", 1) == "…");
        CHECK(truncate_to_width("日本語", 0) == "");
    }
    SUBCASE("combining marks stay with their letter") {
        CHECK(truncate_to_width("e\u0301e\u0301e\u0301", 2) == "e\u0301…");
    }
    SUBCASE("never splits a UTF-8 character, at any width") {
        const std::string texts[] = {"日本語テキストabc", "a日b本c語", "やまだ はなこ様へ、ご連絡", "ｱｲｳＡＢＣ😀x",
                                     "e\u0301a\u0300日\u3099本"};
        for (const std::string& text : texts) {
            const std::size_t full = winback::display_width(text);
            for (std::size_t w = 0; w <= full + 1; ++w) {
                const std::string out = truncate_to_width(text, w);
                CHECK_MESSAGE(winback::valid_utf8(out), text, " at ", w);
                CHECK_MESSAGE(winback::display_width(out) <= w, text, " at ", w);
                if (w >= full) {
                    CHECK(out == text);
                } else if (w > 0) {
                    CHECK(out.ends_with("…"));
                    CHECK(text.starts_with(out.substr(0, out.size() - std::string_view("…").size())));
                }
            }
        }
    }
    SUBCASE("invalid UTF-8 does not crash") {
        const std::string bad = "\xff\xfe abc \xe6\x97";
        for (std::size_t w = 0; w < 10; ++w) CHECK(winback::display_width(truncate_to_width(bad, w)) <= w);
    }
}

TEST_CASE("text helpers") {
    SUBCASE("valid_utf8") {
        CHECK(winback::valid_utf8(""));
        CHECK(winback::valid_utf8("日本語 abc"));
        CHECK_FALSE(winback::valid_utf8("\xff"));
        CHECK_FALSE(winback::valid_utf8("\xe6\x97"));         // cut short
        CHECK_FALSE(winback::valid_utf8("\xc0\xaf"));         // overlong
        CHECK_FALSE(winback::valid_utf8("\xed\xa0\x80"));     // surrogate
        CHECK_FALSE(winback::valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    }
    SUBCASE("json_escape") {
        CHECK(winback::json_escape("plain 日本") == "plain 日本");
        CHECK(winback::json_escape("\"\\/") == "\\\"\\\\/");
        CHECK(winback::json_escape("\n\r\t\b\f") == "\\n\\r\\t\\u0008\\u000c");
        CHECK(winback::json_escape(std::string_view("\0", 1)) == "\\u0000");
        // Every byte, at every place of a sixteen-byte block and after it, in a long text.
        const std::string body = "日本語の長い文章abcdefghijklmnopqrstuvwxyz";
        for (int c = 0; c < 0x80; ++c) {
            for (std::size_t at = 0; at <= body.size(); at += at < 24 ? 3 : 1) {  // between characters
                std::string text = body;
                text.insert(at, 1, static_cast<char>(c));
                std::string expected = body;
                const auto escaped = [c]() -> std::string {
                    switch (c) {
                        case '"': return "\\\"";
                        case '\\': return "\\\\";
                        case '\n': return "\\n";
                        case '\r': return "\\r";
                        case '\t': return "\\t";
                        default: return c < 0x20 ? fmt::format("\\u{:04x}", c) : std::string(1, static_cast<char>(c));
                    }
                };
                expected.insert(at, escaped());
                CAPTURE(c);
                CAPTURE(at);
                CHECK(winback::json_escape(text) == expected);
            }
        }
    }
    SUBCASE("group_thousands") {
        CHECK(winback::group_thousands(0) == "0");
        CHECK(winback::group_thousands(999) == "999");
        CHECK(winback::group_thousands(1000) == "1,000");
        CHECK(winback::group_thousands(1234567) == "1,234,567");
        CHECK(winback::group_thousands(-1234) == "-1,234");
    }
    SUBCASE("pad_to_width") {
        CHECK(winback::pad_to_width("日本", 6) == "日本  ");
        CHECK(winback::pad_to_width("abc", 2) == "abc");
    }
}

namespace {

struct Numbered {
    std::size_t n = 0;
};

std::string number_cell(const Numbered& row, winback::Audience, winback::Lang) {
    if (row.n == 6000) throw std::runtime_error("row 6000");  // in the second part: the other thread
    return fmt::format("{}", row.n);
}

}  // namespace

TEST_CASE("render_machine: what a part's thread throws is thrown to the caller, after the join") {
    constexpr std::array<winback::Column<Numbered>, 1> columns = {{{"n", "N", "N", winback::ValueKind::number, number_cell}}};
    std::vector<Numbered> rows(3 * winback::machine_part_rows);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].n = i;
    std::string out;
    CHECK_THROWS_WITH(winback::render_machine<Numbered>(columns, rows, Format::ndjson, false,
                                                        [&](std::string_view piece) { out += piece; }),
                      "row 6000");
    rows[6000].n = 1;  // now nothing throws: every row, in order
    out.clear();
    winback::render_machine<Numbered>(columns, rows, Format::csv, false, [&](std::string_view piece) { out += piece; });
    CHECK(out.starts_with("n\r\n0\r\n1\r\n2\r\n"));
    CHECK(std::count(out.begin(), out.end(), '\n') == static_cast<long>(rows.size()) + 1);
}
