#include "cli/book_io.hpp"
#include "cli/log_file.hpp"
#include "pages.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ostream>

#include <fmt/format.h>

#include "winback/messages.hpp"

namespace winback::cli {

namespace {

// Larger books are not hand-kept files; refusing them keeps memory bounded.
constexpr off_t max_file_size = off_t{2} * 1024 * 1024 * 1024;

// A mapping of a whole file, unmapped with the last SourceText that shares it.
struct Mapping {
    void* address = nullptr;
    std::size_t size = 0;
    Mapping(void* a, std::size_t n) : address(a), size(n) {}
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    ~Mapping() { ::munmap(address, size); }
};

// A mapped file that another program cuts short while winback reads it makes the next read of
// a lost page raise SIGBUS. winback then says so and stops, before it has written anything.
extern "C" void on_sigbus(int) {
    static constexpr char message[] =
        "winback: error: a book file was cut short by another program while winback read it; nothing was "
        "done: run the command again\n";
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(1);
}

void guard_mappings() {
    static const bool installed = [] {
        struct sigaction action {};
        action.sa_handler = on_sigbus;
        sigemptyset(&action.sa_mask);
        return ::sigaction(SIGBUS, &action, nullptr) == 0;
    }();
    (void)installed;
}

// SourceText::release_pages of a mapping: the pages leave this process and, since the mapping is
// private and never written, are read from the file again if they are touched after all. Only
// whole pages inside `bytes` go: a page that it shares with bytes before or after stays.
void drop_pages(std::string_view bytes) {
    detail::give_back_pages(bytes.data(), bytes.size());
}

// The file mapped read-only, or nothing when it cannot be (then it is read).
std::optional<SourceText> map_file(int fd, std::size_t size) {
    guard_mappings();
    void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (address == MAP_FAILED) return std::nullopt;
    auto mapping = std::make_shared<const Mapping>(address, size);
    return SourceText(std::string_view(static_cast<const char*>(address), size), std::move(mapping), drop_pages);
}

}  // namespace

std::optional<SourceText> read_text_file(const std::string& path, Diagnostics& diagnostics, std::size_t map_from) {
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
        return SourceText();
    }
    if (st.st_size > max_file_size) {
        diagnostics.error(path, {}, "cannot read: the file is larger than 2 GiB");
        ::close(fd);
        return SourceText();
    }
    // Reading a large file would copy it, page by page, into fresh memory; a mapping shares the
    // pages the system already holds.
    if (static_cast<std::size_t>(st.st_size) >= map_from) {
        auto mapped = map_file(fd, static_cast<std::size_t>(st.st_size));
        if (mapped) {
            ::close(fd);
            return mapped;
        }
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
    return SourceText(std::move(text));
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
