// FixGateway: the QuickFIX sessions of `reducheck fix-gateway` (docs/fix-gateway.md): an
// acceptor for the desk's OMS and an initiator to the broker, from one QuickFIX settings file.
// Sell orders are judged by FixCore before they are forwarded; fills are recorded by FixCore
// before they are passed upstream. C++14 (see fix_core.h); no QuickFIX type in this header.
#ifndef REDUCHECK_ADAPTERS_FIX_FIX_GATEWAY_H_
#define REDUCHECK_ADAPTERS_FIX_FIX_GATEWAY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fix/fix_core.h"

namespace reducheck {
namespace fix {

// Nearest-rank percentiles of one part of the time per order.
struct LatencyPart {
  std::int64_t p50_ns = 0;
  std::int64_t p99_ns = 0;
  std::int64_t max_ns = 0;
};

struct LatencySummary {
  std::size_t orders = 0;     // sell orders judged (each forwarded or rejected)
  std::size_t forwarded = 0;  // of which passed and forwarded
  LatencyPart total;          // arrival in the callback to the return of the forward/reject
  // The parts, in order: reading and mapping the order's fields; the decision
  // (FixCore::CheckSell: the rule check and its audit record, orders that reached it); the
  // answer: the forward to the broker or the reject to the OMS, built and handed to QuickFIX,
  // which encodes it, stores it (FileStore), logs it (FileLog, if configured) and writes it to
  // the socket.
  LatencyPart read, check, send;
};

class FixGateway {
 public:
  // Reads the settings file and starts both sides. Null with `error` set when the file or
  // a session cannot be set up (a message naming the file and the setting).
  static std::unique_ptr<FixGateway> Start(const std::string& config_path, FixCore& core,
                                           std::string& error);
  virtual ~FixGateway() {}
  // Logs both sides out and stops (idempotent).
  virtual void Stop() = 0;
  // The time the gateway added per sell order: from the order's arrival in the application
  // callback to the return of the forward (or of the reject), steady clock.
  virtual LatencySummary Latency() const = 0;
};

}  // namespace fix
}  // namespace reducheck

#endif  // REDUCHECK_ADAPTERS_FIX_FIX_GATEWAY_H_
