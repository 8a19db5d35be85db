// Spreadsheet cell values (sheet_values.h).
#include "reducheck/adapters/sheet_values.h"

#include <array>
#include <cstddef>
#include <exception>
#include <limits>
#include <vector>

#include "input/date.h"

namespace reducheck::adapters {

namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";           // U+00A0
constexpr std::string_view kIdeoSpace = "\xE3\x80\x80";  // U+3000

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Digits with optional thousands separators: "1234" or "1,234,567" (groups of exactly three
// after the first, which has one to three). Appends the bare digits to `out`.
bool GroupedDigits(std::string_view s, std::string& out) {
  if (s.empty()) return false;
  if (s.find(',') == std::string_view::npos) {
    for (char c : s) {
      if (!IsDigit(c)) return false;
    }
    out.append(s);
    return true;
  }
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t comma = s.find(',', start);
    const std::string_view group =
        s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (first ? (group.empty() || group.size() > 3) : group.size() != 3) return false;
    for (char c : group) {
      if (!IsDigit(c)) return false;
    }
    out.append(group);
    first = false;
    if (comma == std::string_view::npos) return true;
    start = comma + 1;
  }
}

std::optional<std::int64_t> DigitsValue(std::string_view digits) {
  std::int64_t v = 0;
  for (char c : digits) {
    if (v > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Splits "Y<sep>M<sep>D" into numbers; each part all digits. `seps` are the accepted separators
// between the parts (one per gap).
bool SplitDate(std::string_view s, std::string_view sep1, std::string_view sep2,
               std::string_view tail, std::array<std::string_view, 3>& parts) {
  const std::size_t a = s.find(sep1);
  if (a == std::string_view::npos) return false;
  const std::size_t b = s.find(sep2, a + sep1.size());
  if (b == std::string_view::npos) return false;
  if (s.size() < tail.size() || s.substr(s.size() - tail.size()) != tail) return false;
  parts[0] = s.substr(0, a);
  parts[1] = s.substr(a + sep1.size(), b - a - sep1.size());
  parts[2] = s.substr(b + sep2.size(), s.size() - tail.size() - b - sep2.size());
  for (std::string_view p : parts) {
    if (p.empty() || p.size() > 4) return false;
    for (char c : p) {
      if (!IsDigit(c)) return false;
    }
  }
  return true;
}

}  // namespace

std::string_view TrimCell(std::string_view text) {
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    const char c = text.front();
    if (c == ' ' || c == '\t' || c == '\r') {
      text.remove_prefix(1);
      changed = true;
    } else if (text.substr(0, 2) == kNbsp) {
      text.remove_prefix(2);
      changed = true;
    } else if (text.substr(0, 3) == kIdeoSpace) {
      text.remove_prefix(3);
      changed = true;
    }
  }
  changed = true;
  while (changed && !text.empty()) {
    changed = false;
    const char c = text.back();
    if (c == ' ' || c == '\t' || c == '\r') {
      text.remove_suffix(1);
      changed = true;
    } else if (text.size() >= 2 && text.substr(text.size() - 2) == kNbsp) {
      text.remove_suffix(2);
      changed = true;
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == kIdeoSpace) {
      text.remove_suffix(3);
      changed = true;
    }
  }
  return text;
}

std::optional<Date> ParseSheetDate(std::string_view raw, std::string* error) {
  const std::string_view s = TrimCell(raw);
  const auto fail = [&](std::string message) -> std::optional<Date> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  const std::string expected =
      "expected a date as YYYY-MM-DD (also YYYY/MM/DD, YYYY-M-D or YYYY年M月D日), got " + Quote(s);
  if (s.empty()) return fail(expected);
  std::array<std::string_view, 3> p;
  bool split = false;
  for (std::string_view sep : {"-", "/", "."}) {
    if (SplitDate(s, sep, sep, "", p)) {
      split = true;
      break;
    }
  }
  if (!split && SplitDate(s, "年", "月", "日", p)) split = true;
  if (!split) {
    if (s.find(' ') != std::string_view::npos || s.find('T') != std::string_view::npos ||
        s.find(':') != std::string_view::npos) {
      return fail(expected +
                  " (a date with a time of day is not accepted: format the cell as a "
                  "date only)");
    }
    return fail(expected);
  }
  if (p[0].size() != 4) {
    if (p[2].size() == 4 || p[2].size() == 2) {
      return fail("ambiguous date " + Quote(s) +
                  ": day and month order cannot be known (is it day/month or month/day?); write "
                  "the year first, YYYY-MM-DD");
    }
    return fail(expected);
  }
  if (p[1].size() > 2 || p[2].size() > 2) return fail(expected);
  const int year = static_cast<int>(*DigitsValue(p[0]));
  const int month = static_cast<int>(*DigitsValue(p[1]));
  const int day = static_cast<int>(*DigitsValue(p[2]));
  std::optional<Date> date;
  try {
    date = Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
  } catch (const std::exception&) {
    return fail(Quote(s) + " is not a valid date");
  }
  // The range every reader accepts (input/date.h).
  if (!input::InDateRange(*date)) {
    return fail(Quote(s) + " is outside the dates reducheck accepts (" + input::DateRangeText() +
                ")");
  }
  return date;
}

std::optional<std::int64_t> ParseSheetWholeNumber(std::string_view raw) {
  std::string_view s = TrimCell(raw);
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  std::string digits;
  if (!GroupedDigits(s, digits)) return std::nullopt;
  const std::optional<std::int64_t> v = DigitsValue(digits);
  if (!v) return std::nullopt;
  return negative ? -*v : *v;
}

std::optional<std::int64_t> ParseSheetScaled(std::string_view raw, int decimals) {
  const std::string_view s = TrimCell(raw);
  const std::size_t dot = s.find('.');
  std::string digits;
  if (!GroupedDigits(s.substr(0, dot), digits)) return std::nullopt;
  std::string_view frac;
  if (dot != std::string_view::npos) {
    frac = s.substr(dot + 1);
    if (frac.empty() || static_cast<int>(frac.size()) > decimals) return std::nullopt;
    for (char c : frac) {
      if (!IsDigit(c)) return std::nullopt;
    }
  }
  digits.append(frac);
  digits.append(static_cast<std::size_t>(decimals) - frac.size(), '0');
  return DigitsValue(digits);
}

std::optional<Money> ParseSheetAmount(std::string_view raw) {
  std::string_view s = TrimCell(raw);
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  const std::optional<std::int64_t> units = ParseSheetScaled(s, 4);
  if (!units) return std::nullopt;
  return Money::FromUnits(negative ? -*units : *units);
}

}  // namespace reducheck::adapters
