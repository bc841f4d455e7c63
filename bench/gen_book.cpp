// Writes a deterministic synthetic book for the benchmark: clients.toml, log.toml,
// facility.toml and an equivalent reminders file for remind(1).
//
//   winback_gen_book DIR CLIENTS LOG_ENTRIES YEARS
//
// CLIENTS clients of every status and reason (with contacts, care managers, at_risk flags,
// avoided clients and rules), LOG_ENTRIES log entries spread over the lapsed clients and the
// last YEARS years before 2026-11-24, in date order. Same arguments, same bytes.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace {

// xorshift64*: small, fast and the same on every machine.
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717ULL;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& items) { return items[below(N)]; }
};

constexpr std::array<std::string_view, 20> surnames = {
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
    "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"};
constexpr std::array<std::string_view, 20> surname_kana = {
    "さとう", "すずき", "たかはし", "たなか", "いとう", "わたなべ", "やまもと", "なかむら", "こばやし", "かとう",
    "よしだ", "やまだ", "ささき", "やまぐち", "まつもと", "いのうえ", "きむら", "はやし", "さいとう", "しみず"};
constexpr std::array<std::string_view, 16> given = {
    "花子", "キヨ子", "正男", "フミ", "トシ", "和夫", "清", "ハル", "茂", "静江",
    "勝", "澄子", "幸子", "実", "千代", "武"};
constexpr std::array<std::string_view, 16> given_kana = {
    "はなこ", "きよこ", "まさお", "ふみ", "とし", "かずお", "きよし", "はる", "しげる", "しずえ",
    "まさる", "すみこ", "さちこ", "みのる", "ちよ", "たけし"};
constexpr std::array<std::string_view, 4> owners = {"田中", "鈴木", "高橋", "伊藤"};
constexpr std::array<std::string_view, 7> weekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 6> relations = {"長男", "長女", "次男", "妻", "夫", "姪"};
constexpr std::array<std::string_view, 6> towns = {"目黒区中町", "目黒区五本木", "世田谷区下馬", "品川区小山",
                                                    "大田区北千束", "渋谷区恵比寿"};
constexpr std::array<std::string_view, 5> offices = {"みどり居宅介護支援事業所", "さくら坂ケアプランセンター",
                                                      "めぐろ中央居宅介護支援事業所", "あおば居宅介護支援センター",
                                                      "ゆうあい居宅介護支援事業所"};
constexpr std::array<std::string_view, 5> notes = {"ご家族と話せた。来月また連絡する", "不在。折り返しを依頼",
                                                    "留守電に伝言を残した", "手紙を送付した", "面会。表情は明るい"};
constexpr std::array<std::string_view, 5> outcomes = {"reached", "no_answer", "left_message", "sent", "visited"};

struct Reason {
    std::string_view name;
    std::string_view note;
    std::vector<std::string_view> steps;
};
const std::array<Reason, 7> reasons = {{
    {"conflict", "他の利用者の言動が原因らしい", {"ask-real-reason", "propose-other-days", "follow-up", "greeting-letter"}},
    {"rule_change", "送迎時間の変更で休止", {"report-impact", "ask-conditions", "tell-client", "tell-care-manager"}},
    {"switched", "小規模多機能へ移行", {"thank-you-letter", "ask-care-manager", "client-check-in"}},
    {"admitted", "特養に入所", {"family-letter"}},
    {"hospitalized", "大腿骨骨折で入院", {"ask-discharge-notice", "ask-family-notice", "family-monthly", "hospital-visit"}},
    {"deceased", "ご逝去", {}},
    {"unknown", "理由はまだ不明", {"ask-reason", "ask-reason-again"}},
}};

// Days since 1970-01-01 <-> civil date (Howard Hinnant's algorithms).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string date_text(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

struct Lapsed {
    std::size_t client;
    long lapse;
    std::size_t reason;
};

struct LogLine {
    long date;
    std::size_t lapsed;
    std::uint32_t salt;
};

