#include "winback/render.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "winback/text.hpp"

namespace winback {

namespace {

// For people (table) or for machines (csv, json): labels and yen, or file words and numbers.
enum class Audience { people, machines };

struct Column {
    std::string_view key;
    std::string_view en;
    std::string_view ja;
    bool number;     // json: unquoted
    bool in_table;   // the terminal table leaves out what it shows otherwise
    std::string (*get)(const Action&, Audience, Lang);
};

std::string text(std::string_view s) {
    return std::string(s);
}

constexpr std::array<Column, 15> columns = {{
    {"action_id", "ACTION", "ID", false, false, [](const Action& a, Audience, Lang) { return a.action_id; }},
    {"due", "DUE", "期日", false, true, [](const Action& a, Audience, Lang) { return format_date(a.due); }},
    {"overdue_days", "LATE", "遅れ", true, true,
     [](const Action& a, Audience who, Lang lang) {
         if (who == Audience::machines) return fmt::format("{}", a.overdue_days);
         if (a.overdue_days == 0) return std::string();
         return fmt::format("{}{}", a.overdue_days, lang == Lang::ja ? "日" : "d");
     }},
    {"client_id", "ID", "ID", false, true, [](const Action& a, Audience, Lang) { return a.client_id; }},
    {"client", "CLIENT", "利用者", false, true, [](const Action& a, Audience, Lang) { return a.client; }},
    {"reason", "REASON", "理由", false, true, [](const Action& a, Audience, Lang) { return a.reason; }},
    {"step", "STEP", "ステップ", false, true, [](const Action& a, Audience, Lang) { return a.step; }},
    {"to", "TO", "相手", false, true,
     [](const Action& a, Audience who, Lang lang) {
         return text(who == Audience::people ? label(a.to, lang) : to_string(a.to));
     }},
    {"via", "VIA", "方法", false, true,
     [](const Action& a, Audience who, Lang lang) {
         return text(who == Audience::people ? label(a.via, lang) : to_string(a.via));
     }},
    {"contact", "CONTACT", "連絡先", false, true, [](const Action& a, Audience, Lang) { return a.contact; }},
    {"phone", "PHONE", "電話番号", false, true, [](const Action& a, Audience, Lang) { return a.phone; }},
    {"task", "TASK", "内容", false, true, [](const Action& a, Audience, Lang) { return a.task; }},
    {"owner", "OWNER", "担当", false, true, [](const Action& a, Audience, Lang) { return a.owner; }},
    {"value", "VALUE", "期待値", true, true,
     [](const Action& a, Audience who, Lang) {
         return who == Audience::people ? "¥" + group_thousands(a.value) : fmt::format("{}", a.value);
     }},
    {"suggestion", "SUGGESTION", "提案", false, true, [](const Action& a, Audience, Lang) { return a.suggestion; }},
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

std::string render_delimited(const Plan& plan, char delimiter, bool raw) {
    const char* eol = delimiter == ',' ? "\r\n" : "\n";
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += delimiter;
        out += columns[i].key;
    }
    out += eol;
    for (const Action& a : plan.actions) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0) out += delimiter;
            out += csv_cell(columns[i].get(a, Audience::machines, Lang::en), delimiter, raw);
        }
        out += eol;
    }
    return out;
}

std::string json_object(const Action& a) {
    std::string out = "{";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const Column& c = columns[i];
        const std::string value = c.get(a, Audience::machines, Lang::en);
        out += fmt::format("{}\"{}\":", i > 0 ? "," : "", c.key);
        out += c.number ? value : "\"" + json_escape(value) + "\"";
    }
    return out + "}";
}

std::string render_json(const Plan& plan, bool lines) {
    std::string out = lines ? "" : "[";
    for (std::size_t i = 0; i < plan.actions.size(); ++i) {
        if (!lines) out += i > 0 ? ",\n  " : "\n  ";
        out += json_object(plan.actions[i]);
        if (lines) out += "\n";
    }
    if (!lines) out += plan.actions.empty() ? "]\n" : "\n]\n";
    return out;
}

std::string render_table(const Plan& plan, const RenderOptions& options) {
    if (plan.actions.empty()) return {};
    std::vector<const Column*> shown;
    for (const Column& c : columns) {
        if (c.in_table) shown.push_back(&c);
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> widths(shown.size());
    std::vector<std::string> header;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        header.emplace_back(options.lang == Lang::ja ? shown[i]->ja : shown[i]->en);
        widths[i] = display_width(header.back());
    }
    for (const Action& a : plan.actions) {
        std::vector<std::string> row;
        for (std::size_t i = 0; i < shown.size(); ++i) {
            row.push_back(shown[i]->get(a, Audience::people, options.lang));
            widths[i] = std::max(widths[i], display_width(row.back()));
        }
        rows.push_back(std::move(row));
    }
    // Fit the terminal by shortening the long free-text columns, task first.
    if (options.width > 0) {
        std::size_t total = 0;
        for (std::size_t w : widths) total += w + 2;
        for (std::string_view key : {"suggestion", "task", "contact", "client"}) {
            for (std::size_t i = 0; i < shown.size() && total > options.width; ++i) {
                if (shown[i]->key != key) continue;
                const std::size_t floor = std::min<std::size_t>(widths[i], 12);
                const std::size_t cut = std::min(widths[i] - floor, total - options.width);
                widths[i] -= cut;
                total -= cut;
            }
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string cell = truncate_to_width(cells[i], widths[i]);
            out += i + 1 == cells.size() ? cell : pad_to_width(cell, widths[i] + 2);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
    };
    std::string out = line(header) + "\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Action& a = plan.actions[r];
        if (r > 0 && plan.actions[r - 1].due != a.due) out += "\n";
        const bool overdue = a.overdue_days > 0;
        if (overdue && options.color) out += "\x1b[31m";
        out += line(rows[r]);
        if (overdue && options.color) out += "\x1b[0m";
        out += "\n";
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
    return std::nullopt;
}

std::string csv_cell(std::string_view value, char delimiter, bool raw) {
    std::string cell(value);
    if (!raw && !cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos
        && !plain_number(cell)) {
        cell.insert(0, 1, '\'');
    } else if (!raw && !cell.empty() && cell[0] == '\0') {
        cell.insert(0, 1, '\'');
    }
    const bool quote = cell.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string::npos;
    if (!quote) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string render_plan(const Plan& plan, const RenderOptions& options) {
    switch (options.format) {
        case Format::table: return render_table(plan, options);
        case Format::csv: return render_delimited(plan, ',', options.raw);
        case Format::tsv: return render_delimited(plan, '\t', options.raw);
        case Format::json: return render_json(plan, false);
        case Format::ndjson: return render_json(plan, true);
    }
    return {};
}

}  // namespace winback
