// A new log entry: its checks against the book and its exact text in log.toml.

#include "winback/log_entry.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "winback/load.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

// A value quoted in a message: bounded, and cut only between characters.
std::string shown(std::string_view text) {
    constexpr std::size_t max = 64;
    if (text.size() <= max) return std::string(text);
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    return std::string(text.substr(0, n)) + "…";
}

std::string joined(const std::vector<std::string_view>& words) {
    std::string out;
    for (std::string_view w : words) out += fmt::format("{}{}", out.empty() ? "" : ", ", w);
    return out;
}

}  // namespace

std::string toml_basic_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                out += fmt::format("\\u{:04X}", c);
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

std::string entry_text(const Entry& entry) {
    std::string out = fmt::format("{}\n", entry_opening_line);
    out += fmt::format("date = {}\n", format_date(entry.date));
    auto field = [&out](std::string_view key, std::string_view value) {
        if (!value.empty()) out += fmt::format("{} = {}\n", key, toml_basic_string(value));
    };
    field("client", entry.client);
    field("step", entry.step);
    field("outcome", entry.outcome);
    field("by", entry.by);
    field("note", entry.note);
    field("reason", entry.reason);
    out += fmt::format("{}\n", entry_closing_line);
    return out;
}

std::string log_append_text(std::string_view existing, const Entry& entry) {
    std::string separator;
    if (!existing.empty()) {
        if (existing.back() != '\n') {
            separator = "\n\n";
        } else if (!existing.ends_with("\n\n") && !existing.ends_with("\n\r\n")) {
            separator = "\n";
        }
    }
    return separator + entry_text(entry);
}

namespace {

// A line of the log as the markers are compared: without its end (LF or CRLF) and trailing
// blanks.
std::string_view marker_text(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    return line;
}

bool is_table_header(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '[';
}

}  // namespace

// Reads the lines from the end, as far back as the last table: a log of any length costs only
// its last entry.
std::optional<TornTail> torn_tail(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark
    const auto number_of = [&](std::size_t start) {
        return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(start), '\n'));
    };
    if (text.empty()) return std::nullopt;
    bool ended = text.back() == '\n';  // the line is followed by a newline
    std::size_t end = ended ? text.size() - 1 : text.size();
    std::optional<std::size_t> last_content;  // where the last line that is not blank starts
    while (true) {
        const std::size_t newline = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
        const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
        const std::string_view line = marker_text(text.substr(start, end - start));
        if (!line.empty() && !last_content) {
            last_content = start;
            // The write stopped inside the opening line itself: "[[entr" or "[[entry]] # writ".
            if (!ended && line.size() < entry_opening_line.size() && entry_opening_line.starts_with(line)) {
                const int n = number_of(start);
                return TornTail{n, n};
            }
        }
        if (line == entry_closing_line) return std::nullopt;
        if (line == entry_opening_line) return TornTail{number_of(start), number_of(*last_content)};
        if (is_table_header(line)) return std::nullopt;  // the last table was written by hand
        if (start == 0) return std::nullopt;
        end = start - 1;
        ended = true;
    }
}

void check_log_tail(std::string_view text, std::string_view path, Diagnostics& diagnostics) {
    const auto torn = torn_tail(text);
    if (!torn) return;
    const std::string lines = torn->first_line == torn->last_line
                                  ? fmt::format("line {}", torn->first_line)
                                  : fmt::format("lines {}–{}", torn->first_line, torn->last_line);
    diagnostics.error(path, {torn->first_line, 1},
                      fmt::format("the last entry ({}) is cut short: it starts as winback writes entries but has "
                                  "no closing line \"{}\" (a write was interrupted); delete {}, or complete the "
                                  "entry and add that line",
                                  lines, entry_closing_line, lines));
}

std::vector<const Playbook*> playbooks_for_entry(const Book& book, const Client& client, const Entry& entry) {
    std::vector<const Playbook*> out;
    auto add = [&](std::string_view reason) {
        const Playbook* p = reason.empty() ? nullptr : book.find_playbook(reason);
        if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    add(client.reason);
    if (client.at_risk) add(client.at_risk->reason);
    for (const Entry& e : book.log) {
        if (e.client == client.id) add(e.reason);
    }
    add(entry.reason);
    return out;
}

std::optional<std::string> check_new_entry(const Book& book, const Entry& entry, Date today) {
    for (auto [name, value] : {std::pair{"client", &entry.client}, std::pair{"step", &entry.step},
                               std::pair{"outcome", &entry.outcome}, std::pair{"by", &entry.by},
                               std::pair{"note", &entry.note}, std::pair{"reason", &entry.reason}}) {
        if (!valid_utf8(*value)) return fmt::format("the value of \"{}\" is not valid UTF-8", name);
    }

    const Client* client = book.find_client(entry.client);
    if (!client) {
        std::vector<std::string_view> ids;
        for (const Client& c : book.clients) ids.push_back(c.id);
        return fmt::format("unknown client \"{}\"{}", shown(entry.client), did_you_mean(entry.client, ids));
    }

    if (!entry.reason.empty() && !book.find_playbook(entry.reason)) {
        std::vector<std::string_view> reasons;
        for (const Playbook& p : book.playbooks) reasons.push_back(p.reason);
        std::string hint = did_you_mean(entry.reason, reasons);
        if (hint.empty()) hint = fmt::format("; the playbooks are: {}", joined(reasons));
        return fmt::format("no playbook for reason \"{}\"{}", shown(entry.reason), hint);
    }

    std::vector<std::string_view> outcomes(std::begin(known_outcomes), std::end(known_outcomes));
    for (std::string_view event : event_names(book)) {
        if (std::find(outcomes.begin(), outcomes.end(), event) == outcomes.end()) outcomes.push_back(event);
    }
    if (std::find(outcomes.begin(), outcomes.end(), entry.outcome) == outcomes.end()) {
        std::string hint = did_you_mean(entry.outcome, outcomes);
        if (hint.empty()) hint = fmt::format("; expected one of: {}", joined(outcomes));
        return fmt::format("unknown outcome \"{}\"{}", shown(entry.outcome), hint);
    }

    if (!entry.step.empty()) {
        const auto playbooks = playbooks_for_entry(book, *client, entry);
        if (playbooks.empty()) {
            return fmt::format("client \"{}\" follows no playbook, so step \"{}\" cannot be theirs (leave the step "
                               "out to log a contact not tied to a step)",
                               client->id, shown(entry.step));
        }
        std::vector<std::string_view> steps;
        std::string names;
        bool found = false;
        for (const Playbook* p : playbooks) {
            names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", p->reason);
            for (const Step& s : p->steps) {
                steps.push_back(s.id);
                found = found || s.id == entry.step;
            }
        }
        if (!found) {
            return fmt::format("client \"{}\" has no step \"{}\" (playbook{} {}){}", client->id, shown(entry.step),
                               playbooks.size() == 1 ? "" : "s", names, did_you_mean(entry.step, steps));
        }
    }

    if (entry.date > today) {
        return fmt::format("the date {} is in the future (today is {}): log what was done, not what is planned",
                           format_date(entry.date), format_date(today));
    }
    return std::nullopt;
}

}  // namespace winback
