#include "winback/i18n.hpp"

#include <algorithm>
#include <array>

namespace winback {

std::optional<Lang> parse_lang(std::string_view code) {
    if (code == "ja") return Lang::ja;
    if (code == "en") return Lang::en;
    return std::nullopt;
}

Lang lang_from_locale(std::string_view lc_all, std::string_view lc_messages, std::string_view lang) {
    // The first variable that is set decides, as in POSIX locale precedence.
    for (std::string_view value : {lc_all, lc_messages, lang}) {
        if (!value.empty()) return value.starts_with("ja") ? Lang::ja : Lang::en;
    }
    return Lang::en;
}

}  // namespace winback

namespace winback {

namespace {

constexpr std::array<std::string_view, 7> weekday_en = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                        "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 7> weekday_ja = {"月曜日", "火曜日", "水曜日", "木曜日",
                                                        "金曜日", "土曜日", "日曜日"};
constexpr std::array<std::string_view, 7> weekday_short_en = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> weekday_short_ja = {"月", "火", "水", "木", "金", "土", "日"};

// In the order of the enumerations in model.hpp.
constexpr std::array<std::string_view, 6> recipient_en = {"client", "family", "care manager",
                                                          "hospital", "facility", "staff"};
constexpr std::array<std::string_view, 6> recipient_ja = {"本人", "家族", "ケアマネ", "病院", "施設", "職員"};
constexpr std::array<std::string_view, 6> channel_en = {"call", "letter", "visit", "email", "meeting", "task"};
constexpr std::array<std::string_view, 6> channel_ja = {"電話", "手紙", "訪問", "メール", "面談", "作業"};

}  // namespace

std::string_view weekday_name(unsigned index, Lang lang) {
    return (lang == Lang::ja ? weekday_ja : weekday_en).at(index);
}

std::string_view weekday_short(unsigned index, Lang lang) {
    return (lang == Lang::ja ? weekday_short_ja : weekday_short_en).at(index);
}

std::string_view label(Recipient to, Lang lang) {
    return (lang == Lang::ja ? recipient_ja : recipient_en).at(static_cast<std::size_t>(to));
}

std::string_view label(Channel via, Lang lang) {
    return (lang == Lang::ja ? channel_ja : channel_en).at(static_cast<std::size_t>(via));
}

std::string weekday_list(const std::vector<unsigned>& days, Lang lang) {
    std::vector<unsigned> sorted = days;
    std::sort(sorted.begin(), sorted.end());
    std::string out;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (lang == Lang::ja) {
            if (i > 0) out += "・";
            out += weekday_short(sorted[i], lang);
            if (i + 1 == sorted.size()) out += "曜日";
        } else {
            if (i > 0) out += i + 1 == sorted.size() ? " and " : ", ";
            out += weekday_name(sorted[i], lang);
        }
    }
    return out;
}

}  // namespace winback
