#pragma once
// One list of columns for every format: csv and tsv lines, json objects, and tables aligned by
// display width. Shared by plan, clients, calendar and show.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "winback/i18n.hpp"
#include "winback/render.hpp"

namespace winback {

// For people (table) or for machines (csv, json): labels and yen, or file words and numbers.
enum class Audience { people, machines };
// json: text is always a string; a number is bare and a date a string, both null when empty.
enum class ValueKind { text, number, date };

// A key of csv, tsv and json, and how json writes its value.
struct Field {
    std::string_view key;
    ValueKind kind = ValueKind::text;
};

using Cells = std::vector<std::string>;

// csv, tsv, json or ndjson text, written one row after the other into one string (a plan may have
// tens of thousands of rows: no copy of them all, no string per cell).
class MachineText {
public:
    // Writes what comes before the rows: the keys of csv and tsv, "[" of json.
    MachineText(std::span<const Field> fields, Format format, bool raw);
    // Hands the text to `sink` whenever it holds `chunk` bytes or more; finish() then returns
    // only what is left.
    MachineText(std::span<const Field> fields, Format format, bool raw, TextSink sink, std::size_t chunk);
    // A part of the text made apart (on another thread): the rows that come after the first
    // `rows_before`, without what comes before or after the rows. See rows_text and add_rows.
    // It writes into `buffer` (emptied first), so that parts can reuse the memory of earlier ones.
    struct Part {
        std::size_t rows_before = 0;
    };
    MachineText(std::span<const Field> fields, Format format, bool raw, Part part, std::string buffer = {});
    void add(std::span<const std::string_view> row);
    void add(const Cells& row);
    // The rows of a part, as they are, and how many (rows_text of a Part that starts here).
    void add_rows(std::string_view text, std::size_t rows);
    // The text of a Part.
    std::string rows_text() && { return std::move(m_out); }
    // Makes room for `rows` rows in all (in the part, for a Part), each as long as those added so
    // far and a quarter more: one allocation, rather than a copy of the text each time it doubles.
    void reserve_rows(std::size_t rows);
    // The text, with what comes after the rows.
    std::string finish() &&;

private:
    void hand_on();  // the text to the sink, once it holds a chunk

