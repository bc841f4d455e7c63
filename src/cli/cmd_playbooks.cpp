// winback playbooks: the effective playbooks, or the built-in ones as a starting file.

#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "winback/render.hpp"

namespace winback::cli {

std::function<int()> setup_playbooks(CLI::App& app, Context& context) {
    struct Args {
        bool dump = false;
        std::string format = "table";
    };
    auto args = std::make_shared<Args>();
    app.add_flag("--dump", args->dump, "Print the built-in playbooks as TOML, a starting playbooks.toml");
    add_format_option(app, context, args->format, {"table", "json"});
    app.footer("Examples:\n"
               "  winback playbooks                 the playbooks this book uses, with their steps\n"
               "  winback playbooks --dump --lang ja > playbooks.toml");
    return [args, &context]() {
        if (args->dump) {
            context.out << builtin_playbooks_text(context.lang());
            return exit_ok;
        }
        auto book = open_book(context);
        if (!book) return exit_invalid;
        context.out << render_playbooks(book->playbooks, *parse_format(args->format), context.lang());
        return exit_ok;
    };
}

}  // namespace winback::cli
