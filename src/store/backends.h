// The two Store implementations, chosen by Store::Open().
//
// Contract: each opens (creating the schema if absent) or throws StoreError
// naming the database.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace chancery::store::internal {

std::unique_ptr<Store> OpenSqlite(const std::string& path);
std::unique_ptr<Store> OpenPostgres(const std::string& url);

}  // namespace chancery::store::internal
