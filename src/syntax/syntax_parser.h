// SyntaxParser: a link-grammar parse of one tokenised sentence, with its links expressed in
// the indices of the caller's words, and the few relations the event coder asks of it.
//
// Contract:
//  - The dictionary is the project's copy, loaded from data_dir + "/link-grammar/en"
//    (see data/link-grammar/README.md); the constructor throws std::runtime_error when it
//    cannot be loaded. The system dictionary is never consulted.
//  - Options are fixed: linkage limit 100, short length 10, verbosity 0, no spell guessing,
//    repeatable random sampling. A sentence is parsed first with no null links and, only when
//    that finds nothing and the caller allows it (NullLinks::kRetry, the default), again
//    allowing any number of null links (unlinked words). The two attempts share a 2 s budget (link-grammar's timer counts whole seconds and is checked
//    only now and then: 3.8 s was seen on a 122-word sentence);
//    there is no retry after a timeout. The best (first) linkage is kept. Apart from
//    timeouts, the same words always give the same Parse.
//  - Parse() joins the words with single spaces, lets link-grammar tokenise that text and maps
//    each link-grammar word back to the input word whose bytes it starts in (so a word that
//    link-grammar splits, "Kyiv's" -> "Kyiv" "'s", maps to one input index, and links inside
//    it are dropped). LEFT-WALL and RIGHT-WALL links are dropped. Empty words are allowed and
//    never linked. Returns nullopt for no words, or when no linkage is found in time.
//  - Link::left < Link::right always; labels are link-grammar's ("Ss", "Os", "Pv", "MVp", "Js").
//  - One instance is not safe to use from two threads at once; separate instances are.
//    Nothing is global beyond what link-grammar itself keeps; note that loading the dictionary
//    switches the process's LC_CTYPE to a UTF-8 locale (C.UTF-8 when the program's is "C"),
//    which link-grammar needs for its multibyte handling.
//
// Relation helpers (all indices are input word indices; results are sorted and unique):
//  - Subjects(v): the doer of verb v. Auxiliaries ("has condemned", "will meet", "were
//    expelled") and verb coordination ("met and signed") are followed to the S link; an
//    inverted subject ("..., said Shaheen") counts; a relative pronoun subject is replaced by
//    the noun it modifies ("Russia, which condemned ..." -> Russia); coordinated subjects
//    ("Russia and China") are expanded. For a passive verb (Pv, or Pa on a verb form) the
//    doer is the by-agent (MVp "by" -> J), and the grammatical subject is given by Objects().
//  - Objects(v): O links of v (coordination expanded); for a passive verb, its grammatical
//    subject.
//  - IsPassive(v): whether v is reached from its auxiliary by Pv (or Pa on a verb form).
//  - PrepObjects(v, prep): objects (J) of the preposition `prep` (case-insensitive) attached
//    to v by an MV or Pp link, e.g. "accredited X as envoy in Moscow" -> ("in") Moscow.
//  - ConjoinedVerbs(v): the other verbs coordinated with v by VJ links ("met and signed").
//  - RelativeHead(w): for a relative pronoun ("which", "who") or a verb heading a relative
//    clause, the noun the clause modifies (R, MX..r or B links); nullopt otherwise.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chancery::syntax {

struct Link {
  int left = 0;
  int right = 0;
  std::string label;
};

struct Parse {
  std::vector<Link> links;
  int null_count = 0;   // link-grammar words left unlinked
  double seconds = 0;   // wall time spent in link-grammar for this sentence
  std::vector<std::string> words;  // the input words
  // Per input word, link-grammar's dictionary subscript of its first token ("v-d", "n", "l",
  // "p", "j-v", ...); empty for unknown/guessed words and punctuation.
  std::vector<std::string> tags;

  std::vector<int> Subjects(int verb) const;
  std::vector<int> Objects(int verb) const;
  bool IsPassive(int verb) const;
  std::vector<int> PrepObjects(int verb, const std::string& preposition) const;
  std::vector<int> ConjoinedVerbs(int verb) const;
  std::optional<int> RelativeHead(int word) const;
  // Links touching `word`, in link order.
  std::vector<const Link*> LinksOf(int word) const;
};

class SyntaxParser {
 public:
  explicit SyntaxParser(const std::string& data_dir);
  ~SyntaxParser();
  SyntaxParser(const SyntaxParser&) = delete;
  SyntaxParser& operator=(const SyntaxParser&) = delete;

  // kNever: only a linkage of every word counts. The null-link search is where most of
  // link-grammar's time goes (three fifths of it on the coder's questions, for a fifth of
  // the sentences), and its partial linkages are the least reliable.
  enum class NullLinks { kRetry, kNever };

  std::optional<chancery::syntax::Parse> Parse(const std::vector<std::string>& words,
                                               NullLinks null_links = NullLinks::kRetry);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chancery::syntax
