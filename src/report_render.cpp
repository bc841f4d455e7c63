// `winback report` as text: a table for people, csv/tsv rows and one json object.

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "winback/columns.hpp"
#include "winback/i18n.hpp"
#include "winback/report.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

using Values = std::vector<std::pair<Field, std::string>>;  // one json object: key, kind, value

std::string opt_decimal(const std::optional<double>& v, int places = 4) {
    return v ? decimal_text(*v, places) : std::string();
}

std::string opt_number(const std::optional<long long>& v) {
    return v ? fmt::format("{}", *v) : std::string();
}

// The figures of each part in the order and with the keys of the json.
Values reason_values(const ReasonFigures& r) {
    return {{{"reason", ValueKind::text}, r.reason},
            {{"lapsed", ValueKind::number}, fmt::format("{}", r.lapsed)},
            {{"returned", ValueKind::number}, fmt::format("{}", r.returned)},
            {{"return_rate", ValueKind::number}, opt_decimal(r.return_rate())},
            {{"median_days_to_return", ValueKind::number}, opt_decimal(r.median_days_to_return, 1)},
            {{"due", ValueKind::number}, fmt::format("{}", r.due)},
            {{"done", ValueKind::number}, fmt::format("{}", r.done)},
            {{"missed", ValueKind::number}, fmt::format("{}", r.missed)},
            {{"completion_rate", ValueKind::number}, opt_decimal(r.completion_rate())}};
}

Values overall_values(const OverallFigures& o) {
    return {{{"active", ValueKind::number}, decimal_text(o.active(), 1)},
            {{"lapsed", ValueKind::number}, fmt::format("{}", o.lapsed)},
            {{"returned", ValueKind::number}, fmt::format("{}", o.returned)},
            {{"churn_rate", ValueKind::number}, opt_decimal(o.churn_rate())},
            {{"return_rate", ValueKind::number}, opt_decimal(o.return_rate())},
            {{"revenue_regained", ValueKind::number}, fmt::format("{}", o.revenue_regained)},
            {{"revenue_at_stake", ValueKind::number}, fmt::format("{}", o.revenue_at_stake)},
            {{"expected_value", ValueKind::number}, fmt::format("{}", o.expected_value)}};
}

Values weekday_values(const WeekdaySlots& w) {
    return {{{"weekday", ValueKind::text}, std::string(weekday_key(w.weekday))},
            {{"capacity", ValueKind::number}, opt_number(w.capacity)},
            {{"active", ValueKind::number}, fmt::format("{}", w.active)},
            {{"held", ValueKind::number}, fmt::format("{}", w.held.size())},
            {{"free", ValueKind::number}, opt_number(w.free())}};
}

Values rule_values(const RuleFigures& r) {
    return {{{"rule", ValueKind::text}, r.rule},
            {{"title", ValueKind::text}, r.title},
            {{"clients", ValueKind::number}, fmt::format("{}", r.clients)},
            {{"monthly_revenue", ValueKind::number}, fmt::format("{}", r.monthly_revenue)}};
}

// ---- json: one object --------------------------------------------------------------------

std::string object(const Values& values) {
    std::vector<Field> fields;
    Cells cells;
    for (const auto& [field, value] : values) {
        fields.push_back(field);
        cells.push_back(value);
    }
    return json_object(fields, cells);
}

template <class T, class F>
std::string array(const std::vector<T>& items, F values_of) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ",\n    " : "\n    ") + object(values_of(items[i]));
    return out + (items.empty() ? "]" : "\n  ]");
}

std::string render_json(const Report& r) {
    std::string out = "{\n";
    out += fmt::format("  \"from\": \"{}\",\n  \"to\": \"{}\",\n", format_date(r.from), format_date(r.to));
    out += "  \"reasons\": " + array(r.reasons, reason_values) + ",\n";
    out += "  \"overall\": " + object(overall_values(r.overall)) + ",\n";
    out += "  \"weekdays\": " + array(r.weekdays, weekday_values) + ",\n";
    out += "  \"rules\": " + array(r.rules, rule_values) + "\n}\n";
    return out;
}

// ---- csv / tsv: section,item,figure,value ------------------------------------------------

void add_rows(std::vector<Cells>& rows, std::string_view section, const std::string& item, const Values& values,
              std::size_t skip) {
    for (std::size_t i = skip; i < values.size(); ++i) {
        rows.push_back({std::string(section), item, std::string(values[i].first.key), values[i].second});
    }
}

