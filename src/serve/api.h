// Api: the JSON API of `chancery serve` (docs/api.md) as a pure request ->
// response function, so the CLI's `query` and the tests use it without a
// network, and the HTTP server only moves bytes.
//
// Contract:
// - Handle() is thread-safe: each call borrows a store connection from a pool
//   (opened on demand with the factory, returned after the call).
// - Bad parameters answer 400 naming the parameter; unknown paths or ids 404;
//   a store failure 500 with its message. Handle() itself never throws.
// - POST /api/ingest needs `Authorization: Bearer <token>`: with no token
//   configured the API is read-only (403); a wrong token gets 401. Tokens are
//   compared in constant time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "serve/countries.h"
#include "serve/relations.h"
#include "store/store.h"

namespace chancery::serve {

using Json = nlohmann::ordered_json;

struct ApiRequest {
  std::string method = "GET";
  std::string path;                           // "/api/events"
  std::map<std::string, std::string> params;  // query parameters, decoded
  std::string body;
  std::string authorization;                  // the Authorization header
};

struct ApiResponse {
  int status = 200;
  Json body;
};

class Api {
 public:
  using StoreFactory = std::function<std::unique_ptr<store::Store>()>;
  // Codes and stores a JSON Lines body; returns {"inserted", ...}. May throw
  // std::invalid_argument (bad body: 400) or store::StoreError (500).
  using IngestFunction = std::function<Json(store::Store&, const std::string& body)>;

  Api(StoreFactory open_store, RelationRules rules, Countries countries, std::string token = "",
      IngestFunction ingest = nullptr);
  ~Api();

  ApiResponse Handle(const ApiRequest& request) const;

  // JSON of one stored event, offsets relative to its sentence (docs/api.md).
  static Json EventJson(const store::StoredEvent& stored);

 private:
  Json Stats(store::Store& store) const;
  Json Events(store::Store& store, const ApiRequest& request) const;
  Json Actors(store::Store& store, const ApiRequest& request) const;
  ApiResponse ActorProfile(store::Store& store, const std::string& code) const;
  Json CountriesJson(store::Store& store) const;
  Json Dyads(store::Store& store, const ApiRequest& request) const;
  Json Network(store::Store& store, const ApiRequest& request) const;
  Json Relations(store::Store& store, const ApiRequest& request) const;
  Json Search(store::Store& store, const ApiRequest& request) const;
  ApiResponse Ingest(store::Store& store, const ApiRequest& request) const;
  // A display name for a country key or actor code.
  std::string NameOf(const std::string& key, const std::string& fallback) const;

  std::unique_ptr<store::Store> Borrow() const;
  void Return(std::unique_ptr<store::Store> store) const;

  StoreFactory open_store_;
  RelationRules rules_;
  Countries countries_;
  std::string token_;
  IngestFunction ingest_;
  mutable std::mutex pool_mutex_;
  mutable std::vector<std::unique_ptr<store::Store>> pool_;
  // Answers that read many events (relations, countries), kept per
  // (path and parameters, store DataVersion); at most kCacheEntries.
  static constexpr std::size_t kCacheEntries = 256;
  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, std::pair<std::string, Json>> cache_;  // key -> (version, body)
  Json Cached(store::Store& store, const std::string& key, const std::function<Json()>& compute) const;
};

}  // namespace chancery::serve
