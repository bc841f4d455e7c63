// A new log entry: its text in log.toml (escaping, layout, round trip) and its checks.

#include <doctest/doctest.h>

#include <string>

#include "winback/load.hpp"
#include "winback/log_entry.hpp"
#include "test_text.hpp"

using namespace winback;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

Entry make_entry(std::string note = "", std::string step = "family-monthly") {
    Entry e;
    e.date = d("2026-10-14");
    e.client = "C-0001";
    e.step = test::kept(step);
    e.outcome = "reached";
    e.by = "田中";
    e.note = test::kept(note);
    return e;
}

// The entries of a log text, which must load without any problem. Their bytes are kept for the
// whole test run.
std::vector<Entry> load_clean(const std::string& text) {
    Diagnostics diagnostics;
    LogFile log = load_log(text, "log.toml", diagnostics);
    for (const auto& diagnostic : diagnostics.items()) INFO(format_diagnostic(diagnostic));
    REQUIRE(log.parsed);
    REQUIRE(diagnostics.items().empty());
    static TextPool bytes;
    bytes.adopt(log.text);
    return log.entries;
}

void check_same(const Entry& a, const Entry& b) {
    CHECK(a.date == b.date);
    CHECK(a.client == b.client);
    CHECK(a.step == b.step);
    CHECK(a.outcome == b.outcome);
    CHECK(a.by == b.by);
    CHECK(a.note == b.note);
    CHECK(a.reason == b.reason);
}

// C-1 lapsed (hospitalized), C-2 active at risk (conflict), C-3 active with no playbook,
// C-4 unknown, reclassified to admitted in the log; a book playbook waits for "moved_home".
Book test_book() {
    const std::string clients = R"(
[[client]]
id = "C-1"
name = "A"
status = "lapsed"
lapse_date = 2026-09-01
reason = "hospitalized"

[[client]]
id = "C-2"
name = "B"
status = "active"
at_risk = { reason = "conflict", since = 2026-11-02 }

[[client]]
id = "C-3"
name = "C"
status = "active"

[[client]]
id = "C-4"
name = "D"
status = "lapsed"
lapse_date = 2026-07-01
reason = "unknown"

[[client]]
id = "C-5"
name = "E"
status = "lapsed"
lapse_date = 2026-07-01
reason = "moving"
)";
    const std::string playbooks = R"(
[[playbook]]
reason = "moving"
return_rate = 0.2

  [[playbook.step]]
  id = "call-after-move"
  after = "moved_home"
  at = "7d"
  to = "family"
  via = "call"
  task = "Ask how the move went"
)";
    const std::string log = R"(
[[entry]]
date = 2026-08-01
client = "C-4"
outcome = "reached"
reason = "admitted"
)";
    BookSources sources{{"clients.toml", clients}, {"playbooks.toml", playbooks}, {"facility.toml", std::nullopt},
                        {"log.toml", log}};
    Diagnostics diagnostics;
    Book book = load_book(sources, Lang::en, diagnostics);
    for (const auto& diagnostic : diagnostics.items()) INFO(format_diagnostic(diagnostic));
    REQUIRE_FALSE(diagnostics.has_errors());
    return book;
}

Entry entry_for(const char* client, const char* step, const char* outcome, const char* date = "2026-11-20") {
    Entry e;
    e.date = d(date);
    e.client = client;
    e.step = step;
    e.outcome = outcome;
    return e;
}

}  // namespace

