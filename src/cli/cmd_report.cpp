// winback report: what the follow-up achieved over a period (docs/report.md).

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/encoding.hpp"
#include "cli/filters.hpp"
#include "winback/report.hpp"

namespace winback::cli {

namespace {

struct ReportArgs {
    std::string from;
    std::string to;
    std::string date;
    std::string format = "table";
    EncodingArgs encoding;
    bool raw = false;
};

struct Period {
    Date from;
    Date to;
};

// Default: the 12 months that end today (today - 12 months + 1 day up to today). A period that
// ends after today is reported up to today, since nothing after it is known yet.
Period period_of(const ReportArgs& args, const Context& context) {
    const Date today = args.date.empty() ? context.env.today : parse_date_option(args.date, "--date");
    Date to = args.to.empty() ? today : parse_date_option(args.to, "--to");
    const Date from = args.from.empty() ? add_days(add_months(to, -12), 1) : parse_date_option(args.from, "--from");
    if (!args.to.empty() && to < from) {
        throw UsageError{fmt::format("--to {} is before --from {}", format_date(to), format_date(from))};
    }
    if (from > today) {
        throw UsageError{fmt::format("--from {} is after today ({}): there is nothing to report yet", format_date(from),
                                     format_date(today))};
    }
    return {from, std::min(to, today)};
}

}  // namespace

std::function<int()> setup_report(CLI::App& app, Context& context) {
    auto args = std::make_shared<ReportArgs>();
    app.add_option("--from", args->from,
                   "First day of the period, YYYY-MM-DD (default: 12 months before --to, plus a day)");
    app.add_option("--to", args->to, "Last day of the period, YYYY-MM-DD (default: today)");
    app.add_option("--date", args->date, "Today, YYYY-MM-DD (default: the machine's date); the period ends by then");
    add_format_option(app, context, args->format, {"table", "csv", "tsv", "json"});
    app.add_flag("--raw", args->raw, "csv/tsv: do not neutralise cells that start like a formula");
    add_encoding_options(app, args->encoding);
    app.footer(
        "Examples:\n"
        "  winback report                             the last 12 months up to today\n"
        "  winback report --from 2026-04-01 --to 2027-03-31 --format json\n\n"
        "Every figure is defined in docs/report.md. csv rows are section,item,figure,value.");

    return [args, &context]() {
        const Period period = period_of(*args, context);
        const Format format = *parse_format(args->format);
        check_encoding_options(args->encoding, format);
        auto book = open_book(context);
        if (!book) return exit_invalid;
        check_holiday_year(book->facility, period.from);
        check_holiday_year(book->facility, period.to);
        RenderOptions render;
        render.format = format;
        render.lang = context.lang();
        render.raw = args->raw;
        render.width = context.env.stdout_is_terminal ? context.env.terminal_width : 0;
        return write_encoded(context, render_report(make_report(*book, period.from, period.to), render), format, args->encoding);
    };
}

}  // namespace winback::cli
