#include "coding/cameo_table.h"

#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace chancery::coding {
namespace {

// PLOVER's sixteen event types; a row naming anything else is a typo.
constexpr std::array<std::string_view, 16> kPloverTypes = {
    "AGREE",    "CONSULT",  "SUPPORT",  "CONCEDE", "COOPERATE", "AID",
    "RETREAT",  "REQUEST",  "ACCUSE",   "REJECT",  "THREATEN",  "PROTEST",
    "SANCTION", "MOBILIZE", "COERCE",   "ASSAULT"};

bool IsPloverType(std::string_view type) {
  for (std::string_view known : kPloverTypes) {
    if (type == known) return true;
  }
  return false;
}

// Quad class is fixed by the root: 01-05 verbal cooperation, 06-09 material
// cooperation, 10-14 verbal conflict, 15-20 material conflict.
int QuadClassOfRoot(int root) {
  if (root <= 5) return 1;
  if (root <= 9) return 2;
  if (root <= 14) return 3;
  return 4;
}

// Splits on TAB, keeping empty fields (an empty trailing mode is meaningful).
std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Parses the whole field as a finite double, or returns false. from_chars, not
// strtod, so a German or French locale cannot turn "1.9" into an error.
bool ParseDouble(std::string_view text, double* value) {
  double parsed = 0.0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(parsed)) {
    return false;
  }
  *value = parsed;
  return true;
}

[[noreturn]] void Fail(const std::filesystem::path& file, std::size_t line, const std::string& message) {
  throw std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + message);
}

}  // namespace

CameoTable CameoTable::Load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open CAMEO code table");

  CameoTable table;
  std::string raw;
  std::size_t line_number = 0;
  while (std::getline(in, raw)) {
    ++line_number;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // tolerate CRLF checkouts
    if (line.empty() || line.front() == '#') continue;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;

    std::vector<std::string_view> fields = SplitTabs(line);
    if (fields.size() != 5 && fields.size() != 6) {
      Fail(file, line_number,
           "expected 6 TAB-separated fields (code, label, goldstein, quad_class, plover_type, "
           "plover_mode), found " + std::to_string(fields.size()));
    }

    CameoCode row;
    row.code = std::string(fields[0]);
    if (row.code.size() < 2 || row.code.size() > 4 || !AllDigits(row.code)) {
      Fail(file, line_number, "code '" + row.code + "' is not 2 to 4 digits");
    }
    int root = std::stoi(row.code.substr(0, 2));
    if (root < 1 || root > 20) {
      Fail(file, line_number, "code '" + row.code + "' has root outside 01-20");
    }

    row.label = std::string(fields[1]);
    if (row.label.empty()) Fail(file, line_number, "empty label for code " + row.code);

    if (!ParseDouble(fields[2], &row.goldstein) || row.goldstein < -10.0 || row.goldstein > 10.0) {
      Fail(file, line_number,
           "goldstein '" + std::string(fields[2]) + "' is not a number in [-10, 10]");
    }

    if (fields[3].size() != 1 || fields[3][0] < '1' || fields[3][0] > '4') {
      Fail(file, line_number, "quad_class '" + std::string(fields[3]) + "' is not 1-4");
    }
    row.quad_class = fields[3][0] - '0';
    if (row.quad_class != QuadClassOfRoot(root)) {
      Fail(file, line_number,
           "quad_class " + std::to_string(row.quad_class) + " does not match root " +
               row.code.substr(0, 2) + " (expected " + std::to_string(QuadClassOfRoot(root)) + ")");
    }

    row.plover_type = std::string(fields[4]);
    if (!IsPloverType(row.plover_type)) {
      Fail(file, line_number, "plover_type '" + row.plover_type + "' is not a PLOVER event type");
    }
    if (fields.size() == 6) row.plover_mode = std::string(fields[5]);

    if (table.index_.count(row.code) != 0) {
      Fail(file, line_number, "duplicate code " + row.code);
    }
    table.index_.emplace(row.code, table.codes_.size());
    table.codes_.push_back(std::move(row));
  }
  if (in.bad()) throw std::runtime_error(file.string() + ": read error");
  return table;
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &codes_[it->second];
}

std::string_view CameoTable::Root(std::string_view code) {
  return code.size() < 2 ? code : code.substr(0, 2);
}

}  // namespace chancery::coding
