#include "input/date.h"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>

#include "input/limits.h"
#include "input/text.h"

namespace reducheck::input {

namespace {

bool AllDigits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int DigitsToInt(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Quote(std::string_view s) { return "'" + Printable(s, 40) + "'"; }

}  // namespace

Date MinDate() { return Date(static_cast<unsigned short>(kMinYear), 1, 1); }
Date MaxDate() { return Date(static_cast<unsigned short>(kMaxYear), 12, 31); }
bool InDateRange(Date d) { return !d.is_special() && d >= MinDate() && d <= MaxDate(); }

std::string DateRangeText() {
  return boost::gregorian::to_iso_extended_string(MinDate()) + " to " +
         boost::gregorian::to_iso_extended_string(MaxDate());
}

std::optional<Date> ParseIsoDate(std::string_view text, std::string* error) {
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      AllDigits(text.substr(0, 4)) && AllDigits(text.substr(5, 2)) &&
                      AllDigits(text.substr(8, 2));
  if (!shaped) {
    if (error) *error = "expected a date as YYYY-MM-DD, got " + Quote(text);
    return std::nullopt;
  }
  const int year = DigitsToInt(text.substr(0, 4));
  const int month = DigitsToInt(text.substr(5, 2));
  const int day = DigitsToInt(text.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || year < 1 ||
      day > boost::gregorian::gregorian_calendar::end_of_month_day(
                static_cast<unsigned short>(std::max(year, 1400)),
                static_cast<unsigned short>(month))) {
    if (error) *error = Quote(text) + " is not a valid date";
    return std::nullopt;
  }
  if (year < kMinYear || year > kMaxYear) {
    if (error) {
      *error = Quote(text) + " is outside the dates reducheck accepts (" + DateRangeText() + ")";
    }
    return std::nullopt;
  }
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

}  // namespace reducheck::input
