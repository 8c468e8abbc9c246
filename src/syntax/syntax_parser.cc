#include "syntax/syntax_parser.h"

#include <link-grammar/link-includes.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <set>
#include <stdexcept>

namespace chancery::syntax {
namespace {

constexpr int kMaxParseSeconds = 2;

// "Ss*s" -> type "S", subscript "s*s"; "MVp" -> "MV", "p"; "SIsj" -> "SI", "sj".
std::string LinkType(const std::string& label) {
  size_t n = 0;
  while (n < label.size() && std::isupper(static_cast<unsigned char>(label[n]))) ++n;
  return label.substr(0, n);
}

std::string Subscript(const std::string& label) { return label.substr(LinkType(label).size()); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The dictionary subscript of a link-grammar word as printed in a linkage: "met.v-d" -> "v-d",
// "[envoy]" (null-linked) -> "", "Shaheen[!<CAPITALIZED-WORDS>]" (guessed) -> "".
std::string WordTag(std::string w) {
  if (w.size() >= 2 && w.front() == '[' && w.back() == ']') w = w.substr(1, w.size() - 2);
  if (w.find('[') != std::string::npos) return "";
  size_t dot = w.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= w.size()) return "";
  std::string tag = w.substr(dot + 1);
  bool letter = false;
  for (char c : tag) {
    if (std::islower(static_cast<unsigned char>(c))) letter = true;
    else if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '_') return "";
  }
  return letter ? tag : "";
}

void CollectErrors(lg_errinfo* info, void* data) {
  if (info->severity <= lg_Error && data != nullptr)
    static_cast<std::string*>(data)->append(info->text ? info->text : "");
}

void SortUnique(std::vector<int>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Parser

struct SyntaxParser::Impl {
  Dictionary dict = nullptr;
  Parse_Options opts = nullptr;
};

SyntaxParser::SyntaxParser(const std::string& data_dir) : impl_(std::make_unique<Impl>()) {
  const std::string path = data_dir + "/link-grammar/en";
  // Link-grammar reports locale and dictionary notices through its (per-thread) error
  // handler while loading; keep them off stderr and restore the caller's handler after.
  std::string errors;
  void* old_data = const_cast<void*>(lg_error_set_handler_data(nullptr));
  lg_error_handler old = lg_error_set_handler(CollectErrors, &errors);
  // A name with a '/' is taken as a dictionary directory, never looked up in the system paths.
  impl_->dict = dictionary_create_lang(path.c_str());
  lg_error_set_handler(old, old_data);
  if (impl_->dict == nullptr)
    throw std::runtime_error("cannot load link-grammar dictionary " + path + ": " + errors);

  Parse_Options o = parse_options_create();
  parse_options_set_verbosity(o, 0);
  parse_options_set_linkage_limit(o, 100);
  parse_options_set_short_length(o, 10);
  parse_options_set_max_parse_time(o, kMaxParseSeconds);
  parse_options_set_spell_guess(o, 0);
  parse_options_set_repeatable_rand(o, true);
  parse_options_set_islands_ok(o, false);
  impl_->opts = o;
}

SyntaxParser::~SyntaxParser() {
  if (impl_->opts) parse_options_delete(impl_->opts);
  if (impl_->dict) dictionary_delete(impl_->dict);
}

std::optional<Parse> SyntaxParser::Parse(const std::vector<std::string>& words, NullLinks null_links) {
  // Join the words with single spaces, remembering where each starts.
  std::string text;
  std::vector<size_t> starts(words.size(), 0);
  std::vector<int> present;  // indices of non-empty words, in order
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) continue;
    if (!text.empty()) text += ' ';
    starts[i] = text.size();
    text += words[i];
    present.push_back(static_cast<int>(i));
  }
  if (present.empty()) return std::nullopt;
  auto input_index = [&](size_t byte) {
    // The last non-empty word starting at or before `byte`.
    int best = present.front();
    for (int i : present) {
      if (starts[i] > byte) break;
      best = i;
    }
    return best;
  };

