// `plan --format html`: a printable call sheet, one A4 section per day, a checkbox and room for
// a handwritten note per action. Self-contained: inline CSS, no script, nothing fetched.

#include <algorithm>
#include <fmt/format.h>

#include "winback/render.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

struct Labels {
    std::string_view title, actions, nothing, done, client, contact, task, note, owner, late, late_unit, suggestion;
};
constexpr Labels labels_en = {"Outreach plan", "actions", "Nothing is due.", "Done", "Client", "Contact",
                              "Task", "Note", "Owner", "Overdue", " days", "Suggestion"};
constexpr Labels labels_ja = {"連絡予定", "件", "予定はありません。", "済", "利用者", "連絡先",
                              "内容", "メモ", "担当", "遅れ", "日", "提案"};

// A4 portrait; the note column and the row height leave room to write by hand. Each day starts
// on a new sheet; a row is never split across sheets, and the header repeats on each sheet.
constexpr std::string_view style = R"(@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #000; background: #fff; font-size: 10pt; line-height: 1.35;
  font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; }
section { break-before: page; }
section:first-of-type { break-before: auto; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
p.count { margin: 0 0 3mm; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.3mm solid #555; padding: 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; font-size: 9pt; }
col.done { width: 12mm; } col.client { width: 33mm; } col.contact { width: 34mm; } col.note { width: 40mm; }
td.done { text-align: center; }
span.box { display: inline-block; width: 5mm; height: 5mm; border: 0.4mm solid #000; margin-top: 0.5mm; }
td.note { height: 16mm; }
.small { font-size: 8.5pt; }
tr.overdue td.client { border-left: 1.2mm solid #000; }
.late { font-weight: bold; }
)";

// Escaped, with its line breaks kept on paper.
std::string html_lines(std::string_view text) {
    std::string out;
    for (const char c : html_escape(text)) {
        if (c == '\n') out += "<br>";
        else if (c != '\r') out += c;
    }
    return out;
}

std::string day_heading(Date day, Lang lang) {
    return fmt::format("{} ({})", format_date(day), weekday_name(weekday_index(day), lang));
}

std::string row(const Action& a, const Labels& l, Lang lang) {
    std::string client = fmt::format("<b>{}</b><br><span class=\"small\">{} · {}", html_lines(a.client),
                                     html_escape(a.client_id), html_escape(a.reason));
    if (!a.owner.empty()) client += fmt::format("<br>{}: {}", l.owner, html_escape(a.owner));
    client += "</span>";
    if (a.overdue_days > 0) {
        client += fmt::format("<br><span class=\"late\">{} {}{} ({})</span>", l.late, a.overdue_days, l.late_unit,
                              format_date(a.due));
    }
    std::string contact = fmt::format("{} · {}", label(a.via, lang), label(a.to, lang));
    if (!a.contact.empty()) contact += "<br>" + html_lines(a.contact);
    if (!a.phone.empty()) contact += "<br>" + html_escape(a.phone);
    std::string task = html_lines(a.task);
    if (!a.suggestion.empty()) {
        task += fmt::format("<br><span class=\"small\">{}: {}</span>", l.suggestion, html_lines(a.suggestion));
    }
    return fmt::format("<tr{}><td class=\"done\"><span class=\"box\"></span></td><td class=\"client\">{}</td>"
                       "<td>{}</td><td>{}</td><td class=\"note\"></td></tr>\n",
                       a.overdue_days > 0 ? " class=\"overdue\"" : "", client, contact, task);
}

std::string section(Date day, const std::vector<const Action*>& actions, const Labels& l, Lang lang) {
    std::string out = fmt::format("<section>\n<h1>{} — {}</h1>\n<p class=\"count\">{} {}</p>\n", l.title,
                                  day_heading(day, lang), actions.size(), l.actions);
    out += "<table>\n<colgroup><col class=\"done\"><col class=\"client\"><col class=\"contact\"><col>"
           "<col class=\"note\"></colgroup>\n";
    out += fmt::format("<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                       l.done, l.client, l.contact, l.task, l.note);
    for (const Action* a : actions) out += row(*a, l, lang);
    return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string render_html(const Plan& plan, Lang lang) {
    const Labels& l = lang == Lang::ja ? labels_ja : labels_en;
    const std::string span =
        plan.until == plan.today ? format_date(plan.today)
                                 : fmt::format("{} – {}", format_date(plan.today), format_date(plan.until));
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                                  "<title>{} {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
                                  lang == Lang::ja ? "ja" : "en", l.title, span, style);
    if (plan.actions.empty()) {
        out += fmt::format("<section>\n<h1>{} — {}</h1>\n<p>{}</p>\n</section>\n", l.title, span, l.nothing);
    }
    // One section per day; the overdue actions are on the first day's sheet, where they are to be done.
    // Within a day the plan's order (--sort) is kept.
    const auto sheet_of = [&plan](const Action& a) { return a.overdue_days > 0 ? plan.today : a.due; };
    std::vector<const Action*> by_day;
    for (const Action& a : plan.actions) by_day.push_back(&a);
    std::stable_sort(by_day.begin(), by_day.end(),
                     [&](const Action* a, const Action* b) { return sheet_of(*a) < sheet_of(*b); });
    std::vector<const Action*> day_actions;
    Date day = plan.today;
    for (const Action* action : by_day) {
        const Action& a = *action;
        const Date key = sheet_of(a);
        if (!day_actions.empty() && key != day) {
            out += section(day, day_actions, l, lang);
            day_actions.clear();
        }
        day = key;
        day_actions.push_back(&a);
    }
    if (!day_actions.empty()) out += section(day, day_actions, l, lang);
    return out + "</body>\n</html>\n";
}

}  // namespace winback
