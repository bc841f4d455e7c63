#include "winback/messages.hpp"

#include <array>
#include <optional>

namespace winback {

namespace {

// Whole messages first, then the fragments that fill holes (hints, contexts, type names).
// Where two templates match, the first one wins: put the more specific one first.
constexpr auto table = std::to_array<MessageTemplate>({
    // The loaders (FILE:LINE:COL: error: ...)
    {R"(not valid UTF-8: save the file as UTF-8 (not Shift_JIS or another encoding))",
     R"(UTF-8 として読めません。ファイルを UTF-8 で保存してください（Shift_JIS などではなく）)"},
    {R"(not valid TOML: {})", R"(TOML として読めません: {})"},
    {R"({} (text such as names and phone numbers must be in double quotes: "..."))",
     R"({}（名前や電話番号などの文字列は二重引用符 "..." で囲んでください）)"},
    {R"(file not found: every book needs a clients.toml)", R"(ファイルがありません。ブックには clients.toml が必要です)"},
    {R"(cannot read: {})", R"(読み込めません: {})"},
    {R"(not a regular file)", R"(通常のファイルではありません)"},
    {R"(missing required key "{}")", R"(必須のキー "{}" がありません)"},
    {R"(unknown key "{}" is ignored{})", R"(不明なキー "{}" は無視します{})"},
    {R"("{}" must not be empty)", R"("{}" を空にはできません)"},
    {R"("{}" must be from {} to {}, not {})", R"("{}" は {} から {} まででなければなりません（{} になっています）)"},
    {R"("{}" must be {}, not {})", R"("{}" は{}でなければなりません（{} になっています）)"},
    {R"("{}" must be longer than zero)", R"("{}" は 0 より長くなければなりません)"},
    {R"("{}" is not a valid date: "{}" ({}))", R"("{}" の日付 "{}" が正しくありません（{}）)"},
    {R"("{}" is not a valid duration: "{}" (expected <n>d, <n>w, <n>m or <n>y, for example "3d", "2w", "1m", "1y"; at most 100 years))",
     R"("{}" の期間 "{}" が正しくありません（<n>d、<n>w、<n>m、<n>y の形で、例えば "3d"、"2w"、"1m"、"1y"。最長 100 年）)"},
    {R"("{}": unknown value "{}"{})", R"("{}": 不明な値 "{}" です{})"},
    {R"(unknown reason "{}"{})", R"(不明な理由 "{}" です{})"},
    {R"(unknown at_risk reason "{}"{})", R"(不明な at_risk の理由 "{}" です{})"},
    {R"(unknown weekday "{}" in "{}"{})", R"("{2}" の曜日 "{1}" が不明です{3})"},
    {R"(weekday "{}" is listed twice in "{}")", R"(曜日 "{}" が "{}" に二度書かれています)"},
    {R"(unknown holidays "{}"; expected "jp" or "none")", R"(不明な holidays "{}" です（"jp" か "none" にしてください）)"},
    {R"(unknown care manager "{}"{} (care managers are the [[care_manager]] tables of clients.toml))",
     R"(不明なケアマネ "{}" です{}（ケアマネは clients.toml の [[care_manager]] です）)"},
    {R"(the care manager must be an id (care managers are the [[care_manager]] tables of clients.toml))",
     R"(ケアマネは id で書いてください（ケアマネは clients.toml の [[care_manager]] です）)"},
    {R"(the reason must be an id (the reason names a playbook; details go in "reason_note"))",
     R"(理由は id で書いてください（理由はプレイブックの名前です。詳しい事情は "reason_note" に書きます）)"},
    {R"(unknown rule "{}"{} (rules are the [[rule]] tables of facility.toml))",
     R"(不明なルール "{}" です{}（ルールは facility.toml の [[rule]] です）)"},
    {R"(reason "rule_change" without "rule": a reverted rule cannot reach this client)",
     R"(理由が "rule_change" なのに "rule" がありません。ルールを元に戻してもこの利用者には届きません)"},
    {R"(client "{}" cannot avoid themself)", R"(利用者 "{}" が自分自身を避けることはできません)"},
    {R"("{}" in avoid is no client id{} (a staff member's name is fine))",
     R"(avoid の "{}" は利用者の id ではありません{}（職員の名前なら構いません）)"},
    {R"(duplicate client id "{}" (first defined at line {}))", R"(利用者の id "{}" が重複しています（最初は {} 行目）)"},
    {R"(duplicate care manager id "{}" (first defined at line {}))", R"(ケアマネの id "{}" が重複しています（最初は {} 行目）)"},
    {R"(duplicate rule id "{}" (first defined at line {}))", R"(ルールの id "{}" が重複しています（最初は {} 行目）)"},
    {R"(duplicate step id "{}" (first defined at line {}))", R"(ステップの id "{}" が重複しています（最初は {} 行目）)"},
    {R"(duplicate playbook for reason "{}" (first defined at line {}))",
     R"(理由 "{}" のプレイブックが重複しています（最初は {} 行目）)"},
    {R"(playbook "{}" adds a new reason; did you mean "{}" (which replaces the built-in playbook)?)",
     R"(プレイブック "{}" は新しい理由になります。組み込みのプレイブックを置き換える "{}" の誤りではありませんか？)"},
    {R"("return_rate" is a fraction from 0 to 1 (0.5 means 50%, 0.1 means 1 in 10))",
     R"("return_rate" は 0 から 1 までの割合です（0.5 は 50%、0.1 は 10 人に 1 人）)"},
    {R"(a step needs "at" (one-off, e.g. at = "0d") or "every" (recurring, e.g. every = "1m"))",
     R"(ステップには "at"（一回、例: at = "0d"）か "every"（繰り返し、例: every = "1m"）が必要です)"},
    {R"(a step has either "at" (one-off) or "every" (recurring), not both)",
     R"(ステップに書けるのは "at"（一回）か "every"（繰り返し）のどちらか一方です)"},
    {R"("{}" applies only to recurring steps (with "every"), not to a one-off step ("at"))",
     R"("{}" は繰り返しのステップ（"every"）にだけ使えます。一回のステップ（"at"）には使えません)"},
    {R"(step id must be letters, digits, '-' or '_' (at most 64))",
     R"(ステップの id は英字・数字・'-'・'_' で書いてください（64 文字まで）)"},
    {R"(unknown placeholder {{}} stays as written{})", R"(不明な差し込み {{}} はそのまま残ります{})"},
    {R"(reverted ({}) is before changed ({}))", R"(reverted（{}）が changed（{}）より前です)"},
    {R"(the range ends ({}) before it starts ({}))", R"(期間の終わり（{}）が始まり（{}）より前です)"},
    {R"(every weekday is closed: no day is left to plan anything on)",
     R"(すべての曜日が休業です。予定を入れられる日がありません)"},
    {R"(the facility is closed {} days in a row, {} to {}, with this closure: a due date there finds no open day within {} days to move to)",
     R"(この休業で施設が {} 日続けて休みになります（{} 〜 {}）。その間の期日は {} 日以内に移せる営業日がありません)"},
    {R"(the facility and the care managers' offices are not both open for {} days in a row, {} to {}, with this closure: a step to a care manager due there finds no open day within {} days to move to)",
     R"(この休業で施設とケアマネ事業所がともに開いている日が {} 日続けてありません（{} 〜 {}）。その間が期日のケアマネ宛てのステップは {} 日以内に移せる日がありません)"},
    {R"(unknown client "{}"{})", R"(不明な利用者 "{}" です{})"},
    {R"(unknown outcome "{}"{})", R"(不明な結果 "{}" です{})"},
    {R"("{}" is no step of the client's playbook{})", R"("{}" はこの利用者のプレイブックのステップではありません{})"},
    // config.toml
    {R"("dir" must be an absolute path or start with ~/ (a relative folder would depend on where winback runs))",
     R"("dir" は絶対パスか ~/ で始まるパスにしてください（相対パスでは winback を実行する場所で変わってしまいます）)"},
    // The command line (winback: error: ...)
    {R"({} error{} in the book: {} (fix {} and run `winback check`))",
     R"(ブックにエラーが {1} 件あります: {3}（直してから `winback check` を実行してください）)"},
    {R"({}: {} error{}, {} warning{})", R"({1}: エラー {2} 件、警告 {4} 件)"},
    {R"({}: ok: {} client{}, {} care manager{}, {} playbook{}, {} rule{}, {} log entr{} ({} warning{}))",
     R"({1}: OK: 利用者 {2} 人、ケアマネ {4} 人、プレイブック {6} 件、ルール {8} 件、記録 {10} 件（警告 {12} 件）)"},
    {R"({}: ok: {} client{}, {} care manager{}, {} playbook{}, {} rule{}, {} log entr{})",
     R"({1}: OK: 利用者 {2} 人、ケアマネ {4} 人、プレイブック {6} 件、ルール {8} 件、記録 {10} 件)"},
    {R"(book folder "{}" not found (set it with --dir DIR or WINBACK_DIR))",
     R"(ブックのフォルダ "{}" がありません（--dir DIR か WINBACK_DIR で指定してください）)"},
    {R"(the settings file has errors: nothing done)", R"(設定ファイルにエラーがあります: 何もしていません)"},
    {R"({} exists already: nothing written (init never overwrites a file))",
     R"({} はすでにあります: 何も書き込んでいません（init はファイルを上書きしません）)"},
    {R"(a new book in {}: {}, {}, {} (edit clients.toml, then run `winback --dir {} check`))",
     R"({} に新しいブックを作りました: {}、{}、{}（clients.toml を書き換えてから `winback --dir {} check` を実行してください）)"},
    {R"({} exists and is not a folder: nothing written)", R"({} はフォルダではありません: 何も書き込んでいません)"},
    {R"({} has errors: nothing logged (fix it by hand and run `winback check`; winback never rewrites what is in it))",
     R"({} にエラーがあります: 何も記録していません（手で直してから `winback check` を実行してください。winback は書かれている内容を書き換えません）)"},
    {R"(client "{}" has no step "{}" (playbook "{}"){})",
     R"(利用者 "{}" にステップ "{}" はありません（プレイブック "{}"）{})"},
    {R"(client "{}" follows no playbook, so step "{}" cannot be theirs (leave the step out to log a contact not tied to a step))",
     R"(利用者 "{}" はどのプレイブックにも当たらないので、ステップ "{}" は使えません（ステップに結び付かない連絡なら、ステップを省いて記録してください）)"},
    {R"(the date {} is in the future (today is {}): log what was done, not what is planned)",
     R"(日付 {} は未来です（今日は {}）。予定ではなく、行ったことを記録してください)"},
    {R"(unknown command "{}"{})", R"(不明なコマンド "{}" です{})"},
    {R"(Run with --help for more information.)", R"(詳しくは --help を付けて実行してください。)"},
    {R"(Run with --help for the commands.)", R"(コマンドの一覧は --help で表示されます。)"},
    {R"(A subcommand is required)", R"(コマンドを指定してください)"},
    {R"({} is required)", R"({} を指定してください)"},
    {R"(The following argument was not expected: {})", R"(この引数は使えません: {})"},
    {R"({}: Value {} not in range {} to {})", R"({}: 値 {} は {} から {} の範囲にありません)"},
    {R"({}: {} not in {{}})", R"({}: {} は {{3}} のどれでもありません)"},
    {R"({}: "{}" is not a date ({}))", R"({}: "{}" は日付ではありません（{}）)"},
    {R"(no client "{}" in the book{})", R"(ブックに利用者 "{}" はいません{})"},
    {R"(no playbook for reason "{}" in the book{})", R"(ブックに理由 "{}" のプレイブックはありません{})"},
    {R"(unknown value "{}"{})", R"(不明な値 "{}" です{})"},
    {R"(--to {} is before --from {})", R"(--to {} が --from {} より前です)"},
    {R"(--until {} is before the plan's first day {})", R"(--until {} が計画の初日 {} より前です)"},
    {R"({}: the national holidays (holidays = "jp") are known for {} to {} only)",
     R"({}: 祝日（holidays = "jp"）は {} 年から {} 年の分しかわかりません)"},
    {R"(no playbook for reason "{}"{})", R"(理由 "{}" のプレイブックはありません{})"},
    // The help
    {R"(Book folder (default: $WINBACK_DIR, else dir in config.toml, else the current folder))",
     R"(ブックのフォルダ（省略時: $WINBACK_DIR、なければ config.toml の dir、なければ現在のフォルダ）)"},
    {R"(Language of labels, messages and built-in playbooks (default: lang in config.toml, else the locale))",
     R"(表示・メッセージ・組み込みプレイブックの言語（省略時: config.toml の lang、なければロケール）)"},
    {R"(Do not print warnings)", R"(警告を表示しない)"},
    {R"(List the outreach actions due today or in a window of days)", R"(今日（または指定した期間）に予定されている連絡の一覧)"},
    {R"(Append one entry to log.toml: a contact made, its outcome, a reclassification)",
     R"(log.toml に1件記録する: 行った連絡、その結果、理由の分類し直し)"},
    {R"(Validate every file of the book and report all problems at once)", R"(ブックの全ファイルを検査し、問題をまとめて報告する)"},
    {R"(List the effective playbooks, or --dump the built-in ones as TOML)",
     R"(使われるプレイブックの一覧。--dump で組み込みのものを TOML で書き出す)"},
    {R"(List the closed days of the facility and the care managers' offices, with reasons)",
     R"(施設とケアマネ事業所の休業日を理由とともに一覧する)"},
    {R"(One client's story: lapse, every logged contact, missed occurrences, the next actions)",
     R"(利用者1人の経過: 休止、記録した連絡、未実施、これからの予定)"},
    {R"(The clients with status, reason, months since the lapse, last contact and next action)",
     R"(利用者の一覧: 状態、理由、休止からの月数、最終連絡、次の予定)"},
    {R"(Create a new book: commented facility.toml, clients.toml and playbooks.toml)",
     R"(新しいブックを作る: 説明付きの facility.toml、clients.toml、playbooks.toml)"},
    {R"(Per open weekday: capacity, clients who come, slots held for lapsed clients, free places)",
     R"(営業曜日ごとの定員、利用中の方、休止中の方のために確保した枠、空き)"},
    {R"(KPIs over a period: lapses, returns and follow-up by reason, churn, revenue, slots, rules)",
     R"(期間の指標: 理由別の休止・復帰・フォロー実施、離脱率、売上、利用枠、規則)"},
    // Fragments: hints, contexts and type names inside the messages above.
    {R"(; did you mean "{}"?)", R"(（"{}" の誤りではありませんか？）)"},
    {R"(; expected one of: {})", R"(（{} のどれかにしてください）)"},
    {R"(; expected {})", R"(（{} にしてください）)"},
    {R"(no such day in the calendar)", R"(暦にない日です)"},
    {R"(expected YYYY-MM-DD)", R"(YYYY-MM-DD で書いてください)"},
    {R"(nothing done)", R"(何もしていません)"},
    {R"(nothing logged)", R"(何も記録していません)"},
    {R"(a string)", R"(文字列)"},
    {R"(an integer)", R"(整数)"},
    {R"(true or false)", R"( true か false )"},
    {R"(a date (YYYY-MM-DD))", R"(日付（YYYY-MM-DD）)"},
    {R"(a table ([{}]))", R"(テーブル（[{}]）)"},
    {R"(an array of tables ([[{}]]))", R"(テーブルの配列（[[{}]]）)"},
    {R"(an array of weekdays such as ["tue", "fri"])", R"( ["tue", "fri"] のような曜日の配列)"},
    {R"(client "{}")", R"(利用者 "{}")"},
    {R"(client #{})", R"({} 番目の利用者)"},
    {R"(contact #{})", R"({} 番目の連絡先)"},
    {R"(playbook "{}")", R"(プレイブック "{}")"},
    {R"(playbook #{})", R"({} 番目のプレイブック)"},
    {R"(step "{}")", R"(ステップ "{}")"},
    {R"(step #{})", R"({} 番目のステップ)"},
    {R"(rule "{}")", R"(ルール "{}")"},
    {R"(log entry #{})", R"({} 番目の記録)"},
    {R"(log entry for client "{}")", R"(利用者 "{}" の記録)"},
    {R"(log entry)", R"(記録)"},
    {R"(closed range)", R"(休業期間)"},
    {R"(top level)", R"(最上位)"},
});

constexpr int max_depth = 4;

std::optional<std::string> translate_at(std::string_view message, int depth, std::vector<std::size_t>* used);

// A hole between quotes holds a quoted value, which has no quote itself: without this rule
// `playbook "{}"` would swallow `playbook "x", step "y": ...`. Likewise a hole after "#" is a
// number: `client #{}` must not take `client #2: missing ...`.
bool fits(std::string_view hole, std::string_view before, std::string_view after) {
    if (before.ends_with('#')) return !hole.empty() && hole.find_first_not_of("0123456789") == std::string_view::npos;
    const bool quoted = before.ends_with('"') && after.starts_with('"');
    return !quoted || hole.find('"') == std::string_view::npos;
}

// Matches text against the literal pieces of a template, each hole taking the shortest text
// that lets the rest match; returns the holes.
bool match(std::string_view text, std::span<const std::string_view> pieces, std::vector<std::string_view>& holes) {
    if (pieces.size() == 1) return text == pieces[0];
    if (!text.starts_with(pieces[0])) return false;
    text.remove_prefix(pieces[0].size());
    const std::span<const std::string_view> rest = pieces.subspan(1);
    if (rest.size() == 1) {
        // The last hole runs up to the final literal.
        if (!text.ends_with(rest[0])) return false;
        const std::string_view hole = text.substr(0, text.size() - rest[0].size());
        if (!fits(hole, pieces[0], rest[0])) return false;
        holes.push_back(hole);
        return true;
    }
    // rest[0] is the literal after this hole; try each of its places.
    for (std::size_t at = rest[0].empty() ? 0 : text.find(rest[0]); at != std::string_view::npos;
         at = text.find(rest[0], at + 1)) {
        if (!fits(text.substr(0, at), pieces[0], rest[0])) break;
        holes.push_back(text.substr(0, at));
        if (match(text.substr(at), rest, holes)) return true;
        holes.pop_back();
        if (rest[0].empty()) break;  // two holes in a row: the first takes nothing
    }
    return false;
}

std::vector<std::string_view> pieces_of(std::string_view en) {
    std::vector<std::string_view> pieces;
    for (std::size_t hole = en.find("{}"); hole != std::string_view::npos; hole = en.find("{}")) {
        pieces.push_back(en.substr(0, hole));
        en.remove_prefix(hole + 2);
    }
    pieces.push_back(en);
    return pieces;
}

// Fills the Japanese template: "{}" in order, "{N}" by number.
std::string fill(std::string_view ja, const std::vector<std::string>& holes) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < ja.size(); ++i) {
        if (ja[i] == '{' && i + 1 < ja.size() && ja[i + 1] == '}') {
            if (next < holes.size()) out += holes[next];
            ++next;
            ++i;
        } else if (ja[i] == '{' && i + 2 < ja.size() && ja[i + 1] >= '1' && ja[i + 1] <= '9' && ja[i + 2] == '}') {
            const auto n = static_cast<std::size_t>(ja[i + 1] - '1');
            if (n < holes.size()) out += holes[n];
            i += 2;
        } else if (ja[i] == '{' && i + 3 < ja.size() && ja[i + 1] == '1' && ja[i + 2] >= '0' && ja[i + 2] <= '9' &&
                   ja[i + 3] == '}') {
            const auto n = static_cast<std::size_t>(10 + ja[i + 2] - '1');
            if (n < holes.size()) out += holes[n];
            i += 3;
        } else {
            out += ja[i];
        }
    }
    return out;
}

