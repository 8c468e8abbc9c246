#include "serve/countries.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace chancery::serve {

namespace {

// Canonical state names from an actor dictionary (phrase, code, kind, from,
// to, name): a row's explicit name wins, else the code's first phrase.
std::map<std::string, std::string> StateNames(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the state names");
  std::map<std::string, std::string> named, first_phrase;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      fields.push_back(line.substr(start, tab - start));
    fields.push_back(line.substr(start));
    if (fields.size() < 2 || fields[1].size() != 3) continue;
    if (fields.size() >= 6 && !fields[5].empty()) named.emplace(fields[1], fields[5]);
    first_phrase.emplace(fields[1], fields[0]);
  }
  for (const auto& [code, phrase] : first_phrase) named.emplace(code, phrase);
  return named;
}

}  // namespace

Countries Countries::Load(const std::filesystem::path& file, const std::filesystem::path& names_file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the ISO 3166-1 country list (package iso-codes)");
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(file.string() + ": " + error.what());
  }
  Countries countries;
  const nlohmann::json* list = document.contains("3166-1") ? &document["3166-1"] : nullptr;
  if (!list || !list->is_array()) throw std::runtime_error(file.string() + ": no \"3166-1\" list");
  for (const nlohmann::json& entry : *list) {
    Country country;
    country.code = entry.value("alpha_3", "");
    country.name = entry.value("common_name", entry.value("name", ""));
    country.numeric = entry.value("numeric", "");
    if (country.code.size() == 3 && !country.name.empty()) countries.countries_.push_back(std::move(country));
  }
  countries.countries_.push_back({"XKX", "Kosovo", ""});
  if (!names_file.empty()) {
    std::map<std::string, std::string> names = StateNames(names_file);
    for (Country& country : countries.countries_)
      if (auto it = names.find(country.code); it != names.end()) country.name = it->second;
  }
  std::sort(countries.countries_.begin(), countries.countries_.end(),
            [](const Country& a, const Country& b) { return a.code < b.code; });
  for (std::size_t i = 0; i < countries.countries_.size(); ++i) countries.index_[countries.countries_[i].code] = i;
  return countries;
}

const Country* Countries::Find(const std::string& code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &countries_[it->second];
}

}  // namespace chancery::serve
