#include "winback/columns.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "winback/text.hpp"

namespace winback {

std::string delimited_text(std::span<const Field> fields, const std::vector<Cells>& rows, char delimiter, bool raw) {
    const char* eol = delimiter == ',' ? "\r\n" : "\n";
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += delimiter;
        out += fields[i].key;
    }
    out += eol;
    for (const Cells& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += delimiter;
            out += csv_cell(row[i], delimiter, raw);
        }
        out += eol;
    }
    return out;
}

std::string json_object(std::span<const Field> fields, const Cells& row) {
    std::string out = "{";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const Field& f = fields[i];
        const std::string& value = row[i];
        out += fmt::format("{}\"{}\":", i > 0 ? "," : "", f.key);
        if (f.kind != ValueKind::text && value.empty()) {
            out += "null";
        } else {
            // Appended piece by piece: g++ 12 at -O2 warns falsely (-Wrestrict) on "\"" + string.
            if (f.kind == ValueKind::number) {
                out += value;
            } else {
                out += '"';
                out += json_escape(value);
                out += '"';
            }
        }
    }
    return out + "}";
}

std::string json_text(std::span<const Field> fields, const std::vector<Cells>& rows, bool ndjson) {
    std::string out = ndjson ? "" : "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!ndjson) out += i > 0 ? ",\n  " : "\n  ";
        out += json_object(fields, rows[i]);
        if (ndjson) out += "\n";
    }
    if (!ndjson) out += rows.empty() ? "]\n" : "\n]\n";
    return out;
}

std::string machine_text(std::span<const Field> fields, const std::vector<Cells>& rows, Format format, bool raw) {
    switch (format) {
        case Format::csv: return delimited_text(fields, rows, ',', raw);
        case Format::tsv: return delimited_text(fields, rows, '\t', raw);
        case Format::json: return json_text(fields, rows, false);
        case Format::ndjson: return json_text(fields, rows, true);
        case Format::table:
        case Format::ics:
        case Format::html: break;
    }
    return {};
}

std::vector<std::size_t> column_widths(const std::vector<Cells>& rows) {
    std::vector<std::size_t> widths;
    for (const Cells& row : rows) {
        if (row.size() > widths.size()) widths.resize(row.size());
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
    }
    return widths;
}

void fit_widths(std::vector<std::size_t>& widths, std::size_t width, std::span<const std::size_t> order) {
    if (widths.empty()) return;
    std::size_t total = 0;
    for (std::size_t w : widths) total += w + 2;
    total -= 2;
    for (std::size_t i : order) {
        if (total <= width) return;
        const std::size_t floor = std::min<std::size_t>(widths[i], 12);
        const std::size_t cut = std::min(widths[i] - floor, total - width);
        widths[i] -= cut;
        total -= cut;
    }
}

std::vector<std::string> aligned_lines(const std::vector<Cells>& rows, const std::vector<std::size_t>& widths) {
    std::vector<std::string> lines;
    for (const Cells& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string cell = truncate_to_width(row[i], widths[i]);
            line += i + 1 == row.size() ? cell : pad_to_width(cell, widths[i] + 2);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string table_line(const std::string& line, bool red) {
    if (!red) return line + "\n";
    std::string out = "\x1b[31m";
    out += line;
    out += "\x1b[0m\n";
    return out;
}

void blank_controls(std::vector<Cells>& rows) {
    for (Cells& row : rows) {
        for (std::string& cell : row) {
            for (char& c : cell) {
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
            }
        }
    }
}

std::vector<std::string> align_columns(const std::vector<Cells>& rows, std::size_t width) {
    std::vector<Cells> cells = rows;
    blank_controls(cells);
    std::vector<std::size_t> widths = column_widths(cells);
    if (width > 0 && !widths.empty()) {
        const std::size_t last = widths.size() - 1;
        fit_widths(widths, width, std::span(&last, 1));
    }
    return aligned_lines(cells, widths);
}

}  // namespace winback
