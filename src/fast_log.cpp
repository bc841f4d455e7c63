// log.toml straight from the bytes: the same entries load_log_toml builds, or nothing.


#include "fast_pieces.hpp"
#include "fast_toml.hpp"
#include "winback/fast_load.hpp"
#include "winback/log_entry.hpp"

namespace winback {

namespace {

using detail::FastCursor;

enum Key : unsigned { k_date, k_client, k_step, k_outcome, k_by, k_note, k_reason, k_unknown };
constexpr std::string_view entry_keys[] = {"date", "client", "step", "outcome", "by", "note", "reason"};


// Each key's values go through its RecentTexts: a log repeats its staff, outcomes, steps, stock
// notes and, entry after entry, its clients.
bool entry_value(FastCursor& c, unsigned key, Entry& e, std::span<detail::RecentTexts, k_unknown> recent) {
    switch (key) {
        case k_date: return c.date(e.date, true);
        case k_client: e.client_at = c.where(); return c.string(e.client, recent[k_client]) && !e.client.empty();
        case k_step: e.step_at = c.where(); return c.string(e.step, recent[k_step]);
        case k_outcome: e.outcome_at = c.where(); return c.string(e.outcome, recent[k_outcome]) && !e.outcome.empty();
        case k_by: return c.string(e.by, recent[k_by]);
        case k_note: return c.string(e.note, recent[k_note]);
        case k_reason: e.reason_at = c.where(); return c.string(e.reason, recent[k_reason]);
        default: return false;
    }
}

constexpr std::uint32_t required_keys = (1u << k_date) | (1u << k_client) | (1u << k_outcome);

struct Piece {
    std::string_view text;
    std::span<Entry> entries;
    TextPool pool;  // the bytes of the entries' Texts
    detail::RecentTexts recent[k_unknown];  // per key
    int lines = 0;
};

bool read_piece(Piece& piece, detail::PagesBehind& behind) {
    FastCursor c(piece.text, 1, &piece.pool);
    std::uint32_t seen = required_keys;  // no table yet: nothing to complete
    std::size_t next = 0;
    Entry* entry = nullptr;
    std::size_t hint = 0;  // where the last key was among entry_keys
    while (true) {
        if (!c.skip_blank_lines()) return false;
        if (c.at_end()) break;
        if (c.peek() == '[') {
            behind.passed(c.pos());
            if ((seen & required_keys) != required_keys) return false;
            const Where where = c.where();
            if (!c.at_line_start()) return false;  // an indented header
            if (!c.exact_line("[[entry]]\n")) {
                std::string_view name;
                if (!c.header(name) || name != "entry" || !c.end_of_line()) return false;
            }
            if (next == piece.entries.size()) return false;
            entry = &piece.entries[next++];
            entry->where = entry->client_at = entry->step_at = entry->outcome_at = entry->reason_at = where;
            seen = 0;
            hint = std::size(entry_keys) - 1;  // the first key is tried first
            continue;
        }
        std::size_t index = 0;
        if (!entry || !c.known_key(entry_keys, hint, index)) return false;
        const auto key = static_cast<unsigned>(index);
        const std::uint32_t bit = 1u << key;
        if (key == k_unknown || (seen & bit) || !entry_value(c, key, *entry, piece.recent) || !c.end_of_line()) return false;
        seen |= bit;
    }
    if ((seen & required_keys) != required_keys) return false;
    piece.lines = c.line() - 1;
    return next == piece.entries.size();
}

}  // namespace

std::optional<LogFile> fast_load_log(std::string_view text, ReleasePages release) {
    if (torn_tail(text)) return std::nullopt;  // an error, which only the toml++ path reports
    LogFile out;
    out.parsed = true;
    std::vector<Piece> pieces;
    if (!detail::read_in_pieces(text, "[[entry]]", pieces, out.entries, &Piece::entries, release, read_piece)) return std::nullopt;
    int lines = 0;
    for (Piece& piece : pieces) {
        if (lines > 0) {
            for (Entry& e : piece.entries) {
                for (Where* w : {&e.where, &e.client_at, &e.step_at, &e.outcome_at, &e.reason_at}) w->line += lines;
            }
        }
        lines += piece.lines;
        out.text.adopt(piece.pool);
    }
    return out;
}

}  // namespace winback
