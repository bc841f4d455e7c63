// winback check: every problem in every file of the book, at once.

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"

namespace winback::cli {

std::function<int()> setup_check(CLI::App& app, Context& context) {
    app.footer("Example:\n  winback check --dir examples/dayservice\n\n"
               "Problems are printed as FILE:LINE:COL: error: message, warnings likewise;\n"
               "the exit code is 1 when there is any error.");
    return [&context]() {
        const std::string dir = context.book_dir();
        if (!book_folder_exists(context)) return exit_invalid;
        Diagnostics diagnostics;
        const BookSources sources = read_book_sources(dir, diagnostics);
        Book book = load_book(sources, context.lang(), diagnostics, context.env.today);
        print_diagnostics(context.err, diagnostics, !context.global.quiet, context.lang());
        const std::size_t errors = diagnostics.error_count();
        const std::size_t warnings = diagnostics.warning_count();
        if (errors > 0) {
            context.err << context.say(fmt::format("{}: {} error{}, {} warning{}", dir, errors, errors == 1 ? "" : "s",
                                                   warnings, warnings == 1 ? "" : "s"))
                        << '\n';
            return exit_invalid;
        }
        auto count = [](std::size_t n, std::string_view one, std::string_view many) {
            return fmt::format("{} {}", n, n == 1 ? one : many);
        };
        context.out << context.say(fmt::format("{}: ok: {}, {}, {}, {}, {}{}", dir, count(book.clients.size(), "client", "clients"),
                                   count(book.care_managers.size(), "care manager", "care managers"),
                                   count(book.playbooks.size(), "playbook", "playbooks"),
                                   count(book.facility.rules.size(), "rule", "rules"),
                                   count(book.log.size(), "log entry", "log entries"),
                                   warnings > 0 ? fmt::format(" ({})", count(warnings, "warning", "warnings"))
                                                : std::string()))
                    << '\n';
        keep_until_exit(std::move(book));
        return exit_ok;
    };
}

}  // namespace winback::cli
