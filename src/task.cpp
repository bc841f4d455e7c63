#include "winback/task.hpp"

#include "winback/course.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace winback {

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || c == '_';
}

// Calls on_placeholder(name) for each {name} in text, and on_text(chunk) for what lies between.
template <class OnText, class OnPlaceholder>
void scan(std::string_view text, OnText on_text, OnPlaceholder on_placeholder) {
    std::size_t done = 0;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        std::size_t close = open + 1;
        while (close < text.size() && is_name_char(text[close])) ++close;
        if (close == open + 1 || close >= text.size() || text[close] != '}') continue;
        on_text(text.substr(done, open - done));
        on_placeholder(text.substr(open + 1, close - open - 1));
        done = close + 1;
        open = close;
    }
    on_text(text.substr(done));
}

bool known(std::string_view name) {
    return std::find(std::begin(placeholders), std::end(placeholders), name) != std::end(placeholders);
}

const Contact* first_contact(const Client& client, Role role) {
    auto it = std::find_if(client.contacts.begin(), client.contacts.end(),
                           [&](const Contact& c) { return c.role == role; });
    return it == client.contacts.end() ? nullptr : &*it;
}

Addressee from_contact(const Contact* contact, Text fallback_name) {
    if (!contact) return {fallback_name, {}};
    return {contact->name.empty() ? fallback_name : contact->name, contact->phone};
}

bool attends(const Client& client) {
    return client.status == Status::active || client.status == Status::returned;
}

}  // namespace

std::vector<std::string> unknown_placeholders(std::string_view task) {
    std::vector<std::string> out;
    scan(task, [](std::string_view) {}, [&](std::string_view name) {
        if (!known(name)) out.emplace_back(name);
    });
    return out;
}

Addressee addressee(const Book& book, const Client& client, Recipient to) {
    switch (to) {
        case Recipient::client: return from_contact(first_contact(client, Role::client), client.name);
        case Recipient::family: return from_contact(first_contact(client, Role::family), {});
        case Recipient::hospital: return from_contact(first_contact(client, Role::hospital), client.hospital);
        case Recipient::facility:
            return from_contact(first_contact(client, Role::facility),
                                client.switched_to.empty() ? client.admitted_to : client.switched_to);
        case Recipient::care_manager:
            if (const CareManager* cm = book.find_care_manager(client.care_manager)) {
                return {std::string_view(cm->name), std::string_view(cm->phone)};
            }
            return {};
        case Recipient::staff: return {client.owner, {}};
    }
    return {};
}

Occupancy occupancy(const Book& book, const LogIndex& log, std::optional<Date> today) {
    Occupancy out;
    for (const Client& c : book.clients) {
        if (attends(c)) {
            for (unsigned day : c.days) ++out.attending[day];
            continue;
        }
        const auto course = c.status == Status::lapsed ? course_of(book, c, log.of(c)) : std::nullopt;
        if (!course || !course->playbook->hold_slot) continue;
        if (course->ended && (!today || *course->ended <= *today)) continue;
        if (today && (course->start > *today || (course->stop && *course->stop < *today))) continue;
        for (unsigned day : c.days) {
            ++out.held[day];
            out.holders[day].push_back({std::string(c.id), course->start});
        }
    }
    return out;
}

std::vector<unsigned> free_days(const Book& book, const Client& client) {
    return free_days(book, client, occupancy(book, LogIndex(book), std::nullopt));
}

std::string free_days_text(const Book& book, const Client& client, Lang lang) {
    return free_days_text(book, client, occupancy(book, LogIndex(book), std::nullopt), lang);
}

std::vector<unsigned> free_days(const Book& book, const Client& client, const Occupancy& taken) {
    std::vector<unsigned> out;
    const auto& capacity = book.facility.capacity;
    for (unsigned day = 0; day < 7; ++day) {
        if (book.facility.calendar.closed_weekday[day]) continue;
        if (capacity && taken.attending[day] + taken.held[day] >= *capacity) continue;
        bool avoided_there = false;
        for (const std::string_view id : client.avoid) {
            const Client* other = book.find_client(id);
            if (other && attends(*other) &&
                std::find(other->days.begin(), other->days.end(), day) != other->days.end()) {
                avoided_there = true;
            }
        }
        if (!avoided_there) out.push_back(day);
    }
    return out;
}

std::string free_days_text(const Book& book, const Client& client, const Occupancy& taken, Lang lang) {
    const auto days = free_days(book, client, taken);
    if (!days.empty()) return weekday_list(days, lang);
    // Said plainly, never an empty cell: with a capacity, full days are a reason too.
    const bool ja = lang == Lang::ja;
    if (book.facility.capacity) {
        return ja ? "空きがあり避けたい方のいない曜日はありません" : "no weekday with a free place and without the people they avoid";
    }
    return ja ? "避けたい方のいない曜日はありません" : "no weekday without the people they avoid";
}

namespace {

// What a placeholder says when the book leaves it empty, so that the sentence still reads.
std::string fallback(std::string_view name, const TaskContext& context) {
    const bool ja = context.lang == Lang::ja;
    if (name == "care_manager") return ja ? "ケアマネジャー" : "the care manager";
    if (name == "switched_to") return ja ? "移行先" : "their new service";
    if (name == "admitted_to") return ja ? "入所先" : "their new home";
    if (name == "rule") return ja ? "変更したルール" : "the rule";
    if (name == "days") return ja ? "以前の曜日" : "their usual days";
    if (name == "contact") return std::string(label(context.step.to, context.lang));
    return {};
}

}  // namespace

std::string expand_task(const TaskContext& context) {
    const Client& client = context.client;
    const Book& book = context.book;
    std::string out;
    out.reserve(context.step.task.size() + 64);  // most tasks: one allocation
    // Appends what a placeholder stands for, straight into `out`; false when that is empty.
    auto append_given = [&](std::string_view name) {
        const std::size_t before = out.size();
        if (name == "name") {
            out += client.name;
        } else if (name == "days") {
            out += weekday_list({client.days.begin(), client.days.end()}, context.lang);
        } else if (name == "care_manager") {
            if (const CareManager* cm = book.find_care_manager(client.care_manager)) out += cm->name;
        } else if (name == "contact") {
            out += addressee(book, client, context.step.to).name;
        } else if (name == "months") {
            fmt::format_to(std::back_inserter(out), "{}", std::max(0L, months_between(context.start, context.when)));
        } else if (name == "free_days") {
            out += context.taken ? free_days_text(book, client, *context.taken, context.lang)
                                 : free_days_text(book, client, context.lang);
        } else if (name == "switched_to") {
            out += client.switched_to;
        } else if (name == "admitted_to") {
            out += client.admitted_to;
        } else if (name == "rule") {
            if (const Rule* rule = book.find_rule(client.rule)) out += rule->title.empty() ? rule->id : rule->title;
        } else {
            fmt::format_to(std::back_inserter(out), "{{{}}}", name);
        }
        return out.size() > before;
    };
    scan(context.step.task, [&](std::string_view text) { out += text; },
         [&](std::string_view name) {
             if (!append_given(name)) out += fallback(name, context);
         });
    return out;
}

}  // namespace winback
