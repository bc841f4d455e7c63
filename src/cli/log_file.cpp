#include "cli/log_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "cli/book_io.hpp"

namespace winback::cli {

namespace {

// Closes the descriptor, and so releases the flock, on every way out.
class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd;
};

std::string error_text(std::string_view what) {
    return fmt::format("{}: {}", what, std::strerror(errno));
}

std::string folder_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// Opens the log for reading and appending, creating it when it is not there. O_RDWR rather than
// O_WRONLY: the text is read under the lock through this same descriptor, so what is checked
// is exactly the file that is appended to. O_NONBLOCK keeps a FIFO from hanging the open.
int open_log(const std::string& path, bool& created) {
    constexpr int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
    for (int attempt = 0; attempt < 100; ++attempt) {
        int fd = ::open(path.c_str(), flags);
        if (fd >= 0 || errno != ENOENT) {
            created = false;
            return fd;
        }
        fd = ::open(path.c_str(), flags | O_CREAT | O_EXCL, 0600);
        if (fd >= 0 || errno != EEXIST) {  // EEXIST: another writer created it just now; open theirs
            created = fd >= 0;
            return fd;
        }
    }
    errno = EAGAIN;
    return -1;
}

bool read_all(int fd, std::string& text) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return false;
    text.assign(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (true) {
        if (done == text.size()) text.resize(text.size() + 65536);
        const ssize_t n = ::pread(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    text.resize(done);
    return true;
}

// Ignores SIGXFSZ while it lives: past the file size limit (ulimit -f) write() then fails with
// EFBIG and the entry is cut off again, instead of the process being killed half-way through.
class IgnoreFileSizeSignal {
public:
    IgnoreFileSizeSignal() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        m_ok = ::sigaction(SIGXFSZ, &ignore, &m_before) == 0;
    }
    IgnoreFileSizeSignal(const IgnoreFileSizeSignal&) = delete;
    IgnoreFileSizeSignal& operator=(const IgnoreFileSizeSignal&) = delete;
    ~IgnoreFileSizeSignal() {
        if (m_ok) ::sigaction(SIGXFSZ, &m_before, nullptr);
    }

private:
    struct sigaction m_before {};
    bool m_ok = false;
};

// One write(); more only when the kernel takes less than all of it.
bool write_all(int fd, std::string_view bytes) {
    const IgnoreFileSizeSignal ignore_file_size_signal;
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

AppendResult append_locked(const std::string& path, const PrepareAppend& prepare) {
    AppendResult result;
    for (int attempt = 0; attempt < 100; ++attempt) {
        bool created = false;
        Fd fd(open_log(path, created));
        if (!fd.ok()) {
            result.error = errno == ELOOP ? "cannot write: it is a symbolic link (winback does not follow one)"
                                          : error_text("cannot open for writing");
            return result;
        }
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) {
            result.error = error_text("cannot write");
            return result;
        }
        if (!S_ISREG(st.st_mode)) {
            result.error = "cannot write: not a regular file";
            return result;
        }
        const int blocking = ::fcntl(fd.get(), F_GETFL);
        if (blocking < 0 || ::fcntl(fd.get(), F_SETFL, blocking & ~O_NONBLOCK) != 0) {
            result.error = error_text("cannot write");
            return result;
        }
        int locked;
        do {
            locked = ::flock(fd.get(), LOCK_EX);
        } while (locked != 0 && errno == EINTR);
        if (locked != 0) {
            result.error = error_text("cannot lock");
            return result;
        }
        // Locked. If the path now names another file (replaced by an editor, or removed), the
        // lock guards nothing: start again with what the path names now.
        struct stat now {};
        if (::lstat(path.c_str(), &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) continue;
        result.created = created;

        std::string current;
        if (!read_all(fd.get(), current)) {
            result.error = error_text("cannot read");
            return result;
        }
        const std::optional<std::string> bytes = prepare(current);
        if (!bytes) {
            result.status = AppendResult::refused;
            return result;
        }
        const auto size_before = static_cast<off_t>(current.size());
        if (!write_all(fd.get(), *bytes)) {
            const std::string why = std::strerror(errno);
            const bool cut_back = ::ftruncate(fd.get(), size_before) == 0;
            if (cut_back && created) {
                // The file was not there before: take it away again. A writer waiting for the lock
                // on it finds the path gone and starts again.
                ::unlink(path.c_str());
                result.error = fmt::format("cannot write: {}; nothing was logged (no file was created)", why);
            } else if (cut_back) {
                result.error = fmt::format("cannot write: {}; nothing was logged (the file is as it was)", why);
            } else {
                result.error = fmt::format("cannot write: {}; the end of the file may hold part of an entry, and "
                                           "cutting it off failed too: {} (fix it by hand; `winback check` shows "
                                           "where)",
                                           why, std::strerror(errno));
            }
            return result;
        }
        if (::fsync(fd.get()) != 0) {
            const std::string why = std::strerror(errno);
            // The entry may not be on disk: take it back so that a retry does not log it twice.
            const bool undone = ::ftruncate(fd.get(), size_before) == 0 && ::fsync(fd.get()) == 0;
            result.error = undone ? fmt::format("cannot flush to disk: {}; nothing was logged", why)
                                  : fmt::format("cannot flush to disk: {}; the entry may or may not be in the file",
                                                why);
            return result;
        }
        if (created) {
            // A new file is only durable once its folder entry is.
            Fd folder(::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            if (!folder.ok() || ::fsync(folder.get()) != 0) {
                result.error = error_text("logged, but the new file's folder cannot be flushed to disk");
                return result;
            }
        }
        result.status = AppendResult::appended;
        return result;  // closing the descriptor releases the lock
    }
    result.error = "cannot lock: the file keeps being replaced while winback waits for it";
    return result;
}

std::optional<SourceText> read_log_file(const std::string& path, Diagnostics& diagnostics) {
    // flock is on the file, not the descriptor: holding it on `fd`, a second open by path reads
    // the same locked file (read_text_file reports every failure, a missing file included).
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    struct stat st {};
    if (fd.ok() && ::fstat(fd.get(), &st) == 0) {
        if (!S_ISREG(st.st_mode)) {  // a FIFO would block read_text_file
            diagnostics.error(path, {}, "cannot read: not a regular file");
            return std::string();
        }
        while (::flock(fd.get(), LOCK_SH) != 0 && errno == EINTR) {
        }
    }
    return read_text_file(path, diagnostics);
}

}  // namespace winback::cli
