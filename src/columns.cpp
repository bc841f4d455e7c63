#include "winback/columns.hpp"

#include <algorithm>

#include "winback/text.hpp"

namespace winback {

MachineText::MachineText(std::span<const Field> fields, Format format, bool raw)
    : m_fields(fields), m_format(format), m_raw(raw) {
    if (format == Format::json) m_out += '[';
    if (format != Format::csv && format != Format::tsv) return;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) m_out += format == Format::csv ? ',' : '\t';
        m_out += fields[i].key;
    }
    m_out += format == Format::csv ? "\r\n" : "\n";
}

MachineText::MachineText(std::span<const Field> fields, Format format, bool raw, TextSink sink, std::size_t chunk)
    : MachineText(fields, format, raw) {
    m_sink = std::move(sink);
    m_chunk = chunk;
    m_out.reserve(chunk + chunk / 4);
}

MachineText::MachineText(std::span<const Field> fields, Format format, bool raw, Part part, std::string buffer)
    : m_fields(fields),
      m_format(format),
      m_raw(raw),
      m_out(std::move(buffer)),
      m_rows(part.rows_before),
      m_rows_before(part.rows_before) {
    m_out.clear();
}

void MachineText::add_rows(std::string_view text, std::size_t rows) {
    m_out += text;
    m_rows += rows;
    hand_on();
}

void MachineText::hand_on() {
    if (m_sink && m_out.size() >= m_chunk) {
        m_sink(m_out);
        m_out.clear();
    }
}

std::size_t machine_threads() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 2);
}

void MachineText::add(const Cells& row) {
    m_views.assign(row.begin(), row.end());
    add(m_views);
}

void MachineText::add(std::span<const std::string_view> row) {
    switch (m_format) {
        case Format::csv:
        case Format::tsv: {
            const char delimiter = m_format == Format::csv ? ',' : '\t';
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (i > 0) m_out += delimiter;
                append_csv_cell(m_out, row[i], delimiter, m_raw);
            }
            m_out += m_format == Format::csv ? "\r\n" : "\n";
            break;
        }
        case Format::json:
            m_out += m_rows > 0 ? ",\n  " : "\n  ";
            append_json_object(m_out, m_fields, row);
            break;
        case Format::ndjson:
            append_json_object(m_out, m_fields, row);
            m_out += '\n';
            break;
        case Format::table:
        case Format::ics:
        case Format::html: break;
    }
    ++m_rows;
    hand_on();
}

void MachineText::reserve_rows(std::size_t rows) {
    const std::size_t added = m_rows - m_rows_before;
    if (added == 0 || rows <= added) return;
    const std::size_t row_size = m_out.size() / added;
    m_out.reserve(m_out.size() + (rows - added) * (row_size + row_size / 4));
}

std::string MachineText::finish() && {
    if (m_format == Format::json) m_out += m_rows == 0 ? "]\n" : "\n]\n";
    return std::move(m_out);
}

void append_json_object(std::string& out, std::span<const Field> fields, const Cells& row) {
    const std::vector<std::string_view> views(row.begin(), row.end());
    append_json_object(out, fields, views);
}

void append_json_object(std::string& out, std::span<const Field> fields, std::span<const std::string_view> row) {
    out += '{';
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const Field& f = fields[i];
        const std::string_view value = row[i];
        if (i > 0) out += ',';
        out += '"';
        out += f.key;
        out += "\":";
        if (f.kind != ValueKind::text && value.empty()) {
            out += "null";
        } else if (f.kind == ValueKind::number) {
            out += value;
        } else {
            out += '"';
            append_json_escaped(out, value);
            out += '"';
        }
    }
    out += '}';
}

std::string delimited_text(std::span<const Field> fields, const std::vector<Cells>& rows, char delimiter, bool raw) {
    return machine_text(fields, rows, delimiter == ',' ? Format::csv : Format::tsv, raw);
}

std::string json_object(std::span<const Field> fields, const Cells& row) {
    std::string out;
    append_json_object(out, fields, row);
    return out;
}

std::string json_text(std::span<const Field> fields, const std::vector<Cells>& rows, bool ndjson) {
    return machine_text(fields, rows, ndjson ? Format::ndjson : Format::json, false);
}

std::string machine_text(std::span<const Field> fields, const std::vector<Cells>& rows, Format format, bool raw) {
    if (format != Format::csv && format != Format::tsv && format != Format::json && format != Format::ndjson) return {};
    MachineText text(fields, format, raw);
    for (const Cells& row : rows) text.add(row);
    return std::move(text).finish();
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
