// winback plan: the due actions for today or a window of days.

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/encoding.hpp"
#include "cli/filters.hpp"
#include "winback/plan.hpp"
#include "winback/render.hpp"

namespace winback::cli {

namespace {

struct PlanArgs {
    std::string date;
    int days = 0;
    std::string until;
    std::vector<std::string> reasons;
    std::vector<std::string> owners;
    std::vector<std::string> clients;
    std::vector<std::string> to;
    std::vector<std::string> via;
    std::string format = "table";
    bool raw = false;
    EncodingArgs encoding;
    bool overdue_only = false;
    std::string sort = "due";
};

template <class E>
std::vector<E> parse_words(const std::vector<std::string>& values, const std::string& option) {
    std::vector<E> out;
    for (const std::string& value : values) {
        auto word = parse_word<E>(value);
        if (!word) {
            std::string hint = did_you_mean(value, words<E>());
            if (hint.empty()) {
                hint = "; expected one of:";
                for (std::string_view w : words<E>()) hint += fmt::format(" {}", w);
            }
            throw UsageError{fmt::format("{}: unknown value \"{}\"{}", option, value, hint)};
        }
        out.push_back(*word);
    }
    return out;
}

// What the arguments alone decide; checked before the book is read, so that a usage error is
// reported as one (exit 2) whatever the state of the book.
PlanOptions argument_options(const PlanArgs& args, const Context& context) {
    PlanOptions options;
    options.today = args.date.empty() ? context.env.today : parse_date_option(args.date, "--date");
    options.until = options.today;
    if (args.days > 0) options.until = add_days(options.today, args.days - 1);
    if (!args.until.empty()) {
        options.until = parse_date_option(args.until, "--until");
        if (options.until < options.today) {
            throw UsageError{fmt::format("--until {} is before the plan's first day {}", args.until,
                                         format_date(options.today))};
        }
    }
    options.lang = context.lang();
    options.overdue_only = args.overdue_only;
    options.sort = args.sort == "value" ? PlanSort::value : args.sort == "client" ? PlanSort::client : PlanSort::due;
    options.filter.owners = args.owners;
    options.filter.to = parse_words<Recipient>(args.to, "--to");
    options.filter.via = parse_words<Channel>(args.via, "--via");
    return options;
}

// What needs the book: the holiday years of its calendar, and the reasons and clients it has.
void check_against_book(const PlanArgs& args, const Book& book, PlanOptions& options) {
    check_holiday_year(book.facility, options.today);
    check_holiday_year(book.facility, options.until);
    check_reasons_and_clients(book, args.reasons, args.clients);
    options.filter.reasons = args.reasons;
    options.filter.clients = args.clients;
}

}  // namespace

std::function<int()> setup_plan(CLI::App& app, Context& context) {
    auto args = std::make_shared<PlanArgs>();
    app.add_option("--date", args->date, "First day of the plan, YYYY-MM-DD (default: today)");
    auto* days = app.add_option("--days", args->days, "Number of days in the window (default: 1)")
                     ->check(CLI::Range(1, 3660));
    app.add_option("--until", args->until, "Last day of the window, YYYY-MM-DD")->excludes(days);
    app.add_option("--reason", args->reasons, "Only clients of this lapse reason (repeatable)");
    app.add_option("--owner", args->owners, "Only clients of this staff member (repeatable)");
    app.add_option("--client", args->clients, "Only this client id (repeatable)");
    app.add_option("--to", args->to, "Only steps addressed to: client, family, care_manager, hospital, facility, staff");
    app.add_option("--via", args->via, "Only steps done by: call, letter, visit, email, meeting, task");
    add_format_option(app, context, args->format, {"table", "csv", "tsv", "json", "ndjson", "ics", "html"});
    app.add_option("--sort", args->sort, "Order: due (date, then value), value (highest first), client")
        ->check(CLI::IsMember({"due", "value", "client"}));
    app.add_flag("--overdue-only", args->overdue_only, "Only the actions that are overdue");
    app.add_flag("--raw", args->raw, "csv/tsv: do not neutralise cells that start like a formula");
    add_encoding_options(app, args->encoding);
    app.footer("Examples:\n"
               "  winback plan                                                    today's actions as a table\n"
               "  winback plan --days 7 --format csv > week.csv                   a week for a spreadsheet\n"
               "  winback plan --days 7 --sort value                              the most valuable first\n"
               "  winback plan --days 7 --format csv --bom > week.csv             Excel, UTF-8\n"
               "  winback plan --days 7 --format csv --encoding cp932 > week.csv  older Excel (Shift_JIS)\n"
               "  winback plan --days 7 --format ics > week.ics                   to-dos for a calendar\n"
               "  winback plan --format html > today.html                         a sheet to print\n"
               "  winback plan --date 2026-11-24 --reason hospitalized --owner 田中\n\n"
               "With nothing due, the table prints nothing, so a cron job sends no mail.");

    return [args, &context]() {
        PlanOptions options = argument_options(*args, context);
        const Format format = *parse_format(args->format);
        check_encoding_options(args->encoding, format);
        auto book = open_book(context);
        if (!book) return exit_invalid;
        check_against_book(*args, *book, options);
        Plan plan = make_plan(*book, options);
        RenderOptions render;
        render.format = format;
        render.lang = options.lang;
        render.raw = args->raw;
        render.color = context.env.color();
        render.width = context.env.stdout_is_terminal ? context.env.terminal_width : 0;
        book->drop_log_clients();  // the plan is made: rendering it needs no index of the log
        const int code = write_encoded(
            context, [&](const TextSink& sink) { render_plan(plan, render, sink); }, format, args->encoding);
        keep_until_exit(std::move(*book));
        keep_until_exit(std::move(plan));
        return code;
    };
}

}  // namespace winback::cli
