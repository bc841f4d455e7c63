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
        Diagnostics diagnostics;
        const std::string dir = context.book_dir();
        const BookSources sources = read_book_sources(dir, diagnostics);
        const Book book = load_book(sources, context.lang(), diagnostics);
        print_diagnostics(context.err, diagnostics, !context.global.quiet);
        const std::size_t errors = diagnostics.error_count();
        const std::size_t warnings = diagnostics.warning_count();
        if (errors > 0) {
            context.err << fmt::format("{}: {} error{}, {} warning{}\n", dir, errors, errors == 1 ? "" : "s",
                                       warnings, warnings == 1 ? "" : "s");
            return exit_invalid;
        }
        context.out << fmt::format("{}: ok: {} clients, {} care managers, {} playbooks, {} rules{}\n", dir,
                                   book.clients.size(), book.care_managers.size(), book.playbooks.size(),
                                   book.facility.rules.size(),
                                   warnings > 0 ? fmt::format(" ({} warning{})", warnings, warnings == 1 ? "" : "s")
                                                : std::string());
        return exit_ok;
    };
}

}  // namespace winback::cli
