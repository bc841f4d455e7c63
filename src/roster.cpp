#include "winback/roster.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "winback/columns.hpp"
#include "winback/course.hpp"
#include "winback/plan.hpp"
#include "winback/text.hpp"
#include "winback/timeline.hpp"

namespace winback {

namespace {

bool matches(const std::vector<std::string>& wanted, std::string_view value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// What following the client up is worth while winback still plans for them.
long long running_value(const Book& book, const Client& client, std::span<const Entry* const> entries, Date today) {
    if (!may_contact(client)) return 0;
    const auto course = course_of(book, client, entries);
    if (!course || (course->ended && *course->ended <= today) || (course->stop && *course->stop < today)) return 0;
    return std::llround(static_cast<double>(client.monthly_revenue.value_or(0)) * course->playbook->return_rate);
}

std::string date_or_empty(const std::optional<Date>& date) {
    return date ? format_date(*date) : std::string();
}

constexpr std::array<Column<RosterLine>, 13> columns = {{
    {"client_id", "ID", "ID", ValueKind::text, [](const RosterLine& l, Audience, Lang) { return l.client_id; }},
    {"client", "CLIENT", "利用者", ValueKind::text, [](const RosterLine& l, Audience, Lang) { return l.client; }},
    {"status", "STATUS", "状態", ValueKind::text,
     [](const RosterLine& l, Audience who, Lang lang) {
         if (who == Audience::machines) return std::string(to_string(l.status));
         return status_label(l.status, l.at_risk, lang);
     }},
    {"reason", "REASON", "理由", ValueKind::text, [](const RosterLine& l, Audience, Lang) { return l.reason; }},
    {"lapse_date", "LAPSED", "休止日", ValueKind::date,
     [](const RosterLine& l, Audience, Lang) { return date_or_empty(l.lapse_date); }},
    {"months_since_lapse", "MONTHS", "経過月数", ValueKind::number,
     [](const RosterLine& l, Audience, Lang) {
         return l.months_since_lapse ? fmt::format("{}", *l.months_since_lapse) : std::string();
     }},
    {"last_contact", "LAST CONTACT", "最終連絡", ValueKind::date,
     [](const RosterLine& l, Audience, Lang) { return date_or_empty(l.last_contact); }},
    {"last_outcome", "OUTCOME", "結果", ValueKind::text,
     [](const RosterLine& l, Audience, Lang) { return l.last_outcome; }},
    {"next_step", "NEXT STEP", "次のステップ", ValueKind::text,
     [](const RosterLine& l, Audience, Lang) { return l.next_step; }},
    {"next_due", "DUE", "期日", ValueKind::date,
     [](const RosterLine& l, Audience, Lang) { return date_or_empty(l.next_due); }},
    {"overdue_days", "LATE", "遅れ", ValueKind::number,
     [](const RosterLine& l, Audience who, Lang lang) {
         if (!l.next_due) return std::string();
         if (who == Audience::machines) return fmt::format("{}", l.overdue_days);
         if (l.overdue_days == 0) return std::string();
         return fmt::format("{}{}", l.overdue_days, lang == Lang::ja ? "日" : "d");
     }},
    {"owner", "OWNER", "担当", ValueKind::text, [](const RosterLine& l, Audience, Lang) { return l.owner; }},
    {"value", "VALUE", "期待値", ValueKind::number,
     [](const RosterLine& l, Audience who, Lang) {
         if (who == Audience::machines) return fmt::format("{}", l.value);
         return l.value == 0 ? std::string() : "¥" + group_thousands(l.value);
     }},
}};

std::string render_table(const std::vector<RosterLine>& lines, const RenderOptions& options) {
    if (lines.empty()) return {};
    std::string out;
    const std::vector<std::string> text = align_columns(people_cells<RosterLine>(columns, lines, options.lang));
    for (std::size_t i = 0; i < text.size(); ++i) {
        out += table_line(text[i], i > 0 && lines[i - 1].overdue_days > 0 && options.color);
    }
    return out;
}

}  // namespace

std::vector<RosterLine> make_roster(const Book& book, const RosterOptions& options) {
    const RosterFilter& filter = options.filter;
    const LogIndex log(book, options.today);

    // The first action of each client in one plan over the whole window: overdue ones come first.
    PlanOptions plan_options;
    plan_options.today = options.today;
    plan_options.until = options.until;
    plan_options.lang = options.lang;
    plan_options.filter.clients = filter.clients;
    plan_options.filter.owners = filter.owners;
    const Plan plan = make_plan(book, plan_options);
    std::unordered_map<std::string_view, const Action*> first;
    for (const Action& a : plan.actions) first.try_emplace(a.client_id, &a);

    std::vector<RosterLine> lines;
    for (const Client& client : book.clients) {
        if (!matches(filter.clients, client.id) || !matches(filter.owners, client.owner)) continue;
        if (!filter.statuses.empty() &&
            std::find(filter.statuses.begin(), filter.statuses.end(), client.status) == filter.statuses.end()) {
            continue;
        }
        const auto entries = log.of(client);
        RosterLine line;
        line.reason = current_reason(book, client, entries);
        if (!matches(filter.reasons, line.reason)) continue;
        line.client_id = client.id;
        line.client = client.name;
        line.status = client.status;
        line.at_risk = client.status == Status::active && client.at_risk.has_value();
        line.lapse_date = client.lapse_date;
        line.months_since_lapse = months_since_lapse(client, options.today);
        if (!entries.empty()) {
            line.last_contact = entries.back()->date;
            line.last_outcome = entries.back()->outcome;
        }
        if (auto it = first.find(client.id); it != first.end()) {
            line.next_step = it->second->step;
            line.next_due = it->second->due;
            line.overdue_days = it->second->overdue_days;
        }
        line.owner = client.owner;
        line.value = running_value(book, client, entries, options.today);
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string render_roster(const std::vector<RosterLine>& lines, const RenderOptions& options) {
    if (options.format == Format::table) return render_table(lines, options);
    return render_machine<RosterLine>(columns, lines, options.format, options.raw);
}

}  // namespace winback
