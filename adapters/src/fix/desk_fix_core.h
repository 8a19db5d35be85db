// DeskFixCore: the FIX gateway's decisions, made by the desk service's Desk (docs/fix-gateway.md):
// a sell order is judged exactly as POST /v1/check judges it (same books, audit line, metrics),
// and a fill is recorded exactly as POST /v1/executions records it (durable before the call
// returns, idempotent on the key "fix:<ExecID>", judged and alerted on a breach).
#ifndef REDUCHECK_ADAPTERS_FIX_DESK_FIX_CORE_H_
#define REDUCHECK_ADAPTERS_FIX_DESK_FIX_CORE_H_

#include <functional>
#include <string>

#include "fix/fix_core.h"
#include "service/desk.h"

namespace reducheck::fix {

class DeskFixCore final : public FixCore {
 public:
  using LogFn = std::function<void(int level, const std::string& message)>;
  // `token`: the desk's write token (fills are writes).
  DeskFixCore(service::Desk& desk, std::string token, LogFn log)
      : desk_(desk), token_("Bearer " + std::move(token)), log_(std::move(log)) {}

  CheckAnswer CheckSell(const SellOrder& order) override;
  FillAnswer RecordFill(const Fill& fill) override;
  void Log(int level, const std::string& message) override { log_(level, message); }

 private:
  service::Desk& desk_;
  std::string token_;
  LogFn log_;
};

// Tag 58 of a reject: "reducheck fail: CAP-CB-1PCT cat3 procedural; ... | max passing qty N".
std::string RejectText(const Verdict& verdict);

}  // namespace reducheck::fix

#endif  // REDUCHECK_ADAPTERS_FIX_DESK_FIX_CORE_H_
