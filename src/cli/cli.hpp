#pragma once
// The command line: a thin layer that reads files and the environment, calls the core,
// and writes the result. run() takes its streams so that tests can call it directly.

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "winback/config.hpp"
#include "winback/date.hpp"
#include "winback/i18n.hpp"

namespace CLI {
class App;
class Option;
}

namespace winback::cli {

// What the CLI may look at outside its arguments.
struct Environment {
    std::map<std::string, std::string> vars;
    bool stdout_is_terminal = false;
    std::size_t terminal_width = 0;
    Date today;  // the machine's local date

    std::string var(const std::string& name) const;
    // Colour on a terminal only, never with NO_COLOR set and not empty (no-color.org) or TERM=dumb.
    bool color() const;
    static Environment from_process();
};

// Exit codes of PRODUCT.md.
inline constexpr int exit_ok = 0;
inline constexpr int exit_invalid = 1;
inline constexpr int exit_usage = 2;

// Options every command takes.
struct Global {
    std::string dir;
    std::string lang;
    bool quiet = false;
};

// Shared by the commands while one run lasts.
struct Context {
    const Environment& env;
    std::ostream& out;
    std::ostream& err;
    Global global;
    Config config;  // config.toml; below the command line and the environment

    // --lang, else config.toml's lang, else the locale.
    Lang lang() const;
    // --dir, else $WINBACK_DIR, else config.toml's dir, else the current folder.
    std::string book_dir() const;
    // A message for people in the run's language (winback/messages.hpp).
    std::string say(std::string_view message) const;
    // Writes "winback: error: MESSAGE" (in the run's language) to err.
    void error(std::string_view message) const;
};

// A usage error found after parsing (an unknown --reason, a bad date): exit 2.
struct UsageError {
    std::string message;
};

// One subcommand: its name, one line for the help, and how it adds its options. The returned
// function runs the command and gives the exit code.
struct Command {
    const char* name;
    const char* description;
    std::function<std::function<int()>(CLI::App&, Context&)> setup;
};

// Adds --format with the formats a command writes, the first being its default unless
// config.toml names another of them.
CLI::Option* add_format_option(CLI::App& app, const Context& context, std::string& format,
                               const std::vector<std::string>& formats);

std::function<int()> setup_plan(CLI::App& app, Context& context);
std::function<int()> setup_check(CLI::App& app, Context& context);
std::function<int()> setup_playbooks(CLI::App& app, Context& context);
std::function<int()> setup_calendar(CLI::App& app, Context& context);
std::function<int()> setup_show(CLI::App& app, Context& context);
std::function<int()> setup_clients(CLI::App& app, Context& context);
std::function<int()> setup_log(CLI::App& app, Context& context);
std::function<int()> setup_init(CLI::App& app, Context& context);
std::function<int()> setup_slots(CLI::App& app, Context& context);
std::function<int()> setup_report(CLI::App& app, Context& context);

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, const Environment& env);

}  // namespace winback::cli
