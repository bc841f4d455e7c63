// `plan --format ics`: the plan as an iCalendar (RFC 5545) to-do list, one VTODO per action.

#include <fmt/format.h>

#include "winback/render.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

// Labels of the DESCRIPTION lines, in the table's words.
struct Labels {
    std::string_view contact, owner, suggestion, late, late_unit, action;
};
constexpr Labels labels_en = {"Contact", "Owner", "Suggestion", "Late", " days", "Action"};
constexpr Labels labels_ja = {"連絡先", "担当", "提案", "遅れ", "日", "ID"};

// 2026-11-24 -> 20261124 (RFC 5545 DATE).
std::string ics_date(Date day) {
    return fmt::format("{:04}{:02}{:02}", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                       static_cast<unsigned>(day.day()));
}

// A property whose value is TEXT: escaped, then folded.
std::string text_property(std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += ics_escape(value);
    return ics_fold(line);
}

// "Yamada Hanako: call (family)" / "山田 花子: 電話(家族)": the name first, as a to-do list shows it.
std::string summary(const Action& a, Lang lang) {
    const std::string_view open = lang == Lang::ja ? "(" : " (";
    return fmt::format("{}: {}{}{})", a.client, label(a.via, lang), open, label(a.to, lang));
}

std::string description(const Action& a, Lang lang) {
    const Labels& l = lang == Lang::ja ? labels_ja : labels_en;
    std::string out(a.task);
    const auto line = [&out](std::string_view name, std::string_view value) {
        if (!value.empty()) out += fmt::format("\n{}: {}", name, value);
    };
    if (a.overdue_days > 0) line(l.late, fmt::format("{}{}", a.overdue_days, l.late_unit));
    line(l.contact, a.phone.empty() ? std::string(a.contact) : fmt::format("{} {}", a.contact, a.phone));
    line(l.owner, a.owner);
    line(l.suggestion, a.suggestion);
    line(l.action, a.action_id);
    return out;
}

std::string vtodo(const Action& a, const std::string& stamp, Lang lang) {
    std::string out = "BEGIN:VTODO\r\n";
    // The occurrence (client/step/nominal date) names the to-do, so that a calendar updates
    // rather than duplicates it when a later plan moves its due date.
    out += text_property("UID", fmt::format("{}@winback", a.action_id));
    out += ics_fold("DTSTAMP:" + stamp);
    out += ics_fold("DUE;VALUE=DATE:" + ics_date(a.due));
    out += text_property("SUMMARY", summary(a, lang));
    out += text_property("DESCRIPTION", description(a, lang));
    out += text_property("CATEGORIES", a.reason);
    out += "STATUS:NEEDS-ACTION\r\n";
    out += "END:VTODO\r\n";
    return out;
}

}  // namespace

std::string render_ics(const Plan& plan, Lang lang) {
    // DTSTAMP is the plan's first day at midnight UTC: the same plan gives the same bytes, and a
    // later plan a later stamp (docs/formats.md).
    const std::string stamp = ics_date(plan.today) + "T000000Z";
    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//winback//winback plan//EN\r\n"
                      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
    for (const Action& a : plan.actions) out += vtodo(a, stamp, lang);
    out += "END:VCALENDAR\r\n";
    return out;
}

}  // namespace winback
