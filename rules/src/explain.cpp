#include "explain.h"

#include <cstdint>
#include <cstdlib>

#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {

std::string Iso(Date d) { return ToIso(d); }

std::string Num(Shares n) {
  // Digits written backwards into a buffer, a comma every three (no temporary strings: failing
  // verdicts format a few dozen numbers).
  char buf[32];
  char* p = buf + sizeof buf;
  // Unsigned magnitude: -n would overflow for the most negative value.
  std::uint64_t u = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
    ++digits;
  } while (u != 0);
  if (n < 0) *--p = '-';
  return std::string(p, static_cast<size_t>(buf + sizeof buf - p));
}

std::string Pct(Shares part, Shares whole) {
  if (whole <= 0) return "n/a";
  const Int128 scaled = static_cast<Int128>(part) * 1000000 / whole;  // percent * 10^4
  const auto v = static_cast<long long>(scaled);
  const long long frac = std::llabs(v) % 10000;
  std::string out = v < 0 ? "-" : "";
  out += std::to_string(std::llabs(v) / 10000);
  out += '.';
  for (long long div = 1000; div > 0; div /= 10) out += static_cast<char>('0' + (frac / div) % 10);
  out += '%';
  return out;
}

std::string BpText(std::int64_t bp) {
  std::string s = std::to_string(bp / 100);
  const auto cents = static_cast<int>(bp % 100);
  if (cents != 0) {
    s += '.';
    s += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) s += static_cast<char>('0' + cents % 10);
  }
  s += '%';
  return s;
}

std::string MethodEn(Method m) {
  switch (m) {
    case Method::kCentralizedBidding:
      return "centralized bidding";
    case Method::kBlockTrade:
      return "block trade";
    case Method::kAgreementTransfer:
      return "agreement transfer";
    case Method::kInquiryTransfer:
      return "inquiry transfer";
  }
  return "?";
}

std::string MethodZh(Method m) {
  switch (m) {
    case Method::kCentralizedBidding:
      return "集中竞价";
    case Method::kBlockTrade:
      return "大宗交易";
    case Method::kAgreementTransfer:
      return "协议转让";
    case Method::kInquiryTransfer:
      return "询价转让";
  }
  return "?";
}

}  // namespace reducheck::rules_internal
