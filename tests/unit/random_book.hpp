#pragma once
// Random books for the property tests (property_test.cpp): the text of clients.toml,
// facility.toml, playbooks.toml and log.toml, from a seed, and the facts about them that the
// properties are checked against (the calendars), kept apart from what winback loads.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "test_text.hpp"

#include "winback/date.hpp"
#include "winback/holidays.hpp"
#include "winback/load.hpp"
#include "winback/log_entry.hpp"

namespace winback::test {

// splitmix64: the same numbers on every platform and standard library.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    long between(long lo, long hi) { return lo + static_cast<long>(below(static_cast<std::size_t>(hi - lo + 1))); }
    bool percent(unsigned p) { return below(100) < p; }
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& items) { return items[below(N)]; }
    template <class T>
    const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }
    template <class T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::uint64_t m_state;
};

// A calendar as generated, to check due dates against without winback's calendar code.
struct CalendarFacts {
    std::set<unsigned> closed_weekdays;  // 0 = Monday
    std::vector<std::pair<Date, Date>> closed;
    bool jp = false;
};

struct RandomBook {
    std::vector<std::string> client_blocks;  // one [[client]] table each, with its contacts
    std::string care_managers;
    std::string facility;
    std::string playbooks;
    std::string log;
    CalendarFacts facility_calendar;
    std::optional<CalendarFacts> office_calendar;  // [care_manager_office]; absent: the facility's
    std::string shift = "next";

    std::string clients_text(const std::vector<std::size_t>& order) const {
        std::string out = care_managers;
        for (std::size_t i : order) out += client_blocks[i];
        return out;
    }
};

inline Date date_between(Rng& rng, Date lo, Date hi) {
    return add_days(lo, rng.between(0, days_between(lo, hi)));
}

// Lapse dates near `today`, favouring the days date arithmetic gets wrong: month ends and Feb 29.
inline Date lapse_date(Rng& rng, Date today) {
    const auto pick = rng.below(10);
    if (pick == 0) return *parse_date("2024-02-29");
    const Date some_day = date_between(rng, add_days(today, -540), add_days(today, 20));
    if (pick <= 3) {
        const Date first_of_month = add_days(some_day, 1 - static_cast<long>(static_cast<unsigned>(some_day.day())));
        return add_days(add_months(first_of_month, 1), -1);
    }
    return some_day;
}

inline CalendarFacts random_calendar(Rng& rng, std::string& text, bool office) {
    CalendarFacts facts;
    const auto weekdays = rng.below(3);
    if (office && rng.percent(70)) {
        facts.closed_weekdays = {5, 6};
    } else {
        while (facts.closed_weekdays.size() < weekdays) facts.closed_weekdays.insert(static_cast<unsigned>(rng.below(7)));
    }
    facts.jp = rng.percent(office ? 80 : 60);
    std::string days;
    for (unsigned w : facts.closed_weekdays) days += fmt::format("{}\"{}\"", days.empty() ? "" : ", ", weekday_key(w));
    text += fmt::format("closed_weekdays = [{}]\nholidays = \"{}\"\n", days, facts.jp ? "jp" : "none");
    std::string closed;
    const auto ranges = rng.below(6);
    for (std::size_t i = 0; i < ranges; ++i) {
        const Date from = i == 0 && rng.percent(50) ? date_between(rng, *parse_date("2024-12-27"), *parse_date("2024-12-31"))
                                                    : date_between(rng, *parse_date("2024-01-01"), *parse_date("2028-02-20"));
        const Date to = add_days(from, rng.between(0, 6));
        facts.closed.emplace_back(from, to);
        if (from == to) {
            closed += fmt::format("{}{}", closed.empty() ? "" : ", ", format_date(from));
        } else {
            closed += fmt::format("{}{{ from = {}, to = {} }}", closed.empty() ? "" : ", ", format_date(from),
                                  format_date(to));
        }
    }
    text += fmt::format("closed = [{}]\n", closed);
    return facts;
}

inline bool closed_on(const CalendarFacts& facts, Date date) {
    if (facts.closed_weekdays.contains(weekday_index(date))) return true;
    for (const auto& [from, to] : facts.closed) {
        if (from <= date && date <= to) return true;
    }
    return facts.jp && jp_holiday(date).has_value();
}

// The steps of each reason's playbook, to log entries against steps that exist.
using StepsByReason = std::vector<std::pair<std::string, std::vector<std::string>>>;

inline const std::vector<std::string>* steps_of(const StepsByReason& steps, std::string_view reason) {
    for (const auto& [r, ids] : steps) {
        if (r == reason) return &ids;
    }
    return nullptr;
}

