#include "cli/book_io.hpp"
#include "cli/log_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ostream>

#include <fmt/format.h>

#include "winback/messages.hpp"

namespace winback::cli {

namespace {

// Larger books are not hand-kept files; refusing them keeps memory bounded.
constexpr off_t max_file_size = off_t{2} * 1024 * 1024 * 1024;

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diagnostics) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT) diagnostics.error(path, {}, fmt::format("cannot read: {}", std::strerror(errno)));
        return std::nullopt;
    }
    struct stat st {};
    std::string text;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diagnostics.error(path, {}, "cannot read: not a regular file");
        ::close(fd);
        return std::string();
    }
    if (st.st_size > max_file_size) {
        diagnostics.error(path, {}, "cannot read: the file is larger than 2 GiB");
        ::close(fd);
        return std::string();
    }
    text.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (true) {
        if (done == text.size()) text.resize(text.size() + 65536);  // the file grew while we read
        const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            diagnostics.error(path, {}, fmt::format("cannot read: {}", std::strerror(errno)));
            break;
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    text.resize(done);
    ::close(fd);
    return text;
}

std::string book_path(const std::string& dir, const std::string& name) {
    if (dir.empty() || dir == ".") return name;
    return dir.back() == '/' ? dir + name : dir + "/" + name;
}

BookSources read_book_sources(const std::string& dir, Diagnostics& diagnostics) {
    BookSources sources;
    for (auto [source, name] : {std::pair{&sources.clients, "clients.toml"}, std::pair{&sources.playbooks, "playbooks.toml"},
                                std::pair{&sources.facility, "facility.toml"}}) {
        source->path = book_path(dir, name);
        source->text = read_text_file(source->path, diagnostics);
    }
    // Under a shared lock: an entry that `winback log` is appending is seen whole or not at all.
    sources.log.path = book_path(dir, "log.toml");
    sources.log.text = read_log_file(sources.log.path, diagnostics);
    return sources;
}

void print_diagnostics(std::ostream& err, const Diagnostics& diagnostics, bool warnings, Lang lang) {
    for (const Diagnostic& d : diagnostics.sorted()) {
        if (d.severity == Severity::warning && !warnings) continue;
        err << (lang == Lang::ja ? format_diagnostic(translate(d, lang)) : format_diagnostic(d)) << '\n';
    }
}

bool book_folder_exists(Context& context) {
    const std::string dir = context.book_dir();
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return true;
    context.error(fmt::format("book folder \"{}\" not found (set it with --dir DIR or WINBACK_DIR)", dir));
    return false;
}

std::optional<Book> open_book(Context& context, std::string_view refusal, BookSources* read) {
    if (!book_folder_exists(context)) return std::nullopt;
    const std::string dir = context.book_dir();
    Diagnostics diagnostics;
    BookSources sources = read_book_sources(dir, diagnostics);
    Book book = load_book(sources, context.lang(), diagnostics, context.env.today);
    print_diagnostics(context.err, diagnostics, !context.global.quiet, context.lang());
    if (diagnostics.has_errors()) {
        const std::size_t errors = diagnostics.error_count();
        context.err << "winback: "
                    << context.say(fmt::format("{} error{} in the book: {} (fix {} and run `winback check`)", errors,
                                               errors == 1 ? "" : "s", refusal, errors == 1 ? "it" : "them"))
                    << '\n';
        return std::nullopt;
    }
    if (read) *read = std::move(sources);
    return book;
}

Date parse_date_option(const std::string& text, const std::string& option) {
    if (auto date = parse_date(text)) return *date;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    throw UsageError{fmt::format("{}: \"{}\" is not a date ({})", option, text,
                                 shaped ? "no such day in the calendar" : "expected YYYY-MM-DD")};
}

}  // namespace winback::cli
