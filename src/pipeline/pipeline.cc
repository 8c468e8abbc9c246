#include "pipeline/pipeline.h"

#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "coding/cameo_table.h"
#include "coding/event_coder.h"
#include "coding/verb_dictionary.h"
#include "syntax/syntax_parser.h"
#include "text/text_analyzer.h"

namespace chancery {
namespace {

// Answers the coder's subject questions from one link-grammar parse per
// sentence, made on first need and kept until the coder moves on.
//
// Why the parse is of a reduced sentence: link-grammar's time grows steeply with
// length, and an actor's name is one noun to the question asked ("which actor
// does this verb"). Each name is given to the parser as its last word ("Russian
// Foreign Ministry spokesperson Maria Zakharova" -> "Zakharova", "the Islamic
// Republic of Iran" -> "Iran"), which cut parse time by about 30% on the coder's
// questions, and only a linkage of every word is used (no null-link retry).
class LinkGrammarOracle : public coding::SyntaxOracle {
 public:
  LinkGrammarOracle(std::filesystem::path data_dir, std::size_t* parsed) : data_dir_(std::move(data_dir)), parsed_(parsed) {}

  std::vector<int> SubjectsOf(const Sentence& sentence, std::uint32_t verb_token,
                              const std::vector<coding::NameSpan>& names) override {
    // Long sentences cost seconds and parse badly; word order decides there.
    constexpr std::size_t kMaxTokens = 50;
    if (sentence.tokens.size() > kMaxTokens || verb_token >= sentence.tokens.size()) return {};
    if (&sentence != sentence_ || sentence.begin != sentence_begin_) {
      if (!parser_) parser_ = std::make_unique<syntax::SyntaxParser>(data_dir_.string());
      std::vector<bool> folded(sentence.tokens.size(), false);  // a name's word before its last
      for (const coding::NameSpan& name : names)
        for (std::uint32_t t = name.first_token; t + 1 < name.end_token && t < folded.size(); ++t) folded[t] = true;
      std::vector<std::string> words;
      token_of_word_.clear();
      word_of_token_.assign(sentence.tokens.size(), -1);
      for (std::size_t t = 0; t < sentence.tokens.size(); ++t) {
        if (folded[t]) continue;
        word_of_token_[t] = int(words.size());
        words.push_back(sentence.tokens[t].text);
        token_of_word_.push_back(int(t));
      }
      parse_ = parser_->Parse(words, syntax::SyntaxParser::NullLinks::kNever);
      sentence_ = &sentence;
      sentence_begin_ = sentence.begin;
      ++*parsed_;
    }
    // A verb folded into a name is not a verb the parse knows.
    if (!parse_ || word_of_token_[verb_token] < 0) return {};
    std::vector<int> subjects;
    for (int word : parse_->Subjects(word_of_token_[verb_token])) subjects.push_back(token_of_word_[word]);
    return subjects;
  }

 private:
  std::filesystem::path data_dir_;
  std::size_t* parsed_;
  std::unique_ptr<syntax::SyntaxParser> parser_;
  const Sentence* sentence_ = nullptr;
  std::uint32_t sentence_begin_ = 0;
  std::optional<syntax::Parse> parse_;
  std::vector<int> token_of_word_;  // parsed word -> sentence token
  std::vector<int> word_of_token_;  // sentence token -> parsed word, -1 when folded
};

}  // namespace

Pipeline::Workspace::Workspace() = default;
Pipeline::Workspace::~Workspace() = default;

std::filesystem::path DefaultDataDir() {
  if (const char* env = std::getenv("CHANCERY_DATA"); env && *env) return env;
  return CHANCERY_DATA_DIR;
}

std::filesystem::path DefaultCacheDir() {
  if (const char* env = std::getenv("CHANCERY_CACHE"); env) return env;  // "" disables the cache
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "chancery";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "chancery";
  return {};
}

Pipeline::Pipeline(const PipelineOptions& options) {
  const std::filesystem::path& data = options.data_dir;
  if (!std::filesystem::is_directory(data))
    throw std::runtime_error(data.string() + ": data directory not found (set --data or CHANCERY_DATA)");
  analyzer_ = std::make_unique<text::TextAnalyzer>(data);
  cameo_ = std::make_unique<coding::CameoTable>(coding::CameoTable::Load(data / "cameo" / "codes.tsv"));
  verbs_ = std::make_unique<coding::VerbDictionary>(
      coding::VerbDictionary::LoadDirectory(data / "verbs", cameo_.get(), &data_problems_));
  recognizer_ = std::make_unique<actors::ActorRecognizer>(
      actors::ActorDictionary::LoadDirectory(data / "actors", &data_problems_), *analyzer_, options.cache_dir);
  coder_ = std::make_unique<coding::EventCoder>(*verbs_, *cameo_);
  data_dir_ = data;
  syntax_ = options.syntax;
  min_confidence_ = options.min_confidence;
}

Pipeline::~Pipeline() = default;

std::unique_ptr<Pipeline::Workspace> Pipeline::NewWorkspace() const {
  auto workspace = std::make_unique<Workspace>();
  workspace->scratch = recognizer_->NewScratch();
  if (syntax_) workspace->syntax = std::make_unique<LinkGrammarOracle>(data_dir_, &workspace->parsed_sentences);
  return workspace;
}

CodedStory Pipeline::Code(const Story& story, Workspace& workspace) const {
  CodedStory coded;
  coded.sentences = analyzer_->Analyze(story.text);
  coded.mentions.reserve(coded.sentences.size());
  actors::StoryActorMemory memory;
  for (const Sentence& sentence : coded.sentences) {
    coded.mentions.push_back(recognizer_->Recognize(sentence, story.text, story.date, memory, *workspace.scratch));
    std::vector<Event> events = coder_->CodeSentence(story, sentence, coded.mentions.back(), workspace.syntax.get());
    for (Event& event : events)
      if (event.confidence >= min_confidence_) coded.events.push_back(std::move(event));
  }
  return coded;
}

}  // namespace chancery
