// Fuzzes the JSON API (what `chancery serve` and `chancery query` answer) with
// arbitrary paths and query parameters over a SQLite store holding the coded
// sample articles. Input: the first line is the path (relative paths are put
// under /api/), each further line "name=value" is a decoded query parameter.
// Contract checked: Handle() never throws, never answers 500 (a 500 would mean
// a parameter reached SQL as text: every filter must be bound, never spliced),
// and every answer is a JSON object or array.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_target.h"
#include "input/story_reader.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "serve/api.h"
#include "store/store.h"

namespace {

const chancery::serve::Api& TheApi() {
  static const chancery::serve::Api* api = [] {
    const std::filesystem::path data = CHANCERY_DATA_DIR;
    const std::string db = "/tmp/chancery-fuzz-api-" + std::to_string(getpid()) + ".db";
    std::filesystem::remove(db);
    {
      chancery::PipelineOptions options;
      options.data_dir = data;
      chancery::Pipeline pipeline(options);
      auto store = chancery::store::Store::Open(db);
      chancery::Ingester ingester(pipeline, *store);
      chancery::input::StoryReader reader({CHANCERY_SOURCE_DIR "/samples/seeds.jsonl"}, {});
      while (auto story = reader.Next()) ingester.Ingest(*story);
      FUZZ_CHECK(ingester.counts().events > 0);
    }
    return new chancery::serve::Api([db] { return chancery::store::Store::Open(db); },
                                    chancery::serve::RelationRules::Load(data / "relations" / "relations.tsv"),
                                    chancery::serve::Countries::Load(chancery::serve::Countries::kDefaultFile,
                                                                     data / "actors" / "states.tsv"));
  }();
  return *api;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  chancery::serve::ApiRequest request;
  std::size_t line_end = bytes.find('\n');
  std::string path(bytes.substr(0, line_end));
  request.path = !path.empty() && path[0] == '/' ? path : "/api/" + path;
  while (line_end != std::string_view::npos) {
    const std::size_t begin = line_end + 1;
    line_end = bytes.find('\n', begin);
    std::string_view line = bytes.substr(begin, line_end == std::string_view::npos ? line_end : line_end - begin);
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    request.params.emplace(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
  }
  const chancery::serve::ApiResponse response = TheApi().Handle(request);
  if (response.status == 500) std::fprintf(stderr, "500: %s\n", response.body.dump().c_str());
  FUZZ_CHECK(response.status != 500);
  FUZZ_CHECK(response.body.is_object() || response.body.is_array());
  // The body must serialise (a server dumps it) even if a parameter was not UTF-8.
  (void)response.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
