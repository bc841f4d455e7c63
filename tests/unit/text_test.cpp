// Display width against glibc's wcwidth, and the escaping and folding of the file formats.

#include "winback/text.hpp"

#include <doctest/doctest.h>

#include <clocale>
#include <cwchar>
#include <string>
#include <string_view>
#include <vector>

namespace {

// The width glibc gives the same text in C.UTF-8: an independent reading of the Unicode tables.
long glibc_width(const std::string& text) {
    const char* old = std::setlocale(LC_CTYPE, nullptr);
    const std::string saved = old ? old : "C";
    REQUIRE(std::setlocale(LC_CTYPE, "C.UTF-8") != nullptr);
    std::wstring wide(text.size() + 1, L'\0');
    const std::size_t n = std::mbstowcs(wide.data(), text.c_str(), wide.size());
    REQUIRE(n != static_cast<std::size_t>(-1));
    const int width = ::wcswidth(wide.c_str(), n);
    std::setlocale(LC_CTYPE, saved.c_str());
    return width;
}

std::vector<std::string> physical_lines(const std::string& folded) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t at; (at = folded.find("\r\n", start)) != std::string::npos; start = at + 2) {
        lines.push_back(folded.substr(start, at - start));
    }
    CHECK(start == folded.size());  // ends in CRLF
    return lines;
}

}  // namespace

TEST_CASE("display_width of Japanese, fullwidth, combining and emoji text") {
    using winback::display_width;
    SUBCASE("as the table shows them") {
        CHECK(display_width("髙橋 ①～ ㈱") == 11);        // ① is ambiguous: one cell
        CHECK(display_width("ＡＢＣ１２３") == 12);
        CHECK(display_width("ﾃﾞｲｻｰﾋﾞｽ") == 8);              // halfwidth katakana and marks
        CHECK(display_width("Zoë Åström") == 10);           // precomposed
        CHECK(display_width("Zoe\u0308 A\u030Astro\u0308m") == 10);  // combining
        CHECK(display_width("は\u309A") == 2);
        CHECK(display_width("𠮷田") == 4);                  // beyond the BMP
        CHECK(display_width("😀🙂🚑") == 6);                // emoji presentation
        CHECK(display_width("☕⭐✅⌚") == 8);               // wide emoji in older blocks
        CHECK(display_width("🫠🥲") == 4);                  // Unicode 13 and 14
        CHECK(display_width("❤") == 1);                     // text presentation: narrow
        CHECK(display_width("\u2764\uFE0F") == 1);          // a variation selector adds nothing
        CHECK(display_width("👍🏽") == 4);                   // skin tone modifier is wide itself
        CHECK(display_width("a\u200Db\u2060c\u00AD") == 4);  // joiners take none; the soft hyphen one
    }
    SUBCASE("the same as glibc's wcswidth") {
        const std::vector<std::string> texts = {
            "山田 花子",  "やまだ はなこ", "ケアマネ", "ＡＢＣ１２３", "ﾃﾞｲｻｰﾋﾞｽ", "Zoe\u0308 A\u030Astro\u0308m",
            "か\u3099", "𠮷田", "😀🙂🚑",     "☕⭐✅⌚",      "🫠🥲",      "〜～－",
            "、。「」・", "한국어",         "中文繁體",  "①②③",         "€£¥",      "e\u0301\u0302",
        };
        for (const std::string& text : texts) {
            CAPTURE(text);
            CHECK(static_cast<long>(display_width(text)) == glibc_width(text));
        }
    }
}

TEST_CASE("ics_escape") {
    using winback::ics_escape;
    CHECK(ics_escape("plain 日本語") == "plain 日本語");
    CHECK(ics_escape("a,b;c\\d") == "a\\,b\\;c\\\\d");
    CHECK(ics_escape("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(ics_escape("tab\tkept") == "tab\tkept");
    CHECK(ics_escape(std::string_view("bell\a nul\0 del\x7f", 15)) == "bell  nul  del ");
    CHECK(ics_escape("\"quoted\" :colon") == "\"quoted\" :colon");  // TEXT needs neither escaped
}

TEST_CASE("ics_fold") {
    using winback::ics_fold;
    SUBCASE("short lines are kept") {
        CHECK(ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
        const std::string exactly(75, 'x');
        CHECK(ics_fold(exactly) == exactly + "\r\n");
    }
    SUBCASE("long ASCII lines fold at 75 octets, the space included") {
        const std::string line(200, 'x');
        const auto lines = physical_lines(ics_fold(line));
        REQUIRE(lines.size() == 3);
        CHECK(lines[0].size() == 75);
        CHECK(lines[1] == " " + std::string(74, 'x'));
        CHECK(lines[2] == " " + std::string(51, 'x'));
    }
    SUBCASE("never inside a UTF-8 character, whatever the offset") {
        for (std::size_t prefix = 0; prefix < 4; ++prefix) {
            std::string line = "DESCRIPTION:" + std::string(prefix, 'a');
            for (int i = 0; i < 60; ++i) line += i % 7 == 0 ? "😀" : "退院";
            std::string unfolded;
            for (const std::string& physical : physical_lines(ics_fold(line))) {
                CAPTURE(physical);
                CHECK(physical.size() <= 75);
                CHECK(winback::valid_utf8(physical));
                unfolded += unfolded.empty() ? physical : physical.substr(1);
            }
            CHECK(unfolded == line);
        }
    }
}

TEST_CASE("html_escape") {
    using winback::html_escape;
    CHECK(html_escape("山田 花子") == "山田 花子");
    CHECK(html_escape("<script>alert('x') & \"y\"</script>") ==
          "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    CHECK(html_escape("&amp;") == "&amp;amp;");
    CHECK(html_escape("a\x01z\n") == "a z\n");
}
