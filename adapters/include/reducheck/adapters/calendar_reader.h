// Reads an exchange trading calendar (rules/calendars/*.yaml) into a TradingCalendar.
#ifndef REDUCHECK_ADAPTERS_CALENDAR_READER_H_
#define REDUCHECK_ADAPTERS_CALENDAR_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/calendar.h"

namespace reducheck::adapters {

struct CalendarLoad {
  std::optional<TradingCalendar> calendar;  // set iff problems is empty
  std::vector<Diagnostic> problems;
  // The market whose exchanges the calendar lists: "cn" (SSE, SZSE, BSE) or "hk" (HKEX).
  std::string market;
};

CalendarLoad ReadCalendarText(const std::string& text, const std::string& display_name);
CalendarLoad ReadCalendarFile(const std::string& path);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_CALENDAR_READER_H_
