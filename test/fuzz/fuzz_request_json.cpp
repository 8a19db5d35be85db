// libFuzzer target: the service's JSON request readers (POST /v1/check, /v1/executions,
// /v1/announcements; the first byte picks one). Besides never crashing, a request that reads
// must have a canonical form that reads back to the same canonical form (what is hashed, stored
// and audited must describe the request exactly): a difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "service/request_json.h"

namespace {

[[noreturn]] void Mismatch(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "%s\n  first:  %s\n  second: %s\n", what, a.c_str(), b.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reducheck::service;
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0:
    case 1: {
      const OrderKind kind = data[0] % 3 == 0 ? OrderKind::kCheck : OrderKind::kExecution;
      Parsed<OrderRequest> p = ParseOrderRequest(body, kind);
      if (!p.value) return 0;
      const std::string company = p.value->company.value_or("C1");
      const std::string canonical = CanonicalOrder(company, p.value->order);
      Parsed<OrderRequest> again = ParseOrderRequest(canonical, kind);
      if (!again.value) Mismatch("the canonical order does not read back", canonical, "");
      const std::string twice =
          CanonicalOrder(again.value->company.value_or("C1"), again.value->order);
      if (twice != canonical)
        Mismatch("the canonical order changed on a second pass", canonical, twice);
      break;
    }
    default: {
      Parsed<AnnouncementRequest> p = ParseAnnouncementRequest(body);
      if (!p.value) return 0;
      const std::string company = p.value->company.value_or("C1");
      const std::string canonical = CanonicalAnnouncement(company, p.value->announcement);
      Parsed<AnnouncementRequest> again = ParseAnnouncementRequest(canonical);
      if (!again.value) Mismatch("the canonical announcement does not read back", canonical, "");
      const std::string twice =
          CanonicalAnnouncement(again.value->company.value_or("C1"), again.value->announcement);
      if (twice != canonical) {
        Mismatch("the canonical announcement changed on a second pass", canonical, twice);
      }
      break;
    }
  }
  return 0;
}
