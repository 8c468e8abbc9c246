// The CAMEO event code table: every code the coder may emit, with its label,
// Goldstein weight, quad class and PLOVER equivalent (data/cameo/codes.tsv).
//
// Contract:
//   - Load() reads the whole file or throws std::runtime_error("FILE:LINE: message")
//     at the first bad line. The table is the single source of truth for an Event's
//     label/goldstein/quad_class/plover fields, so a silently skipped row would turn
//     into wrong event data later; failing loudly at start-up is the cheaper error.
//   - A line is `code TAB label TAB goldstein TAB quad_class TAB plover_type
//     [TAB plover_mode]`; `#` lines and blank lines are ignored. The mode field may be
//     omitted (editors strip trailing tabs). Checked: field count (5 or 6), code is 2-4
//     ASCII digits with a root in 01..20, label non-empty, goldstein a number within
//     [-10, 10], quad_class 1-4 and equal to the quad class of the code's root,
//     plover_type one of PLOVER's 16 event types, no duplicate code.
//   - Codes are strings: "054" and "54" are different codes; leading zeros matter.
//   - A loaded table is immutable; Find() and codes() are safe to call from many
//     threads at once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::coding {

struct CameoCode {
  std::string code;         // "054", "0541", or a bare root "05"
  std::string label;        // short English description
  double goldstein = 0.0;   // -10 .. +10
  int quad_class = 0;       // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover_type;  // e.g. "SUPPORT"; never empty
  std::string plover_mode;  // e.g. "visit"; may be empty
};

class CameoTable {
 public:
  // Parses codes.tsv; throws std::runtime_error("FILE:LINE: message") on a malformed
  // line, and std::runtime_error("FILE: ...") when the file cannot be read.
  static CameoTable Load(const std::filesystem::path& file);

  // The row for `code`, or nullptr if the table has no such code.
  const CameoCode* Find(std::string_view code) const;

  std::size_t size() const { return codes_.size(); }

  // All rows, in file order.
  const std::vector<CameoCode>& codes() const { return codes_; }

  // The two-digit root (cue category) of a code: "0541" -> "05", "190" -> "19".
  // Returns the input unchanged if it is shorter than two characters.
  static std::string_view Root(std::string_view code);

 private:
  std::vector<CameoCode> codes_;
  std::map<std::string, std::size_t, std::less<>> index_;  // code -> position in codes_
};

}  // namespace chancery::coding
