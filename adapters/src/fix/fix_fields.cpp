#include "fix/fix_fields.h"

#include <cstdio>

namespace reducheck {
namespace fix {

namespace {

constexpr int kTag60 = 60;  // TransactTime

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
void CivilFromDays(long z, long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

}  // namespace

bool IsSell(const std::string& side) { return side == "2" || side == "5" || side == "6"; }

// A positive whole number of shares, or throws IncorrectDataFormat (a session-level reject).
std::int64_t Quantity(const FIX::Message& m, int tag) {
  const std::string& v = m.getField(tag);
  std::int64_t n = 0;
  if (v.empty() || v.size() > 15) throw FIX::IncorrectDataFormat(tag, v);
  // Digits, optionally followed by a decimal point and zeros ("100.0" is 100 shares); anything
  // else, a fraction of a share included, is refused.
  const std::size_t dot = v.find('.');
  const std::size_t end = dot == std::string::npos ? v.size() : dot;
  if (end == 0) throw FIX::IncorrectDataFormat(tag, v);
  if (dot != std::string::npos && v.find_first_not_of('0', dot + 1) != std::string::npos)
    throw FIX::IncorrectDataFormat(tag, v);
  for (std::size_t i = 0; i < end; ++i) {
    const char c = v[i];
    if (c < '0' || c > '9') throw FIX::IncorrectDataFormat(tag, v);
    n = n * 10 + (c - '0');
  }
  if (n <= 0) throw FIX::IncorrectTagValue(tag);
  return n;
}

// A decimal price as sent, or throws IncorrectDataFormat.
std::string PriceText(const FIX::Message& m, int tag) {
  if (!m.isSetField(tag)) return "";
  const std::string& v = m.getField(tag);
  int dots = 0, digits = 0;
  for (const char c : v) {
    if (c == '.')
      ++dots;
    else if (c >= '0' && c <= '9')
      ++digits;
    else
      throw FIX::IncorrectDataFormat(tag, v);
  }
  if (dots > 1 || digits == 0 || v.size() > 20) throw FIX::IncorrectDataFormat(tag, v);
  return v;
}

// TransactTime (UTC, "YYYYMMDD-HH:MM:SS[.sss]") as the trading date in China Standard Time
// (UTC+8, no daylight saving). Throws IncorrectDataFormat when it is not such a time.
std::string CstDate(const FIX::Message& m) {
  const std::string& v = m.getField(kTag60);
  auto digits = [&](std::size_t at, std::size_t n) {
    long out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (i >= v.size() || v[i] < '0' || v[i] > '9') throw FIX::IncorrectDataFormat(kTag60, v);
      out = out * 10 + (v[i] - '0');
    }
    return out;
  };
  if (v.size() < 17 || v[8] != '-' || v[11] != ':' || v[14] != ':')
    throw FIX::IncorrectDataFormat(kTag60, v);
  const long y = digits(0, 4), mo = digits(4, 2), d = digits(6, 2), h = digits(9, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || digits(12, 2) > 59 || digits(15, 2) > 60)
    throw FIX::IncorrectDataFormat(kTag60, v);
  long days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  long cy = 0;
  unsigned cm = 0, cd = 0;
  CivilFromDays(days, cy, cm, cd);
  if (cm != static_cast<unsigned>(mo) || cd != static_cast<unsigned>(d))
    throw FIX::IncorrectDataFormat(kTag60, v);  // 2026-02-30
  if (h + 8 >= 24) ++days;
  CivilFromDays(days, cy, cm, cd);
  char out[16];
  std::snprintf(out, sizeof out, "%04ld-%02u-%02u", cy, cm, cd);
  return out;
}

}  // namespace fix
}  // namespace reducheck
