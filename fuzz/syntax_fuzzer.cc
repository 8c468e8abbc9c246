// Fuzzes the syntax stage: link-grammar (the project's dictionary, fixed
// options) on arbitrary words, and every relation the coder asks of a parse.
// Inputs are split into words at spaces and kept short (at most 24 words),
// since a long sentence only spends the parser's time budget. Checked: every
// link and every relation names a word of the input, links run left to
// right, and the helpers never step outside the parse.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_target.h"
#include "syntax/syntax_parser.h"
#include "text/utf8.h"

namespace {

chancery::syntax::SyntaxParser& Parser() {
  static auto* parser = new chancery::syntax::SyntaxParser(CHANCERY_DATA_DIR);
  return *parser;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (size > 300 || chancery::text::ValidateUtf8(bytes)) return 0;
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= bytes.size() && words.size() < 24) {
    std::size_t space = bytes.find(' ', start);
    if (space == std::string_view::npos) space = bytes.size();
    words.emplace_back(bytes.substr(start, space - start));
    start = space + 1;
  }
  const auto parse = Parser().Parse(words);
  if (!parse) return 0;
  const int n = static_cast<int>(words.size());
  auto in_range = [n](const std::vector<int>& indices) {
    for (int i : indices)
      if (i < 0 || i >= n) return false;
    return true;
  };
  FUZZ_CHECK(parse->words.size() == words.size());
  FUZZ_CHECK(parse->tags.size() == words.size());
  for (const auto& link : parse->links) FUZZ_CHECK(0 <= link.left && link.left < link.right && link.right < n);
  for (int w = 0; w < n; ++w) {
    FUZZ_CHECK(in_range(parse->Subjects(w)));
    FUZZ_CHECK(in_range(parse->Objects(w)));
    FUZZ_CHECK(in_range(parse->PrepObjects(w, "by")));
    FUZZ_CHECK(in_range(parse->PrepObjects(w, "in")));
    FUZZ_CHECK(in_range(parse->ConjoinedVerbs(w)));
    if (auto head = parse->RelativeHead(w)) FUZZ_CHECK(*head >= 0 && *head < n);
    (void)parse->IsPassive(w);
    for (const auto* link : parse->LinksOf(w)) FUZZ_CHECK(link->left == w || link->right == w);
  }
  return 0;
}
