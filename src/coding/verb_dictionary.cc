#include "coding/verb_dictionary.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "coding/cameo_table.h"
#include "text/data_file.h"

namespace chancery::coding {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool IsCode(std::string_view s) {
  return s.size() >= 2 && s.size() <= 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool ParseVerbPattern(std::string_view text, VerbPattern* pattern, std::string* error) {
  pattern->elements.clear();
  pattern->literal_count = 0;
  pattern->text = std::string(text::TrimBlanks(text));
  std::string_view rest = pattern->text;
  while (true) {
    rest = text::TrimBlanks(rest);
    if (rest.empty()) break;
    std::size_t space = rest.find(' ');
    std::string_view item = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    PatternElement element;
    if (item.size() > 1 && item.back() == '?') {
      element.optional = true;
      item.remove_suffix(1);
    }
    if (item == "*") {
      element.type = PatternElement::Type::kGap;
    } else if (item == "+") {
      element.type = PatternElement::Type::kTarget;
    } else if (item == "$") {
      element.type = PatternElement::Type::kSource;
    } else if (item.front() == '{') {
      if (item.back() != '}' || item.size() < 3) {
        *error = "unbalanced braces in '" + std::string(item) + "'";
        return false;
      }
      std::string_view inner = item.substr(1, item.size() - 2);
      while (true) {
        std::size_t bar = inner.find('|');
        std::string_view word = inner.substr(0, bar);
        if (word.empty()) {
          *error = "empty alternative in '" + std::string(item) + "'";
          return false;
        }
        element.words.push_back(Lower(word));
        if (bar == std::string_view::npos) break;
        inner = inner.substr(bar + 1);
      }
    } else {
      if (item.find_first_of("{}|") != std::string_view::npos) {
        *error = "stray brace or bar in '" + std::string(item) + "'";
        return false;
      }
      element.words.push_back(Lower(item));
    }
    if (element.type != PatternElement::Type::kWords && element.optional) {
      *error = "only words can be optional";
      return false;
    }
    pattern->elements.push_back(std::move(element));
  }
  bool anchored = false;
  for (std::size_t i = 0; i < pattern->elements.size(); ++i) {
    const PatternElement& element = pattern->elements[i];
    if (element.type != PatternElement::Type::kWords || element.optional) continue;
    if (!anchored) {
      pattern->anchor = i;
      anchored = true;
    }
    ++pattern->literal_count;
  }
  if (!anchored) {
    *error = "a pattern needs at least one required word";
    return false;
  }
  for (std::size_t i = 0; i < pattern->anchor; ++i) {
    if (pattern->elements[i].type == PatternElement::Type::kGap) {
      *error = "'*' cannot come before the first required word";
      return false;
    }
  }
  return true;
}

VerbDictionary VerbDictionary::LoadDirectory(const std::filesystem::path& dir, const CameoTable* table,
                                             std::vector<std::string>* problems) {
  VerbDictionary dictionary;
  for (const auto& file : text::DataFilesIn(dir, ".txt", "verb dictionary")) dictionary.LoadFile(file, table, problems);
  return dictionary;
}

void VerbDictionary::LoadFile(const std::filesystem::path& file, const CameoTable* table,
                              std::vector<std::string>* problems) {
  text::ForEachDataLine(file, "verb dictionary", problems, [&](std::string_view view, std::size_t line, auto complain) {
    std::size_t tab = view.find('\t');
    if (tab == std::string_view::npos) {
      complain("expected CODE<TAB>PATTERN");
      return;
    }
    std::string_view code = text::TrimBlanks(view.substr(0, tab));
    std::string_view rest = view.substr(tab + 1);
    std::string_view pattern_text = text::TrimBlanks(rest.substr(0, rest.find('\t')));
    if (!IsCode(code)) {
      complain("bad CAMEO code '" + std::string(code) + "'");
      return;
    }
    if (table && !table->Find(code)) {
      complain("CAMEO code " + std::string(code) + " is not in the code table");
      return;
    }
    VerbPattern pattern;
    std::string error;
    if (!ParseVerbPattern(pattern_text, &pattern, &error)) {
      complain(error);
      return;
    }
    pattern.code = std::string(code);
    pattern.file = file.filename().string();
    pattern.line = line;
    Add(std::move(pattern));
  });
}

void VerbDictionary::Add(VerbPattern pattern) {
  std::uint32_t index = std::uint32_t(patterns_.size());
  for (const std::string& word : pattern.elements[pattern.anchor].words) {
    std::vector<std::uint32_t>& list = by_anchor_word_[word];
    if (list.empty() || list.back() != index) list.push_back(index);
  }
  patterns_.push_back(std::move(pattern));
}

const std::vector<std::uint32_t>* VerbDictionary::Candidates(std::string_view word) const {
  auto it = by_anchor_word_.find(std::string(word));
  return it == by_anchor_word_.end() ? nullptr : &it->second;
}

}  // namespace chancery::coding
