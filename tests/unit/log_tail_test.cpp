// A torn final entry of log.toml: what is left when a write of `winback log` stops part-way,
// told from whole entries and from entries written by hand (torn_tail, check_log_tail).

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "winback/load.hpp"
#include "winback/log_entry.hpp"
#include "test_text.hpp"

using namespace winback;

namespace {

Entry entry(std::string note = "", std::string reason = "") {
    Entry e;
    e.date = *parse_date("2026-10-14");
    e.client = "C-0001";
    e.step = "family-monthly";
    e.outcome = "reached";
    e.by = "田中";
    e.note = test::kept(note);
    e.reason = test::kept(reason);
    return e;
}

std::string example_log() {
    std::ifstream in(WINBACK_SOURCE_DIR "/examples/dayservice/log.toml", std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

int line_count(std::string_view text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

std::string messages(const Diagnostics& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics.sorted()) out += format_diagnostic(d) + "\n";
    return out;
}

}  // namespace

TEST_CASE("torn_tail: whole and hand-written logs") {
    SUBCASE("empty text, blank lines and comments") {
        CHECK_FALSE(torn_tail(""));
        CHECK_FALSE(torn_tail("\n\n\r\n"));
        CHECK_FALSE(torn_tail("# 連絡記録\n"));
    }
    SUBCASE("entries written by hand have no markers and are never torn") {
        CHECK_FALSE(torn_tail(example_log()));
        CHECK_FALSE(torn_tail("[[entry]]\ndate = 2026-10-01\nclient = \"C-1\"\noutcome = \"sent\""));
        CHECK_FALSE(torn_tail("[[entry]]  # 電話\ndate = 2026-10-01\n"));
        CHECK_FALSE(torn_tail("[[entry]]\n"));
    }
    SUBCASE("an entry as winback writes it is whole, with or without what may follow it") {
        const std::string text = entry_text(entry("来月"));
        CHECK_FALSE(torn_tail(text));
        CHECK_FALSE(torn_tail(text.substr(0, text.size() - 1)));  // the closing line without its newline
        CHECK_FALSE(torn_tail(text + "\n# 手で書いたコメント\n\n"));
        CHECK_FALSE(torn_tail(text + "\n[[entry]]\ndate = 2026-10-15\nclient = \"C-1\"\noutcome = \"sent\"\n"));
    }
    SUBCASE("CRLF line endings, trailing blanks and a byte order mark do not hide the markers") {
        std::string text = entry_text(entry());
        std::string crlf;
        for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        CHECK_FALSE(torn_tail(crlf));
        CHECK_FALSE(torn_tail("\xEF\xBB\xBF" + crlf));
        const std::string cut = "\xEF\xBB\xBF[[entry]] # written by winback  \r\ndate = 2026-10-14\r\n";
        REQUIRE(torn_tail(cut));
        CHECK(torn_tail(cut)->first_line == 1);
        CHECK(torn_tail(cut)->last_line == 2);
    }
    SUBCASE("only the final entry counts: an opening line copied by hand into an earlier entry is not torn") {
        const std::string text = "[[entry]] # written by winback\ndate = 2026-10-01\nclient = \"C-1\"\n"
                                 "outcome = \"sent\"\n\n[[entry]]\ndate = 2026-10-02\nclient = \"C-1\"\n"
                                 "outcome = \"sent\"\n";
        CHECK_FALSE(torn_tail(text));
    }
}

TEST_CASE("torn_tail: every cut of an appended entry is whole, as before, or reported") {
    const std::string logs[] = {"",
                                "# 連絡記録\n",
                                "# no newline at the end",
                                entry_text(entry("前の記録")),
                                example_log()};
    const Entry entries[] = {entry(), entry("ご家族と話した。\n\"来月また\" \\ 記号", "admitted")};
    int cuts = 0, torn = 0;
    for (const std::string& before : logs) {
        for (const Entry& e : entries) {
            const std::string bytes = log_append_text(before, e);
            const std::size_t separator = bytes.find('[');
            REQUIRE(separator != std::string::npos);
            const int opening_line = line_count(before + bytes.substr(0, separator)) + 1;
            Diagnostics d0;
            const std::size_t entries_before = load_log(before, "log.toml", d0).entries.size();
            REQUIRE_FALSE(d0.has_errors());
            for (std::size_t k = 0; k <= bytes.size(); ++k) {
                const std::string text = before + bytes.substr(0, k);
                CAPTURE(text.substr(before.size()));
                ++cuts;
                Diagnostics d;
                const LogFile log = load_log(text, "log.toml", d);
                const auto tail = torn_tail(text);
                if (k <= separator) {
                    // Only blank lines were added: the log is as it was.
                    CHECK_FALSE(tail);
                    CHECK_FALSE(d.has_errors());
                    CHECK(log.entries.size() == entries_before);
                } else if (k + 1 >= bytes.size()) {
                    // Whole, perhaps without the last newline.
                    CHECK_FALSE(tail);
                    CHECK_FALSE(d.has_errors());
                    CHECK(log.entries.size() == entries_before + 1);
                } else {
                    ++torn;
                    REQUIRE(tail);
                    CHECK(tail->first_line == opening_line);
                    CHECK(tail->last_line == line_count(text) + (text.back() == '\n' ? 0 : 1));
                    REQUIRE(d.has_errors());
                    const std::string all = messages(d);
                    CHECK(all.find(fmt::format("log.toml:{}:1: error: the last entry (", opening_line)) !=
                          std::string::npos);
                }
            }
        }
    }
    MESSAGE(cuts, " cuts checked, ", torn, " of them torn and reported");
    CHECK(torn > 500);
}

TEST_CASE("check_log_tail") {
    SUBCASE("the message names the lines and says how to repair them") {
        const std::string text = "# log\n\n[[entry]] # written by winback\ndate = 2026-10-14\nclient = \"C-1\"\n";
        Diagnostics d;
        check_log_tail(text, "log.toml", d);
        CHECK(messages(d) == "log.toml:3:1: error: the last entry (lines 3–5) is cut short: it starts as winback "
                             "writes entries but has no closing line \"# end of entry\" (a write was interrupted); "
                             "delete lines 3–5, or complete the entry and add that line\n");
    }
    SUBCASE("a write stopped inside the opening line: one line") {
        Diagnostics d;
        check_log_tail("# log\n\n[[entry]] # writ", "log.toml", d);
        CHECK(messages(d) == "log.toml:3:1: error: the last entry (line 3) is cut short: it starts as winback "
                             "writes entries but has no closing line \"# end of entry\" (a write was interrupted); "
                             "delete line 3, or complete the entry and add that line\n");
    }
    SUBCASE("a cut at a line boundary that still parses is an error all the same") {
        const std::string text = "[[entry]] # written by winback\ndate = 2026-10-14\nclient = \"C-1\"\n"
                                 "outcome = \"reached\"\nby = \"田中\"\n";
        Diagnostics d;
        const LogFile log = load_log(text, "log.toml", d);
        CHECK(log.parsed);
        CHECK(log.entries.size() == 1);
        CHECK(d.error_count() == 1);
    }
}
