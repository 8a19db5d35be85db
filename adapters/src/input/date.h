// Dates as every reducheck input gives them: "YYYY-MM-DD" naming a real day from kMinYear-01-01
// to kMaxYear-12-31 (input/limits.h). Refusing other dates at the edge, with a located error, is
// what keeps the engine's date arithmetic from ever leaving the range its date type supports.
#ifndef REDUCHECK_ADAPTERS_INPUT_DATE_H_
#define REDUCHECK_ADAPTERS_INPUT_DATE_H_

#include <optional>
#include <string>
#include <string_view>

#include "reducheck/engine/types.h"

namespace reducheck::input {

// Exactly 4-2-2 digits naming a real calendar day within the accepted range; on failure `error`
// (if given) says what is wrong and, for a date out of range, names the range.
std::optional<Date> ParseIsoDate(std::string_view text, std::string* error);

Date MinDate();  // kMinYear-01-01
Date MaxDate();  // kMaxYear-12-31
bool InDateRange(Date d);
// "1900-01-01 to 2199-12-31"
std::string DateRangeText();

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_DATE_H_