TEST_CASE("toml_basic_string") {
    SUBCASE("plain and Japanese text is kept as it is") {
        CHECK(toml_basic_string("") == R"("")");
        CHECK(toml_basic_string("来月退院予定") == R"("来月退院予定")");
        CHECK(toml_basic_string("it's 50% done") == R"("it's 50% done")");
    }
    SUBCASE("quotes and backslashes are escaped") {
        CHECK(toml_basic_string(R"(say "hi")") == R"("say \"hi\"")");
        CHECK(toml_basic_string(R"(C:\temp\)") == R"("C:\\temp\\")");
        CHECK(toml_basic_string(R"(\u0041)") == R"("\\u0041")");
    }
    SUBCASE("newlines and control characters are escaped") {
        CHECK(toml_basic_string("a\nb") == R"("a\nb")");
        CHECK(toml_basic_string("a\r\nb") == R"("a\r\nb")");
        CHECK(toml_basic_string("a\tb") == R"("a\tb")");
        CHECK(toml_basic_string("\b\f") == R"("\b\f")");
        CHECK(toml_basic_string(std::string("\x01\x1f\x7f", 3)) == R"("\u0001\u001F\u007F")");
        CHECK(toml_basic_string(std::string("a\0b", 3)) == R"("a\u0000b")");
    }
    SUBCASE("text that looks like TOML stays inside the string") {
        CHECK(toml_basic_string("\"\n[[entry]]\nclient = \"x") == R"("\"\n[[entry]]\nclient = \"x")");
    }
}

TEST_CASE("entry_text") {
    SUBCASE("every field, in order, the date unquoted") {
        Entry e = make_entry("来月退院予定");
        e.reason = "admitted";
        CHECK(entry_text(e) == "[[entry]] # written by winback\n"
                               "date = 2026-10-14\n"
                               "client = \"C-0001\"\n"
                               "step = \"family-monthly\"\n"
                               "outcome = \"reached\"\n"
                               "by = \"田中\"\n"
                               "note = \"来月退院予定\"\n"
                               "reason = \"admitted\"\n"
                               "# end of entry\n");
    }
    SUBCASE("empty fields are left out") {
        Entry e = make_entry("", "");
        e.by.clear();
        CHECK(entry_text(e) == "[[entry]] # written by winback\ndate = 2026-10-14\nclient = \"C-0001\"\n"
                               "outcome = \"reached\"\n# end of entry\n");
    }
}

TEST_CASE("log_append_text") {
    const Entry e = make_entry("", "");
    const std::string text = entry_text(e);
    SUBCASE("a new or empty log gets the entry alone") {
        CHECK(log_append_text("", e) == text);
    }
    SUBCASE("a blank line separates it from what is there") {
        CHECK(log_append_text("# log\n", e) == "\n" + text);
        CHECK(log_append_text("# log\n\n", e) == text);
        CHECK(log_append_text("# log\r\n\r\n", e) == text);
    }
    SUBCASE("a file without a final newline gets one first") {
        CHECK(log_append_text("# log", e) == "\n\n" + text);
        CHECK(log_append_text("[[entry]]\ndate = 2026-10-01\nclient = \"C-1\"\noutcome = \"sent\"", e) == "\n\n" + text);
    }
}

TEST_CASE("entry round trip") {
    SUBCASE("load_log gives back the entry written") {
        const std::string notes[] = {"来月退院予定",
                                     R"(quote " and backslash \ and \n literally)",
                                     "line one\nline two\r\n三行目",
                                     "tab\there, bell\a, del\x7f",
                                     std::string("nul\0here", 8),
                                     "'''\"\"\" # not a comment",
                                     "[[entry]]\nclient = \"C-9\""};
        for (const std::string& note : notes) {
            CAPTURE(note);
            Entry e = make_entry(note);
            e.reason = "admitted";
            const auto entries = load_clean(entry_text(e));
            REQUIRE(entries.size() == 1);
            check_same(entries[0], e);
        }
    }
    SUBCASE("appended to a hand-written log: what was there stays, the entry comes last") {
        const std::string existing = "# 連絡記録\n\n[[entry]]\ndate = 2026-10-01  # by hand\nclient = \"C-0001\"\n"
                                     "outcome = \"sent\"\n# trailing comment without newline";
        const Entry e = make_entry("次回は11月");
        const std::string bytes = log_append_text(existing, e);
        const auto entries = load_clean(existing + bytes);
        REQUIRE(entries.size() == 2);
        CHECK(entries[0].outcome == "sent");
        check_same(entries[1], e);
    }
}

