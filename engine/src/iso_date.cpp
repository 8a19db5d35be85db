#include <string>

#include "reducheck/engine/date_math.h"

namespace reducheck {

std::string ToIso(Date d) {
  if (d.is_special()) return "not-a-date";
  const auto ymd = d.year_month_day();
  std::string s = "0000-00-00";
  auto put = [&](int pos, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      s[static_cast<size_t>(pos + i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, static_cast<int>(ymd.year), 4);
  put(5, static_cast<int>(ymd.month), 2);
  put(8, static_cast<int>(ymd.day), 2);
  return s;
}

}  // namespace reducheck