  const auto t0 = std::chrono::steady_clock::now();
  Parse_Options o = impl_->opts;
  Sentence sent = sentence_create(text.c_str(), impl_->dict);
  if (sent == nullptr) return std::nullopt;
  int found = 0;
  if (sentence_split(sent, o) == 0) {
    parse_options_set_min_null_count(o, 0);
    parse_options_set_max_null_count(o, 0);
    parse_options_set_max_parse_time(o, kMaxParseSeconds);
    found = sentence_parse(sent, o);
    // The null-link retry gets what is left of the time budget (whole seconds, as
    // link-grammar counts them), and none after a timeout.
    const double used = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (found <= 0 && null_links == NullLinks::kRetry && !parse_options_timer_expired(o) &&
        used < kMaxParseSeconds) {
      parse_options_set_max_parse_time(o, static_cast<int>(std::ceil(kMaxParseSeconds - used)));
      parse_options_set_min_null_count(o, 1);
      parse_options_set_max_null_count(o, sentence_length(sent));
      found = sentence_parse(sent, o);
    }
  }
  std::optional<chancery::syntax::Parse> result;
  if (found > 0) {
    Linkage linkage = linkage_create(0, sent, o);
    if (linkage != nullptr) {
      chancery::syntax::Parse p;
      p.words = words;
      p.tags.assign(words.size(), "");
      const int nw = static_cast<int>(linkage_get_num_words(linkage));
      std::vector<int> map(nw, -1);
      std::vector<bool> tagged(words.size(), false);
      for (int w = 0; w < nw; ++w) {
        const std::string lw = linkage_get_word(linkage, w);
        if ((w == 0 && lw == "LEFT-WALL") || (w == nw - 1 && lw == "RIGHT-WALL")) continue;
        const int i = input_index(static_cast<size_t>(linkage_get_word_byte_start(linkage, w)));
        map[w] = i;
        if (!tagged[i]) {
          p.tags[i] = WordTag(lw);
          tagged[i] = true;
        }
      }
      const int nl = static_cast<int>(linkage_get_num_links(linkage));
      for (int k = 0; k < nl; ++k) {
        const int l = map[linkage_get_link_lword(linkage, k)];
        const int r = map[linkage_get_link_rword(linkage, k)];
        if (l < 0 || r < 0 || l == r) continue;
        p.links.push_back({std::min(l, r), std::max(l, r), linkage_get_link_label(linkage, k)});
      }
      p.null_count = sentence_null_count(sent);
      linkage_delete(linkage);
      result = std::move(p);
    }
  }
  sentence_delete(sent);
  if (result)
    result->seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Relations

std::vector<const Link*> Parse::LinksOf(int word) const {
  std::vector<const Link*> out;
  for (const Link& l : links)
    if (l.left == word || l.right == word) out.push_back(&l);
  return out;
}

namespace {

bool IsConjunction(const Parse& p, int w) {
  return w >= 0 && w < static_cast<int>(p.tags.size()) && p.tags[w].rfind("j-", 0) == 0;
}

// A coordinated noun phrase's conjuncts ("Russia and China" at "and" -> Russia, China);
// any other word stands for itself.
// Coordinated names are a G chain ending in the last name, which carries the phrase's
// links ("condemned Ukraine and Poland": Os to Poland, G Ukraine-and, G and-Poland).
void Expand(const Parse& p, int w, std::vector<int>* out, int depth = 0) {
  if (depth > 8) return;
  if (!IsConjunction(p, w)) {
    out->push_back(w);
    for (const Link* l : p.LinksOf(w))
      if (l->right == w && LinkType(l->label) == "G" && p.tags[l->left] == "j-g")
        for (const Link* g : p.LinksOf(l->left))
          if (g->right == l->left && LinkType(g->label) == "G") Expand(p, g->left, out, depth + 1);
    return;
  }
  const bool names = p.tags[w] == "j-g";
  bool any = false;
  for (const Link* l : p.LinksOf(w)) {
    const std::string t = LinkType(l->label);
    if (t == "SJ" || (names && t == "G")) {
      Expand(p, l->left == w ? l->right : l->left, out, depth + 1);
      any = true;
    }
  }
  if (!any) out->push_back(w);
}

// The verb, its auxiliaries ("has", "will", "were") and the conjunction of a verb
// coordination, where link-grammar attaches the subject. `passive` is set when a passive
// participle link was crossed.
std::vector<int> VerbChain(const Parse& p, int verb, bool* passive) {
  std::vector<int> chain{verb};
  *passive = false;
  for (size_t k = 0; k < chain.size() && chain.size() < 16; ++k) {
    const int c = chain[k];
    for (const Link* l : p.LinksOf(c)) {
      const std::string t = LinkType(l->label);
      const std::string sub = Subscript(l->label);
      int next = -1;
      if (l->right == c) {
        if (t == "PP" || t == "I") next = l->left;
        if (t == "P" && !sub.empty() && (sub[0] == 'v' || sub[0] == 'g')) next = l->left;
        if (t == "P" && !sub.empty() && sub[0] == 'a' && p.tags[c].rfind("v", 0) == 0)
          next = l->left;
        if (t == "P" && next >= 0 && sub[0] != 'g') *passive = true;
      }
      // From the verb itself (not from a conjunction) to the conjunction that carries the
      // shared subject.
      if (t == "VJ" && !IsConjunction(p, c)) next = l->left == c ? l->right : l->left;
      if (next >= 0 && std::find(chain.begin(), chain.end(), next) == chain.end())
        chain.push_back(next);
    }
  }
  return chain;
}

std::vector<int> GrammaticalSubjects(const Parse& p, const std::vector<int>& chain) {
  std::vector<int> out;
  for (int c : chain) {
    for (const Link* l : p.LinksOf(c)) {
      const std::string t = LinkType(l->label);
      int s = -1;
      if (l->right == c && (t == "S" || t == "SX" || t == "RS")) s = l->left;
      if (l->left == c && (t == "SI" || t == "SXI")) s = l->right;
      if (s < 0) continue;
      if (auto head = p.RelativeHead(s)) s = *head;
      Expand(p, s, &out);
    }
  }
  SortUnique(&out);
  return out;
}

std::vector<int> PrepObjectsOf(const Parse& p, int word, const std::string& prep_lower) {
  std::vector<int> out;
  for (const Link* l : p.LinksOf(word)) {
    if (l->left != word) continue;
    const std::string t = LinkType(l->label);
    const bool attach = t == "MV" || (t == "P" && Subscript(l->label).rfind("p", 0) == 0);
    if (!attach || Lower(p.words[l->right]) != prep_lower) continue;
    for (const Link* j : p.LinksOf(l->right))
      if (j->left == l->right && LinkType(j->label) == "J") Expand(p, j->right, &out);
  }
  return out;
}

}  // namespace

bool Parse::IsPassive(int verb) const {
  bool passive = false;
  VerbChain(*this, verb, &passive);
  return passive;
}

std::vector<int> Parse::Subjects(int verb) const {
  bool passive = false;
  const std::vector<int> chain = VerbChain(*this, verb, &passive);
  if (!passive) return GrammaticalSubjects(*this, chain);
  std::vector<int> out;
  for (int c : chain) {
    std::vector<int> agents = PrepObjectsOf(*this, c, "by");
    out.insert(out.end(), agents.begin(), agents.end());
  }
  SortUnique(&out);
  return out;
}

std::vector<int> Parse::Objects(int verb) const {
  bool passive = false;
  const std::vector<int> chain = VerbChain(*this, verb, &passive);
  if (passive) return GrammaticalSubjects(*this, chain);
  std::vector<int> out;
  for (const Link* l : LinksOf(verb))
    if (l->left == verb && LinkType(l->label) == "O") Expand(*this, l->right, &out);
  SortUnique(&out);
  return out;
}

std::vector<int> Parse::PrepObjects(int verb, const std::string& preposition) const {
  std::vector<int> out = PrepObjectsOf(*this, verb, Lower(preposition));
  SortUnique(&out);
  return out;
}

std::vector<int> Parse::ConjoinedVerbs(int verb) const {
  std::vector<int> seen{verb}, out;
  for (size_t k = 0; k < seen.size() && seen.size() < 32; ++k) {
    for (const Link* l : LinksOf(seen[k])) {
      if (LinkType(l->label) != "VJ") continue;
      const int other = l->left == seen[k] ? l->right : l->left;
      if (std::find(seen.begin(), seen.end(), other) != seen.end()) continue;
      seen.push_back(other);
      if (!IsConjunction(*this, other)) out.push_back(other);
    }
  }
  SortUnique(&out);
  return out;
}

std::optional<int> Parse::RelativeHead(int word) const {
  for (const Link* l : LinksOf(word)) {
    if (l->right != word) continue;
    const std::string t = LinkType(l->label);
    if (t == "R" || t == "B" ||
        (t == "MX" && Subscript(l->label).find('r') != std::string::npos))
      return l->left;
  }
  return std::nullopt;
}

}  // namespace chancery::syntax
