#include "winback/diagnostic.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using winback::Diagnostic;
using winback::Diagnostics;
using winback::Severity;

TEST_CASE("format_diagnostic") {
    SUBCASE("with a place") {
        CHECK(winback::format_diagnostic({"clients.toml", {12, 3}, Severity::error, "bad"}) ==
              "clients.toml:12:3: error: bad");
        CHECK(winback::format_diagnostic({"dir/facility.toml", {1, 1}, Severity::warning, "odd"}) ==
              "dir/facility.toml:1:1: warning: odd");
    }
    SUBCASE("for a whole file") {
        CHECK(winback::format_diagnostic({"clients.toml", {}, Severity::error, "file not found"}) ==
              "clients.toml: error: file not found");
    }
}

TEST_CASE("Diagnostics") {
    Diagnostics d;
    d.warning("b.toml", {1, 1}, "w1");
    d.error("a.toml", {3, 5}, "e1");
    d.error("a.toml", {3, 2}, "e2");
    d.error("a.toml", {1, 9}, "e3");
    d.warning("a.toml", {3, 2}, "w2");
    SUBCASE("counts") {
        CHECK(d.has_errors());
        CHECK(d.error_count() == 3);
        CHECK(d.warning_count() == 2);
        CHECK(d.items().size() == 5);
        CHECK_FALSE(Diagnostics{}.has_errors());
    }
    SUBCASE("only warnings is no error") {
        Diagnostics w;
        w.warning("a.toml", {}, "w");
        CHECK_FALSE(w.has_errors());
        CHECK(w.warning_count() == 1);
    }
    SUBCASE("sorted by file, line and column, stable for the same place") {
        std::string order;
        for (const Diagnostic& x : d.sorted()) order += x.message + " ";
        CHECK(order == "e3 e2 w2 e1 w1 ");
        CHECK(d.items()[0].message == "w1");  // items() keeps the order of discovery
    }
}

TEST_CASE("edit_distance") {
    CHECK(winback::edit_distance("", "") == 0);
    CHECK(winback::edit_distance("abc", "") == 3);
    CHECK(winback::edit_distance("", "abc") == 3);
    CHECK(winback::edit_distance("hospitalised", "hospitalized") == 1);
    CHECK(winback::edit_distance("kitten", "sitting") == 3);
    CHECK(winback::edit_distance("lapsd", "lapsed") == 1);
    CHECK(winback::edit_distance("nmae", "name") == 2);
}

TEST_CASE("closest and did_you_mean") {
    constexpr std::string_view reasons[] = {"conflict", "rule_change", "switched", "admitted",
                                            "hospitalized", "deceased", "unknown"};
    constexpr std::string_view weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    SUBCASE("a likely typo") {
        CHECK(winback::did_you_mean("hospitalised", reasons) == "; did you mean \"hospitalized\"?");
        CHECK(winback::did_you_mean("conflct", reasons) == "; did you mean \"conflict\"?");
        CHECK(winback::closest("swiched", reasons) == std::optional<std::string_view>("switched"));
    }
    SUBCASE("nothing close: no suggestion") {
        CHECK(winback::did_you_mean("vacation", reasons) == "");
        CHECK(winback::did_you_mean("", reasons) == "");
        CHECK_FALSE(winback::closest(std::string(100, 'x'), reasons));
    }
    SUBCASE("weekdays in other spellings") {
        CHECK(winback::closest("Tue", weekdays) == std::optional<std::string_view>("tue"));
        CHECK(winback::closest("TUESDAY", weekdays) == std::optional<std::string_view>("tue"));
        CHECK(winback::closest("sunday", weekdays) == std::optional<std::string_view>("sun"));
    }
    SUBCASE("two equally close candidates: no guess") {
        constexpr std::string_view ids[] = {"C-0001", "C-0002"};
        CHECK_FALSE(winback::closest("C-0003", ids));
        CHECK(winback::closest("C-001", ids) == std::optional<std::string_view>("C-0001"));
    }
    SUBCASE("a word one letter short of a candidate is not taken for a shorter one it starts with") {
        // The prefix rule meant for "tuesday" -> "tue" must not turn "closed_weekday" (one letter off
        // "closed_weekdays") into "closed".
        constexpr std::string_view keys[] = {"name", "closed_weekdays", "holidays", "closed", "shift"};
        CHECK(std::string(winback::closest("closed_weekday", keys).value_or("(none)")) == "closed_weekdays");
        CHECK(winback::did_you_mean("closed_weekday", keys) == "; did you mean \"closed_weekdays\"?");
        constexpr std::string_view client_keys[] = {"reason", "reason_note", "care_manager"};
        CHECK(std::string(winback::closest("reason_not", client_keys).value_or("(none)")) == "reason_note");
    }
}
