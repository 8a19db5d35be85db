// Metrics: lock-free counters for the service, rendered as Prometheus text (GET /metrics).
//
// Fixed label sets (routes, status codes, verdicts, categories) so recording is a few relaxed
// atomic increments and never allocates.
#ifndef REDUCHECK_ADAPTERS_SERVICE_METRICS_H_
#define REDUCHECK_ADAPTERS_SERVICE_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "reducheck/engine/verdict.h"

namespace reducheck::service {

enum class Route : std::uint8_t {
  kCheck,
  kExecutions,
  kAnnouncements,
  kCompanyPut,
  kCompanies,
  kCompany,
  kHolders,
  kEvents,
  kHeadroom,
  kHealthz,
  kMetrics,
  kAlerts,
  kObligations,
  kPurchases,
  kOther,  // unknown paths and methods
};
inline constexpr size_t kRouteCount = 15;
std::string_view RouteName(Route r);

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (Prometheus `le`); +Inf is implicit.
  static constexpr std::array<double, 14> kBucketSeconds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001,
                                                            0.0025,  0.005,  0.01,    0.025,  0.05,
                                                            0.1,     0.25,   0.5,     1.0};

  void RecordRequest(Route route, int status, std::int64_t nanos);
  void RecordVerdict(const Verdict& verdict);
  // A recorded execution whose verdict failed (an alert), with its violations by category.
  void RecordBreach(const Verdict& verdict);
  void RecordAuditLine() { audit_lines_.fetch_add(1, std::memory_order_relaxed); }
  std::string Render() const;

 private:
  static constexpr std::array<int, 14> kStatuses = {200, 201, 400, 401, 403, 404, 405,
                                                    409, 413, 415, 422, 500, 503, 0};
  static size_t StatusIndex(int status);

  struct PerRoute {
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, kBucketSeconds.size() + 1> buckets{};
    std::atomic<std::uint64_t> sum_nanos{0};
  };
  std::array<PerRoute, kRouteCount> routes_{};
  std::array<std::atomic<std::uint64_t>, 3> verdicts_{};           // pass, fail, unknown-only
  std::array<std::atomic<std::uint64_t>, 6> categories_{};         // violations by category 1..5
  std::array<std::atomic<std::uint64_t>, 6> breach_categories_{};  // breach violations by category
  std::atomic<std::uint64_t> breaches_{0};
  std::atomic<std::uint64_t> audit_lines_{0};
};

}  // namespace reducheck::service

#endif  // REDUCHECK_ADAPTERS_SERVICE_METRICS_H_
