// The service database's schema, as an ordered list of migrations. The database records the
// number of migrations applied in PRAGMA user_version; opening applies the missing ones in one
// transaction each. Never edit a released migration: append a new one.
#ifndef REDUCHECK_ADAPTERS_STORE_MIGRATIONS_H_
#define REDUCHECK_ADAPTERS_STORE_MIGRATIONS_H_

#include <span>
#include <string_view>

namespace reducheck::store {

struct Migration {
  int version;            // user_version after it is applied (1, 2, ...)
  std::string_view what;  // one line for the log
  std::string_view sql;   // statements, run in one transaction
};

std::span<const Migration> Migrations();

}  // namespace reducheck::store

#endif  // REDUCHECK_ADAPTERS_STORE_MIGRATIONS_H_
