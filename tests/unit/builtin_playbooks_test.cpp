#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "winback/load.hpp"
#include "winback/task.hpp"

using winback::Lang;
using winback::Playbook;

namespace {

std::string describe(const std::optional<winback::Duration>& d) {
    return d ? winback::format_duration(*d) : "-";
}

// Everything of a playbook but its title and the tasks' text: what both languages must share.
std::string structure(const Playbook& p) {
    std::string out = fmt::format("{} rate={} stop={} hold={}\n", p.reason, p.return_rate, describe(p.stop_after),
                                  p.hold_slot);
    for (const auto& s : p.steps) {
        out += fmt::format("  {} at={} every={} from={} until={} times={} expire={} after={} phase={} to={} via={}\n",
                           s.id, describe(s.at), describe(s.every), describe(s.from), describe(s.until),
                           s.times ? fmt::format("{}", *s.times) : "-", describe(s.expire), s.after,
                           winback::to_string(s.phase), winback::to_string(s.to), winback::to_string(s.via));
    }
    return out;
}

struct Dump {
    int code;
    std::string out;
    std::string err;
};

Dump run_cli(std::vector<const char*> args, std::map<std::string, std::string> vars = {}) {
    winback::cli::Environment env;
    env.vars = std::move(vars);
    env.today = winback::Date{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};
    std::ostringstream out, err;
    const int code = winback::cli::run(static_cast<int>(args.size()), args.data(), out, err, env);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("builtin playbooks") {
    for (const Lang lang : {Lang::ja, Lang::en}) {
        CAPTURE(lang == Lang::ja ? "ja" : "en");
        const std::string_view text = winback::builtin_playbooks_text(lang);
        SUBCASE("load without any diagnostic, not even a warning") {
            winback::Diagnostics diagnostics;
            const auto file = winback::load_playbooks(text, "<built-in playbooks>", "built-in", diagnostics);
            CHECK(file.parsed);
            for (const auto& d : diagnostics.items()) FAIL_CHECK(winback::format_diagnostic(d));
            CHECK(diagnostics.items().empty());
            CHECK(file.playbooks.size() == winback::builtin_playbooks(lang).size());
        }
        SUBCASE("the seven reasons, each once, in the order of PRODUCT.md") {
            std::vector<std::string> reasons;
            for (const auto& p : winback::builtin_playbooks(lang)) reasons.push_back(p.reason);
            CHECK(fmt::format("{}", fmt::join(reasons, " ")) ==
                  "conflict rule_change switched admitted hospitalized deceased unknown");
        }
        SUBCASE("every playbook is titled, rated 0..1 and built-in") {
            for (const auto& p : winback::builtin_playbooks(lang)) {
                CAPTURE(p.reason);
                CHECK_FALSE(p.title.empty());
                CHECK(p.return_rate >= 0.0);
                CHECK(p.return_rate <= 1.0);
                CHECK(p.origin == "built-in");
            }
        }
        SUBCASE("every task uses only known placeholders, and no stray brace") {
            for (const auto& p : winback::builtin_playbooks(lang)) {
                for (const auto& s : p.steps) {
                    CAPTURE(s.id);
                    CHECK_FALSE(s.task.empty());
                    CHECK(winback::unknown_placeholders(s.task).empty());
                    std::string stripped = s.task;
                    for (std::string_view name : winback::placeholders) {
                        const std::string token = fmt::format("{{{}}}", name);
                        for (auto at = stripped.find(token); at != std::string::npos; at = stripped.find(token)) {
                            stripped.erase(at, token.size());
                        }
                    }
                    CHECK(stripped.find('{') == std::string::npos);
                    CHECK(stripped.find('}') == std::string::npos);
                }
            }
        }
        SUBCASE("the deceased playbook has no steps") {
            const auto playbooks = winback::builtin_playbooks(lang);
            const auto it = std::find_if(playbooks.begin(), playbooks.end(),
                                         [](const Playbook& p) { return p.reason == "deceased"; });
            REQUIRE(it != playbooks.end());
            CHECK(it->steps.empty());
            CHECK(it->return_rate == 0.0);
        }
        SUBCASE("steps wait only for events that exist") {
            for (const auto& p : winback::builtin_playbooks(lang)) {
                for (const auto& s : p.steps) {
                    CAPTURE(s.id);
                    CHECK((s.after == "lapse" || s.after == "rule_reverted" || s.after == "discharged"));
                }
            }
        }
    }
}

TEST_CASE("builtin playbooks: both languages have the same structure") {
    const auto ja = winback::builtin_playbooks(Lang::ja);
    const auto en = winback::builtin_playbooks(Lang::en);
    REQUIRE(ja.size() == en.size());
    for (std::size_t i = 0; i < ja.size(); ++i) {
        CHECK(structure(ja[i]) == structure(en[i]));
        CHECK(ja[i].title != en[i].title);
        REQUIRE(ja[i].steps.size() == en[i].steps.size());
        for (std::size_t j = 0; j < ja[i].steps.size(); ++j) {
            // The same placeholders in each language's task, so that no language loses information.
            std::set<std::string> in_ja, in_en;
            for (std::string_view name : winback::placeholders) {
                const std::string token = fmt::format("{{{}}}", name);
                if (ja[i].steps[j].task.find(token) != std::string::npos) in_ja.insert(token);
                if (en[i].steps[j].task.find(token) != std::string::npos) in_en.insert(token);
            }
            CHECK_MESSAGE(in_ja == in_en, ja[i].reason, "/", ja[i].steps[j].id);
        }
    }
}

TEST_CASE("playbooks --dump") {
    SUBCASE("prints the built-in text of the chosen language, exactly") {
        for (const char* lang : {"ja", "en"}) {
            const Dump dump = run_cli({"winback", "--lang", lang, "playbooks", "--dump"});
            CHECK(dump.code == 0);
            CHECK(dump.err == "");
            CHECK(dump.out == winback::builtin_playbooks_text(std::string_view(lang) == "ja" ? Lang::ja : Lang::en));
        }
    }
    SUBCASE("the language follows the locale") {
        const Dump dump = run_cli({"winback", "playbooks", "--dump"}, {{"LANG", "ja_JP.UTF-8"}});
        CHECK(dump.code == 0);
        CHECK(dump.out == winback::builtin_playbooks_text(Lang::ja));
        const Dump c = run_cli({"winback", "playbooks", "--dump"}, {{"LANG", "C.UTF-8"}});
        CHECK(c.out == winback::builtin_playbooks_text(Lang::en));
    }
    SUBCASE("the dump is a valid playbooks.toml that gives the built-in playbooks") {
        const Dump dump = run_cli({"winback", "--lang", "en", "playbooks", "--dump"});
        winback::Diagnostics diagnostics;
        const auto file = winback::load_playbooks(dump.out, "playbooks.toml", "playbooks.toml", diagnostics);
        CHECK(diagnostics.items().empty());
        const auto builtin = winback::builtin_playbooks(Lang::en);
        REQUIRE(file.playbooks.size() == builtin.size());
        for (std::size_t i = 0; i < builtin.size(); ++i) CHECK(structure(file.playbooks[i]) == structure(builtin[i]));
    }
}
