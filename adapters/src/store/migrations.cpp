#include "store/migrations.h"

#include <array>

namespace reducheck::store {

namespace {

// v1: reference data (one scenario document per company and version) and the events recorded
// on top of it (executions, announcements), in one global order (seq).
constexpr std::string_view kV1 = R"sql(
CREATE TABLE reference (
  company     TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  scenario    TEXT    NOT NULL,  -- the scenario document as received (YAML or JSON)
  digest      TEXT    NOT NULL,  -- SHA-256 of scenario
  source      TEXT    NOT NULL,  -- 'http' or the --load path
  loaded_at   TEXT    NOT NULL,  -- UTC, ISO 8601
  PRIMARY KEY (company, version)
);
CREATE TABLE events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  company         TEXT    NOT NULL,
  ref_version     INTEGER NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('execution', 'announcement')),
  idempotency_key TEXT    NOT NULL UNIQUE,
  input_sha256    TEXT    NOT NULL,  -- SHA-256 of payload
  payload         TEXT    NOT NULL,  -- canonical JSON of the request
  draws           TEXT    NOT NULL,  -- executions: JSON [[lot id, shares], ...]; else []
  response        TEXT    NOT NULL,  -- the acknowledgement returned, replayed on a retry
  recorded_at     TEXT    NOT NULL,
  FOREIGN KEY (company, ref_version) REFERENCES reference (company, version)
);
CREATE INDEX events_by_book ON events (company, ref_version, seq);
)sql";

// v2: small key/value facts about the service, e.g. the audit chain's head at shutdown.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

constexpr std::array<Migration, 2> kMigrations = {{
    {1, "reference data and events", kV1},
    {2, "service metadata (audit chain anchor)", kV2},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace reducheck::store
