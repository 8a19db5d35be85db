// Money: exact RMB amounts as an integer count of 0.0001 yuan (1/100 fen).
//
// Four decimals cover exchange prices (2 dp) and back-adjusted closes; amounts are computed
// with 128-bit intermediates and never through floating point.
#ifndef REDUCHECK_ENGINE_MONEY_H_
#define REDUCHECK_ENGINE_MONEY_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reducheck/engine/types.h"

namespace reducheck {

class Money {
 public:
  static constexpr std::int64_t kUnitsPerYuan = 10000;

  constexpr Money() = default;
  static constexpr Money FromUnits(std::int64_t units) { return Money(units); }
  static constexpr Money FromYuan(std::int64_t yuan) { return Money(yuan * kUnitsPerYuan); }

  // Parses "31", "31.5", "31.0000", "-2.25". At most 4 decimals; no exponent, no spaces.
  static std::optional<Money> Parse(std::string_view text);

  constexpr std::int64_t units() const { return units_; }
  // "31000000.00": yuan with exactly `decimals` places (2 or 4), rounded half away from zero.
  std::string ToString(int decimals = 2) const;

  // Value of `shares` at this price. Returns nullopt on overflow of the int64 range.
  std::optional<Money> Times(Shares shares) const;

  friend constexpr auto operator<=>(Money a, Money b) = default;
  friend constexpr Money operator+(Money a, Money b) { return Money(a.units_ + b.units_); }
  friend constexpr Money operator-(Money a, Money b) { return Money(a.units_ - b.units_); }

 private:
  constexpr explicit Money(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_MONEY_H_
