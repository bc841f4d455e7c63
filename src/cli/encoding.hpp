#pragma once
// --bom and --encoding: the bytes of a csv or tsv for spreadsheets. The core renders UTF-8;
// this layer adds the byte-order mark or converts to CP932 (Windows-31J) with glibc's iconv.

#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "cli/cli.hpp"
#include "winback/render.hpp"

namespace winback::cli {

enum class Charset { utf8, cp932 };

struct EncodingArgs {
    bool bom = false;
    std::string encoding = "utf-8";
};

// Adds --bom and --encoding to a command that writes csv or tsv.
void add_encoding_options(CLI::App& app, EncodingArgs& args);
// Throws UsageError when they are given with another format, or together.
void check_encoding_options(const EncodingArgs& args, Format format);

// A character of a csv or tsv with no form in the chosen encoding: where it is, without the text.
struct Unencodable {
    std::size_t record = 0;  // 1 is the first line after the header
    std::string field;       // the header's key of its column
    std::string id;          // the record's client_id (or id) cell, when there is one
    char32_t character = 0;
};

// `text` (UTF-8, as rendered) in `charset`, or the first character that cannot be converted.
std::variant<std::string, Unencodable> encode(std::string_view text, Charset charset, char delimiter);

// Writes `text` to context.out as the options say. On a character with no CP932 form it
// writes nothing there, explains on context.err and returns exit_invalid.
int write_encoded(Context& context, const std::string& text, Format format, const EncodingArgs& args);
// The same for text that `render` makes piece by piece: when nothing is to be converted (UTF-8,
// or a format other than csv and tsv) each piece is written as it comes, so the whole text is
// never held; otherwise it is gathered and converted as write_encoded does.
int write_encoded(Context& context, const std::function<void(const TextSink&)>& render, Format format,
                  const EncodingArgs& args);

}  // namespace winback::cli
