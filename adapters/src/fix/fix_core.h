// The FIX gateway's two halves meet here (docs/fix-gateway.md). QuickFIX 1.15's headers use
// dynamic exception specifications, which C++17 removed, so the session layer
// (fix_gateway.cpp) is compiled as C++14 and this header must stay C++14: plain strings and
// integers, no engine types. The C++20 side (desk_fix_core.cpp) implements FixCore over the
// desk service's Desk (the same store, audit log and rules as `serve`).
#ifndef REDUCHECK_ADAPTERS_FIX_FIX_CORE_H_
#define REDUCHECK_ADAPTERS_FIX_FIX_CORE_H_

#include <cstdint>
#include <string>

namespace reducheck {
namespace fix {

// A sell order as the gateway maps it from FIX (the config's field mapping).
struct SellOrder {
  std::string order_id;  // ClOrdID (11)
  std::string holder;    // Account (1) or a PartyID (448), per the config
  std::string company;   // Symbol (55) or SecurityID (48), per the config
  std::string date;      // YYYY-MM-DD: TransactTime (60) in China Standard Time
  std::string method;    // the config's ReducheckMethod (centralized_bidding by default)
  std::int64_t shares = 0;
  std::string price;  // decimal text as sent (44), "" for a market order
};

struct CheckAnswer {
  bool pass = false;
  // Not pass: the reason for tag 58 — violated rule ids and categories, or why the order
  // could not be decided, and the largest quantity that would pass.
  std::string text;
};

// A fill reported by the broker (ExecutionReport with ExecType F, or 1/2 in FIX 4.2).
struct Fill {
  std::string exec_id;  // ExecID (17): the idempotency key is "fix:" + exec_id
  std::string holder;
  std::string company;
  std::string date;  // YYYY-MM-DD in China Standard Time
  std::string method;
  std::int64_t shares = 0;  // LastShares/LastQty (32)
  std::string price;        // LastPx (31)
  bool sell = true;
};

struct FillAnswer {
  bool recorded = false;  // durable (a first recording or an idempotent replay)
  bool replayed = false;  // this ExecID was recorded before: not counted again
  bool breach = false;    // the execution broke a rule (GET /v1/alerts)
  std::string error;      // not recorded: why
  // Not recorded for a passing reason (the database or the audit log cannot be written): the
  // gateway must not consume the report; the broker redelivers it (docs/fix-gateway.md).
  bool retry = false;
};

class FixCore {
 public:
  virtual ~FixCore() {}
  virtual CheckAnswer CheckSell(const SellOrder& order) = 0;
  virtual FillAnswer RecordFill(const Fill& fill) = 0;
  virtual void Log(int level, const std::string& message) = 0;  // 0 info, 1 warn, 2 error
};

}  // namespace fix
}  // namespace reducheck

#endif  // REDUCHECK_ADAPTERS_FIX_FIX_CORE_H_
