#include "winback/model.hpp"

#include <algorithm>

namespace winback {

namespace {

constexpr std::string_view status_words[] = {"active", "lapsed", "returned", "closed"};
constexpr std::string_view role_words[] = {"family", "hospital", "facility", "client"};
constexpr std::string_view recipient_words[] = {"client", "family", "care_manager", "hospital", "facility", "staff"};
constexpr std::string_view channel_words[] = {"call", "letter", "visit", "email", "meeting", "task"};
constexpr std::string_view phase_words[] = {"lapsed", "at_risk"};
constexpr std::string_view shift_words[] = {"next", "previous", "none"};

}  // namespace

template <>
std::span<const std::string_view> words<Status>() { return status_words; }
template <>
std::span<const std::string_view> words<Role>() { return role_words; }
template <>
std::span<const std::string_view> words<Recipient>() { return recipient_words; }
template <>
std::span<const std::string_view> words<Channel>() { return channel_words; }
template <>
std::span<const std::string_view> words<Phase>() { return phase_words; }
template <>
std::span<const std::string_view> words<Shift>() { return shift_words; }

bool is_stop_outcome(std::string_view outcome) {
    return outcome == "returned" || outcome == "declined" || outcome == "deceased";
}

const CareManager* Book::find_care_manager(std::string_view id) const {
    return care_manager_index.find(care_managers, id);
}

const Playbook* Book::find_playbook(std::string_view reason) const {
    return playbook_index.find(playbooks, reason);
}

const Rule* Book::find_rule(std::string_view id) const {
    return rule_index.find(facility.rules, id);
}

}  // namespace winback
