// Replay of audited decisions (`reducheck replay`): every `check` line of an audit log is
// evaluated again against the state it names (company, reference version, last event seq),
// rebuilt from the service database, with the rules loaded now. Differences are reported with
// the line, the request id and what changed. Events are taken from the database, not the log,
// so a log whose last lines were lost in a crash still replays exactly.
#ifndef REDUCHECK_ADAPTERS_AUDIT_REPLAY_H_
#define REDUCHECK_ADAPTERS_AUDIT_REPLAY_H_

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "audit/audit_verify.h"
#include "reducheck/engine/evaluator.h"
#include "store/state_store.h"

namespace reducheck::audit {

struct ReplayDifference {
  std::int64_t line = 0;  // counted across the log's segments
  std::string where;      // "audit.jsonl.000002: line 17"
  std::string request_id;
  std::string logged;    // the verdict in the log (compact JSON)
  std::string replayed;  // the verdict now, or the error
  std::string summary;   // "verdict pass -> fail; max_compliant_shares 4000000 -> 3000000; ..."
};

struct ReplayReport {
  std::int64_t lines = 0;
  std::int64_t decisions = 0;
  std::int64_t identical = 0;
  std::int64_t other_rules = 0;  // decisions logged with a different rules digest
  std::vector<ReplayDifference> differences;
  std::vector<std::string> problems;  // lines that could not be replayed (state missing, ...)
};

// `log`: the lines of the log, across its segments (audit/audit_verify.h).
ReplayReport Replay(LogLines& log, const store::StateStore& store, const Evaluator& evaluator,
                    const std::string& rules_digest);

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_REPLAY_H_