void write_file(const std::string& path, const std::string& text) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size() || std::fclose(f) != 0) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

std::string client_id(std::size_t i) { return fmt::format("C-{:07}", i + 1); }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s DIR CLIENTS LOG_ENTRIES YEARS\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    const std::size_t count = std::strtoull(argv[2], nullptr, 10);
    const std::size_t entries = std::strtoull(argv[3], nullptr, 10);
    const long years = std::strtol(argv[4], nullptr, 10);
    const long today = days_from_civil(2026, 11, 24);
    Random rng{0x9E3779B97F4A7C15ULL ^ count};

    std::string out;
    out.reserve(count * 380 + 4096);
    out += "# 合成した利用者台帳（ベンチマーク用。氏名・住所・電話番号はすべて架空です）\n\n";
    const std::size_t care_managers = count / 50 + 1;
    for (std::size_t i = 0; i < care_managers; ++i) {
        fmt::format_to(std::back_inserter(out),
                       "[[care_manager]]\nid = \"CM-{:05}\"\nname = \"{} {}\"\noffice = \"{}\"\nphone = \"03-{:04}-{:04}\"\n\n",
                       i + 1, rng.pick(surnames), rng.pick(given), rng.pick(offices), rng.below(10000),
                       rng.below(10000));
    }
    std::vector<Lapsed> lapsed;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t s = rng.below(20);
        const std::size_t sn = rng.below(surnames.size());
        const std::size_t gn = rng.below(given.size());
        fmt::format_to(std::back_inserter(out), "[[client]]\nid = \"{}\"\nname = \"{} {}\"\nkana = \"{} {}\"\n",
                       client_id(i), surnames[sn], given[gn], surname_kana[sn], given_kana[gn]);
        const std::string_view status = s < 11 ? "active" : s < 18 ? "lapsed" : s < 19 ? "returned" : "closed";
        fmt::format_to(std::back_inserter(out), "status = \"{}\"\n", status);
        if (status == "lapsed") {
            const std::size_t r = rng.below(reasons.size());
            const long lapse = today - 1 - static_cast<long>(rng.below(static_cast<std::size_t>(years * 365)));
            lapsed.push_back({i, lapse, r});
            fmt::format_to(std::back_inserter(out), "lapse_date = {}\nreason = \"{}\"\nreason_note = \"{}\"\n",
                           date_text(lapse), reasons[r].name, reasons[r].note);
            if (reasons[r].name == "rule_change") out += rng.below(2) ? "rule = \"smoking\"\n" : "rule = \"pickup\"\n";
            if (reasons[r].name == "conflict" && i > 0) {
                fmt::format_to(std::back_inserter(out), "avoid = [\"{}\"]\n", client_id(rng.below(i)));
            }
            if (reasons[r].name == "switched") out += "switched_to = \"ひまわりデイサービス\"\n";
            if (reasons[r].name == "admitted") out += "admitted_to = \"特別養護老人ホームさくら苑\"\n";
            if (reasons[r].name == "hospitalized") out += "hospital = \"目黒中央病院\"\n";
        }
        fmt::format_to(std::back_inserter(out), "care_manager = \"CM-{:05}\"\n", rng.below(care_managers) + 1);
        const std::size_t d1 = rng.below(6);
        const std::size_t d2 = std::min<std::size_t>(5, d1 + 1 + rng.below(3));
        if (d2 != d1) {
            fmt::format_to(std::back_inserter(out), "days = [\"{}\", \"{}\"]\n", weekdays[d1], weekdays[d2]);
        } else {
            fmt::format_to(std::back_inserter(out), "days = [\"{}\"]\n", weekdays[d1]);
        }
        fmt::format_to(std::back_inserter(out), "monthly_revenue = {}\nowner = \"{}\"\n", 30000 + rng.below(60) * 1000,
                       rng.pick(owners));
        if (rng.below(50) == 0) out += "do_not_contact = true\n";
        if (status == "active" && rng.below(20) == 0) {
            fmt::format_to(std::back_inserter(out),
                           "at_risk = {{ reason = \"conflict\", since = {}, note = \"送迎車内で口論があった\" }}\n",
                           date_text(today - 1 - static_cast<long>(rng.below(60))));
        }
        const std::size_t contacts = 1 + rng.below(2);
        for (std::size_t k = 0; k < contacts; ++k) {
            fmt::format_to(std::back_inserter(out),
                           "\n  [[client.contact]]\n  role = \"family\"\n  name = \"{} {}\"\n  relation = \"{}\"\n"
                           "  phone = \"090-{:04}-{:04}\"\n  address = \"東京都{}{}-{}-{}\"\n",
                           surnames[sn], rng.pick(given), rng.pick(relations), rng.below(10000), rng.below(10000),
                           rng.pick(towns), 1 + rng.below(5), 1 + rng.below(30), 1 + rng.below(20));
        }
        out += "\n";
    }
    write_file(dir + "/clients.toml", out);

    // Log: entries over lapsed clients that have steps, dated between their lapse and yesterday.
    std::vector<std::size_t> with_steps;
    for (std::size_t i = 0; i < lapsed.size(); ++i) {
        if (!reasons[lapsed[i].reason].steps.empty()) with_steps.push_back(i);
    }
    std::vector<LogLine> lines;
    lines.reserve(entries);
    for (std::size_t e = 0; e < entries && !with_steps.empty(); ++e) {
        const std::size_t li = with_steps[e < with_steps.size() ? e : rng.below(with_steps.size())];
        const long span = std::max(1L, today - lapsed[li].lapse);
        lines.push_back({lapsed[li].lapse + static_cast<long>(rng.below(static_cast<std::size_t>(span))), li,
                         static_cast<std::uint32_t>(rng.next())});
    }
    std::stable_sort(lines.begin(), lines.end(), [](const LogLine& a, const LogLine& b) { return a.date < b.date; });
    out.clear();
    out += "# 連絡記録（ベンチマーク用の合成データ）\n\n";
    for (const LogLine& line : lines) {
        const Lapsed& l = lapsed[line.lapsed];
        const auto& steps = reasons[l.reason].steps;
        fmt::format_to(std::back_inserter(out),
                       "[[entry]]\ndate = {}\nclient = \"{}\"\nstep = \"{}\"\noutcome = \"{}\"\nby = \"{}\"\n"
                       "note = \"{}\"\n\n",
                       date_text(line.date), client_id(l.client), steps[line.salt % steps.size()],
                       outcomes[(line.salt >> 8) % outcomes.size()], owners[(line.salt >> 16) % owners.size()],
                       notes[(line.salt >> 20) % notes.size()]);
    }
    write_file(dir + "/log.toml", out);

    write_file(dir + "/facility.toml",
               "[facility]\nname = \"はつねデイサービス\"\nclosed_weekdays = [\"sun\"]\nholidays = \"jp\"\n"
               "closed = [{ from = 2026-12-29, to = 2027-01-03 }]\nshift = \"next\"\n\n"
               "[care_manager_office]\nclosed_weekdays = [\"sat\", \"sun\"]\nholidays = \"jp\"\n\n"
               "[[rule]]\nid = \"smoking\"\ntitle = \"館内全面禁煙\"\nchanged = 2024-04-01\nreverted = 2026-11-16\n\n"
               "[[rule]]\nid = \"pickup\"\ntitle = \"送迎時間の変更\"\nchanged = 2024-04-01\n");

    // remind(1): one monthly reminder per lapsed client (the family call), the closest
    // equivalent of a recurring step.
    out.clear();
    for (const Lapsed& l : lapsed) {
        const std::string date = date_text(l.lapse);
        fmt::format_to(std::back_inserter(out), "REM {} SKIP MSG {} {}: ご家族に電話して様子を伺う\n",
                       std::stoi(date.substr(8, 2)), client_id(l.client), reasons[l.reason].name);
    }
    write_file(dir + "/reminders.rem", out);
    return 0;
}
