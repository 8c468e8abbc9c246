// Actor recognizer: finds who is mentioned in a sentence and gives each mention
// a CAMEO-style code, using the dated actor dictionaries.
//
// Contract:
// - Dictionary phrases are tokenised with the text stage's tokenizer and matched
//   token by token with one Hyperscan literal database (compiled once, cached on
//   disk keyed by a hash of its patterns, so start-up after the first run is fast).
// - Only entries valid on the story date are used ("Taliban" is AFGREB before
//   2021-08-15 and AFGGOV from then on).
// - Mentions are composed: a state, demonym, capital, organisation or group
//   followed by roles becomes one mention with country + role ("Russia's Foreign
//   Ministry" -> RUSGOV, "Pakistani border forces" -> PAKMIL, "Taliban fighters"
//   -> AFGMIL); "its/their" + role takes the most recent state of the story; a
//   role followed by a proper name teaches the story that person ("Russian Foreign
//   Ministry spokesperson Maria Zakharova" -> later "Zakharova" is RUSGOV);
//   "the group", "the Islamist group" take the group named last.
// - The recognizer is immutable after construction and safe to share between
//   threads; each thread needs its own Scratch.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actors/actor_dictionary.h"
#include "coding/event.h"
#include "text/story.h"

namespace chancery::text {
class TextAnalyzer;
}

namespace chancery::actors {

struct ActorMention {
  std::uint32_t first_token = 0;  // [first_token, end_token) in Sentence::tokens
  std::uint32_t end_token = 0;
  ActorRef ref;
  ActorKind kind = ActorKind::kState;  // kind of the entry that gives the country
  bool has_role = false;       // a role word was part of it ("Russia's Foreign Ministry")
  bool place_context = false;  // "in Kabul": a location more than a participant
  bool country_from_context = false;  // a bare role given the country of its sentence or story
};

// What a story has taught the recognizer so far; one per story, updated
// sentence by sentence in story order.
struct StoryActorMemory {
  ActorRef last_state;  // most recent mention with a country, for "its"/"their"
  std::unordered_map<std::string, ActorRef> people;  // lower-cased name or surname -> actor
  std::unordered_map<std::string, ActorRef> roles;   // lower-cased role phrase -> its last holder
  ActorRef last_person;  // most recent named person with a code, for "he"/"she"
  ActorRef last_group;   // most recent armed or political group, for "the group"
};

class ActorRecognizer {
 public:
  // Per-thread working memory (Hyperscan scratch and buffers).
  class Scratch {
   public:
    ~Scratch();
    struct Impl;
    std::unique_ptr<Impl> impl;
  };

  // `cache_dir` may be empty: then the compiled database is not cached.
  ActorRecognizer(ActorDictionary dictionary, const text::TextAnalyzer& analyzer,
                  const std::filesystem::path& cache_dir);
  ~ActorRecognizer();
  ActorRecognizer(const ActorRecognizer&) = delete;
  ActorRecognizer& operator=(const ActorRecognizer&) = delete;

  std::unique_ptr<Scratch> NewScratch() const;

  // Mentions in token order, non-overlapping. `text` is the Story::text the
  // sentence's offsets point into.
  std::vector<ActorMention> Recognize(const Sentence& sentence, std::string_view text,
                                      std::string_view story_date, StoryActorMemory& memory,
                                      Scratch& scratch) const;

  std::size_t pattern_count() const;
  bool loaded_from_cache() const { return loaded_from_cache_; }

 private:
  struct Database;
  ActorDictionary dictionary_;
  std::unique_ptr<Database> database_;
  bool loaded_from_cache_ = false;
};

// "RUSGOV" -> "RUS"; "IGOUNO" -> "IGO".
std::string CountryOf(std::string_view code);
// "RUSGOV" -> "GOV"; "RUS" -> "".
std::string AgentOf(std::string_view code);

}  // namespace chancery::actors
