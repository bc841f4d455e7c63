// winback calendar: the closed days of the facility and of the care managers' offices, with reasons.

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/encoding.hpp"
#include "winback/calendar.hpp"
#include "winback/holidays.hpp"

namespace winback::cli {

namespace {

struct CalendarArgs {
    int year = 0;
    std::string from;
    std::string to;
    std::string date;
    std::string format = "table";
    EncodingArgs encoding;
};

// The days to list, and how the user chose them (for messages).
struct Span {
    Date from;
    Date to;
    std::string chosen;
};

Span span_of(const CalendarArgs& args, const Context& context) {
    if (!args.from.empty()) {
        Span span{parse_date_option(args.from, "--from"), parse_date_option(args.to, "--to"),
                  fmt::format("--from {} --to {}", args.from, args.to)};
        if (span.to < span.from) throw UsageError{fmt::format("--to {} is before --from {}", args.to, args.from)};
        return span;
    }
    int year = args.year;
    std::string chosen = fmt::format("--year {}", year);
    if (year == 0) {
        const Date day = args.date.empty() ? context.env.today : parse_date_option(args.date, "--date");
        year = static_cast<int>(day.year());
        chosen = fmt::format("{} ({})", year, args.date.empty() ? "this year" : "the year of --date");
    }
    const std::chrono::year y{year};
    return {y / std::chrono::January / 1, y / std::chrono::December / 31, chosen};
}

// Holidays are computed only for the years the rules are checked for: refuse rather than guess.
void check_holiday_years(const Facility& facility, const Span& span) {
    const bool jp =
        facility.calendar.jp_holidays || (facility.care_manager_office && facility.care_manager_office->jp_holidays);
    if (!jp) return;
    for (const Date day : {span.from, span.to}) {
        if (!jp_holidays_cover(static_cast<int>(day.year()))) {
            throw UsageError{fmt::format("{}: the national holidays (holidays = \"jp\") are known for {} to {} only",
                                         span.chosen, jp_holidays_first_year, jp_holidays_last_year())};
        }
    }
}

}  // namespace

std::function<int()> setup_calendar(CLI::App& app, Context& context) {
    auto args = std::make_shared<CalendarArgs>();
    auto* year =
        app.add_option("--year", args->year, "The year to list (default: this year)")->check(CLI::Range(1, 9999));
    auto* from = app.add_option("--from", args->from, "First day to list, YYYY-MM-DD (with --to)");
    auto* to = app.add_option("--to", args->to, "Last day to list, YYYY-MM-DD (with --from)");
    auto* date = app.add_option("--date", args->date, "List the year of this day, YYYY-MM-DD (default: today)");
    from->needs(to);
    to->needs(from);
    year->excludes(from)->excludes(to)->excludes(date);
    date->excludes(from)->excludes(to);
    add_format_option(app, context, args->format, {"table", "csv", "tsv", "json", "ndjson"});
    add_encoding_options(app, args->encoding);
    app.footer("Examples:\n"
               "  winback calendar                              this year's closed days, with the reason of each\n"
               "  winback calendar --year 2027 --format json\n"
               "  winback calendar --from 2026-12-01 --to 2027-01-31 --lang ja\n\n"
               "A day closed for several reasons shows one: national holiday, then closure, then closed\n"
               "weekday. The care managers' offices are listed when facility.toml has [care_manager_office].");

    return [args, &context]() {
        const Format format = *parse_format(args->format);
        check_encoding_options(args->encoding, format);
        const Span span = span_of(*args, context);
        auto book = open_book(context);
        if (!book) return exit_invalid;
        check_holiday_years(book->facility, span);
        return write_encoded(context, render_calendar(book->facility, span.from, span.to, format, context.lang()), format,
                             args->encoding);
    };
}

}  // namespace winback::cli
