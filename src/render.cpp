#include "winback/render.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "winback/columns.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

std::string text(std::string_view s) {
    return std::string(s);
}

constexpr std::array<Column<Action>, 15> columns = {{
    text_column<Action, &Action::action_id>("action_id", "ACTION", "ID", false),
    {"due", "DUE", "期日", ValueKind::text,
     [](const Action& a, Audience who, Lang lang) {
         // A load limit moved it: marked for people; machines read it in suggestion.
         if (who == Audience::machines || !a.deferred_from) return format_date(a.due);
         return fmt::format("{} {}", format_date(a.due), lang == Lang::ja ? "延期" : "deferred");
     }},
    {"overdue_days", "LATE", "遅れ", ValueKind::number,
     [](const Action& a, Audience who, Lang lang) {
         if (who == Audience::machines) return fmt::format("{}", a.overdue_days);
         if (a.overdue_days == 0) return std::string();
         return fmt::format("{}{}", a.overdue_days, lang == Lang::ja ? "日" : "d");
     }},
    text_column<Action, &Action::client_id>("client_id", "ID", "ID"),
    text_column<Action, &Action::client>("client", "CLIENT", "利用者"),
    text_column<Action, &Action::reason>("reason", "REASON", "理由"),
    text_column<Action, &Action::step>("step", "STEP", "ステップ"),
    {"to", "TO", "相手", ValueKind::text,
     [](const Action& a, Audience who, Lang lang) {
         return text(who == Audience::people ? label(a.to, lang) : to_string(a.to));
     }},
    {"via", "VIA", "方法", ValueKind::text,
     [](const Action& a, Audience who, Lang lang) {
         return text(who == Audience::people ? label(a.via, lang) : to_string(a.via));
     }},
    text_column<Action, &Action::contact>("contact", "CONTACT", "連絡先"),
    text_column<Action, &Action::phone>("phone", "PHONE", "電話番号"),
    text_column<Action, &Action::task>("task", "TASK", "内容"),
    text_column<Action, &Action::owner>("owner", "OWNER", "担当"),
    {"value", "VALUE", "期待値", ValueKind::number,
     [](const Action& a, Audience who, Lang) {
         return who == Audience::people ? "¥" + group_thousands(a.value) : fmt::format("{}", a.value);
     }},
    text_column<Action, &Action::suggestion>("suggestion", "SUGGESTION", "提案"),
}};

// "+81 90-1234", "-3", "0120-000-000": numbers, left alone by the formula guard.
bool plain_number(std::string_view s) {
    std::size_t i = (s.starts_with('+') || s.starts_with('-')) ? 1 : 0;
    bool digit = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
            return false;
        }
    }
    return digit;
}

std::string render_table(const Plan& plan, const RenderOptions& options) {
    if (plan.actions.empty()) return {};
    std::vector<Cells> rows = people_cells<Action>(columns, plan.actions, options.lang);
    blank_controls(rows);
    std::vector<std::size_t> widths = column_widths(rows);
    // Fit the terminal, less two cells, by shortening the long free-text columns, task first.
    if (options.width > 0) {
        std::vector<std::string_view> shown;
        for (const Column<Action>& c : columns) {
            if (c.in_table) shown.push_back(c.key);
        }
        std::vector<std::size_t> order;
        for (std::string_view key : {"suggestion", "task", "contact", "client"}) {
            order.push_back(static_cast<std::size_t>(std::find(shown.begin(), shown.end(), key) - shown.begin()));
        }
        fit_widths(widths, options.width > 2 ? options.width - 2 : 0, order);
    }
    std::vector<std::string> lines = aligned_lines(rows, widths);
    // Still too wide with every free-text column at its floor (a narrow terminal): cut the lines.
    if (options.width > 2) {
        for (std::string& line : lines) line = truncate_to_width(line, options.width - 2);
    }
    std::string out = lines[0] + "\n";
    for (std::size_t r = 0; r < plan.actions.size(); ++r) {
        const Action& a = plan.actions[r];
        // Grouped by day in the order of due dates, by client in the order of clients.
        const Action* prev = r > 0 ? &plan.actions[r - 1] : nullptr;
        if (prev && ((plan.sort == PlanSort::due && prev->due != a.due) ||
                     (plan.sort == PlanSort::client && prev->client_id != a.client_id))) {
            out += "\n";
        }
        out += table_line(lines[r + 1], a.overdue_days > 0 && options.color);
    }
    return out;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
    if (name == "table") return Format::table;
    if (name == "csv") return Format::csv;
    if (name == "tsv") return Format::tsv;
    if (name == "json") return Format::json;
    if (name == "ndjson") return Format::ndjson;
    if (name == "ics") return Format::ics;
    if (name == "html") return Format::html;
    return std::nullopt;
}

std::string csv_cell(std::string_view value, char delimiter, bool raw) {
    std::string out;
    append_csv_cell(out, value, delimiter, raw);
    return out;
}

void append_csv_cell(std::string& out, std::string_view value, char delimiter, bool raw) {
    const bool formula = !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos
                         && !plain_number(value);
    const bool neutralise = !raw && !value.empty() && (formula || value[0] == '\0');
    const bool quote = std::any_of(value.begin(), value.end(),
                                   [delimiter](char c) { return c == delimiter || c == '"' || c == '\r' || c == '\n'; });
    if (quote) out += '"';
    if (neutralise) out += '\'';
    if (!quote) {
        out += value;
        return;
    }
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

std::string render_plan(const Plan& plan, const RenderOptions& options) {
    if (options.format == Format::table) return render_table(plan, options);
    if (options.format == Format::ics) return render_ics(plan, options.lang);
    if (options.format == Format::html) return render_html(plan, options.lang);
    return render_machine<Action>(columns, plan.actions, options.format, options.raw);
}

void render_plan(const Plan& plan, const RenderOptions& options, const TextSink& sink, std::size_t chunk) {
    switch (options.format) {
        case Format::csv:
        case Format::tsv:
        case Format::json:
        case Format::ndjson:
            render_machine<Action>(columns, plan.actions, options.format, options.raw, sink, chunk);
            return;
        case Format::table:
        case Format::ics:
        case Format::html: sink(render_plan(plan, options)); return;
    }
}

}  // namespace winback
