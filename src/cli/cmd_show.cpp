// winback show CLIENT: one client's story in date order and the next actions.

#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/cli.hpp"
#include "winback/holidays.hpp"
#include "winback/timeline.hpp"

namespace winback::cli {

namespace {

struct ShowArgs {
    std::string client;
    std::string date;
    int days = 90;
    std::string format = "table";
};

const Client& find_client(const Book& book, const std::string& id) {
    if (const Client* client = book.find_client(id)) return *client;
    std::vector<std::string_view> ids;
    for (const Client& c : book.clients) ids.push_back(c.id);
    throw UsageError{fmt::format("no client \"{}\" in the book{}", id, did_you_mean(id, ids))};
}

void check_holidays_cover(const Facility& facility, Date day) {
    const bool jp =
        facility.calendar.jp_holidays || (facility.care_manager_office && facility.care_manager_office->jp_holidays);
    if (jp && !jp_holidays_cover(static_cast<int>(day.year()))) {
        throw UsageError{fmt::format("the national holidays (holidays = \"jp\") are known for {} to {}; {} is outside",
                                     jp_holidays_first_year, jp_holidays_last_year(), format_date(day))};
    }
}

}  // namespace

std::function<int()> setup_show(CLI::App& app, Context& context) {
    auto args = std::make_shared<ShowArgs>();
    app.add_option("CLIENT", args->client, "Client id, as in clients.toml")->required();
    app.add_option("--date", args->date,
                   "Today for the story and first day of the next actions, YYYY-MM-DD (default: today)");
    app.add_option("--days", args->days, "Days of next actions to list (default: 90)")->check(CLI::Range(1, 3660));
    add_format_option(app, context, args->format, {"table", "json"});
    app.footer("Examples:\n"
               "  winback show C-0006                        the story of C-0006 and the next 90 days\n"
               "  winback show C-0006 --date 2026-11-24 --days 30 --format json");

    return [args, &context]() {
        auto book = open_book(context);
        if (!book) return exit_invalid;
        const Client& client = find_client(*book, args->client);
        TimelineOptions options;
        options.today = args->date.empty() ? context.env.today : parse_date_option(args->date, "--date");
        options.until = add_days(options.today, args->days - 1);
        options.lang = context.lang();
        check_holidays_cover(book->facility, options.today);
        check_holidays_cover(book->facility, options.until);
        RenderOptions render;
        render.format = *parse_format(args->format);
        render.lang = options.lang;
        render.color = context.env.color();
        render.width = context.env.stdout_is_terminal ? context.env.terminal_width : 0;
        context.out << render_timeline(make_timeline(*book, client, options), render);
        return exit_ok;
    };
}

}  // namespace winback::cli
