#include "fields.hpp"

#include "toml_guard.hpp"
#include "winback/text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace winback::detail {

Where where_of(const toml::node& node) {
    return {static_cast<int>(node.source().begin.line), static_cast<int>(node.source().begin.column)};
}

Where where_of(const toml::key& key) {
    return {static_cast<int>(key.source().begin.line), static_cast<int>(key.source().begin.column)};
}

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::table: return "table";
        case toml::node_type::array: return "array";
        case toml::node_type::string: return "string";
        case toml::node_type::integer: return "integer";
        case toml::node_type::floating_point: return "float";
        case toml::node_type::boolean: return "boolean";
        case toml::node_type::date: return "date";
        case toml::node_type::time: return "time";
        case toml::node_type::date_time: return "date-time";
        default: return "nothing";
    }
}

Fields::Fields(const toml::table& table, std::string_view path, Diagnostics& diagnostics, std::string context,
               std::span<const std::string_view> known_keys)
    : m_table(table), m_path(path), m_diagnostics(diagnostics), m_context(std::move(context)) {
    for (auto&& [key, value] : table) {
        bool known = false;
        for (std::string_view k : known_keys) known = known || k == key.str();
        if (!known) {
            warning(where_of(key), fmt::format("unknown key \"{}\" is ignored{}", key.str(),
                                               did_you_mean(key.str(), known_keys)));
        }
    }
}

const toml::node* Fields::get(std::string_view key) const {
    return m_table.get(key);
}

Where Fields::where(std::string_view key) const {
    const toml::node* node = get(key);
    return node ? where_of(*node) : where();
}

void Fields::error(Where where, std::string message) {
    m_diagnostics.error(m_path, where, fmt::format("{}: {}", m_context, message));
}

void Fields::warning(Where where, std::string message) {
    m_diagnostics.warning(m_path, where, fmt::format("{}: {}", m_context, message));
}

void Fields::wrong_type(std::string_view key, const toml::node& node, std::string_view expected) {
    error(where_of(node), fmt::format("\"{}\" must be {}, not {}", key, expected, type_name(node)));
}

std::string Fields::unknown_word_message(std::string_view key, std::string_view value,
                                         std::span<const std::string_view> allowed) const {
    std::string list;
    for (std::string_view word : allowed) list += fmt::format("{}{}", list.empty() ? "" : ", ", word);
    const std::string hint = did_you_mean(value, allowed);
    const std::string shown = detail::looks_like_id(value) ? fmt::format(" \"{}\"", value) : std::string();
    if (!hint.empty()) return fmt::format("\"{}\": unknown value{}{}", key, shown, hint);
    return fmt::format("\"{}\": unknown value{}; expected one of: {}", key, shown, list);
}

std::optional<std::string> Fields::string(std::string_view key, Need need) {
    const toml::node* node = get(key);
    if (!node) {
        if (need == Need::required) error(where(), fmt::format("missing required key \"{}\"", key));
        return std::nullopt;
    }
    const auto* value = node->as_string();
    if (!value) {
        wrong_type(key, *node, "a string");
        return std::nullopt;
    }
    if (need == Need::required && value->get().empty()) {
        error(where_of(*node), fmt::format("\"{}\" must not be empty", key));
        return std::nullopt;
    }
    return value->get();
}

std::optional<Date> date_value(Fields& fields, const toml::node& node, std::string_view key) {
    if (const auto* d = node.as_date()) {
        const toml::date v = d->get();
        Date date{std::chrono::year{v.year}, std::chrono::month{v.month}, std::chrono::day{v.day}};
        if (date.ok()) return date;
    } else if (const auto* s = node.as_string()) {
        if (auto date = parse_date(s->get())) return date;
        const bool shaped = s->get().size() == 10 && s->get()[4] == '-' && s->get()[7] == '-';
        fields.error(where_of(node), fmt::format("\"{}\" is not a valid date: \"{}\" ({})", key, s->get().substr(0, 40),
                                                 shaped ? "no such day in the calendar" : "expected YYYY-MM-DD"));
        return std::nullopt;
    }
    fields.wrong_type(key, node, "a date (YYYY-MM-DD)");
    return std::nullopt;
}

std::optional<Date> Fields::date(std::string_view key, Need need) {
    const toml::node* node = get(key);
    if (!node) {
        if (need == Need::required) error(where(), fmt::format("missing required key \"{}\"", key));
        return std::nullopt;
    }
    return date_value(*this, *node, key);
}

std::optional<long long> Fields::integer(std::string_view key, long long min, long long max) {
    const toml::node* node = get(key);
    if (!node) return std::nullopt;
    const auto* value = node->as_integer();
    if (!value) {
        wrong_type(key, *node, "an integer");
        return std::nullopt;
    }
    const long long v = value->get();
    if (v < min || v > max) {
        error(where_of(*node), fmt::format("\"{}\" must be from {} to {}, not {}", key, min, max, v));
        return std::nullopt;
    }
    return v;
}

