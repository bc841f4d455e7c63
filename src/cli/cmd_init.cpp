// winback init DIR: a new book with commented starting files, never overwriting anything.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "winback/starter.hpp"

namespace winback::cli {

namespace {

// Creates the folder (and its parents) when missing; the book's own folder is private.
bool make_folder(const std::string& dir, const Context& context) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return true;
        context.error(fmt::format("{} exists and is not a folder: nothing written", dir));
        return false;
    }
    std::error_code ec;
    std::filesystem::path path = std::filesystem::path(dir).lexically_normal();
    if (!path.has_filename()) path = path.parent_path();  // "a/b/", as tab completion writes it: the folder b of a
    const std::filesystem::path parent = path.parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec || ::mkdir(dir.c_str(), 0700) != 0) {
        context.error(fmt::format("cannot create the folder {}: {}", dir, ec ? ec.message() : std::strerror(errno)));
        return false;
    }
    return true;
}

// Writes a new file, mode 0600; fails when it exists (O_EXCL), so a file is never overwritten.
std::string write_new_file(const std::string& path, std::string_view text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return std::strerror(errno);
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const std::string error = std::strerror(errno);
            ::close(fd);
            return error;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) return std::strerror(errno);
    return {};
}

}  // namespace

std::function<int()> setup_init(CLI::App& app, Context& context) {
    auto dir = std::make_shared<std::string>();
    app.add_option("DIR", *dir, "Folder of the new book (created when missing)")->required();
    app.footer("Examples:\n"
               "  winback init ~/books/dayservice           facility.toml, clients.toml, playbooks.toml\n"
               "  winback --lang ja init ~/books/dayservice  the starting files in Japanese\n\n"
               "Nothing is overwritten: when one of the files exists, nothing is written.\n"
               "The files are readable by their owner only (mode 0600): client data is sensitive.");
    return [dir, &context]() {
        const std::vector<StarterFile> files = starter_book(context.lang());
        // Every file is checked before any is written: all or nothing.
        for (const StarterFile& file : files) {
            const std::string path = book_path(*dir, std::string(file.name));
            struct stat st {};
            if (::lstat(path.c_str(), &st) == 0) {
                context.error(fmt::format("{} exists already: nothing written (init never overwrites a file)", path));
                return exit_invalid;
            }
        }
        if (!make_folder(*dir, context)) return exit_invalid;
        std::vector<std::string> written;
        for (const StarterFile& file : files) {
            const std::string path = book_path(*dir, std::string(file.name));
            if (std::string error = write_new_file(path, file.text); !error.empty()) {
                // Another process made the file meanwhile, or the disk failed: undo our own files.
                for (const std::string& done : written) ::unlink(done.c_str());
                context.error(fmt::format("cannot write {}: {}: nothing written", path, error));
                return exit_invalid;
            }
            written.push_back(path);
        }
        context.err << "winback: "
                    << context.say(fmt::format("a new book in {}: {}, {}, {} (edit clients.toml, then run `winback "
                                               "--dir {} check`)",
                                               *dir, files[0].name, files[1].name, files[2].name, *dir))
                    << '\n';
        return exit_ok;
    };
}

}  // namespace winback::cli
