// Privacy (issue 7): error and warning messages name ids, files and lines, never what the files
// say about people. Every book of the end-to-end cases (tests/cli/*/, the bad-input cases among
// them) is loaded and validated in both languages; no message may contain a client's name, kana
// or notes, a contact's name, phone or address, a care manager's name or phone, a hospital or a
// nursing home, or a log note of that book. The recorded stderr of each case (checked byte for
// byte by its own test) must not contain them either.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "winback/load.hpp"

using namespace winback;
namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_file(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The keys whose values are about people, wherever they are in a file.
const std::set<std::string> personal_keys = {"name", "kana", "reason_note", "note", "phone", "address", "hospital",
                                             "admitted_to"};

void collect(const toml::node& node, std::string_view key, std::set<std::string>& out) {
    if (const auto* table = node.as_table()) {
        for (const auto& [k, v] : *table) collect(v, k.str(), out);
    } else if (const auto* array = node.as_array()) {
        for (const auto& v : *array) collect(v, key, out);
    } else if (const auto* text = node.as_string(); text && personal_keys.contains(std::string(key))) {
        out.insert(text->get());
    }
}

// The personal strings of a file: from the parsed TOML, and line by line as well, so that a file
// that is not TOML (a name left unquoted, say) gives its strings too.
void personal_strings(const std::string& text, std::set<std::string>& out) {
    try {
        collect(toml::parse(text), "", out);
    } catch (const toml::parse_error&) {
    }
    static const std::regex line(R"(^\s*(name|kana|reason_note|note|phone|address|hospital|admitted_to)\s*=\s*"?([^"#\r\n]*))");
    std::istringstream lines(text);
    for (std::string l; std::getline(lines, l);) {
        std::smatch m;
        if (!std::regex_search(l, m, line)) continue;
        std::string value = m[2].str();
        while (!value.empty() && (value.back() == ' ' || value.back() == '"')) value.pop_back();
        out.insert(value);
    }
}

struct CaseBook {
    fs::path folder;           // where the book's files are
    fs::path overlay;          // a log case's own files, copied over the book (may not exist)
    std::vector<fs::path> stderr_files;
};

// The book a case runs on: --dir in its args, else WINBACK_DIR in its env, else its folder; a log
// case (tests/log_case.sh) names it in book_from, relative to the source folder.
std::optional<CaseBook> book_of(const fs::path& dir) {
    const fs::path source = WINBACK_SOURCE_DIR;
    if (auto from = read_file(dir / "book_from")) {
        while (!from->empty() && (from->back() == '\n' || from->back() == '\r')) from->pop_back();
        return CaseBook{from->empty() ? dir / "book" : source / *from, dir / "book", {dir / "expected"}};
    }
    const auto args = read_file(dir / "args");
    if (!args) return std::nullopt;
    std::istringstream lines(*args);
    fs::path folder = dir;
    for (std::string l, previous; std::getline(lines, l); previous = l) {
        if (previous == "--dir") folder = dir / l;
    }
    if (auto env = read_file(dir / "env"); env && folder == dir) {
        std::smatch m;
        static const std::regex winback_dir(R"(WINBACK_DIR=([^\r\n]*))");
        if (std::regex_search(*env, m, winback_dir)) folder = dir / m[1].str();
    }
    return CaseBook{folder, {}, {dir / "stderr"}};
}

std::optional<std::string> book_file(const CaseBook& book, const char* name) {
    if (!book.overlay.empty()) {
        if (auto text = read_file(book.overlay / name)) return text;
    }
    return read_file(book.folder / name);
}

// The [stderr] parts of a log case's transcript, or a whole stderr file.
std::string recorded_stderr(const fs::path& path) {
    const auto text = read_file(path);
    if (!text) return "";
    if (path.filename() != "expected") return *text;
    std::string out;
    bool in_stderr = false;
    std::istringstream lines(*text);
    for (std::string l; std::getline(lines, l);) {
        if (l.starts_with("[") || l.starts_with("$ ") || l == "----") in_stderr = l == "[stderr]";
        if (l == "----") break;
        if (in_stderr && l != "[stderr]") out += l + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("privacy: messages about every book of the end-to-end cases name no person's details") {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(fs::path(WINBACK_SOURCE_DIR) / "tests/cli")) {
        if (e.is_directory()) cases.push_back(e.path());
    }
    std::sort(cases.begin(), cases.end());
    long books = 0, with_personal = 0, messages = 0, strings_checked = 0, bad_cases = 0;
    for (const fs::path& dir : cases) {
        const auto book = book_of(dir);
        if (!book) continue;
        const std::string name = dir.filename().string();
        CAPTURE(name);
        BookSources sources{{"clients.toml", book_file(*book, "clients.toml")},
                            {"playbooks.toml", book_file(*book, "playbooks.toml")},
                            {"facility.toml", book_file(*book, "facility.toml")},
                            {"log.toml", book_file(*book, "log.toml")}};
        std::set<std::string> personal;
        for (const Source* s : {&sources.clients, &sources.log}) {
            if (s->text) personal_strings(std::string(s->text->view()), personal);
        }
        // Too short to mean a person ("A" in a test book).
        std::erase_if(personal, [](const std::string& s) { return s.size() < 3; });
        ++books;
        if (name.starts_with("bad_")) ++bad_cases;
        if (personal.empty()) continue;
        ++with_personal;

        std::string all;
        for (Lang lang : {Lang::en, Lang::ja}) {
            Diagnostics diagnostics;
            load_book(sources, lang, diagnostics, parse_date("2026-11-24"));
            for (const Diagnostic& d : diagnostics.items()) {
                ++messages;
                all += format_diagnostic(d) + "\n";
            }
        }
        for (const fs::path& f : book->stderr_files) all += recorded_stderr(f);
        for (const std::string& p : personal) {
            ++strings_checked;
            if (all.find(p) != std::string::npos) FAIL_CHECK("\"", p, "\" appears in a message:\n", all);
        }
    }
    MESSAGE("privacy: ", books, " books of end-to-end cases (", bad_cases, " bad-input cases), ", with_personal,
            " with personal details, ", messages, " messages, ", strings_checked, " personal strings looked for");
    CHECK(bad_cases >= 60);
    CHECK(with_personal > 100);
    CHECK(messages > 100);
}
