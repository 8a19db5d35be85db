#include "service/metrics.h"

#include <cstdio>

namespace reducheck::service {

std::string_view RouteName(Route r) {
  switch (r) {
    case Route::kCheck:
      return "check";
    case Route::kExecutions:
      return "executions";
    case Route::kAnnouncements:
      return "announcements";
    case Route::kCompanyPut:
      return "company_put";
    case Route::kCompanies:
      return "companies";
    case Route::kCompany:
      return "company";
    case Route::kHolders:
      return "holders";
    case Route::kEvents:
      return "events";
    case Route::kHeadroom:
      return "headroom";
    case Route::kHealthz:
      return "healthz";
    case Route::kMetrics:
      return "metrics";
    case Route::kAlerts:
      return "alerts";
    case Route::kObligations:
      return "obligations";
    case Route::kPurchases:
      return "purchases";
    case Route::kOther:
      return "other";
  }
  return "other";
}

size_t Metrics::StatusIndex(int status) {
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size() - 1;
}

void Metrics::RecordRequest(Route route, int status, std::int64_t nanos) {
  PerRoute& r = routes_[static_cast<size_t>(route)];
  r.by_status[StatusIndex(status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(nanos) * 1e-9;
  size_t b = 0;
  while (b < kBucketSeconds.size() && seconds > kBucketSeconds[b]) ++b;
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.sum_nanos.fetch_add(static_cast<std::uint64_t>(nanos < 0 ? 0 : nanos),
                        std::memory_order_relaxed);
}

void Metrics::RecordVerdict(const Verdict& verdict) {
  const size_t kind = !verdict.violations.empty() ? 1 : (!verdict.unknown.empty() ? 2 : 0);
  verdicts_[kind].fetch_add(1, std::memory_order_relaxed);
  for (const Violation& v : verdict.violations) {
    const auto c = static_cast<size_t>(v.category);
    if (c < categories_.size()) categories_[c].fetch_add(1, std::memory_order_relaxed);
  }
}

void Metrics::RecordBreach(const Verdict& verdict) {
  breaches_.fetch_add(1, std::memory_order_relaxed);
  for (const Violation& v : verdict.violations) {
    const auto c = static_cast<size_t>(v.category);
    if (c < breach_categories_.size())
      breach_categories_[c].fetch_add(1, std::memory_order_relaxed);
  }
}

std::string Metrics::Render() const {
  std::string out;
  char buf[256];
  out +=
      "# HELP reducheck_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE reducheck_http_requests_total counter\n";
  for (size_t r = 0; r < kRouteCount; ++r) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      const auto n = routes_[r].by_status[s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      const std::string code = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
      std::snprintf(buf, sizeof buf,
                    "reducheck_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n",
                    std::string(RouteName(static_cast<Route>(r))).c_str(), code.c_str(),
                    static_cast<unsigned long long>(n));
      out += buf;
    }
  }
  out +=
      "# HELP reducheck_http_request_duration_seconds Time from a parsed request to its "
      "response, by route.\n# TYPE reducheck_http_request_duration_seconds histogram\n";
  for (size_t r = 0; r < kRouteCount; ++r) {
    const std::string route(RouteName(static_cast<Route>(r)));
    std::uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBucketSeconds.size(); ++b) {
      cumulative += routes_[r].buckets[b].load(std::memory_order_relaxed);
      if (b < kBucketSeconds.size()) {
        std::snprintf(
            buf, sizeof buf,
            "reducheck_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
            route.c_str(), kBucketSeconds[b], static_cast<unsigned long long>(cumulative));
      } else {
        std::snprintf(
            buf, sizeof buf,
            "reducheck_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
            route.c_str(), static_cast<unsigned long long>(cumulative));
      }
      out += buf;
    }
    std::snprintf(buf, sizeof buf,
                  "reducheck_http_request_duration_seconds_sum{route=\"%s\"} %.9f\n"
                  "reducheck_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  route.c_str(),
                  static_cast<double>(routes_[r].sum_nanos.load(std::memory_order_relaxed)) * 1e-9,
                  route.c_str(), static_cast<unsigned long long>(cumulative));
    out += buf;
  }
  out +=
      "# HELP reducheck_verdicts_total Verdicts returned by /v1/check.\n"
      "# TYPE reducheck_verdicts_total counter\n";
  static constexpr const char* kVerdicts[] = {"pass", "fail", "unknown"};
  for (size_t i = 0; i < verdicts_.size(); ++i) {
    std::snprintf(buf, sizeof buf, "reducheck_verdicts_total{verdict=\"%s\"} %llu\n", kVerdicts[i],
                  static_cast<unsigned long long>(verdicts_[i].load(std::memory_order_relaxed)));
    out += buf;
  }
  out +=
      "# HELP reducheck_violations_total Violations in /v1/check verdicts, by penalty "
      "category (1 restricted_original_shares .. 5 short_swing).\n"
      "# TYPE reducheck_violations_total counter\n";
  for (size_t c = 1; c < categories_.size(); ++c) {
    std::snprintf(buf, sizeof buf,
                  "reducheck_violations_total{category=\"%zu\",name=\"%s\"} %llu\n", c,
                  std::string(CategoryName(static_cast<Category>(c))).c_str(),
                  static_cast<unsigned long long>(categories_[c].load(std::memory_order_relaxed)));
    out += buf;
  }
  out +=
      "# HELP reducheck_breaches_total Recorded executions whose verdict failed (GET /v1/alerts), "
      "since the service started.\n"
      "# TYPE reducheck_breaches_total counter\n";
  std::snprintf(buf, sizeof buf, "reducheck_breaches_total %llu\n",
                static_cast<unsigned long long>(breaches_.load(std::memory_order_relaxed)));
  out += buf;
  out +=
      "# HELP reducheck_breach_violations_total Violations of recorded executions, by penalty "
      "category.\n# TYPE reducheck_breach_violations_total counter\n";
  for (size_t c = 1; c < breach_categories_.size(); ++c) {
    std::snprintf(
        buf, sizeof buf, "reducheck_breach_violations_total{category=\"%zu\",name=\"%s\"} %llu\n",
        c, std::string(CategoryName(static_cast<Category>(c))).c_str(),
        static_cast<unsigned long long>(breach_categories_[c].load(std::memory_order_relaxed)));
    out += buf;
  }
  out +=
      "# HELP reducheck_audit_lines_total Lines handed to the audit log.\n"
      "# TYPE reducheck_audit_lines_total counter\n";
  std::snprintf(buf, sizeof buf, "reducheck_audit_lines_total %llu\n",
                static_cast<unsigned long long>(audit_lines_.load(std::memory_order_relaxed)));
  out += buf;
  return out;
}

}  // namespace reducheck::service
