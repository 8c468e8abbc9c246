// Fuzzes the text stage: sentence splitting, tokens, lemmas and date
// expressions, on whatever valid UTF-8 the reader could hand it, and checks
// that every offset stays inside the text and in order.
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_target.h"
#include "text/date_expressions.h"
#include "text/text_analyzer.h"
#include "text/utf8.h"

namespace {

const chancery::text::TextAnalyzer& Analyzer() {
  // Loaded once per process: the analyzer is immutable after construction.
  static const auto* analyzer = new chancery::text::TextAnalyzer(CHANCERY_DATA_DIR);
  return *analyzer;
}

bool ValidDate(const std::string& date) {
  return date.size() == 4 || date.size() == 7 || date.size() == 10;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (chancery::text::ValidateUtf8(bytes)) return 0;  // the reader rejects these first
  const std::string text = chancery::text::NormalizeNfc(bytes);
  const auto sentences = Analyzer().Analyze(text);
  std::uint32_t previous_end = 0;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const auto& sentence = sentences[i];
    FUZZ_CHECK(sentence.index == i);
    FUZZ_CHECK(previous_end <= sentence.begin && sentence.begin <= sentence.end && sentence.end <= text.size());
    previous_end = sentence.end;
    std::uint32_t token_end = sentence.begin;
    for (const auto& token : sentence.tokens) {
      FUZZ_CHECK(token_end <= token.begin && token.begin < token.end && token.end <= sentence.end);
      FUZZ_CHECK(!chancery::text::ValidateUtf8(token.text).has_value());
      FUZZ_CHECK(!chancery::text::ValidateUtf8(token.lower).has_value());
      token_end = token.end;
    }
    for (std::string_view story_date : {"2022-04-09", "", "2022-13-45", "1800-01-01"}) {
      for (const auto& mention : chancery::text::FindDateMentions(sentence.tokens, story_date)) {
        FUZZ_CHECK(mention.first_token < mention.end_token && mention.end_token <= sentence.tokens.size());
        FUZZ_CHECK(ValidDate(mention.date));
        FUZZ_CHECK(!mention.granularity.empty());
      }
    }
  }
  if (size < 256) {  // dictionary phrases are short
    for (const auto& token : Analyzer().TokenizePhrase(text)) FUZZ_CHECK(token.end <= text.size());
  }
  return 0;
}
