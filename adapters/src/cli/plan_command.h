// `reducheck plan`: the fastest compliant schedule to sell N shares of one holder
// (contract.md §3; the algorithm is engine/include/reducheck/engine/planner.h, docs/planner.md).
#ifndef REDUCHECK_ADAPTERS_CLI_PLAN_COMMAND_H_
#define REDUCHECK_ADAPTERS_CLI_PLAN_COMMAND_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "reducheck/adapters/text_encoding.h"

namespace reducheck::cli {

struct PlanOptions {
  std::string scenario_path;  // as given by the user; named in every message
  std::string holder;         // --holder
  // --shares: a whole number of shares ("12000000", "12,000,000") or a percentage of the total
  // share capital ("3%", "0.5%", at most 4 decimals), rounded down to whole shares.
  std::string shares;
  std::string from;  // --from YYYY-MM-DD; empty: the first trading day after history
  std::string methods = "centralized_bidding,block_trade";  // --methods, comma-separated
  std::string out_path;   // --out; empty: the schedule goes to stdout
  std::string rules_dir;  // empty: DefaultRulesDir's search
  // --encoding of the files read (scenario; schedule): utf-8, or gb18030 converted to UTF-8.
  adapters::InputEncoding encoding = adapters::InputEncoding::kUtf8;
};

// Writes the schedule CSV (columns id,holder,date,method,shares,price,kind,window_start,
// window_end,max_shares,methods; the batch input format) to --out or `out`, and a summary
// (finish date, sales, announcements; for a percentage, the share count it was turned into) to
// `err`. Exit 0 when every share is scheduled, 1 when
// the horizon (3 years or the calendar's end) comes first (the partial schedule is still
// written), 2 on bad input or usage, 3 on an internal error.
int RunPlan(const PlanOptions& options, std::ostream& out, std::ostream& err);

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_PLAN_COMMAND_H_
