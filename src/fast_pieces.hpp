#pragma once
// A big file of [[header]] tables read on every core: split at header lines into one piece per
// core, each piece read into its own span of one vector of records sized once. Internal to the
// fast loaders (src/fast_clients.cpp, src/fast_log.cpp), with the cursor of fast_toml.hpp.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "fast_toml.hpp"
#include "pages.hpp"
#include "parallel.hpp"
#include "winback/load.hpp"

namespace winback::detail {

// Splits text into at most `parts` pieces, each but the first starting at a line that is
// exactly `header` (e.g. "[[client]]"). Returns the start offsets, the first being 0.
std::vector<std::size_t> split_at_headers(std::string_view text, std::string_view header, std::size_t parts);

// How many pieces a file of this size is worth reading in parallel.
std::size_t parallel_parts(std::size_t size);

// How many lines of text start with header (e.g. "[[client]]").
std::size_t count_headers(std::string_view text, std::string_view header);

// Gives back, with `release` (SourceText::releaser), the pages of a text that a reader has
// passed, a quarter of the text at a time but at least 1 MiB and at most 4 MiB, so that a big
// file is never in memory whole while its model is built. The text must be a mapping of a file
// (the only kind with a releaser): bytes read again after all come back from the file. Does
// nothing without a release function.
class PagesBehind {
public:
    PagesBehind(std::string_view text, ReleasePages release)
        : m_text(text), m_release(release), m_step(std::clamp(text.size() / 4, min_step, max_step)) {}

    // The reader is at `pos` of the text and need not keep what is before it in memory.
    void passed(std::size_t pos) {
        if (m_release && pos > m_done && pos - m_done >= m_step) {
            m_release(m_text.substr(m_done, pos - m_done));
            m_done = pos;
        }
    }

private:
    static constexpr std::size_t min_step = std::size_t{1} << 20;
    static constexpr std::size_t max_step = std::size_t{4} << 20;
    std::string_view m_text;
    ReleasePages m_release;
    std::size_t m_step;
    std::size_t m_done = 0;  // given back up to here
};

// Whether text is valid UTF-8 (utf8_text), with its count of header lines (count_headers),
// its pages given back as they are checked.
bool check_and_count(std::string_view text, std::string_view header, std::size_t& count, ReleasePages release);

// Reads a file of `header` tables in parallel pieces, split at header lines. `records` is sized
// once, to the count of headers, and each piece reads into its own span of it (`Piece::*records`)
// with read(piece, behind), which tells `behind` how far it has read. With `release`, the pages
// of the text are given back as each pass goes over them. Whether every piece was read.
template <class Piece, class Record, class Read>
bool read_in_pieces(std::string_view text, std::string_view header, std::vector<Piece>& pieces,
                    std::vector<Record>& records, std::span<Record> Piece::*span, ReleasePages release, Read read) {
    const auto starts = split_at_headers(text, header, parallel_parts(text.size()));
    const std::size_t n = starts.size();
    pieces.resize(n);
    std::vector<std::size_t> counts(n);
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t end = k + 1 < n ? starts[k + 1] : text.size();
        pieces[k].text = text.substr(starts[k], end - starts[k]);
    }
    std::vector<char> valid(n);
    run_parallel(n, [&](std::size_t k) { valid[k] = check_and_count(pieces[k].text, header, counts[k], release); });
    if (std::find(valid.begin(), valid.end(), 0) != valid.end()) return false;
    std::size_t total = 0;
    for (std::size_t count : counts) total += count;
    records.reserve(total);
    populate_in_parallel(records.data(), total * sizeof(Record), n);
    records.resize(total);
    std::size_t first = 0;
    for (std::size_t k = 0; k < n; ++k) {
        pieces[k].*span = std::span<Record>(records).subspan(first, counts[k]);
        first += counts[k];
    }
    std::atomic<bool> ok = true;
    run_parallel(n, [&](std::size_t k) {
        PagesBehind behind(pieces[k].text, release);
        if (!read(pieces[k], behind)) ok = false;
    });
    return ok;
}

}  // namespace winback::detail
