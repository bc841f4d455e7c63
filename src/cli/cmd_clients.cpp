// winback clients: one line per client with status, reason, last contact and next action.

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "cli/encoding.hpp"
#include "cli/filters.hpp"
#include "winback/holidays.hpp"
#include "winback/roster.hpp"

namespace winback::cli {

namespace {

// How far ahead the next action is looked for: a quarterly step is always within it.
constexpr long next_action_window_days = 400;

struct ClientsArgs {
    std::string date;
    std::vector<std::string> reasons;
    std::vector<std::string> owners;
    std::vector<std::string> clients;
    std::vector<std::string> statuses;
    std::string format = "table";
    bool raw = false;
    EncodingArgs encoding;
};

std::vector<Status> parse_statuses(const std::vector<std::string>& values) {
    std::vector<Status> out;
    for (const std::string& value : values) {
        auto status = parse_word<Status>(value);
        if (!status) {
            throw UsageError{
                fmt::format("--status: unknown value \"{}\"{}", value, did_you_mean(value, words<Status>()))};
        }
        out.push_back(*status);
    }
    return out;
}

RosterOptions roster_options(const ClientsArgs& args, const Book& book, const Context& context) {
    RosterOptions options;
    options.today = args.date.empty() ? context.env.today : parse_date_option(args.date, "--date");
    options.until = add_days(options.today, next_action_window_days - 1);
    options.lang = context.lang();
    check_holiday_year(book.facility, options.today);
    // Near the end of the known years the window stops at the last known day rather than guess.
    if (uses_jp_holidays(book.facility) && !jp_holidays_cover(static_cast<int>(options.until.year()))) {
        options.until = Date{std::chrono::year{jp_holidays_last_year()}, std::chrono::December, std::chrono::day{31}};
    }
    check_reasons_and_clients(book, args.reasons, args.clients);
    options.filter.reasons = args.reasons;
    options.filter.owners = args.owners;
    options.filter.clients = args.clients;
    options.filter.statuses = parse_statuses(args.statuses);
    return options;
}

}  // namespace

std::function<int()> setup_clients(CLI::App& app, Context& context) {
    auto args = std::make_shared<ClientsArgs>();
    app.add_option("--date", args->date, "Today, YYYY-MM-DD (default: today)");
    app.add_option("--reason", args->reasons, "Only clients of this reason, after reclassification (repeatable)");
    app.add_option("--owner", args->owners, "Only clients of this staff member (repeatable)");
    app.add_option("--client", args->clients, "Only this client id (repeatable)");
    app.add_option("--status", args->statuses,
                   "Only clients of this status: active, lapsed, returned, closed (repeatable)");
    add_format_option(app, context, args->format, {"table", "csv", "tsv", "json", "ndjson"});
    app.add_flag("--raw", args->raw, "csv/tsv: do not neutralise cells that start like a formula");
    add_encoding_options(app, args->encoding);
    app.footer("Examples:\n"
               "  winback clients --status lapsed            the lapsed clients and their next action\n"
               "  winback clients --owner 田中 --format csv > clients.csv\n\n"
               "The next action is the first one due in the next 400 days, overdue ones first.");

    return [args, &context]() {
        const Format format = *parse_format(args->format);
        check_encoding_options(args->encoding, format);
        auto book = open_book(context);
        if (!book) return exit_invalid;
        const RosterOptions options = roster_options(*args, *book, context);
        RenderOptions render;
        render.format = format;
        render.lang = options.lang;
        render.raw = args->raw;
        render.color = context.env.color();
        return write_encoded(context, render_roster(make_roster(*book, options), render), format, args->encoding);
    };
}

}  // namespace winback::cli
