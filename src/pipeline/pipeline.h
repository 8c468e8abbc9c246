// Pipeline: the whole coding path for one story, text -> sentences -> actors ->
// events, over shared read-only resources.
//
// Contract: a Pipeline loads every dictionary once (bad dictionary lines are
// collected in data_problems(), not fatal; a missing data directory or CAMEO
// table is fatal: std::runtime_error). After construction it is immutable and
// may be shared by threads, each with its own Workspace. Code() is
// deterministic: the same story gives the same events, in sentence order.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "actors/actor_recognizer.h"
#include "coding/event.h"
#include "text/story.h"

namespace chancery::text {
class TextAnalyzer;
}
namespace chancery::coding {
class CameoTable;
class VerbDictionary;
class EventCoder;
class SyntaxOracle;
}  // namespace chancery::coding

namespace chancery {

struct PipelineOptions {
  std::filesystem::path data_dir;   // holds actors/, verbs/, cameo/, text/, lexicon/
  std::filesystem::path cache_dir;  // compiled dictionary cache; empty = no cache
  // Ask link-grammar who the subject is where two or more actors precede a
  // verb. Off by default: it costs ~3-50 ms a parsed sentence (see README).
  bool syntax = false;
  // Events the coder is less sure of than this are dropped (Event::confidence:
  // 0.9 for a subject-verb-object reading, less for a distant subject, a
  // passive, a place standing for its state, a speaker as the actor). 0 keeps all.
  double min_confidence = 0.0;
};

struct CodedStory {
  std::vector<Sentence> sentences;
  std::vector<std::vector<actors::ActorMention>> mentions;  // per sentence
  std::vector<Event> events;
};

// $CHANCERY_DATA, else the data directory chancery was built with.
std::filesystem::path DefaultDataDir();
// $CHANCERY_CACHE, else $XDG_CACHE_HOME/chancery, else ~/.cache/chancery; empty if none.
std::filesystem::path DefaultCacheDir();

class Pipeline {
 public:
  // Per-thread working memory; make one with NewWorkspace().
  struct Workspace {
    Workspace();
    ~Workspace();
    std::unique_ptr<actors::ActorRecognizer::Scratch> scratch;
    std::unique_ptr<coding::SyntaxOracle> syntax;  // null unless PipelineOptions::syntax
    std::size_t parsed_sentences = 0;               // how often the parser was asked
  };

  explicit Pipeline(const PipelineOptions& options);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  std::unique_ptr<Workspace> NewWorkspace() const;
  CodedStory Code(const Story& story, Workspace& workspace) const;

  const std::vector<std::string>& data_problems() const { return data_problems_; }
  const coding::CameoTable& cameo() const { return *cameo_; }
  const actors::ActorRecognizer& recognizer() const { return *recognizer_; }
  const coding::VerbDictionary& verbs() const { return *verbs_; }
  const text::TextAnalyzer& analyzer() const { return *analyzer_; }

 private:
  std::vector<std::string> data_problems_;
  std::unique_ptr<text::TextAnalyzer> analyzer_;
  std::unique_ptr<coding::CameoTable> cameo_;
  std::unique_ptr<coding::VerbDictionary> verbs_;
  std::unique_ptr<actors::ActorRecognizer> recognizer_;
  std::unique_ptr<coding::EventCoder> coder_;
  std::filesystem::path data_dir_;
  bool syntax_ = false;
  double min_confidence_ = 0.0;
};

}  // namespace chancery
