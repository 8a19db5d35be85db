// TradingCalendar: precomputed day index over whole years (spec §10, CAL).
//
// cum_[i] counts the trading days in [first_, first_ + i]; by_ordinal_[k - 1] is the offset of the
// k-th trading day. Every query is two array reads.
#include "reducheck/engine/calendar.h"

#include <algorithm>
#include <utility>

namespace reducheck {
namespace {

// boost::gregorian supports years 1400..9999; keep a margin so first_day/last_day stay valid.
constexpr int kMinYear = 1401;
constexpr int kMaxYear = 9998;
// Bounds the index size (about 365 bytes * 8 per year); a calendar file has a handful of years.
constexpr int kMaxYears = 200;

bool IsWeekend(Date d) {
  const auto wd = d.day_of_week().as_number();  // 0 = Sunday, 6 = Saturday
  return wd == 0 || wd == 6;
}

// "YYYY-MM-DD" without boost's stream-based formatters (the engine includes no stream headers).
std::string Iso(Date d) {
  const auto ymd = d.year_month_day();
  std::string out = std::to_string(static_cast<int>(ymd.year));
  out += ymd.month < 10 ? "-0" : "-";
  out += std::to_string(static_cast<int>(ymd.month));
  out += ymd.day < 10 ? "-0" : "-";
  out += std::to_string(static_cast<int>(ymd.day));
  return out;
}

}  // namespace

Result<TradingCalendar> TradingCalendar::Create(std::string id, int first_year, int last_year,
                                                std::vector<Date> closures) {
  return Create(std::move(id), first_year, last_year, std::move(closures), last_year);
}

Result<TradingCalendar> TradingCalendar::Create(std::string id, int first_year, int last_year,
                                                std::vector<Date> closures,
                                                int last_official_year) {
  if (first_year < kMinYear || last_year > kMaxYear || first_year > last_year) {
    return InvalidInput("calendar " + id + ": bad year range " + std::to_string(first_year) + ".." +
                        std::to_string(last_year));
  }
  if (last_year - first_year + 1 > kMaxYears) {
    return InvalidInput("calendar " + id + ": more than " + std::to_string(kMaxYears) + " years");
  }
  if (last_official_year < first_year - 1 || last_official_year > last_year) {
    return InvalidInput("calendar " + id + ": last official year " +
                        std::to_string(last_official_year) + " is outside " +
                        std::to_string(first_year - 1) + ".." + std::to_string(last_year));
  }
  if (last_year - last_official_year > ProvisionalYears::kMaxYears) {
    return InvalidInput("calendar " + id + ": more than " +
                        std::to_string(ProvisionalYears::kMaxYears) + " provisional years");
  }
  TradingCalendar cal;
  cal.id_ = std::move(id);
  cal.first_ = Date(static_cast<unsigned short>(first_year), 1, 1);
  cal.last_ = Date(static_cast<unsigned short>(last_year), 12, 31);
  cal.last_official_year_ = last_official_year;
  cal.first_provisional_ = Date(static_cast<unsigned short>(last_official_year + 1), 1, 1);

  std::sort(closures.begin(), closures.end());
  for (std::size_t i = 0; i < closures.size(); ++i) {
    const Date d = closures[i];
    if (d.is_special()) {
      return InvalidInput("calendar " + cal.id_ + ": closure is not a date");
    }
    const std::string iso = Iso(d);
    if (d < cal.first_ || d > cal.last_) {
      return OutOfRange("calendar " + cal.id_ + ": closure " + iso + " is outside " +
                        std::to_string(first_year) + ".." + std::to_string(last_year));
    }
    if (IsWeekend(d)) {
      return InvalidInput("calendar " + cal.id_ + ": closure " + iso +
                          " is a weekend day (only weekday closures are listed)");
    }
    if (i > 0 && closures[i - 1] == d) {
      return InvalidInput("calendar " + cal.id_ + ": closure " + iso + " is listed twice");
    }
  }
  cal.closures_ = std::move(closures);

  const int days = static_cast<int>((cal.last_ - cal.first_).days()) + 1;
  cal.cum_.resize(static_cast<std::size_t>(days));
  cal.by_ordinal_.reserve(static_cast<std::size_t>(days) * 5 / 7 + 1);
  std::size_t next_closure = 0;
  std::int32_t count = 0;
  Date d = cal.first_;
  for (int i = 0; i < days; ++i, d += boost::gregorian::days(1)) {
    bool closed = IsWeekend(d);
    if (next_closure < cal.closures_.size() && cal.closures_[next_closure] == d) {
      closed = true;
      ++next_closure;
    }
    if (!closed) {
      ++count;
      cal.by_ordinal_.push_back(i);
    }
    cal.cum_[static_cast<std::size_t>(i)] = count;
  }
  return cal;
}

void TradingCalendar::NoteProvisional(Date a, Date b, ProvisionalYears& out) const {
  // REQUIRES: b >= first_provisional_. Years max(a, first provisional)..min(b, last day).
  const int base = last_official_year_ + 1;
  const int from = std::max<int>(a.year(), base);
  const int to = std::min<int>(b.year(), last_.year());
  if (from > to) return;
  const int lo = from - base;
  const int n = to - from + 1;
  const std::uint64_t ones = n >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << n) - 1);
  out.first_year = base;
  out.bits |= ones << lo;
}

