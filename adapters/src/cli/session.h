// Session: what every command that reads a scenario starts from — the rules, the scenario's
// ledger, and the rule pack the scenario pins (checked against the packs on file).
#ifndef REDUCHECK_ADAPTERS_CLI_SESSION_H_
#define REDUCHECK_ADAPTERS_CLI_SESSION_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/text_encoding.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"

namespace reducheck::cli {

struct Session {
  adapters::EvaluatorLoad rules;  // rules.evaluator is set after a successful open
  std::optional<Ledger> ledger;   // set after a successful open
  std::string pinned_pack;        // the scenario's rule_pack; empty = the pack in force by date
  // Every item of the scenario's `orders` (good ones index ledger->scenario().orders); bad
  // ones only when the session was opened with tolerate_bad_orders.
  std::vector<adapters::OrderSlot> order_slots;

  const Evaluator& evaluator() const { return *rules.evaluator; }
};

// Reads the scenario at `scenario_path`, loads the rules (`rules_dir_flag`: the --rules-dir
// value, resolved by DefaultRulesDir) and builds the ledger. Every problem goes to `err` as
// `file:line:column: field: message`. Returns 0 on success, else the exit code: 2 for bad
// input (missing file, directory, scenario or rule data problems, unknown rule_pack), 3 for an
// internal error. `encoding`: the --encoding the user gave for the scenario file (a GB18030
// file is converted to UTF-8 before it is read; text_encoding.h). With `tolerate_bad_orders`
// (check), orders that cannot be read do not stop the session when nothing else is wrong: they
// stay in session.order_slots with their problems, and nothing about them is printed.
int OpenSession(const std::string& scenario_path, const std::string& rules_dir_flag,
                std::ostream& err, Session& session,
                adapters::InputEncoding encoding = adapters::InputEncoding::kUtf8,
                bool tolerate_bad_orders = false);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_SESSION_H_
