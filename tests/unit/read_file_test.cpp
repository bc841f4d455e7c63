// Reading a book file: read into a string when small, mapped when large, and a clean stop when
// another program cuts a mapped file short.

#include "cli/book_io.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct TempFile {
    std::string path;
    explicit TempFile(const std::string& content) {
        char name[] = "/tmp/winback-read-XXXXXX";
        const int fd = ::mkstemp(name);
        REQUIRE(fd >= 0);
        ::close(fd);
        path = name;
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

std::string sample(std::size_t size) {
    std::string out;
    for (std::size_t i = 0; out.size() < size; ++i) out += "[[entry]]\nnote = \"記録 " + std::to_string(i) + "\"\n";
    out.resize(size);
    return out;
}

// Pages of mapped files in this process (the "shared" field of /proc/self/statm).
long file_pages_in_process() {
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0, shared = 0;
    statm >> size >> resident >> shared;
    return shared;
}

}  // namespace

TEST_CASE("read_text_file") {
    winback::Diagnostics diagnostics;
    SUBCASE("a small file is read, a large one mapped, both byte for byte") {
        const std::string content = sample(300000);
        TempFile file(content);
        for (std::size_t map_from : {std::size_t{0}, content.size(), content.size() + 1, winback::cli::map_files_from}) {
            CAPTURE(map_from);
            const auto text = winback::cli::read_text_file(file.path, diagnostics, map_from);
            REQUIRE(text);
            CHECK(text->view() == content);
        }
        CHECK(diagnostics.items().empty());
    }
    SUBCASE("an empty file is empty text, mapped or not") {
        TempFile file("");
        for (std::size_t map_from : {std::size_t{0}, std::size_t{1}}) {
            const auto text = winback::cli::read_text_file(file.path, diagnostics, map_from);
            REQUIRE(text);
            CHECK(text->view().empty());
        }
    }
    SUBCASE("a copy keeps the mapping alive after the first is gone") {
        const std::string content = sample(5000);
        TempFile file(content);
        std::optional<winback::SourceText> copy;
        {
            const auto text = winback::cli::read_text_file(file.path, diagnostics, 0);
            REQUIRE(text);
            copy = *text;
        }
        CHECK(copy->view() == content);
    }
    SUBCASE("released pages leave the process and read back the same bytes") {
        const std::string content = sample(std::size_t{8} << 20);
        TempFile file(content);
        const auto text = winback::cli::read_text_file(file.path, diagnostics, 0);
        REQUIRE(text);
        CHECK(text->view() == content);  // every page is in the process now
        const long before = file_pages_in_process();
        text->release_pages();
        const long after = file_pages_in_process();
        CHECK(before - after >= static_cast<long>(content.size() / 4096) / 2);
        CHECK(text->view() == content);
        winback::SourceText read_in("small, not mapped");
        read_in.release_pages();  // nothing to give back
        CHECK(read_in.view() == "small, not mapped");
    }
    SUBCASE("a missing file is nothing, without a diagnostic") {
        CHECK_FALSE(winback::cli::read_text_file("/nonexistent/winback/clients.toml", diagnostics));
        CHECK(diagnostics.items().empty());
    }
}

TEST_CASE("read_text_file: a mapped file cut short by another program") {
    const std::string content = sample(1 << 20);
    TempFile file(content);
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::dup2(pipe_fds[1], STDERR_FILENO);
        winback::Diagnostics diagnostics;
        const auto text = winback::cli::read_text_file(file.path, diagnostics, 0);
        if (!text || ::truncate(file.path.c_str(), 0) != 0) ::_exit(3);
        // Every page is gone now: reading one of them raises SIGBUS.
        std::size_t sum = 0;
        for (char c : text->view()) sum += static_cast<unsigned char>(c);
        ::_exit(sum == 0 ? 4 : 5);  // not reached
    }
    ::close(pipe_fds[1]);
    std::string err;
    char buffer[512];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK(err == "winback: error: a book file was cut short by another program while winback read it; nothing was "
                 "done: run the command again\n");
}
