// winback slots: per open weekday the capacity, the clients who come, the held slots, the free places.

#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/encoding.hpp"
#include "cli/filters.hpp"
#include "winback/slots.hpp"

namespace winback::cli {

namespace {

struct SlotsArgs {
    std::string date;
    std::string format = "table";
    EncodingArgs encoding;
    bool raw = false;
};

}  // namespace

std::function<int()> setup_slots(CLI::App& app, Context& context) {
    auto args = std::make_shared<SlotsArgs>();
    app.add_option("--date", args->date, "As of this day, YYYY-MM-DD (default: today)");
    add_format_option(app, context, args->format, {"table", "csv", "tsv", "json", "ndjson"});
    app.add_flag("--raw", args->raw, "csv/tsv: do not neutralise cells that start like a formula");
    add_encoding_options(app, args->encoding);
    app.footer(
        "Examples:\n"
        "  winback slots                              places per open weekday today\n"
        "  winback slots --date 2026-11-24 --format json\n\n"
        "Active and returned clients take a place on their weekdays; a lapsed client whose playbook\n"
        "has hold_slot = true (hospitalized) keeps theirs until the follow-up stops. See docs/report.md.");

    return [args, &context]() {
        const Date today = args->date.empty() ? context.env.today : parse_date_option(args->date, "--date");
        const Format format = *parse_format(args->format);
        check_encoding_options(args->encoding, format);
        auto book = open_book(context);
        if (!book) return exit_invalid;
        check_holiday_year(book->facility, today);
        RenderOptions render;
        render.format = format;
        render.lang = context.lang();
        render.raw = args->raw;
        render.width = context.env.stdout_is_terminal ? context.env.terminal_width : 0;
        return write_encoded(context, render_slots(make_slots(*book, today), render), format, args->encoding);
    };
}

}  // namespace winback::cli