std::optional<double> Fields::number(std::string_view key, double min, double max) {
    const toml::node* node = get(key);
    if (!node) return std::nullopt;
    double v = 0;
    if (const auto* f = node->as_floating_point()) {
        v = f->get();
    } else if (const auto* i = node->as_integer()) {
        v = static_cast<double>(i->get());
    } else {
        wrong_type(key, *node, "a number");
        return std::nullopt;
    }
    if (!(v >= min && v <= max)) {  // also refuses nan
        error(where_of(*node), fmt::format("\"{}\" must be from {} to {}, not {}", key, min, max, v));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> Fields::boolean(std::string_view key) {
    const toml::node* node = get(key);
    if (!node) return std::nullopt;
    if (const auto* value = node->as_boolean()) return value->get();
    wrong_type(key, *node, "true or false");
    return std::nullopt;
}

std::optional<Duration> Fields::duration(std::string_view key) {
    auto text = string(key);
    if (!text) return std::nullopt;
    if (auto d = parse_duration(*text)) return d;
    error(where(key), fmt::format("\"{}\" is not a valid duration: \"{}\" (expected <n>d, <n>w, <n>m or <n>y, "
                                  "for example \"3d\", \"2w\", \"1m\", \"1y\"; at most 100 years)",
                                  key, text->substr(0, 40)));
    return std::nullopt;
}

std::optional<std::vector<std::string>> Fields::strings(std::string_view key) {
    const toml::node* node = get(key);
    if (!node) return std::nullopt;
    const auto* array = node->as_array();
    if (!array) {
        wrong_type(key, *node, "an array of strings");
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (const toml::node& item : *array) {
        if (const auto* s = item.as_string()) {
            out.push_back(s->get());
        } else {
            error(where_of(item), fmt::format("\"{}\" must hold strings, not {}", key, type_name(item)));
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<unsigned> Fields::weekday(const toml::node& node, std::string_view key) {
    const auto* s = node.as_string();
    if (!s) {
        error(where_of(node), fmt::format("\"{}\" must hold weekdays (mon .. sun), not {}", key, type_name(node)));
        return std::nullopt;
    }
    if (auto day = parse_weekday(s->get())) return day;
    std::vector<std::string_view> keys;
    for (unsigned i = 0; i < 7; ++i) keys.push_back(weekday_key(i));
    const std::string hint = did_you_mean(s->get(), keys);
    error(where_of(node), fmt::format("unknown weekday \"{}\" in \"{}\"{}", s->get().substr(0, 40), key,
                                      hint.empty() ? "; expected mon, tue, wed, thu, fri, sat or sun" : hint));
    return std::nullopt;
}

bool Ids::add(std::string_view id, Where where) {
    auto [it, inserted] = m_first.emplace(id, where);
    if (!inserted) {
        m_diagnostics.error(m_path, where,
                            fmt::format("duplicate {} \"{}\" (first defined at line {})", m_what, id, it->second.line));
    }
    return inserted;
}

bool looks_like_id(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

std::string name_of(const toml::table& table, std::string_view id_key, std::string_view what, std::size_t index) {
    if (const auto* id = table.get_as<std::string>(id_key); id && looks_like_id(id->get())) {
        return fmt::format("{} \"{}\"", what, id->get());
    }
    return fmt::format("{} #{}", what, index + 1);
}

namespace {

void report_parse_error(const toml::parse_error& e, std::string_view path, Diagnostics& diagnostics) {
    std::string message(e.description());
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    if (message.ends_with("could not determine value type")) {
        message += " (text such as names and phone numbers must be in double quotes: \"...\")";
    }
    diagnostics.error(path, {static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column)},
                      fmt::format("not valid TOML: {}", message));
}

}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, std::string_view path, Diagnostics& diagnostics,
                                      std::span<const std::string_view> known_keys) {
    text = strip_bom(text);  // Excel and Notepad start a UTF-8 file with one
    // Checked here rather than by the parser, to point at the exact character and say what to do.
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        const std::string_view before = text.substr(0, bad);
        const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
        const int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
        int column = 1;
        for (std::size_t i = line_start; i < bad; ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // count characters
        }
        diagnostics.error(path, {line, column},
                          "not valid UTF-8: save the file as UTF-8 (not Shift_JIS or another encoding)");
        return std::nullopt;
    }
    // What Debian's toml++ 3.3.0 does not survive is refused before it sees the text
    // (docs/fuzzing.md); but a parse error on an earlier line is the one to report, so the lines
    // before the problem, which the pre-scan found safe, are parsed first.
    if (auto problem = find_absurd_shape(text)) {
        try {
            (void)toml::parse(text.substr(0, problem->line_offset), path);
        } catch (const toml::parse_error& e) {
            const bool cut_short = std::string_view(e.description()).find("end-of-file") != std::string_view::npos;
            if (static_cast<int>(e.source().begin.line) < problem->where.line && !cut_short) {
                report_parse_error(e, path, diagnostics);
                return std::nullopt;
            }
        }
        diagnostics.error(path, problem->where, std::move(problem->message));
        return std::nullopt;
    }
    try {
        toml::table root = toml::parse(text, path);
        Fields top(root, path, diagnostics, "top level", known_keys);  // warns about unknown keys
        return root;
    } catch (const toml::parse_error& e) {
        report_parse_error(e, path, diagnostics);
    }
    return std::nullopt;
}

std::vector<const toml::table*> table_array(const toml::table& root, std::string_view key, std::string_view path,
                                            Diagnostics& diagnostics) {
    std::vector<const toml::table*> out;
    const toml::node* node = root.get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) {
        diagnostics.error(path, where_of(*node),
                          fmt::format("\"{}\" must be an array of tables ([[{}]]), not {}", key, key, type_name(*node)));
        return out;
    }
    for (const toml::node& item : *array) {
        if (const auto* table = item.as_table()) {
            out.push_back(table);
        } else {
            diagnostics.error(path, where_of(item),
                              fmt::format("\"{}\" must hold tables ([[{}]]), not {}", key, key, type_name(item)));
        }
    }
    return out;
}

}  // namespace winback::detail