    std::span<const Field> m_fields;
    Format m_format;
    bool m_raw;
    std::string m_out;
    std::size_t m_rows = 0;         // before this one's rows too, for a Part
    std::size_t m_rows_before = 0;  // of a Part
    std::vector<std::string_view> m_views;  // of the Cells added, reused
    TextSink m_sink;
    std::size_t m_chunk = 0;
};

// One json object of the row, its fields in order, appended to `out`.
void append_json_object(std::string& out, std::span<const Field> fields, std::span<const std::string_view> row);
void append_json_object(std::string& out, std::span<const Field> fields, const Cells& row);

// csv (quoted and neutralised by csv_cell, lines end in CRLF) or tsv: the keys, then the rows.
std::string delimited_text(std::span<const Field> fields, const std::vector<Cells>& rows, char delimiter, bool raw);
// One row as one json object on one line, the fields in order.
std::string json_object(std::span<const Field> fields, const Cells& row);
// One object per row: a json array, or one object a line (ndjson).
std::string json_text(std::span<const Field> fields, const std::vector<Cells>& rows, bool ndjson);
// csv, tsv, json or ndjson of the rows; a table is the caller's.
std::string machine_text(std::span<const Field> fields, const std::vector<Cells>& rows, Format format, bool raw);

// The widest cell of each column in display cells (rows may differ in length).
std::vector<std::size_t> column_widths(const std::vector<Cells>& rows);
// Shrinks the columns at `order`, first to last and each down to 12 cells, until the lines,
// two spaces apart, fit in `width` cells (or nothing is left to shrink).
void fit_widths(std::vector<std::size_t>& widths, std::size_t width, std::span<const std::size_t> order);
// Each row as a line: cells cut to `widths`, two spaces apart, without trailing spaces.
std::vector<std::string> aligned_lines(const std::vector<Cells>& rows, const std::vector<std::size_t>& widths);
// A line of a table and its newline, in red when `red` (an overdue row on a terminal).
std::string table_line(const std::string& line, bool red);

// Control characters (a task's line breaks) become spaces: one row is one line on a terminal.
void blank_controls(std::vector<Cells>& rows);

// Rows of cells (the first is the header) as lines aligned by display width, two spaces apart,
// without trailing spaces. With a width, the last column (the long free text) is cut to fit,
// down to 12 cells. Control characters in cells become spaces. Shared by show and clients.
std::vector<std::string> align_columns(const std::vector<Cells>& rows, std::size_t width = 0);

// A column of a list of Row: its key, its headings and its cell for either audience.
template <class Row>
struct Column {
    std::string_view key;
    std::string_view en;
    std::string_view ja;
    ValueKind kind;
    std::string (*get)(const Row&, Audience, Lang);
    bool in_table = true;  // the terminal table may leave out what it shows otherwise
    // For a cell that is a text of the row as it is, for either audience: the text itself, so
    // that machine formats copy it only into their output (see text_column).
    std::string_view (*view)(const Row&) = nullptr;
};

template <class Row, Text Row::*field>
std::string text_cell(const Row& row, Audience, Lang) {
    return std::string(row.*field);
}

template <class Row, Text Row::*field>
std::string_view text_view(const Row& row) {
    return row.*field;
}

// The column of a Text member of the row, shown as it is.
template <class Row, Text Row::*field>
constexpr Column<Row> text_column(std::string_view key, std::string_view en, std::string_view ja, bool in_table = true) {
    return {key, en, ja, ValueKind::text, text_cell<Row, field>, in_table, text_view<Row, field>};
}

// With a sink, a long list is made in parts of this many rows, two at a time.
inline constexpr std::size_t machine_part_rows = 4096;
// The threads that make them: the cores, up to two.
std::size_t machine_threads();

// With a sink, the text goes to it in pieces of about `chunk` bytes, the last one included, and
// the result is empty.
template <class Row>
std::string render_machine(std::span<const Column<Row>> columns, const std::vector<Row>& rows, Format format,
                           bool raw, TextSink sink = {}, std::size_t chunk = std::size_t{1} << 20) {
    std::vector<Field> fields;
    for (const Column<Row>& c : columns) fields.push_back({c.key, c.kind});
    const bool streamed = static_cast<bool>(sink);
    MachineText text = streamed ? MachineText(fields, format, raw, sink, chunk) : MachineText(fields, format, raw);
    const auto add_rows = [&columns, &rows](MachineText& to, std::size_t begin, std::size_t end, bool reserve) {
        Cells made(columns.size());  // the cells that are not a view of the row
        std::vector<std::string_view> line(columns.size());
        for (std::size_t r = begin; r < end; ++r) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                if (columns[i].view) {
                    line[i] = columns[i].view(rows[r]);
                } else {
                    made[i] = columns[i].get(rows[r], Audience::machines, Lang::en);
                    line[i] = made[i];
                }
            }
            to.add(line);
            if (reserve && r == begin) to.reserve_rows(end - begin);
        }
    };
    if (streamed && rows.size() > machine_part_rows && machine_threads() > 1) {
        // Two parts at a time, the second on another thread, handed to the sink in order: the
        // same text, and no more of it held than two parts and a chunk. The parts' buffers are
        // reused: fresh memory costs more here than the rows.
        const auto part_text = [&](std::size_t begin, std::size_t end, std::string buffer) {
            MachineText part(fields, format, raw, MachineText::Part{begin}, std::move(buffer));
            add_rows(part, begin, end, true);
            return std::move(part).rows_text();
        };
        std::string first, second;
        for (std::size_t begin = 0; begin < rows.size(); begin += 2 * machine_part_rows) {
            const std::size_t middle = std::min(rows.size(), begin + machine_part_rows);
            const std::size_t end = std::min(rows.size(), middle + machine_part_rows);
            std::exception_ptr failed;  // what the other thread threw, thrown again here
            std::jthread other;         // joined before anything leaves this scope
            if (middle < end) {
                other = std::jthread([&] {
                    try {
                        second = part_text(middle, end, std::move(second));
                    } catch (...) {
                        failed = std::current_exception();
                    }
                });
            }
            first = part_text(begin, middle, std::move(first));
            text.add_rows(first, middle - begin);
            if (other.joinable()) {
                other.join();
                if (failed) std::rethrow_exception(failed);
                text.add_rows(second, end - middle);
            }
        }
    } else {
        add_rows(text, 0, rows.size(), !streamed);
    }
    std::string out = std::move(text).finish();
    if (!streamed) return out;
    if (!out.empty()) sink(out);
    return {};
}

// The table's header (in the language) and a row of cells for people per row: the columns in_table.
template <class Row>
std::vector<Cells> people_cells(std::span<const Column<Row>> columns, const std::vector<Row>& rows, Lang lang) {
    std::vector<Cells> cells(1);
    for (const Column<Row>& c : columns) {
        if (c.in_table) cells[0].emplace_back(lang == Lang::ja ? c.ja : c.en);
    }
    for (const Row& row : rows) {
        Cells& line = cells.emplace_back();
        for (const Column<Row>& c : columns) {
            if (c.in_table) line.push_back(c.get(row, Audience::people, lang));
        }
    }
    return cells;
}

}  // namespace winback
