// Fuzzes every loader of user-editable data: chancery's actor and verb
// dictionaries, the CAMEO table, relation rules, abbreviations, gold files,
// and TABARI/PETRARCH actors, agents and verbs. The first byte picks the
// loader; the rest is the file. Each loader must either load, report bad lines
// as "FILE:LINE: message" (naming the file it read), or throw
// std::runtime_error naming the file; nothing else.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "actors/actor_dictionary.h"
#include "coding/cameo_table.h"
#include "coding/verb_dictionary.h"
#include "eval/evaluation.h"
#include "fuzz_target.h"
#include "interchange/dictionary_formats.h"
#include "serve/relations.h"
#include "text/abbreviations.h"

namespace {

const chancery::coding::CameoTable& Cameo() {
  static const auto* table = new chancery::coding::CameoTable(
      chancery::coding::CameoTable::Load(std::filesystem::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv"));
  return *table;
}

// The bytes as a file with `suffix`, removed when this goes out of scope.
class TempFile {
 public:
  TempFile(std::string_view bytes, const char* suffix) {
    path_ = std::string("/tmp/chancery-fuzz-XXXXXX") + suffix;
    int fd = mkstemps(path_.data(), static_cast<int>(std::string_view(suffix).size()));
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    close(fd);
  }
  ~TempFile() { unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void CheckProblems(const std::vector<std::string>& problems, const std::string& file) {
  for (const std::string& problem : problems) FUZZ_CHECK(problem.rfind(file, 0) == 0);
}

template <typename Load>
void ExpectLoadOrNamedError(const std::string& file, Load load) {
  try {
    load();
  } catch (const std::runtime_error& error) {
    FUZZ_CHECK(std::string_view(error.what()).find(file) != std::string_view::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<std::string> problems;
  switch (data[0] % 10) {
    case 0: {
      TempFile file(bytes, ".tsv");
      chancery::actors::ActorDictionary dictionary;
      dictionary.LoadFile(file.path(), &problems);
      CheckProblems(problems, file.path());
      for (const auto& entry : dictionary.entries()) FUZZ_CHECK(!entry.phrase.empty() && !entry.code.empty());
      break;
    }
    case 1: {
      TempFile file(bytes, ".txt");
      chancery::coding::VerbDictionary dictionary;
      dictionary.LoadFile(file.path(), &Cameo(), &problems);
      CheckProblems(problems, file.path());
      break;
    }
    case 2: {
      TempFile file(bytes, ".tsv");
      ExpectLoadOrNamedError(file.path(), [&] { chancery::coding::CameoTable::Load(file.path()); });
      break;
    }
    case 3: {
      TempFile file(bytes, ".tsv");
      ExpectLoadOrNamedError(file.path(), [&] { chancery::serve::RelationRules::Load(file.path()); });
      break;
    }
    case 4: {
      TempFile file(bytes, ".txt");
      ExpectLoadOrNamedError(file.path(), [&] { chancery::text::AbbreviationTable::Load(file.path()); });
      break;
    }
    case 5: {
      TempFile file(bytes, ".jsonl");
      chancery::eval::ReadGold({file.path()}, &problems);
      CheckProblems(problems, file.path());
      break;
    }
    case 6: {
      std::istringstream in{std::string(bytes)};
      chancery::interchange::ReadForeignActors(in, "fuzz.actors", &problems);
      CheckProblems(problems, "fuzz.actors");
      break;
    }
    case 7: {
      std::istringstream in{std::string(bytes)};
      chancery::interchange::ReadForeignAgents(in, "fuzz.agents", &problems);
      CheckProblems(problems, "fuzz.agents");
      break;
    }
    case 8:
    case 9: {
      static const std::set<std::string> known = [] {
        std::set<std::string> codes;
        for (const auto& code : Cameo().codes()) codes.insert(code.code);
        return codes;
      }();
      std::istringstream in{std::string(bytes)};
      const auto flavor = data[0] % 10 == 8 ? chancery::interchange::Flavor::kTabari
                                            : chancery::interchange::Flavor::kPetrarch;
      chancery::interchange::ReadForeignVerbs(in, "fuzz.verbs", flavor, &known, &problems);
      CheckProblems(problems, "fuzz.verbs");
      break;
    }
  }
  return 0;
}
