#include "winback/timeline.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "winback/calendar.hpp"
#include "winback/course.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

struct KindWords {
    std::string_view key;
    std::string_view en;
    std::string_view ja;
    int rank;  // order within one day
};

// In the order of EventKind.
constexpr std::array<KindWords, 9> kinds = {{
    {"lapse", "lapse", "休止", 0},
    {"at_risk", "at risk", "要注意", 1},
    {"rule_reverted", "rule reverted", "ルール撤回", 2},
    {"contact", "contact", "記録", 3},
    {"reclassified", "reclassified", "理由変更", 3},
    {"stop", "stop", "終了", 3},
    {"missed", "missed", "未実施", 4},
    {"expired", "expired", "期限切れ", 4},
    {"stop_after", "follow-up ended", "追跡期間終了", 5},
}};

const KindWords& words_of(EventKind kind) {
    return kinds.at(static_cast<std::size_t>(kind));
}

EventKind kind_of(const Entry& e) {
    if (is_stop_outcome(e.outcome)) return EventKind::stop;
    return e.reason.empty() ? EventKind::contact : EventKind::reclassified;
}

// Past occurrences of the course's steps that the log does not show as done: each one of a
// recurring step, not only the latest that the plan lists as overdue.
void add_missed(const Book& book, const Client& client, const Course& course, std::span<const Entry* const> entries,
                Date today, std::vector<Event>& events) {
    const Date end = course.ended ? std::min(today, *course.ended) : today;  // due before this
    for (const DueOccurrence& o : due_occurrences(book, client, course, entries, std::nullopt, end)) {
        if (o.done) continue;
        const bool expired = o.step->expire && add(o.due, *o.step->expire) < today;
        events.push_back({o.due, expired ? EventKind::expired : EventKind::missed, o.step->id, {}, {}, {}, {}});
    }
}

std::vector<Event> story(const Book& book, const Client& client, std::span<const Entry* const> entries, Date today) {
    std::vector<Event> events;
    if (client.lapse_date) {
        events.push_back({*client.lapse_date, EventKind::lapse, {}, {}, {}, client.reason_note, client.reason});
    }
    if (client.at_risk) {
        events.push_back({client.at_risk->since, EventKind::at_risk, {}, {}, {}, client.at_risk->note,
                          client.at_risk->reason});
    }
    if (const Rule* rule = client.rule.empty() ? nullptr : book.find_rule(client.rule); rule && rule->reverted) {
        events.push_back({*rule->reverted, EventKind::rule_reverted, {}, {}, {}, rule->title, {}});
    }
    for (const Entry* e : entries) {
        events.push_back({e->date, kind_of(*e), e->step, e->outcome, e->by, e->note, e->reason});
    }
    if (const auto course = course_of(book, client, entries)) {
        add_missed(book, client, *course, entries, today, events);
        if (course->stop && *course->stop < today && !(course->ended && *course->ended <= *course->stop)) {
            events.push_back({*course->stop, EventKind::stop_after, {}, {}, {}, {}, course->playbook->reason});
        }
    }
    std::erase_if(events, [&](const Event& e) { return e.date > today; });
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        if (a.date != b.date) return a.date < b.date;
        return words_of(a.kind).rank < words_of(b.kind).rank;
    });
    return events;
}

std::string json_string(std::string_view s) {
    // Appended piece by piece: g++ 12 at -O2 warns falsely (-Wrestrict) on "\"" + string.
    std::string out = "\"";
    out += json_escape(s);
    out += '"';
    return out;
}

std::string json_date(const std::optional<Date>& date) {
    return date ? json_string(format_date(*date)) : "null";
}

std::string json_client(const Timeline& t) {
    const Client& c = t.client;
    return fmt::format("{{\"id\":{},\"name\":{},\"kana\":{},\"status\":{},\"at_risk\":{},\"reason\":{},"
                       "\"lapse_date\":{},\"months_since_lapse\":{},\"owner\":{},\"care_manager\":{},"
                       "\"do_not_contact\":{}}}",
                       json_string(c.id), json_string(c.name), json_string(c.kana), json_string(to_string(c.status)),
                       c.at_risk ? "true" : "false", json_string(t.reason), json_date(c.lapse_date),
                       t.months_since_lapse ? fmt::format("{}", *t.months_since_lapse) : "null", json_string(c.owner),
                       json_string(c.care_manager), c.do_not_contact ? "true" : "false");
}

