#include "cli/cli.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <ctime>
#include <optional>
#include <ostream>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/book_io.hpp"
#include "cli/config_file.hpp"
#include "winback/diagnostic.hpp"
#include "winback/messages.hpp"

extern char** environ;

namespace winback::cli {

namespace {

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"plan", "List the outreach actions due today or in a window of days", setup_plan},
        {"log", "Append one entry to log.toml: a contact made, its outcome, a reclassification", setup_log},
        {"check", "Validate every file of the book and report all problems at once", setup_check},
        {"playbooks", "List the effective playbooks, or --dump the built-in ones as TOML", setup_playbooks},
        {"calendar", "List the closed days of the facility and the care managers' offices, with reasons", setup_calendar},
        {"show", "One client's story: lapse, every logged contact, missed occurrences, the next actions", setup_show},
        {"clients", "The clients with status, reason, months since the lapse, last contact and next action", setup_clients},
        {"init", "Create a new book: commented facility.toml, clients.toml and playbooks.toml", setup_init},
        {"slots", "Per open weekday: capacity, clients who come, slots held for lapsed clients, free places", setup_slots},
        {"report", "KPIs over a period: lapses, returns and follow-up by reason, churn, revenue, slots, rules", setup_report},
    };
    return table;
}

Date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{std::chrono::year{local.tm_year + 1900}, std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

// The first word that is neither a global option, its value, nor a command.
std::optional<std::string> unknown_command(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--dir" || arg == "--lang") {
            ++i;
            continue;
        }
        if (arg.starts_with("-")) continue;
        for (const Command& command : commands()) {
            if (arg == command.name) return std::nullopt;
        }
        return std::string(arg);
    }
    return std::nullopt;
}

// The value of --lang before the arguments are parsed, for the texts of the help.
std::string lang_argument(int argc, const char* const* argv) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string_view(argv[i]) == "--lang") return argv[i + 1];
    }
    return {};
}

}  // namespace

std::string Environment::var(const std::string& name) const {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
}

bool Environment::color() const {
    return stdout_is_terminal && var("NO_COLOR").empty() && var("TERM") != "dumb";
}

Environment Environment::from_process() {
    Environment env;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        const auto eq = entry.find('=');
        if (eq != std::string_view::npos) env.vars.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
    env.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    struct winsize ws {};
    if (env.stdout_is_terminal && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) env.terminal_width = ws.ws_col;
    env.today = local_today();
    return env;
}

Lang Context::lang() const {
    if (auto chosen = parse_lang(global.lang)) return *chosen;
    if (config.lang) return *config.lang;
    return lang_from_locale(env.var("LC_ALL"), env.var("LC_MESSAGES"), env.var("LANG"));
}

std::string Context::book_dir() const {
    if (!global.dir.empty()) return global.dir;
    if (const std::string dir = env.var("WINBACK_DIR"); !dir.empty()) return dir;
    if (!config.dir.empty()) return expand_home(config.dir, env.var("HOME"));
    return ".";
}

std::string Context::say(std::string_view message) const {
    return translate(message, lang());
}

void Context::error(std::string_view message) const {
    err << (lang() == Lang::ja ? "winback: エラー: " : "winback: error: ") << say(message) << '\n';
}

CLI::Option* add_format_option(CLI::App& app, const Context& context, std::string& format,
                               const std::vector<std::string>& formats) {
    format = formats.front();
    for (const std::string& f : formats) {
        if (f == context.config.format) format = f;
    }
    std::string list;
    for (const std::string& f : formats) list += (list.empty() ? "" : ", ") + f;
    return app.add_option("--format", format, fmt::format("Output: {} (default: {}, or format in config.toml)", list,
                                                          formats.front()))
        ->check(CLI::IsMember(formats));
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, const Environment& env) {
    CLI::App app{"winback: whom to contact today to win back the clients who stopped coming.", "winback"};
    app.set_version_flag("--version", fmt::format("winback {}", WINBACK_VERSION));
    app.require_subcommand(1);
    app.fallthrough();
    app.footer("Example:\n  winback --dir examples/dayservice plan --date 2026-11-24\n\n"
               "The book folder is --dir, else $WINBACK_DIR, else dir in config.toml, else the current folder.\n"
               "Settings: $XDG_CONFIG_HOME/winback/config.toml (default ~/.config/winback/config.toml)\n"
               "with dir, lang and format; the command line and WINBACK_DIR come first.");

    // Read before the commands add their options: its format is their --format default.
    Diagnostics config_diagnostics;
    Context context{env, out, err, {}, read_config(env, config_diagnostics)};
    context.global.lang = lang_argument(argc, argv);  // for the help's texts; parsing sets it again
    app.add_option("--dir", context.global.dir,
                   context.say("Book folder (default: $WINBACK_DIR, else dir in config.toml, else the current folder)"));
    app.add_option("--lang", context.global.lang,
                   context.say("Language of labels, messages and built-in playbooks (default: lang in config.toml, "
                               "else the locale)"))
        ->check(CLI::IsMember({"ja", "en"}));
    app.add_flag("-q,--quiet", context.global.quiet, context.say("Do not print warnings"));

    std::function<int()> action;
    for (const Command& command : commands()) {
        // In the language known before parsing (--lang on the command line, settings, locale).
        CLI::App* sub = app.add_subcommand(command.name, context.say(command.description));
        auto run_command = command.setup(*sub, context);
        sub->callback([&action, run_command] { action = run_command; });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() != 0) {
            if (auto unknown = unknown_command(argc, argv)) {
                std::vector<std::string_view> names;
                for (const Command& command : commands()) names.push_back(command.name);
                context.error(fmt::format("unknown command \"{}\"{}", *unknown, did_you_mean(*unknown, names)));
                err << context.say("Run with --help for the commands.") << '\n';
                return exit_usage;
            }
        }
        if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help, --version
        context.error(e.what());
        err << context.say("Run with --help for more information.") << '\n';
        return exit_usage;
    }
    print_diagnostics(err, config_diagnostics, !context.global.quiet, context.lang());
    if (config_diagnostics.has_errors()) {
        context.error("the settings file has errors: nothing done");
        return exit_invalid;
    }
    try {
        return action ? action() : exit_usage;
    } catch (const UsageError& e) {
        context.error(e.message);
        err << context.say("Run with --help for more information.") << '\n';
        return exit_usage;
    }
}

}  // namespace winback::cli
