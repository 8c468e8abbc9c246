// Specification of text/utf8.h: what counts as valid UTF-8 and what NFC does.
#include "text/utf8.h"

#include <gtest/gtest.h>

namespace chancery::text {
namespace {

TEST(ValidateUtf8, AcceptsAsciiAndMultiByteText) {
  EXPECT_FALSE(ValidateUtf8(""));
  EXPECT_FALSE(ValidateUtf8("Kabul, April 9 (Reuters) - The Taliban said..."));
  EXPECT_FALSE(ValidateUtf8("café – Kraków — 北京 😀"));
  EXPECT_FALSE(ValidateUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
}

struct BadCase {
  const char* name;
  std::string bytes;
  std::size_t offset, line, column;
  const char* message;
};

TEST(ValidateUtf8, ReportsFirstBadSequenceWithPosition) {
  const BadCase cases[] = {
      {"overlong slash", "ab\xC0\xAF", 2, 1, 3, "overlong encoding"},
      {"overlong 3-byte", "\xE0\x80\xAF", 0, 1, 1, "overlong encoding"},
      {"overlong 4-byte", "\xF0\x82\x82\xAC", 0, 1, 1, "overlong encoding"},
      {"surrogate", "x\nyé\xED\xA0\x80", 5, 2, 3, "UTF-16 surrogate"},
      {"truncated at end", "abc\xE2\x82", 3, 1, 4, "truncated sequence"},
      {"truncated mid", "\xE2\x82z", 0, 1, 1, "truncated sequence"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0, 1, 1, "code point above U+10FFFF"},
      {"F5 lead", "\xF5\x80\x80\x80", 0, 1, 1, "code point above U+10FFFF"},
      {"lone continuation", "a\x80", 1, 1, 2, "unexpected continuation byte"},
      {"latin-1", "line one\nline two\nna\xEFve", 20, 3, 3, "truncated sequence"},
      {"NUL", std::string("abcdefghij\0k", 12), 10, 1, 11, "NUL byte"},
  };
  for (const BadCase& c : cases) {
    const auto problem = ValidateUtf8(c.bytes);
    ASSERT_TRUE(problem) << c.name;
    EXPECT_EQ(problem->byte_offset, c.offset) << c.name;
    EXPECT_EQ(problem->line, c.line) << c.name;
    EXPECT_EQ(problem->column, c.column) << c.name;
    EXPECT_EQ(problem->message, c.message) << c.name;
  }
}

TEST(ValidateUtf8, FindsProblemsPastTheAsciiFastPath) {
  std::string text(1000, 'a');
  text += "\n\xFF";
  const auto problem = ValidateUtf8(text);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->byte_offset, 1001u);
  EXPECT_EQ(problem->line, 2u);
  EXPECT_EQ(problem->column, 1u);
}

TEST(ReplaceInvalidUtf8, EachBadSequenceBecomesOneReplacementCharacter) {
  EXPECT_EQ(ReplaceInvalidUtf8("Pakistan \x99text"), "Pakistan \xEF\xBF\xBDtext");
  EXPECT_EQ(ReplaceInvalidUtf8("a\xE2\x82"), "a\xEF\xBF\xBD");              // truncated at the end
  EXPECT_EQ(ReplaceInvalidUtf8(std::string("x\0y", 3)), "x\xEF\xBF\xBDy");  // NUL
  EXPECT_EQ(ReplaceInvalidUtf8("\xED\xA0\x80!"), "\xEF\xBF\xBD!");         // surrogate, one sequence
  EXPECT_EQ(ReplaceInvalidUtf8("ok \xC3\xA9"), "ok \xC3\xA9");                // valid text unchanged
  EXPECT_FALSE(ValidateUtf8(ReplaceInvalidUtf8("\xFF\xFE\x80\x80\x80\x80\xC0\xAF")).has_value());
}

TEST(NormalizeNfc, ComposesCombiningMarks) {
  EXPECT_EQ(NormalizeNfc("Pe\xCC\x81rez"), "P\xC3\xA9rez");          // e + U+0301 -> é
  EXPECT_EQ(NormalizeNfc("A\xCC\x8A" "ngstr"), "\xC3\x85ngstr");      // A + ring -> Å
  EXPECT_EQ(NormalizeNfc("\xE2\x84\xAB"), "\xC3\x85");                // U+212B ANGSTROM SIGN -> Å
}

TEST(NormalizeNfc, KeepsNormalisedTextAndDropsByteOrderMark) {
  EXPECT_EQ(NormalizeNfc("plain ASCII"), "plain ASCII");
  EXPECT_EQ(NormalizeNfc("déjà vu – 北京"), "déjà vu – 北京");
  EXPECT_EQ(NormalizeNfc("\xEF\xBB\xBFKabul"), "Kabul");
  EXPECT_EQ(NormalizeNfc("\xEF\xBB\xBF" "e\xCC\x81"), "\xC3\xA9");
  EXPECT_EQ(NormalizeNfc(""), "");
  // Compatibility characters are not folded: NFC, not NFKC.
  EXPECT_EQ(NormalizeNfc("\xEF\xAC\x81"), "\xEF\xAC\x81");  // U+FB01 LATIN SMALL LIGATURE FI
}

}  // namespace
}  // namespace chancery::text
