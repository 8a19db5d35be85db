// Cell values as spreadsheets write them (issue 13 item 3): the lenient-but-never-ambiguous
// parsers used by the schedule CSV reader, `reducheck import` and any other reader of files a
// person saved from Excel, WPS or LibreOffice in a Chinese or English locale.
//
// What is accepted beyond the strict scenario forms (docs/input-format.md):
//   * surrounding spaces and tabs (and U+00A0 / U+3000, which Chinese Excel pads with);
//   * dates as YYYY-MM-DD, YYYY/MM/DD, YYYY-M-D, YYYY/M/D, YYYY.M.D and YYYY年M月D日;
//   * whole numbers and amounts with thousands separators in groups of three ("1,000,000",
//     "1,234.50"); a separator anywhere else ("1,00,000", "1,0") is refused.
// What is refused with a message saying why: a day-first or month-first date (12/08/2026,
// 8/12/26: the order of day and month cannot be known), two-digit years, a date with a time,
// exponents (1E+6), signs where none is allowed, more decimals than the field takes.
// Pure functions: no locale, no floating point.
#ifndef REDUCHECK_ADAPTERS_SHEET_VALUES_H_
#define REDUCHECK_ADAPTERS_SHEET_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

// `text` without leading and trailing spaces, tabs, CR, U+00A0 (no-break space) and U+3000
// (ideographic space).
std::string_view TrimCell(std::string_view text);

// A calendar date in one of the forms above (after TrimCell). On failure `error` says what was
// expected, and names the ambiguity for day/month-first forms.
std::optional<Date> ParseSheetDate(std::string_view text, std::string* error);

// A whole number, optionally with thousands separators (after TrimCell): "1000000",
// "1,000,000". A leading '-' is kept (the caller applies its range). No decimal point, no
// exponent. nullopt for anything else or on overflow.
std::optional<std::int64_t> ParseSheetWholeNumber(std::string_view text);

// An amount in RMB with at most 4 decimals, optionally with thousands separators in the integer
// part (after TrimCell): "31.20", "1,234.5". A leading '-' is kept. Exact (Money units).
std::optional<Money> ParseSheetAmount(std::string_view text);

// A decimal with thousands separators and at most `decimals` fraction digits, scaled by
// 10^decimals: ("3,600.25", 4) -> 36002500. No sign. Used for 万股 columns and percentages.
std::optional<std::int64_t> ParseSheetScaled(std::string_view text, int decimals);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_SHEET_VALUES_H_