TEST_CASE("check_new_entry") {
    const Book book = test_book();
    const Date today = d("2026-11-23");
    auto check = [&](const Entry& e) { return check_new_entry(book, e, today).value_or("ok"); };

    SUBCASE("good entries") {
        CHECK(check(entry_for("C-1", "family-monthly", "reached")) == "ok");
        CHECK(check(entry_for("C-1", "", "no_answer")) == "ok");
        CHECK(check(entry_for("C-1", "", "discharged", "2026-11-23")) == "ok");
        CHECK(check(entry_for("C-3", "", "reached")) == "ok");
    }
    SUBCASE("unknown client") {
        CHECK(check(entry_for("C-55", "", "reached")) == R"(unknown client "C-55"; did you mean "C-5"?)");
        CHECK(check(entry_for("X-ABCDEFGH", "", "reached")) == R"(unknown client "X-ABCDEFGH")");
    }
    SUBCASE("the step must belong to the client's playbooks") {
        CHECK(check(entry_for("C-1", "family-montly", "reached")) ==
              R"(client "C-1" has no step "family-montly" (playbook "hospitalized"); did you mean "family-monthly"?)");
        CHECK(check(entry_for("C-1", "ask-real-reason", "reached")) ==
              R"(client "C-1" has no step "ask-real-reason" (playbook "hospitalized"))");
        CHECK(check(entry_for("C-3", "ask-reason", "reached")) ==
              "client \"C-3\" follows no playbook, so step \"ask-reason\" cannot be theirs (leave the step out to log a "
              "contact not tied to a step)");
    }
    SUBCASE("at-risk and reclassified clients: the steps of every playbook they follow") {
        CHECK(check(entry_for("C-2", "ask-real-reason", "reached")) == "ok");
        CHECK(check(entry_for("C-4", "ask-reason", "reached")) == "ok");
        CHECK(check(entry_for("C-4", "family-letter", "sent")) == "ok");
        CHECK(check(entry_for("C-4", "famly-letter", "sent")) ==
              "client \"C-4\" has no step \"famly-letter\" (playbooks \"unknown\", \"admitted\"); did you mean "
              "\"family-letter\"?");
    }
    SUBCASE("a reclassification admits the steps of its own playbook") {
        Entry e = entry_for("C-1", "family-letter", "sent");
        CHECK(check(e) == R"(client "C-1" has no step "family-letter" (playbook "hospitalized"))");
        e.reason = "admitted";
        CHECK(check(e) == "ok");
        e.reason = "admited";
        CHECK(check(e) == R"(no playbook for reason "admited"; did you mean "admitted"?)");
        e.reason = "zzz";
        CHECK(check(e) == "no playbook for reason \"zzz\"; the playbooks are: conflict, rule_change, switched, admitted, "
                          "hospitalized, deceased, unknown, moving");
    }
    SUBCASE("outcomes: the known ones and the events steps wait for") {
        CHECK(check(entry_for("C-5", "", "moved_home")) == "ok");
        CHECK(check(entry_for("C-5", "call-after-move", "reached")) == "ok");
        CHECK(check(entry_for("C-1", "", "reachd")) == R"(unknown outcome "reachd"; did you mean "reached"?)");
        CHECK(check(entry_for("C-1", "", "called")) ==
              "unknown outcome \"called\"; expected one of: reached, no_answer, left_message, sent, visited, "
              "declined, returned, discharged, deceased, moved_home");
    }
    SUBCASE("the date must not be after today") {
        CHECK(check(entry_for("C-1", "", "reached", "2026-11-23")) == "ok");
        CHECK(check(entry_for("C-1", "", "reached", "2026-11-24")) ==
              "the date 2026-11-24 is in the future (today is 2026-11-23): log what was done, not what is planned");
    }
    SUBCASE("every text must be valid UTF-8") {
        Entry e = entry_for("C-1", "", "reached");
        e.note = "\xff\xfe";
        CHECK(check(e) == R"(the value of "note" is not valid UTF-8)");
        e.note.clear();
        e.by = "田\xe4";
        CHECK(check(e) == R"(the value of "by" is not valid UTF-8)");
    }
    SUBCASE("long values are cut in messages, between characters") {
        const std::string id = "C-" + std::string(30, 'x') + std::string("あいうえおかきくけこさしすせそ");
        CHECK(check(entry_for(id.c_str(), "", "reached")) ==
              "unknown client \"C-" + std::string(30, 'x') + "あいうえおかきくけこ…\"");
    }
}
