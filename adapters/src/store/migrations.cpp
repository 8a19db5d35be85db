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

// v3: purchases are events too (kind 'purchase': a recorded buy, which the short-swing rule
// looks back on). SQLite cannot change a CHECK constraint in place: the table is rebuilt with
// the same rows, the same seq values and the same AUTOINCREMENT counter.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE events_v3 (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  company         TEXT    NOT NULL,
  ref_version     INTEGER NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('execution', 'purchase', 'announcement')),
  idempotency_key TEXT    NOT NULL UNIQUE,
  input_sha256    TEXT    NOT NULL,  -- SHA-256 of payload
  payload         TEXT    NOT NULL,  -- canonical JSON of the request
  draws           TEXT    NOT NULL,  -- executions: JSON [[lot id, shares], ...]; else []
  response        TEXT    NOT NULL,  -- the acknowledgement returned, replayed on a retry
  recorded_at     TEXT    NOT NULL,
  FOREIGN KEY (company, ref_version) REFERENCES reference (company, version)
);
INSERT INTO events_v3 (seq, company, ref_version, kind, idempotency_key, input_sha256, payload,
                       draws, response, recorded_at)
  SELECT seq, company, ref_version, kind, idempotency_key, input_sha256, payload, draws,
         response, recorded_at FROM events ORDER BY seq;
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'events_v3', seq FROM sqlite_sequence WHERE name = 'events'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events_v3');
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'events')
  WHERE name = 'events_v3' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'events');
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_by_book ON events (company, ref_version, seq);
)sql";

constexpr std::array<Migration, 3> kMigrations = {{
    {1, "reference data and events", kV1},
    {2, "service metadata (audit chain anchor)", kV2},
    {3, "purchase events", kV3},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace reducheck::store
