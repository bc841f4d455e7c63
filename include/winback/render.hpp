#pragma once
// Plan -> text in each output format. One list of columns serves every format.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "winback/i18n.hpp"
#include "winback/plan.hpp"

namespace winback {

enum class Format { table, csv, tsv, json, ndjson, ics, html };

// Where text goes as it is made, piece by piece, when it need not be held whole (a plan of a
// million clients is some 150 MB of ndjson).
using TextSink = std::function<void(std::string_view)>;

std::optional<Format> parse_format(std::string_view name);

struct RenderOptions {
    Format format = Format::table;
    Lang lang = Lang::en;
    bool raw = false;         // csv/tsv: keep cells that look like formulas as they are
    bool color = false;       // table: colour overdue rows
    std::size_t width = 0;    // table: fit to this many cells (0: no limit)
};

std::string render_plan(const Plan& plan, const RenderOptions& options);
// The same text, given to `sink` piece by piece as it is made: csv, tsv, json and ndjson in
// pieces of whole rows and about `chunk` bytes, the other formats in one piece.
void render_plan(const Plan& plan, const RenderOptions& options, const TextSink& sink,
                 std::size_t chunk = std::size_t{1} << 20);

// iCalendar (RFC 5545): one all-day VTODO per action, UID and DTSTAMP stable across runs
// (docs/formats.md). CRLF line ends, lines folded at 75 octets.
std::string render_ics(const Plan& plan, Lang lang);
// A printable sheet: one self-contained HTML page, A4, one section per day (docs/formats.md).
std::string render_html(const Plan& plan, Lang lang);

// One CSV (or TSV) cell: neutralised against formula injection unless raw, quoted per RFC 4180.
std::string csv_cell(std::string_view text, char delimiter, bool raw);
// csv_cell(text, delimiter, raw) appended to `out`.
void append_csv_cell(std::string& out, std::string_view text, char delimiter, bool raw);

}  // namespace winback

namespace winback {

// `winback playbooks`: each playbook with its steps and their timing, as a table or json.
std::string render_playbooks(const std::vector<Playbook>& playbooks, Format format, Lang lang);
// "at 0d", "every 1m from 1m until 12m, 3 times", "after discharged: at 3d"
std::string describe_timing(const Step& step);

}  // namespace winback
