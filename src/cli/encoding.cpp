#include "cli/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace winback::cli {

namespace {

// The names --encoding accepts. Excel's "Shift_JIS" is Microsoft's CP932, so all of them are.
struct CharsetName {
    std::string_view name;
    Charset charset;
};
constexpr CharsetName charset_names[] = {
    {"utf-8", Charset::utf8},       {"utf8", Charset::utf8},      {"cp932", Charset::cp932},
    {"windows-31j", Charset::cp932}, {"shift_jis", Charset::cp932}, {"sjis", Charset::cp932},
};

Charset charset_of(const std::string& name) {
    const std::string lower = CLI::detail::to_lower(name);
    for (const CharsetName& c : charset_names) {
        if (c.name == lower) return c.charset;
    }
    return Charset::utf8;  // unreachable: CLI11 checks the name
}

// One cell of a delimited text: where it is in the text, and its value unquoted.
struct Cell {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string value;
};
using Record = std::vector<Cell>;

// RFC 4180 records (tsv: the same, with tabs), as csv_cell and delimited_text write them.
std::vector<Record> parse_delimited(std::string_view text, char delimiter) {
    std::vector<Record> records;
    std::size_t i = 0;
    while (i < text.size()) {
        Record& record = records.emplace_back();
        for (;;) {
            Cell cell{i, i, {}};
            if (i < text.size() && text[i] == '"') {
                for (++i; i < text.size(); ++i) {
                    if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                        cell.value += '"';
                        ++i;
                    } else if (text[i] == '"') {
                        ++i;
                        break;
                    } else {
                        cell.value += text[i];
                    }
                }
            }
            while (i < text.size() && text[i] != delimiter && text[i] != '\r' && text[i] != '\n') cell.value += text[i++];
            cell.end = i;
            record.push_back(std::move(cell));
            if (i < text.size() && text[i] == delimiter) {
                ++i;
                continue;
            }
            if (i < text.size() && text[i] == '\r') ++i;
            if (i < text.size() && text[i] == '\n') ++i;
            break;
        }
    }
    return records;
}

char32_t code_point_at(std::string_view text, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[k])); };
    const char32_t b0 = b(i);
    std::size_t len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    if (i + len > text.size()) return b0;
    char32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
    return cp;
}

Unencodable locate(std::string_view text, std::size_t offset, char delimiter) {
    Unencodable where;
    where.character = code_point_at(text, offset);
    const std::vector<Record> records = parse_delimited(text, delimiter);
    if (records.empty()) return where;
    const Record& header = records[0];
    for (std::size_t r = 0; r < records.size(); ++r) {
        const Record& record = records[r];
        for (std::size_t c = 0; c < record.size(); ++c) {
            if (offset < record[c].begin || offset >= record[c].end) continue;
            where.record = r;
            if (c < header.size()) where.field = header[c].value;
            for (std::size_t k = 0; k < header.size() && k < record.size(); ++k) {
                if (header[k].value == "client_id" || (header[k].value == "id" && where.id.empty())) {
                    where.id = record[k].value;
                }
            }
            return where;
        }
    }
    return where;
}

std::string to_cp932(std::string_view text, std::size_t& failed_at) {
    iconv_t cd = ::iconv_open("CP932", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        throw std::runtime_error(fmt::format("iconv cannot convert UTF-8 to CP932: {}", std::strerror(errno)));
    }
    std::string out(text.size() + 16, '\0');
    char* in = const_cast<char*>(text.data());
    std::size_t in_left = text.size();
    char* to = out.data();
    std::size_t to_left = out.size();
    failed_at = std::string_view::npos;
    while (in_left > 0) {
        if (::iconv(cd, &in, &in_left, &to, &to_left) != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) {
            const std::size_t used = static_cast<std::size_t>(to - out.data());
            out.resize(out.size() * 2);
            to = out.data() + used;
            to_left = out.size() - used;
            continue;
        }
        failed_at = static_cast<std::size_t>(in - text.data());  // EILSEQ (or EINVAL: a cut character)
        break;
    }
    out.resize(static_cast<std::size_t>(to - out.data()));
    ::iconv_close(cd);
    return out;
}

}  // namespace

void add_encoding_options(CLI::App& app, EncodingArgs& args) {
    app.add_flag("--bom", args.bom, "csv/tsv: begin with a UTF-8 byte-order mark (Excel opens it without mojibake)");
    std::vector<std::string> names;
    for (const CharsetName& c : charset_names) names.emplace_back(c.name);
    app.add_option("--encoding", args.encoding, "csv/tsv: utf-8 (default) or cp932 (Shift_JIS as Windows writes it)")
        ->check(CLI::IsMember(names, CLI::ignore_case));
}

void check_encoding_options(const EncodingArgs& args, Format format) {
    const bool delimited = format == Format::csv || format == Format::tsv;
    const Charset charset = charset_of(args.encoding);
    if (args.bom && !delimited) throw UsageError{"--bom is for --format csv or tsv"};
    if (charset != Charset::utf8 && !delimited) throw UsageError{"--encoding is for --format csv or tsv"};
    if (args.bom && charset != Charset::utf8) throw UsageError{"--bom is for UTF-8 only; leave it out with --encoding cp932"};
}

std::variant<std::string, Unencodable> encode(std::string_view text, Charset charset, char delimiter) {
    if (charset == Charset::utf8) return std::string(text);
    std::size_t failed_at = 0;
    std::string out = to_cp932(text, failed_at);
    if (failed_at != std::string_view::npos) return locate(text, failed_at, delimiter);
    return out;
}

namespace {

bool delimited(Format format) {
    return format == Format::csv || format == Format::tsv;
}

// Text that needs no conversion (any format but csv and tsv, or UTF-8) is written as it is,
// after the BOM when csv or tsv asks for one: no copy of a text of many megabytes.
bool written_as_is(Format format, const EncodingArgs& args) {
    return !delimited(format) || charset_of(args.encoding) == Charset::utf8;
}

void write_bom(Context& context, Format format, const EncodingArgs& args) {
    if (args.bom && delimited(format)) context.out << "\xEF\xBB\xBF";
}

}  // namespace

int write_encoded(Context& context, const std::function<void(const TextSink&)>& render, Format format,
                  const EncodingArgs& args) {
    if (!written_as_is(format, args)) {
        std::string text;
        render([&text](std::string_view piece) { text += piece; });
        return write_encoded(context, text, format, args);
    }
    write_bom(context, format, args);
    render([&context](std::string_view piece) { context.out << piece; });
    return exit_ok;
}

int write_encoded(Context& context, const std::string& text, Format format, const EncodingArgs& args) {
    if (written_as_is(format, args)) {
        write_bom(context, format, args);
        context.out << text;
        return exit_ok;
    }
    const Charset charset = charset_of(args.encoding);
    auto encoded = encode(text, charset, format == Format::csv ? ',' : '\t');
    if (auto* bytes = std::get_if<std::string>(&encoded)) {
        write_bom(context, format, args);
        context.out << *bytes;
        return exit_ok;
    }
    const Unencodable& u = std::get<Unencodable>(encoded);
    // Only where it is: the text itself may be a person's name or health details.
    const std::string row = u.id.empty() ? fmt::format("row {}", u.record) : fmt::format("client {}", u.id);
    context.err << fmt::format(
        "winback: error: --encoding cp932: {}, field \"{}\": character U+{:04X} has no CP932 form; nothing was "
        "written (use --bom for UTF-8, or change the character in the book)\n",
        row, u.field, static_cast<unsigned>(u.character));
    return exit_invalid;
}

}  // namespace winback::cli