std::string render_delimited(const Report& r, Format format, bool raw) {
    constexpr std::array<Field, 4> fields = {{{"section", ValueKind::text},
                                              {"item", ValueKind::text},
                                              {"figure", ValueKind::text},
                                              {"value", ValueKind::text}}};
    std::vector<Cells> rows = {{"period", "", "from", format_date(r.from)}, {"period", "", "to", format_date(r.to)}};
    for (const ReasonFigures& x : r.reasons) add_rows(rows, "reasons", x.reason, reason_values(x), 1);
    add_rows(rows, "overall", "", overall_values(r.overall), 0);
    for (const WeekdaySlots& x : r.weekdays)
        add_rows(rows, "weekdays", std::string(weekday_key(x.weekday)), weekday_values(x), 1);
    for (const RuleFigures& x : r.rules) add_rows(rows, "rules", x.rule, rule_values(x), 1);
    return machine_text(fields, rows, format, raw);
}

// ---- table ---------------------------------------------------------------------------------

std::string_view pick(Lang lang, std::string_view en, std::string_view ja) {
    return lang == Lang::ja ? ja : en;
}

// A bar of `cells` cells for 100%, in eighths of a cell: 0.25 of 20 cells is "█████".
std::string bar(std::optional<double> rate, int cells = 20) {
    if (!rate) return {};
    static constexpr std::array<std::string_view, 8> partial = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    const long eighths = std::clamp(std::lround(*rate * cells * 8), 0L, static_cast<long>(cells) * 8);
    std::string out;
    for (long i = 0; i < eighths / 8; ++i) out += "█";
    out += partial[static_cast<std::size_t>(eighths % 8)];
    return out;
}

std::string percent(std::optional<double> rate) {
    return rate ? fmt::format("{:.1f}%", *rate * 100.0) : std::string("-");
}

std::string yen(long long value) {
    return "¥" + group_thousands(value);
}

// A rate as one cell: the percentage right-aligned in 6 cells, then its bar, so that the bars
// of a column start together ("  50.0%  ██████████", "100.0%  ████…", "     -").
std::string rate_cell(std::optional<double> rate) {
    std::string out = fmt::format("{:>6}", percent(rate));
    if (rate) out += "  " + bar(rate);
    return out;
}

std::string table(const std::vector<Cells>& rows, std::size_t width) {
    std::string out;
    for (const std::string& line : align_columns(rows, width)) out += line + "\n";
    return out;
}

std::string returns_table(const Report& r, Lang lang, std::size_t width) {
    std::vector<Cells> rows = {{std::string(pick(lang, "REASON", "理由")), std::string(pick(lang, "LAPSED", "休止")),
                                std::string(pick(lang, "RETURNED", "再開")),
                                std::string(pick(lang, "MEDIAN DAYS TO RETURN", "再開までの日数（中央値）")),
                                std::string(pick(lang, "RETURN RATE", "再開率"))}};
    for (const ReasonFigures& x : r.reasons) {
        rows.push_back({x.reason, fmt::format("{}", x.lapsed), fmt::format("{}", x.returned),
                        x.median_days_to_return ? decimal_text(*x.median_days_to_return, 1) : std::string(),
                        rate_cell(x.return_rate())});
    }
    const OverallFigures& o = r.overall;
    rows.push_back({std::string(pick(lang, "all", "合計")), fmt::format("{}", o.lapsed), fmt::format("{}", o.returned),
                    "", rate_cell(o.return_rate())});
    rows.push_back(
        {std::string(pick(lang, "rule of thumb", "目安")), "", "", "", rate_cell(rule_of_thumb_return_rate)});
    return table(rows, width);
}

std::string actions_table(const Report& r, Lang lang, std::size_t width) {
    std::vector<Cells> rows = {{std::string(pick(lang, "REASON", "理由")), std::string(pick(lang, "DUE", "予定")),
                                std::string(pick(lang, "DONE", "実施")), std::string(pick(lang, "MISSED", "未実施")),
                                std::string(pick(lang, "COMPLETION", "実施率"))}};
    ReasonFigures all;
    for (const ReasonFigures& x : r.reasons) {
        rows.push_back({x.reason, fmt::format("{}", x.due), fmt::format("{}", x.done), fmt::format("{}", x.missed),
                        rate_cell(x.completion_rate())});
        all.due += x.due;
        all.done += x.done;
        all.missed += x.missed;
    }
    rows.push_back({std::string(pick(lang, "all", "合計")), fmt::format("{}", all.due), fmt::format("{}", all.done),
                    fmt::format("{}", all.missed), rate_cell(all.completion_rate())});
    return table(rows, width);
}

