// winback log: append one entry to log.toml, after checking it against the book.

#include <unistd.h>

#include <iostream>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/log_file.hpp"
#include "winback/load.hpp"
#include "winback/log_entry.hpp"

namespace winback::cli {

namespace {

struct LogArgs {
    std::string client;
    std::string step;
    std::string outcome;
    std::string date;
    std::string by;
    std::string note;
    std::string reason;
};

bool same_entry(const Entry& a, const Entry& b) {
    return a.date == b.date && a.client == b.client && a.step == b.step && a.outcome == b.outcome && a.by == b.by &&
           a.note == b.note && a.reason == b.reason;
}

// Runs under the lock with the file as it is now. When it changed since the book was loaded
// (another writer, or someone editing it), it is loaded and checked again: a log with errors is
// refused and the entry is checked against the new log. Then the file with the entry appended
// must still load and end in exactly this entry.
std::optional<std::string> prepare_append(Context& context, Book& book, const Entry& entry, std::string_view current,
                                          const std::optional<SourceText>& loaded, int& code) {
    const std::string& path = book.paths.log;
    Diagnostics diagnostics;
    if ((loaded ? loaded->view() : std::string_view()) != current) {
        LogFile log = load_log(current, path, diagnostics);
        if (log.parsed) {
            book.log = std::move(log.entries);
            book.text.adopt(log.text);
            validate_log(book, diagnostics, context.env.today);
        }
    }
    if (diagnostics.has_errors()) {
        print_diagnostics(context.err, diagnostics, false, context.lang());
        context.error(fmt::format("{} has errors: nothing logged (fix it by hand and run `winback check`; winback "
                                  "never rewrites what is in it)",
                                  path));
        code = exit_invalid;
        return std::nullopt;
    }
    if (auto problem = check_new_entry(book, entry, context.env.today)) throw UsageError{*problem};

    std::string bytes = log_append_text(current, entry);
    Diagnostics after;
    const LogFile appended = load_log(std::string(current) + bytes, path, after);
    if (after.has_errors() || appended.entries.size() != book.log.size() + 1 ||
        !same_entry(appended.entries.back(), entry)) {
        const std::string why =
            after.has_errors() ? format_diagnostic(after.sorted().front()) : "the entry would not read back";
        context.err << fmt::format("winback: error: {}: an [[entry]] appended at the end of this file would not read "
                                   "back as written ({}): nothing logged\n",
                                   path, why);
        code = exit_invalid;
        return std::nullopt;
    }
    return bytes;
}

// A person at a terminal sees what was logged; scripts and cron get silence.
void confirm(Context& context, const Entry& entry, const std::string& path, bool created) {
    if (context.global.quiet || &context.err != &std::cerr || ::isatty(STDERR_FILENO) != 1) return;
    context.err << fmt::format("winback: logged {}{}{} \"{}\" on {} in {}{}\n", entry.client,
                               entry.step.empty() ? "" : " ", entry.step, entry.outcome, format_date(entry.date), path,
                               created ? " (new file)" : "");
}

}  // namespace

std::function<int()> setup_log(CLI::App& app, Context& context) {
    auto args = std::make_shared<LogArgs>();
    app.add_option("CLIENT", args->client, "Client id")->required();
    app.add_option("STEP", args->step, "Step id of the client's playbook (leave out for a contact not tied to a step)");
    app.add_option("--outcome", args->outcome,
                   "What happened: reached, no_answer, left_message, sent, visited, declined, returned, discharged, "
                   "deceased, or an event a step waits for")
        ->required();
    app.add_option("--date", args->date, "Day it happened, YYYY-MM-DD (default: today; never in the future)");
    app.add_option("--by", args->by, "Staff member who did it");
    app.add_option("--note", args->note, "A short note (newlines and quotes are fine)");
    app.add_option("--reason", args->reason,
                   "Reclassify: from this date the client follows this reason's playbook");
    app.footer("Examples:\n"
               "  winback log C-0015 family-monthly --outcome reached --by 鈴木 --note \"来月退院予定\"\n"
               "  winback log C-0015 --outcome discharged --date 2026-11-20\n"
               "  winback log C-0025 --outcome reached --reason admitted\n\n"
               "Appends one [[entry]] to log.toml under a lock, flushed to disk; prints nothing on stdout.\n"
               "Exit 1 when the book or log.toml has errors or the write fails, 2 when an argument is wrong;\n"
               "either way nothing is written.");

    return [args, &context]() {
        Entry entry;  // its Texts view the arguments, which outlive it
        entry.date = args->date.empty() ? context.env.today : parse_date_option(args->date, "--date");
        entry.client = std::string_view(args->client);
        entry.step = std::string_view(args->step);
        entry.outcome = std::string_view(args->outcome);
        entry.by = std::string_view(args->by);
        entry.note = std::string_view(args->note);
        entry.reason = std::string_view(args->reason);

        BookSources read;
        auto book = open_book(context, "nothing logged", &read);
        if (!book) return exit_invalid;
        const std::optional<SourceText>& log_text = read.log.text;
        if (auto problem = check_new_entry(*book, entry, context.env.today)) throw UsageError{*problem};

        const std::string path = book->paths.log;
        int code = exit_ok;
        const AppendResult result = append_locked(path, [&](std::string_view current) {
            return prepare_append(context, *book, entry, current, log_text, code);
        });
        switch (result.status) {
        case AppendResult::appended:
            confirm(context, entry, path, result.created);
            return exit_ok;
        case AppendResult::refused:
            return code;
        case AppendResult::failed:
            break;
        }
        context.err << fmt::format("winback: error: {}: {}\n", path, result.error);
        return exit_invalid;
    };
}

}  // namespace winback::cli
