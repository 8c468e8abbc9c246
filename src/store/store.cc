#include "store/store.h"

#include "store/backends.h"
#include "store/sha256.h"

namespace chancery::store {

std::unique_ptr<Store> Store::Open(const std::string& url) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return internal::OpenPostgres(url);
  }
  if (url.empty()) throw StoreError("sqlite: empty database path");
  return internal::OpenSqlite(url);
}

std::string StoryHash(const Story& story) {
  // Each field length-prefixed, so moving bytes between fields changes the hash.
  Sha256 sha;
  for (const std::string* field :
       {&story.id, &story.date, &story.source, &story.url, &story.title, &story.text}) {
    sha.Update(std::to_string(field->size()));
    sha.Update(":");
    sha.Update(*field);
  }
  return sha.FinishHex();
}

}  // namespace chancery::store