std::string json_event(const Event& e) {
    return fmt::format("{{\"date\":{},\"kind\":{},\"step\":{},\"outcome\":{},\"by\":{},\"note\":{},\"reason\":{}}}",
                       json_string(format_date(e.date)), json_string(to_string(e.kind)), json_string(e.step),
                       json_string(e.outcome), json_string(e.by), json_string(e.note), json_string(e.reason));
}

std::string render_json(const Timeline& t) {
    std::string out = "{\n  \"client\": " + json_client(t) + ",\n  \"events\": [";
    for (std::size_t i = 0; i < t.events.size(); ++i) out += (i > 0 ? ",\n    " : "\n    ") + json_event(t.events[i]);
    out += t.events.empty() ? "],\n" : "\n  ],\n";
    // The actions exactly as `plan --format json` writes them, indented one level.
    RenderOptions plan_json;
    plan_json.format = Format::json;
    std::string next = render_plan(t.next, plan_json);
    while (!next.empty() && next.back() == '\n') next.pop_back();
    std::string indented;
    for (char c : next) indented += c == '\n' ? std::string("\n  ") : std::string(1, c);
    return out + "  \"next\": " + indented + "\n}\n";
}

std::string_view pick(Lang lang, std::string_view en, std::string_view ja) {
    return lang == Lang::ja ? ja : en;
}

// A sentence about a date, in the language.
std::string say(Lang lang, std::string_view en, std::string_view ja, Date date) {
    return fmt::format(fmt::runtime(pick(lang, en, ja)), format_date(date));
}

std::string header(const Timeline& t, Lang lang) {
    const Client& c = t.client;
    std::string out = fmt::format("{}  {}", c.id, c.name);
    if (!c.kana.empty()) out += fmt::format(fmt::runtime(lang == Lang::ja ? "（{}）" : " ({})"), c.kana);
    std::vector<std::string> facts;
    const std::string status = status_label(c.status, c.at_risk.has_value(), lang);
    facts.push_back(fmt::format("{}: {}", pick(lang, "status", "状態"), status));
    if (!t.reason.empty()) facts.push_back(fmt::format("{}: {}", pick(lang, "reason", "理由"), t.reason));
    if (t.months_since_lapse) {
        facts.push_back(lang == Lang::ja ? fmt::format("休止から{}か月", *t.months_since_lapse)
                                         : fmt::format("{} month{} since the lapse", *t.months_since_lapse,
                                                       *t.months_since_lapse == 1 ? "" : "s"));
    }
    if (!c.owner.empty()) facts.push_back(fmt::format("{}: {}", pick(lang, "owner", "担当"), c.owner));
    if (!t.care_manager.empty()) {
        facts.push_back(fmt::format("{}: {}", pick(lang, "care manager", "ケアマネ"), t.care_manager));
    }
    if (c.do_not_contact) facts.emplace_back(pick(lang, "do not contact", "連絡不可"));
    out += "\n";
    for (std::size_t i = 0; i < facts.size(); ++i) out += (i > 0 ? "  " : "") + facts[i];
    return out + "\n";
}

