// validate_log over a log long enough to be checked in parts (one thread each): every message,
// in the order of the log, as the entries one after the other give them.

#include "winback/load.hpp"
#include "test_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

using namespace winback;

namespace {

Date day(const char* text) {
    const auto d = parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

constexpr int entries = 40000;  // more than one part
constexpr int clients = 1000;

std::string id_of(int i) {
    return i % 9000 == 4 ? fmt::format("X-{}", i) : fmt::format("C-{}", i % clients);
}

// Entry i starts at line 10 * i + 1 of log.toml; its keys are on the lines after.
Entry entry(int i) {
    Entry e;
    const int line = 10 * i + 1;
    e.date = day(i % 6000 == 1 ? "2027-01-01" : "2026-02-01");
    e.client = test::kept(id_of(i));
    e.outcome = test::kept(i == entries - 1 ? "returned" : i % 5000 == 0 ? "reachd" : "reached");
    e.step = test::kept(i % 4000 == 2 ? "nostep" : i % 4000 == 3 ? "ask-real-reason" : "");
    e.reason = test::kept(i % 11000 == 5 ? "nosuchreason" : "");
    e.where = {line, 1};
    e.client_at = {line + 2, 10};
    e.outcome_at = {line + 3, 11};
    e.step_at = {line + 4, 8};
    e.reason_at = {line + 5, 10};
    return e;
}

}  // namespace

TEST_CASE("validate_log: a long log checked in parts gives every message in the order of the log") {
    Book book;
    book.paths = {"clients.toml", "playbooks.toml", "facility.toml", "log.toml"};
    book.playbooks = builtin_playbooks(Lang::en);
    std::vector<std::string> ids;
    for (int c = 0; c < clients; ++c) {
        Client client;
        ids.push_back(fmt::format("C-{}", c));
        client.id = test::kept(ids.back());
        client.status = Status::lapsed;
        client.lapse_date = day("2026-01-01");
        client.reason = test::kept("conflict");
        client.where = {c + 1, 1};
        book.clients.push_back(client);
    }
    for (int i = 0; i < entries; ++i) book.log.push_back(entry(i));
    const Date today = day("2026-12-01");
    Diagnostics diagnostics;
    validate_log(book, diagnostics, today);

    // What each entry gives, in the order validate_log checks it.
    std::vector<std::string_view> id_views(ids.begin(), ids.end());
    std::vector<std::string> expected;
    for (int i = 0; i < entries; ++i) {
        const Entry e = entry(i);
        const std::string who = id_of(i);
        const auto at = [](Where w) { return fmt::format("log.toml:{}:{}", w.line, w.column); };
        if (who.starts_with("X-")) {
            expected.push_back(fmt::format("{}: warning: log entry: unknown client \"{}\"{}", at(e.client_at), who,
                                           did_you_mean(who, id_views)));
            continue;
        }
        if (i % 6000 == 1) {
            expected.push_back(fmt::format("{}: warning: log entry for client \"{}\" is dated 2027-01-01, in the future",
                                           at(e.where), who));
        }
        if (i % 5000 == 0) {
            expected.push_back(fmt::format(
                "{}: error: log entry for client \"{}\": unknown outcome \"reachd\"; did you mean \"reached\"?",
                at(e.outcome_at), who));
        }
        if (i % 11000 == 5) {
            expected.push_back(fmt::format(
                "{}: error: log entry for client \"{}\": unknown reason \"nosuchreason\"",
                at(e.reason_at), who));
        }
        if (i % 4000 == 2) {
            expected.push_back(fmt::format(
                "{}: warning: log entry for client \"{}\": \"nostep\" is no step of the client's playbook",
                at(e.step_at), who));
        }
    }
    // And the clients file against the log, after every entry: the last entry says C-999 returned.
    expected.push_back(
        "clients.toml:1000:1: warning: client \"C-999\" is still \"lapsed\" but log.toml says they returned on "
        "2026-02-01: set status = \"returned\"");

    std::vector<std::string> got;
    for (const Diagnostic& d : diagnostics.items()) got.push_back(format_diagnostic(d));
    CHECK(got.size() == expected.size());
    for (std::size_t k = 0; k < std::min(got.size(), expected.size()); ++k) {
        CAPTURE(k);
        REQUIRE(got[k] == expected[k]);
    }
    // Messages from both halves of the log, so from more than one part.
    std::size_t first_half = 0, second_half = 0;
    for (const Diagnostic& d : diagnostics.items()) {
        if (d.path != "log.toml") continue;
        ++(d.where.line < 10 * entries / 2 ? first_half : second_half);
    }
    CHECK(first_half >= 10);
    CHECK(second_half >= 10);
}
