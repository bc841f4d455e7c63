#pragma once
// Reading a book from its folder and reporting what is wrong with it.

#include <memory>
#include <optional>
#include <type_traits>
#include <vector>
#include <string>

#include "cli/cli.hpp"
#include "winback/diagnostic.hpp"
#include "winback/load.hpp"

namespace winback::cli {

// Files from this size on are mapped rather than read.
inline constexpr std::size_t map_files_from = std::size_t{256} * 1024;

// The text of a file; nothing when it does not exist. Other failures (a folder, no permission,
// a file too large) become a diagnostic. A file of map_from bytes or more is mapped: a program
// that cuts it short while winback reads it makes winback stop with exit 1 and a message.
std::optional<SourceText> read_text_file(const std::string& path, Diagnostics& diagnostics,
                                         std::size_t map_from = map_files_from);

// dir/name, or just name for the current folder, as messages show it.
std::string book_path(const std::string& dir, const std::string& name);

BookSources read_book_sources(const std::string& dir, Diagnostics& diagnostics);

// Writes diagnostics to the stream, sorted, in the language of the messages; warnings only when asked.
void print_diagnostics(std::ostream& err, const Diagnostics& diagnostics, bool warnings, Lang lang = Lang::en);

// Says so on stderr when the book folder is missing.
bool book_folder_exists(Context& context);

// Loads the book of the context's folder. On errors it prints them and returns nothing.
// `refusal` says what was not done ("nothing done", "nothing logged"); `read`, when given,
// receives the files as they were read.
std::optional<Book> open_book(Context& context, std::string_view refusal = "nothing done",
                              BookSources* read = nullptr);

// Hands a large value to the end of the process instead of freeing it now: the command is about
// to return and the process to end, and freeing a book piece by piece costs more than most of a
// run (a quarter of a second for a million clients). The memory stays reachable, so leak
// checkers do not report it.
template <class T>
void keep_until_exit(T&& value) {
    static auto* kept = new std::vector<std::shared_ptr<const void>>();  // never freed, on purpose
    kept->push_back(std::make_shared<const std::decay_t<T>>(std::forward<T>(value)));
}

// A --date style option; throws UsageError.
Date parse_date_option(const std::string& text, const std::string& option);

}  // namespace winback::cli
