#include "explain.h"

#include <cstdlib>

#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {

std::string Iso(Date d) { return ToIso(d); }

std::string Num(Shares n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  const int len = static_cast<int>(digits.size());
  for (int i = 0; i < len; ++i) {
    if (i > 0 && (len - i) % 3 == 0) out += ',';
    out += digits[static_cast<size_t>(i)];
  }
  return n < 0 ? "-" + out : out;
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
    case Method::kCentralizedBidding: return "centralized bidding";
    case Method::kBlockTrade: return "block trade";
    case Method::kAgreementTransfer: return "agreement transfer";
    case Method::kInquiryTransfer: return "inquiry transfer";
  }
  return "?";
}

std::string MethodZh(Method m) {
  switch (m) {
    case Method::kCentralizedBidding: return "集中竞价";
    case Method::kBlockTrade: return "大宗交易";
    case Method::kAgreementTransfer: return "协议转让";
    case Method::kInquiryTransfer: return "询价转让";
  }
  return "?";
}

}  // namespace reducheck::rules_internal
