// Countries: every ISO 3166-1 country with its common English name and the
// numeric code world maps key their shapes by.
//
// Contract: Load reads the Debian iso-codes JSON (iso_3166-1.json); a missing
// or malformed file throws std::runtime_error naming it. The name is the
// common name where ISO gives one ("Iran", not "Iran, Islamic Republic of").
// Kosovo (XKX), coded by chancery but not in ISO 3166-1, is added by hand.
// With `names_file` (data/actors/states.tsv), the names chancery's actor
// dictionary gives states ("Russia", not "Russian Federation") win.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace chancery::serve {

struct Country {
  std::string code;     // alpha-3, "AFG"
  std::string name;     // "Afghanistan"
  std::string numeric;  // "004"; empty when ISO has none
};

class Countries {
 public:
  static constexpr const char* kDefaultFile = "/usr/share/iso-codes/json/iso_3166-1.json";
  static Countries Load(const std::filesystem::path& file = kDefaultFile,
                        const std::filesystem::path& names_file = {});

  const Country* Find(const std::string& code) const;
  const std::vector<Country>& all() const { return countries_; }

 private:
  std::vector<Country> countries_;  // by code
  std::map<std::string, std::size_t> index_;
};

}  // namespace chancery::serve