std::string render_table(const Timeline& t, const RenderOptions& options) {
    const Lang lang = options.lang;
    std::string out = header(t, lang) + "\n";
    if (t.events.empty()) {
        out += say(lang, "Nothing recorded up to {}.\n", "{}までの記録はありません。\n", t.next.today);
    } else {
        std::vector<std::vector<std::string>> rows = {{std::string(pick(lang, "DATE", "日付")),
                                                       std::string(pick(lang, "EVENT", "出来事")),
                                                       std::string(pick(lang, "REASON", "理由")),
                                                       std::string(pick(lang, "STEP", "ステップ")),
                                                       std::string(pick(lang, "OUTCOME", "結果")),
                                                       std::string(pick(lang, "BY", "対応者")),
                                                       std::string(pick(lang, "NOTE", "メモ"))}};
        for (const Event& e : t.events) {
            rows.push_back({format_date(e.date), std::string(label(e.kind, lang)), std::string(e.reason),
                            std::string(e.step), std::string(e.outcome), std::string(e.by), std::string(e.note)});
        }
        for (const std::string& line : align_columns(rows, options.width)) out += line + "\n";
    }
    out += "\n";
    if (t.next.actions.empty()) {
        return out + say(lang, "No actions planned up to {}.\n", "{}までの予定はありません。\n", t.next.until);
    }
    out += say(lang, "Next actions up to {}:\n", "{}までの予定:\n", t.next.until);
    std::vector<std::vector<std::string>> rows = {
        {std::string(pick(lang, "DUE", "期日")), std::string(pick(lang, "LATE", "遅れ")),
         std::string(pick(lang, "STEP", "ステップ")), std::string(pick(lang, "TO", "相手")),
         std::string(pick(lang, "VIA", "方法")), std::string(pick(lang, "CONTACT", "連絡先")),
         std::string(pick(lang, "PHONE", "電話番号")), std::string(pick(lang, "TASK", "内容"))}};
    for (const Action& a : t.next.actions) {
        const std::string late =
            a.overdue_days > 0 ? fmt::format("{}{}", a.overdue_days, pick(lang, "d", "日")) : std::string();
        rows.push_back({format_date(a.due), late, std::string(a.step), std::string(label(a.to, lang)),
                        std::string(label(a.via, lang)), std::string(a.contact), std::string(a.phone), std::string(a.task)});
    }
    const std::vector<std::string> lines = align_columns(rows, options.width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += table_line(lines[i], i > 0 && t.next.actions[i - 1].overdue_days > 0 && options.color);
    }
    return out;
}

}  // namespace

std::string_view to_string(EventKind kind) {
    return words_of(kind).key;
}

std::string_view label(EventKind kind, Lang lang) {
    return lang == Lang::ja ? words_of(kind).ja : words_of(kind).en;
}

std::string current_reason(const Book& book, const Client& client, std::span<const Entry* const> entries) {
    if (client.status == Status::active && client.at_risk) return std::string(client.at_risk->reason);
    std::string reason(client.reason);
    if (!client.lapse_date) return reason;
    for (const Entry* e : entries) {
        if (!e->reason.empty() && e->date >= *client.lapse_date && book.find_playbook(e->reason)) reason = e->reason;
    }
    return reason;
}

std::optional<long> months_since_lapse(const Client& client, Date today) {
    if (client.status != Status::lapsed || !client.lapse_date || *client.lapse_date > today) return std::nullopt;
    return months_between(*client.lapse_date, today);
}

std::string status_label(Status status, bool at_risk, Lang lang) {
    constexpr std::array<std::string_view, 4> ja = {"利用中", "休止", "利用再開", "終了"};
    std::string out(lang == Lang::ja ? ja.at(static_cast<std::size_t>(status)) : to_string(status));
    if (status == Status::active && at_risk) out += lang == Lang::ja ? "（要注意）" : " (at risk)";
    return out;
}

Timeline make_timeline(const Book& book, const Client& client, const TimelineOptions& options) {
    const LogIndex log(book, options.today);
    const auto entries = log.of(client);
    Timeline t;
    t.client = client;
    t.reason = current_reason(book, client, entries);
    if (const CareManager* cm = book.find_care_manager(client.care_manager)) t.care_manager = cm->name;
    t.months_since_lapse = months_since_lapse(client, options.today);
    t.events = story(book, client, entries, options.today);
    PlanOptions plan;
    plan.today = options.today;
    plan.until = options.until;
    plan.lang = options.lang;
    plan.filter.clients = {std::string(client.id)};
    t.next = make_plan(book, plan);
    return t;
}

std::string render_timeline(const Timeline& timeline, const RenderOptions& options) {
    return options.format == Format::json ? render_json(timeline) : render_table(timeline, options);
}

}  // namespace winback