constexpr std::string_view custom_playbook = R"([[playbook]]
reason = "moved"
title = "引っ越し"
return_rate = 0.2
stop_after = "18m"

  [[playbook.step]]
  id = "cm-quarterly"
  every = "3m"
  from = "1m"
  until = "15m"
  expire = "30d"
  to = "care_manager"
  via = "call"
  task = "{care_manager} に {name} の様子を伺う"

  [[playbook.step]]
  id = "family-letters"
  every = "1m"
  times = 3
  to = "family"
  via = "letter"
  task = "{contact} 様へお便り"

  [[playbook.step]]
  id = "after-moving-home"
  after = "moved_home"
  at = "3d"
  to = "family"
  via = "call"
  task = "戻られたら {days} の枠をご案内"

  [[playbook.step]]
  id = "watch"
  phase = "at_risk"
  every = "2w"
  to = "staff"
  via = "task"
  task = "{name} の様子を見る"
)";

struct ClientFacts {
    std::string id;
    std::string reason;
    std::optional<Date> start;  // lapse date or at_risk.since
};

inline std::string client_block(Rng& rng, Date today, std::size_t index, std::size_t count,
                                const std::vector<std::string>& reasons, bool has_rule, std::size_t care_managers,
                                ClientFacts& facts) {
    static constexpr std::array<std::string_view, 6> family = {"山田", "鈴木", "佐藤", "高橋", "田中", "伊藤"};
    static constexpr std::array<std::string_view, 5> given = {"花子", "一郎", "キヨ子", "正男", "和子"};
    static constexpr std::array<std::string_view, 3> owners = {"田中", "鈴木", "伊藤"};
    static constexpr std::array<std::string_view, 7> follow = {"conflict", "rule_change", "switched", "admitted",
                                                               "hospitalized", "unknown", "moved"};
    facts.id = fmt::format("C-{:03}", index + 1);
    std::string out = fmt::format("\n[[client]]\nid = \"{}\"\nname = \"{} {}\"\n", facts.id, rng.pick(family), rng.pick(given));
    if (rng.percent(70)) out += fmt::format("kana = \"k{}\"\n", rng.below(count));  // equal kana happen: ties
    const auto status = rng.below(100);
    std::string reason;
    if (status < 60) {
        reason = rng.percent(8) ? "deceased" : rng.pick(reasons);
        facts.start = lapse_date(rng, today);
        out += fmt::format("status = \"lapsed\"\nlapse_date = {}\nreason = \"{}\"\n", format_date(*facts.start), reason);
    } else if (status < 85) {
        out += "status = \"active\"\n";
        if (rng.percent(60)) {
            std::string at_risk(rng.pick(follow));
            if (std::find(reasons.begin(), reasons.end(), at_risk) == reasons.end()) at_risk = "conflict";
            facts.start = date_between(rng, add_days(today, -150), add_days(today, 10));
            out += fmt::format("at_risk = {{ reason = \"{}\", since = {}, note = \"様子見\" }}\n", at_risk,
                               format_date(*facts.start));
            reason = at_risk;
        }
    } else {
        out += fmt::format("status = \"{}\"\n", status < 93 ? "returned" : "closed");
        if (rng.percent(50)) {
            reason = rng.pick(reasons);
            out += fmt::format("lapse_date = {}\nreason = \"{}\"\n", format_date(lapse_date(rng, today)), reason);
        }
    }
    facts.reason = reason;
    if (rng.percent(8)) out += "do_not_contact = true\n";
    if (care_managers > 0 && rng.percent(80)) out += fmt::format("care_manager = \"CM-{}\"\n", rng.below(care_managers) + 1);
    std::set<unsigned> days;
    for (auto n = rng.between(1, 3); n > 0; --n) days.insert(static_cast<unsigned>(rng.below(7)));
    std::string day_list;
    for (unsigned d : days) day_list += fmt::format("{}\"{}\"", day_list.empty() ? "" : ", ", weekday_key(d));
    out += fmt::format("days = [{}]\n", day_list);
    if (rng.percent(70)) out += fmt::format("monthly_revenue = {}\n", rng.between(0, 90) * 1000);
    out += fmt::format("owner = \"{}\"\n", rng.pick(owners));
    if (reason == "rule_change" && has_rule) out += "rule = \"smoking\"\n";
    if (reason == "conflict" && count > 1 && rng.percent(60)) {
        out += fmt::format("avoid = [\"C-{:03}\"]\n", (index + 1 + rng.below(count - 1)) % count + 1);
    }
    if (reason == "switched") out += "switched_to = \"ひまわりデイ\"\n";
    if (reason == "admitted") out += "admitted_to = \"特養さくら苑\"\n";
    if (reason == "hospitalized") out += "hospital = \"中央病院\"\n";
    if (rng.percent(70)) {
        out += fmt::format("\n  [[client.contact]]\n  role = \"family\"\n  name = \"{} {}\"\n  relation = \"長男\"\n"
                           "  phone = \"090-{:04}-{:04}\"\n  address = \"東京都目黒区{}\"\n",
                           rng.pick(family), rng.pick(given), rng.below(10000), rng.below(10000), rng.below(100));
    }
    if (rng.percent(20)) out += "\n  [[client.contact]]\n  role = \"hospital\"\n  name = \"中央病院 地域連携室\"\n";
    return out;
}