bool TradingCalendar::IsTradingDay(Date d) const {
  if (!Covers(d)) return false;  // REQUIRES violated: answer conservatively
  const int i = Offset(d);
  const std::int32_t before = i == 0 ? 0 : cum_[static_cast<std::size_t>(i - 1)];
  return cum_[static_cast<std::size_t>(i)] != before;
}

std::optional<int> TradingCalendar::TradingDaysBetween(Date a, Date b) const {
  if (!Covers(a) || !Covers(b)) return std::nullopt;
  const int ia = Offset(a);
  const int ib = Offset(b);
  if (ib <= ia + 1) return 0;
  // Trading days in [a + 1, b - 1] = cum(b - 1) - cum(a).
  return cum_[static_cast<std::size_t>(ib - 1)] - cum_[static_cast<std::size_t>(ia)];
}

std::optional<Date> TradingCalendar::AddTradingDays(Date d, int n) const {
  if (!Covers(d) || n < 0) return std::nullopt;
  if (n == 0) {
    if (!IsTradingDay(d)) return std::nullopt;
    return d;
  }
  // Trading days on or before d are ordinals 1..cum(d); the n-th after d is ordinal cum(d) + n.
  const std::int64_t k = static_cast<std::int64_t>(cum_[static_cast<std::size_t>(Offset(d))]) + n;
  if (k > static_cast<std::int64_t>(by_ordinal_.size())) return std::nullopt;
  return first_ + boost::gregorian::days(by_ordinal_[static_cast<std::size_t>(k - 1)]);
}

std::optional<Date> TradingCalendar::TradingDayOnOrAfter(Date d) const {
  if (!Covers(d)) return std::nullopt;
  if (IsTradingDay(d)) return d;
  const std::size_t k = static_cast<std::size_t>(cum_[static_cast<std::size_t>(Offset(d))]);
  if (k >= by_ordinal_.size()) return std::nullopt;  // no trading day left in the calendar
  return first_ + boost::gregorian::days(by_ordinal_[k]);
}

std::optional<Date> TradingCalendar::TradingDayOnOrBefore(Date d) const {
  if (!Covers(d)) return std::nullopt;
  const std::int32_t k = cum_[static_cast<std::size_t>(Offset(d))];
  if (k == 0) return std::nullopt;  // no trading day yet in the calendar
  return first_ + boost::gregorian::days(by_ordinal_[static_cast<std::size_t>(k - 1)]);
}

int TradingCalendar::TradingDayOrdinal(Date d) const {
  // REQUIRES: Covers(d). Outside the range the count is clamped (0 before, total after).
  if (d.is_special() || d < first_) return 0;
  if (d > last_) return static_cast<int>(by_ordinal_.size());
  return cum_[static_cast<std::size_t>(Offset(d))];
}

}  // namespace reducheck
