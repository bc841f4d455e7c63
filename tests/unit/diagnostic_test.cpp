#include "winback/diagnostic.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <random>
#include <span>
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

namespace {

// closest() as it was before its bounds: every candidate's whole table.
std::optional<std::string_view> closest_by_full_tables(std::string_view word, std::span<const std::string_view> candidates) {
    if (word.empty() || word.size() > 64) return std::nullopt;
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view candidate : candidates) {
        if (lower == candidate) return candidate;
    }
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::optional<std::string_view> best;
    std::size_t best_distance = limit + 1;
    bool tie = false;
    for (std::string_view candidate : candidates) {
        const std::size_t distance = winback::edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
            tie = false;
        } else if (distance == best_distance && best && candidate != *best) {
            tie = true;
        }
    }
    if (tie) return std::nullopt;
    if (best) return best;
    for (std::string_view candidate : candidates) {
        if (candidate.size() >= 3 && std::string_view(lower).starts_with(candidate)) return candidate;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("edit_distance_within: the distance up to the bound, bound + 1 past it") {
    CHECK(winback::edit_distance_within("kitten", "sitting", 3) == 3);
    CHECK(winback::edit_distance_within("kitten", "sitting", 2) == 3);
    CHECK(winback::edit_distance_within("kitten", "sitting", 0) == 1);
    CHECK(winback::edit_distance_within("", "abc", 5) == 3);
    CHECK(winback::edit_distance_within("abc", "", 1) == 2);
    const std::string long_a(100, 'a');
    const std::string long_b = std::string(99, 'a') + "b";  // longer than the row kept on the stack
    CHECK(winback::edit_distance_within(long_a, long_b, 10) == 1);
    CHECK(winback::edit_distance(long_a, std::string(100, 'b')) == 100);
}

TEST_CASE("closest and NearWords: the bounds and the groups change no answer (random words and candidates)") {
    // Words from a small alphabet, so that many are near one another, with ties, prefixes,
    // upper case and bytes past ASCII.
    std::mt19937 rng(20261201);
    const std::string_view pieces[] = {"a", "b", "C", "-", "0", "1", "9", "\xe5\xb1\xb1", "x", "A"};
    const auto word = [&] {
        std::string out;
        const std::size_t n = rng() % 12;
        for (std::size_t i = 0; i < n; ++i) out += pieces[rng() % std::size(pieces)];
        return out;
    };
    for (int round = 0; round < 300; ++round) {
        std::vector<std::string> texts;
        for (std::size_t i = 0, n = rng() % 40; i < n; ++i) texts.push_back(word());
        const std::vector<std::string_view> candidates(texts.begin(), texts.end());
        const winback::NearWords near(candidates);
        for (int q = 0; q < 20; ++q) {
            // Half the words are a candidate changed a little, the others anything.
            std::string w = word();
            if (!texts.empty() && rng() % 2 == 0) {
                w = texts[rng() % texts.size()];
                if (!w.empty()) w[rng() % w.size()] = 'b';
            }
            CAPTURE(w);
            const auto expected = closest_by_full_tables(w, candidates);
            CHECK(winback::closest(w, candidates) == expected);
            CHECK(near.closest(w) == expected);
        }
    }
}

TEST_CASE("NearWords: the answers of closest") {
    constexpr std::string_view weekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const winback::NearWords days(weekdays);
    CHECK(days.closest("Tue") == std::optional<std::string_view>("tue"));
    CHECK(days.closest("TUESDAY") == std::optional<std::string_view>("tue"));
    CHECK(days.closest("sunday") == std::optional<std::string_view>("sun"));
    CHECK_FALSE(days.closest(""));
    CHECK_FALSE(days.closest(std::string(100, 'x')));
    CHECK(winback::did_you_mean("tues", days) == "; did you mean \"tue\"?");
    CHECK(winback::did_you_mean("holiday", days) == "");
    // Two that the word spells out: the first in the order given, wherever their groups fall.
    constexpr std::string_view spelled[] = {"tuesd", "tue", "tues"};
    CHECK(winback::NearWords(spelled).closest("tuesdays and more") == std::optional<std::string_view>("tuesd"));
    constexpr std::string_view ids[] = {"C-0001", "C-0002", "K-2024-0153", "C-0001"};
    const winback::NearWords near(ids);
    CHECK_FALSE(near.closest("C-0003"));  // two equally close
    CHECK(near.closest("C-001") == std::optional<std::string_view>("C-0001"));  // a repeated id is no tie
    CHECK(near.closest("K-2024-0135") == std::optional<std::string_view>("K-2024-0153"));
    CHECK_FALSE(near.closest("高橋"));
    CHECK_FALSE(near.closest("Takahashi"));
    const winback::NearWords none(std::span<const std::string_view>{});
    CHECK_FALSE(none.closest("C-0001"));
}