std::string overall_table(const Report& r, Lang lang, std::size_t width) {
    const OverallFigures& o = r.overall;
    const std::string active = decimal_text(o.active(), 1);
    const bool ja = lang == Lang::ja;
    std::vector<Cells> rows = {
        {std::string(pick(lang, "Active clients", "利用者数")),
         ja ? fmt::format("期首 {}人、期末 {}人、平均 {}人", o.active_at_start, o.active_at_end, active)
            : fmt::format("{} at the start, {} at the end, {} on average", o.active_at_start, o.active_at_end, active)},
        {std::string(pick(lang, "Lapses", "休止")),
         ja ? fmt::format("{}人（離脱率 {}）", o.lapsed, percent(o.churn_rate()))
            : fmt::format("{} (churn rate {})", o.lapsed, percent(o.churn_rate()))},
        {std::string(pick(lang, "Returned", "再開")),
         ja ? fmt::format("{}人（再開率 {}、目安は約10%）", o.returned, percent(o.return_rate()))
            : fmt::format("{} (return rate {}; rule of thumb about 10%)", o.returned, percent(o.return_rate()))},
        {std::string(pick(lang, "Revenue regained", "取り戻した売上")),
         ja ? fmt::format("月 {}", yen(o.revenue_regained)) : fmt::format("{} a month", yen(o.revenue_regained))},
        {std::string(pick(lang, "Revenue at stake", "追跡中の売上")),
         ja ? fmt::format("月 {}（期待値 {}）", yen(o.revenue_at_stake), yen(o.expected_value))
            : fmt::format("{} a month (expected value {})", yen(o.revenue_at_stake), yen(o.expected_value))},
    };
    return table(rows, width);
}

std::string weekdays_table(const Report& r, Lang lang, std::size_t width) {
    std::vector<Cells> rows = {{std::string(pick(lang, "WEEKDAY", "曜日")), std::string(pick(lang, "CAPACITY", "定員")),
                                std::string(pick(lang, "ACTIVE", "利用中")), std::string(pick(lang, "HELD", "確保枠")),
                                std::string(pick(lang, "FREE", "空き")), std::string(pick(lang, "USE", "稼働率"))}};
    for (const WeekdaySlots& w : r.weekdays) {
        rows.push_back({std::string(weekday_name(w.weekday, lang)), opt_number(w.capacity), fmt::format("{}", w.active),
                        fmt::format("{}", w.held.size()), opt_number(w.free()), rate_cell(w.use())});
    }
    return table(rows, width);
}

std::string rules_table(const Report& r, Lang lang, std::size_t width) {
    std::vector<Cells> rows = {{std::string(pick(lang, "RULE", "ルール")), std::string(pick(lang, "TITLE", "内容")),
                                std::string(pick(lang, "REVERTED", "撤回日")),
                                std::string(pick(lang, "CLIENTS", "人数")),
                                std::string(pick(lang, "MONTHLY REVENUE", "月額売上"))}};
    for (const RuleFigures& x : r.rules) {
        rows.push_back({x.rule, x.title, x.reverted ? format_date(*x.reverted) : std::string(),
                        fmt::format("{}", x.clients), yen(x.monthly_revenue)});
    }
    return table(rows, width);
}

std::string render_table(const Report& r, const RenderOptions& options) {
    const Lang lang = options.lang;
    const std::size_t width = options.width;
    const std::string from = format_date(r.from);
    const std::string to = format_date(r.to);
    std::string out = lang == Lang::ja ? fmt::format("レポート {}〜{}\n\n", from, to)
                                       : fmt::format("Report from {} to {}\n\n", from, to);
    out += pick(lang, "Lapses in the period and returns, by reason\n", "期間中の休止と再開（理由別）\n");
    out += returns_table(r, lang, width) + "\n";
    out += pick(lang, "Follow-up actions due in the period, by reason\n", "期間中に予定された対応（理由別）\n");
    out += actions_table(r, lang, width) + "\n";
    out += pick(lang, "Overall\n", "全体\n");
    out += overall_table(r, lang, width) + "\n";
    out += lang == Lang::ja ? fmt::format("{}時点の曜日別の利用枠\n", to)
                            : fmt::format("Places per open weekday on {}\n", to);
    out += weekdays_table(r, lang, width);
    if (!r.rules.empty()) {
        out += "\n";
        out += lang == Lang::ja ? fmt::format("ルール変更で離れ、{}時点で戻っていない利用者\n", to)
                                : fmt::format("Rules that cost clients: those still away on {}\n", to);
        out += rules_table(r, lang, width);
    }
    return out;
}

}  // namespace

std::string render_report(const Report& report, const RenderOptions& options) {
    switch (options.format) {
        case Format::json:
        case Format::ndjson:
            return render_json(report);
        case Format::csv:
        case Format::tsv:
            return render_delimited(report, options.format, options.raw);
        case Format::table:
        case Format::ics:   // not offered by `report`
        case Format::html:
            break;
    }
    return render_table(report, options);
}

}  // namespace winback