inline std::string random_entry(Rng& rng, Date today, const std::vector<ClientFacts>& clients,
                                const StepsByReason& steps, const std::vector<std::string>& reasons, bool custom) {
    static constexpr std::array<std::string_view, 5> common = {"reached", "no_answer", "left_message", "sent", "visited"};
    const ClientFacts& c = rng.pick(clients);
    Entry e;
    const Date lo = c.start ? std::min(add_days(*c.start, -30), today) : add_days(today, -400);
    e.date = date_between(rng, lo, add_days(today, 30));  // some in the future: warned about, then ignored
    e.client = test::kept(c.id);
    const auto pick = rng.below(100);
    e.outcome = pick < 5    ? "declined"
                : pick < 10 ? "returned"
                : pick < 14 ? "deceased"
                : pick < 24 ? "discharged"
                : pick < 28 && custom ? "moved_home"
                                      : rng.pick(common);
    const auto* ids = steps_of(steps, c.reason);
    if (ids && !ids->empty() && rng.percent(60)) e.step = test::kept(rng.pick(*ids));
    if (rng.percent(6)) {
        do e.reason = test::kept(rng.pick(reasons));
        while (e.reason == "deceased");
    }
    if (rng.percent(30)) e.by = "田中";
    if (rng.percent(20)) e.note = "ご家族と話した。\"来月また\"";
    if (rng.percent(50)) return entry_text(e);  // as winback writes it, markers and all
    std::string out = fmt::format("[[entry]]\ndate = {}\nclient = \"{}\"\noutcome = \"{}\"\n", format_date(e.date),
                                  e.client, e.outcome);
    if (!e.step.empty()) out += fmt::format("step = \"{}\"  # by hand\n", e.step);
    if (!e.reason.empty()) out += fmt::format("reason = \"{}\"\n", e.reason);
    return out;
}

// A book whose dates are spread around `today`, so that its plans for today have work in them.
inline RandomBook random_book(Rng& rng, Date today, const StepsByReason& builtin_steps) {
    RandomBook book;
    const bool custom = rng.percent(30);
    std::vector<std::string> reasons = {"conflict", "rule_change", "switched", "admitted", "hospitalized", "deceased",
                                        "unknown"};
    StepsByReason steps = builtin_steps;
    if (custom) {
        book.playbooks = std::string(custom_playbook);
        reasons.push_back("moved");
        steps.push_back({"moved", {"cm-quarterly", "family-letters", "after-moving-home", "watch"}});
    }

    std::string& f = book.facility;
    f = "[facility]\nname = \"テストデイ\"\n";
    book.facility_calendar = random_calendar(rng, f, false);
    static constexpr std::array<std::string_view, 3> shifts = {"next", "previous", "none"};
    book.shift = std::string(rng.pick(shifts));
    f += fmt::format("shift = \"{}\"\n", book.shift);
    if (rng.percent(30)) f += fmt::format("capacity = {}\n", rng.between(1, 20));
    if (rng.percent(20)) f += fmt::format("max_actions_per_day = {}\n", rng.between(1, 4));
    if (rng.percent(20)) f += fmt::format("min_gap = \"{}d\"\n", rng.between(1, 10));
    if (rng.percent(50)) {
        f += "\n[care_manager_office]\n";
        book.office_calendar = random_calendar(rng, f, true);
    }
    const bool has_rule = rng.percent(70);
    if (has_rule) {
        f += "\n[[rule]]\nid = \"smoking\"\ntitle = \"館内全面禁煙\"\nchanged = 2024-04-01\n";
        if (rng.percent(60)) f += fmt::format("reverted = {}\n", format_date(date_between(rng, *parse_date("2024-05-01"), *parse_date("2027-12-31"))));
    }

    const auto care_managers = rng.below(3);
    for (std::size_t i = 0; i < care_managers; ++i) {
        book.care_managers += fmt::format("[[care_manager]]\nid = \"CM-{}\"\nname = \"ケアマネ {}\"\nphone = \"03-0000-{:04}\"\n\n",
                                          i + 1, i + 1, i);
    }
    const auto count = static_cast<std::size_t>(rng.between(1, 20));
    std::vector<ClientFacts> clients(count);
    for (std::size_t i = 0; i < count; ++i) {
        book.client_blocks.push_back(client_block(rng, today, i, count, reasons, has_rule, care_managers, clients[i]));
    }
    for (auto n = rng.below(40); n > 0; --n) {
        const std::string text = random_entry(rng, today, clients, steps, reasons, custom);
        book.log += (book.log.empty() ? "" : "\n") + text;
    }
    return book;
}

}  // namespace winback::test
