// winback slots: per open weekday the capacity, the clients who come, the held slots, the free places.

#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/filters.hpp"
#include "winback/slots.hpp"

namespace winback::cli {

namespace {

struct SlotsArgs {
    std::string date;
    std::string format = "table";
    bool raw = false;
};

}  // namespace

std::function<int()> setup_slots(CLI::App& app, Context& context) {
    auto args = std::make_shared<SlotsArgs>();
    app.add_option("--date", args->date, "As of this day, YYYY-MM-DD (default: today)");
    app.add_option("--format", args->format, "Output: table, csv, tsv, json, ndjson")
        ->check(CLI::IsMember({"table", "csv", "tsv", "json", "ndjson"}));
    app.add_flag("--raw", args->raw, "csv/tsv: do not neutralise cells that start like a formula");
    app.footer(
        "Examples:\n"
        "  winback slots                              places per open weekday today\n"
        "  winback slots --date 2026-11-24 --format json\n\n"
        "Active and returned clients take a place on their weekdays; a lapsed client whose playbook\n"
        "has hold_slot = true (hospitalized) keeps theirs until the follow-up stops. See docs/report.md.");

    return [args, &context]() {
        const Date today = args->date.empty() ? context.env.today : parse_date_option(args->date, "--date");
        auto book = open_book(context);
        if (!book) return exit_invalid;
        check_holiday_year(book->facility, today);
        RenderOptions render;
        render.format = *parse_format(args->format);
        render.lang = context.lang();
        render.raw = args->raw;
        render.width = context.env.stdout_is_terminal ? context.env.terminal_width : 0;
        context.out << render_slots(make_slots(*book, today), render);
        return exit_ok;
    };
}

}  // namespace winback::cli
