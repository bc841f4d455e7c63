#include <fmt/format.h>

#include "winback/render.hpp"
#include "winback/text.hpp"

namespace winback {

std::string describe_timing(const Step& step) {
    std::string out;
    if (step.phase == Phase::at_risk) out += "at risk: ";
    if (step.after != "lapse") out += fmt::format("after {}: ", step.after);
    if (step.at) return out + "at " + format_duration(*step.at);
    if (!step.every) return out;
    out += "every " + format_duration(*step.every);
    if (step.from) out += " from " + format_duration(*step.from);
    if (step.until) out += " until " + format_duration(*step.until);
    if (step.times) out += fmt::format(", {} time{}", *step.times, *step.times == 1 ? "" : "s");
    if (step.expire) out += ", expires after " + format_duration(*step.expire);
    return out;
}

namespace {

std::string playbooks_json(const std::vector<Playbook>& playbooks) {
    std::string out = "[";
    for (std::size_t i = 0; i < playbooks.size(); ++i) {
        const Playbook& p = playbooks[i];
        out += fmt::format("{}\n  {{\"reason\":\"{}\",\"title\":\"{}\",\"return_rate\":{},\"stop_after\":\"{}\","
                           "\"hold_slot\":{},\"origin\":\"{}\",\"steps\":[",
                           i > 0 ? "," : "", json_escape(p.reason), json_escape(p.title), p.return_rate,
                           p.stop_after ? format_duration(*p.stop_after) : "", p.hold_slot ? "true" : "false",
                           json_escape(p.origin));
        for (std::size_t j = 0; j < p.steps.size(); ++j) {
            const Step& s = p.steps[j];
            out += fmt::format("{}{{\"id\":\"{}\",\"timing\":\"{}\",\"phase\":\"{}\",\"to\":\"{}\",\"via\":\"{}\","
                               "\"task\":\"{}\"}}",
                               j > 0 ? "," : "", json_escape(s.id), json_escape(describe_timing(s)),
                               to_string(s.phase), to_string(s.to), to_string(s.via), json_escape(s.task));
        }
        out += "]}";
    }
    return out + (playbooks.empty() ? "]\n" : "\n]\n");
}

}  // namespace

std::string render_playbooks(const std::vector<Playbook>& playbooks, Format format, Lang lang) {
    if (format == Format::json) return playbooks_json(playbooks);
    const bool ja = lang == Lang::ja;
    std::string out;
    for (const Playbook& p : playbooks) {
        if (!out.empty()) out += "\n";
        out += fmt::format("{}  {}\n", p.reason, p.title);
        out += fmt::format(fmt::runtime(ja ? "  復帰率 {:.0f}%  終了 {}  枠の確保 {}  ({})\n"
                              : "  return rate {:.0f}%  stop after {}  holds slot {}  ({})\n"),
                           p.return_rate * 100, p.stop_after ? format_duration(*p.stop_after) : "-",
                           p.hold_slot ? (ja ? "あり" : "yes") : (ja ? "なし" : "no"), p.origin);
        std::size_t id_width = 0, timing_width = 0, who_width = 0;
        for (const Step& s : p.steps) {
            id_width = std::max(id_width, display_width(s.id));
            timing_width = std::max(timing_width, display_width(describe_timing(s)));
            who_width = std::max(who_width, display_width(fmt::format("{}/{}", label(s.to, lang), label(s.via, lang))));
        }
        for (const Step& s : p.steps) {
            out += fmt::format("  - {}  {}  {}  {}\n", pad_to_width(s.id, id_width),
                               pad_to_width(describe_timing(s), timing_width),
                               pad_to_width(fmt::format("{}/{}", label(s.to, lang), label(s.via, lang)), who_width),
                               s.task);
        }
        if (p.steps.empty()) out += ja ? "  （ステップなし）\n" : "  (no steps)\n";
    }
    return out;
}

}  // namespace winback
