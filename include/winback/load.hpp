#pragma once
// Text + path -> model + diagnostics. No file I/O here: the CLI reads the files.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winback/diagnostic.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"

namespace winback {

// Each loader reports whether the text was TOML at all, so that checks across files can skip
// references into a file that could not be read.
struct ClientsFile {
    std::vector<CareManager> care_managers;
    std::vector<Client> clients;
    TextPool text;  // the bytes of the clients' Texts
    // The clients by id, when the loader has built it (the fast one does, to find repeated ids):
    // the book takes it as its Book::client_places along with the clients.
    std::shared_ptr<const ClientPlaces> client_places;
    bool parsed = false;
};

struct PlaybooksFile {
    std::vector<Playbook> playbooks;
    bool parsed = false;
};

struct FacilityFile {
    Facility facility;
    bool parsed = false;
};

struct LogFile {
    std::vector<Entry> entries;
    TextPool text;  // the bytes of the entries' Texts
    bool parsed = false;
};

// Gives the whole pages inside `bytes` back to the system, which reads them from the file again
// if they are touched after all (SourceText::releaser of a mapped file).
using ReleasePages = void (*)(std::string_view bytes);

// With `release` (SourceText::releaser), the fast reader gives back the pages of a big file as it
// passes them, so that the file and its model are never both in memory whole.
ClientsFile load_clients(std::string_view text, std::string_view path, Diagnostics& diagnostics,
                         ReleasePages release = nullptr);
// origin is recorded in each playbook ("built-in" or the path).
PlaybooksFile load_playbooks(std::string_view text, std::string_view path, std::string_view origin,
                             Diagnostics& diagnostics);
FacilityFile load_facility(std::string_view text, std::string_view path, Diagnostics& diagnostics);
LogFile load_log(std::string_view text, std::string_view path, Diagnostics& diagnostics,
                 ReleasePages release = nullptr);

// The built-in playbooks of a language, as TOML text in the format of playbooks.toml.
std::string_view builtin_playbooks_text(Lang lang);
std::vector<Playbook> builtin_playbooks(Lang lang);

// The book's playbooks replace built-in ones of the same reason and add new reasons.
std::vector<Playbook> merge_playbooks(std::vector<Playbook> builtin, std::vector<Playbook> own);

// What validate_book can trust: references into a file that was not TOML are not checked.
struct ValidateScope {
    bool playbooks = true;
    bool facility = true;
    bool clients = true;
};

// Checks what spans files: references between clients, care managers, playbooks and rules.
void validate_book(const Book& book, Diagnostics& diagnostics, ValidateScope scope = {});

// Checks log.toml against the book: unknown clients, steps, outcomes and reasons, dates after
// today, and a client file that disagrees with the log.
void validate_log(const Book& book, Diagnostics& diagnostics, std::optional<Date> today);
// The names steps wait for with `after` (other than lapse and rule_reverted).
std::vector<std::string_view> event_names(const Book& book);

// The bytes of a file as the CLI read them: a string it owns, or a view of memory that
// `owner` keeps alive (a mapping of a large file). Copies share the bytes.
//
// release_pages() says that the bytes will not be needed for a while: a mapping then gives its
// pages back to the system (they stay in its file cache), which reads them again if they are
// needed after all. The model never points into these bytes, so the loaders release each file
// as soon as it is loaded and the peak memory is not the model plus the files.
class SourceText {
public:
    SourceText() = default;
    SourceText(std::string text) : m_owner(std::make_shared<const std::string>(std::move(text))) {
        m_view = *std::static_pointer_cast<const std::string>(m_owner);
    }
    SourceText(const char* text) : SourceText(std::string(text)) {}
    SourceText(std::string_view view, std::shared_ptr<const void> owner, ReleasePages release = nullptr)
        : m_view(view), m_owner(std::move(owner)), m_release(release) {}

    std::string_view view() const { return m_view; }
    void release_pages() const {
        if (m_release) m_release(m_view);
    }
    // What release_pages calls, for parts of the bytes: null when they are not a mapping.
    ReleasePages releaser() const { return m_release; }
    operator std::string_view() const { return m_view; }

private:
    std::string_view m_view = "";  // never a null pointer, even when empty
    std::shared_ptr<const void> m_owner;
    ReleasePages m_release = nullptr;
};

// One file of a book as the CLI found it; text is absent when the file does not exist.
struct Source {
    std::string path;
    std::optional<SourceText> text;
};

struct BookSources {
    Source clients;
    Source playbooks;
    Source facility;
    Source log;
};

// Loads and validates a whole book. The book is usable only when diagnostics has no errors.
// today, when given, lets the checks warn about log entries in the future.
Book load_book(const BookSources& sources, Lang lang, Diagnostics& diagnostics, std::optional<Date> today = {});

}  // namespace winback