// A hole's text: translated when a template knows it, else as it is (an id, a number, a path).
std::string hole_text(std::string_view text, int depth, std::vector<std::size_t>* used) {
    if (text.empty()) return {};
    if (auto translated = translate_at(text, depth + 1, used)) return *translated;
    return std::string(text);
}

std::optional<std::string> by_template(std::string_view message, int depth, std::vector<std::size_t>* used) {
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto pieces = pieces_of(table[i].en);
        std::vector<std::string_view> holes;
        if (!match(message, pieces, holes)) continue;
        std::vector<std::string> filled;
        for (std::size_t k = 0; k < holes.size(); ++k) {
            // "{}" in quotes is the user's own text (a value, a key): shown as it is, never translated.
            const bool quoted = pieces[k].ends_with('"') && pieces[k + 1].starts_with('"');
            filled.push_back(quoted ? std::string(holes[k]) : hole_text(holes[k], depth, used));
        }
        if (used) used->push_back(i);
        return fill(table[i].ja, filled);
    }
    return std::nullopt;
}

// "context, context: message", as the loaders write a problem inside a table.
std::optional<std::string> by_context(std::string_view message, int depth, std::vector<std::size_t>* used) {
    const std::size_t colon = message.find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    auto rest = translate_at(message.substr(colon + 2), depth + 1, used);
    if (!rest) return std::nullopt;
    std::string context;
    std::string_view parts = message.substr(0, colon);
    while (true) {
        const std::size_t comma = parts.find(", ");
        if (!context.empty()) context += "、";
        context += hole_text(parts.substr(0, comma), depth, used);
        if (comma == std::string_view::npos) break;
        parts.remove_prefix(comma + 2);
    }
    return context + ": " + *rest;
}

std::optional<std::string> translate_at(std::string_view message, int depth, std::vector<std::size_t>* used) {
    if (depth > max_depth) return std::nullopt;
    if (auto whole = by_template(message, depth, used)) return whole;
    return by_context(message, depth, used);
}

}  // namespace

std::span<const MessageTemplate> message_templates() {
    return table;
}

std::string translate(std::string_view message, Lang lang, std::vector<std::size_t>* used) {
    if (lang != Lang::ja) return std::string(message);
    if (auto translated = translate_at(message, 0, used)) return *translated;
    return std::string(message);
}

Diagnostic translate(const Diagnostic& diagnostic, Lang lang) {
    Diagnostic out = diagnostic;
    out.message = translate(diagnostic.message, lang);
    return out;
}

}  // namespace winback
