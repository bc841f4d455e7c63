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

template <class T>
const T* find_by(const std::vector<T>& items, std::string_view key, std::string T::*field) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*field == key; });
    return it == items.end() ? nullptr : &*it;
}

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

const Client* Book::find_client(std::string_view id) const {
    return find_by(clients, id, &Client::id);
}

const CareManager* Book::find_care_manager(std::string_view id) const {
    return find_by(care_managers, id, &CareManager::id);
}

const Playbook* Book::find_playbook(std::string_view reason) const {
    return find_by(playbooks, reason, &Playbook::reason);
}

const Rule* Book::find_rule(std::string_view id) const {
    return find_by(facility.rules, id, &Rule::id);
}

}  // namespace winback
