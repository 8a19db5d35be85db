// Money: parsing, formatting and multiplication on exact 1/10000-yuan units.
#include "reducheck/engine/money.h"

#include <cstdlib>
#include <limits>

#include "reducheck/engine/int128.h"

namespace reducheck {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Money> Money::Parse(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && text[pos] == '-') {
    negative = true;
    ++pos;
  }
  // Integer part: one or more digits.
  const std::size_t int_begin = pos;
  Int128 magnitude = 0;
  // |int64 min| = 2^63; anything above it overflows whatever the sign.
  const Int128 limit = static_cast<Int128>(kMax) + 1;
  while (pos < text.size() && IsDigit(text[pos])) {
    magnitude = magnitude * 10 + (text[pos] - '0');
    if (magnitude * kUnitsPerYuan > limit) return std::nullopt;
    ++pos;
  }
  if (pos == int_begin) return std::nullopt;
  magnitude *= kUnitsPerYuan;
  // Optional fraction: '.' followed by 1-4 digits.
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t frac_begin = pos;
    Int128 scale = kUnitsPerYuan;
    while (pos < text.size() && IsDigit(text[pos])) {
      if (pos - frac_begin >= 4) return std::nullopt;  // more than 4 decimals
      scale /= 10;
      magnitude += (text[pos] - '0') * scale;
      ++pos;
    }
    if (pos == frac_begin) return std::nullopt;  // "31." has no decimals
  }
  if (pos != text.size()) return std::nullopt;  // spaces, exponents, '+', trailing junk
  if (negative) {
    if (magnitude > limit) return std::nullopt;
    return Money(static_cast<std::int64_t>(-magnitude));
  }
  if (magnitude > static_cast<Int128>(kMax)) return std::nullopt;
  return Money(static_cast<std::int64_t>(magnitude));
}

std::string Money::ToString(int decimals) const {
  // Contract: 2 or 4; any value in 0..4 works, others are clamped.
  if (decimals < 0) decimals = 0;
  if (decimals > 4) decimals = 4;
  std::uint64_t divisor = 1;
  for (int i = decimals; i < 4; ++i) divisor *= 10;
  const bool negative = units_ < 0;
  // Magnitude without overflowing on int64 min.
  const std::uint64_t mag =
      negative ? static_cast<std::uint64_t>(-(units_ + 1)) + 1 : static_cast<std::uint64_t>(units_);
  std::uint64_t q = mag / divisor;
  if ((mag % divisor) * 2 >= divisor && divisor > 1) ++q;  // half away from zero
  std::uint64_t frac_scale = 1;
  for (int i = 0; i < decimals; ++i) frac_scale *= 10;
  const std::uint64_t whole = q / frac_scale;
  const std::uint64_t frac = q % frac_scale;

  std::string out;
  if (negative && q != 0) out.push_back('-');  // never "-0.00"
  out += std::to_string(whole);
  if (decimals > 0) {
    std::string digits = std::to_string(frac);
    out.push_back('.');
    out.append(static_cast<std::size_t>(decimals) - digits.size(), '0');
    out += digits;
  }
  return out;
}

std::optional<Money> Money::Times(Shares shares) const {
  const Int128 product = static_cast<Int128>(units_) * shares;
  if (product > kMax || product < kMin) return std::nullopt;
  return Money(static_cast<std::int64_t>(product));
}

}  // namespace reducheck
