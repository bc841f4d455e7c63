// A whole book from one input: clients.toml, playbooks.toml, facility.toml and log.toml
// separated by form feeds ('\f'; an empty or missing part is an absent file). A book that loads without
// errors is planned for two weeks and rendered, as `winback plan` does.
#include "fuzz_input.hpp"
#include "winback/load.hpp"
#include "winback/plan.hpp"
#include "winback/render.hpp"

#include <array>
#include <optional>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest = winback::fuzz::text_of(data, size);
    std::array<std::optional<std::string>, 4> parts;
    for (auto& part : parts) {
        if (rest.data() == nullptr) break;
        const std::size_t end = rest.find('\f');
        if (end != 0 && !rest.empty()) part = std::string(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    const winback::BookSources sources{{"clients.toml", parts[0] ? parts[0] : std::string()},
                                       {"playbooks.toml", parts[1]},
                                       {"facility.toml", parts[2]},
                                       {"log.toml", parts[3]}};
    const auto today = winback::parse_date("2026-11-24");
    winback::Diagnostics diagnostics;
    const winback::Book book = winback::load_book(sources, winback::Lang::ja, diagnostics, today);
    winback::fuzz::check_diagnostics(diagnostics);
    if (diagnostics.has_errors()) return 0;
    winback::PlanOptions options;
    options.today = *today;
    options.until = winback::add_days(*today, 13);
    options.lang = winback::Lang::ja;
    const winback::Plan plan = winback::make_plan(book, options);
    for (const winback::Action& action : plan.actions) {
        if (action.due < *today && action.overdue_days <= 0) std::abort();
        if (action.due > options.until) std::abort();
    }
    for (auto format : {winback::Format::table, winback::Format::csv, winback::Format::json}) {
        winback::RenderOptions render;
        render.format = format;
        render.lang = winback::Lang::ja;
        (void)winback::render_plan(plan, render);
    }
    return 0;
}
