// `reducheck calendar verify` (calendar_command.h).
#include "cli/calendar_command.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "input/date.h"
#include "input/file.h"
#include "input/limits.h"
#include "reducheck/adapters/calendar_reader.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/engine/calendar.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::cli {
namespace {

// Trading days a year of the A-share calendar has had (2017-2026: 242-244) with a margin; a
// count outside signals a year pasted twice, a missing holiday or a closure list of another year.
constexpr int kMinTradingDays = 236;
constexpr int kMaxTradingDays = 250;

// The holiday seasons (month, day .. month, day inclusive) in which the exchanges have closed
// on weekdays: every statutory holiday with its possible bridges and make-up days. A closure
// outside every season is an ordinary working day closed by mistake.
struct Season {
  const char* name;
  int m1, d1, m2, d2;
};
constexpr Season kSeasons[] = {
    {"New Year", 12, 28, 12, 31},
    {"New Year", 1, 1, 1, 4},
    {"Spring Festival", 1, 19, 2, 28},  // 除夕 falls Jan 20 - Feb 19; 8 days from it
    {"Qingming", 4, 2, 4, 8},
    {"Labour Day", 4, 27, 5, 7},
    {"Dragon Boat", 5, 26, 6, 26},  // 五月初五 falls May 28 - Jun 25
    {"Mid-Autumn / National Day", 9, 6, 10, 10},
};

// Hong Kong general holidays (General Holidays Ordinance, Cap. 149) with their possible dates
// and Monday substitutes for a Sunday holiday.
constexpr Season kHkSeasons[] = {
    {"New Year", 1, 1, 1, 2},
    {"Lunar New Year", 1, 21, 2, 23},  // 正月初一 falls Jan 21 - Feb 20; 3 days, one substitute
    {"Easter / Ching Ming", 3, 20, 4, 27},  // Good Friday .. Easter Monday; 清明 Apr 4-6
    {"Labour Day / Buddha's Birthday", 4, 25, 5, 29},  // 四月初八 falls Apr 26 - May 26
    {"Tuen Ng", 5, 28, 6, 26},
    {"HKSAR Establishment Day", 7, 1, 7, 2},
    {"Mid-Autumn / National Day", 9, 8, 10, 10},  // the day after 中秋: Sep 8 - Oct 8
    {"Chung Yeung", 10, 1, 11, 2},                // 九月初九 falls Oct 1 - Nov 1
    {"Christmas", 12, 25, 12, 28},
};

bool InSeason(Date d, std::span<const Season> seasons) {
  const int md = d.month() * 100 + d.day();
  for (const Season& s : seasons) {
    if (md >= s.m1 * 100 + s.d1 && md <= s.m2 * 100 + s.d2) return true;
  }
  return false;
}

// One closure entry as written: `- A` or `- A..B` under closures.<year>, with its line.
struct Entry {
  int line = 0;
  int year = 0;
  int index = 0;
  Date first;
  Date last;
};

// The closure entries of the file in written order (a light scan of the text the reader has
// already accepted: the reader checks the syntax, this only needs the order and the lines).
std::vector<Entry> ScanEntries(const std::string& text) {
  std::vector<Entry> out;
  bool in_closures = false;
  int year = 0;
  int index = 0;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    const bool top = !std::isspace(static_cast<unsigned char>(line.front()));
    if (top) {
      in_closures = line.substr(0, 9) == "closures:";
      year = 0;
      continue;
    }
    if (!in_closures) continue;
    std::size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    std::string_view rest = line.substr(i);
    if (rest.size() >= 5 && rest[4] == ':' && std::isdigit(static_cast<unsigned char>(rest[0]))) {
      year = std::stoi(std::string(rest.substr(0, 4)));
      index = 0;
      continue;
    }
    if (year == 0 || rest.substr(0, 2) != "- ") continue;
    rest = rest.substr(2);
    const std::size_t dots = rest.find("..");
    const std::optional<Date> a = input::ParseIsoDate(rest.substr(0, dots), nullptr);
    const std::optional<Date> b =
        dots == std::string_view::npos ? a : input::ParseIsoDate(rest.substr(dots + 2), nullptr);
    if (a && b) out.push_back(Entry{line_no, year, index, *a, *b});
    ++index;
  }
  return out;
}

bool IsWeekend(Date d) {
  const auto wd = d.day_of_week().as_number();
  return wd == 0 || wd == 6;
}

int TradingDaysIn(const TradingCalendar& cal, int year) {
  const Date first(static_cast<unsigned short>(year), 1, 1);
  const Date last(static_cast<unsigned short>(year), 12, 31);
  return cal.TradingDayOrdinal(last) - cal.TradingDayOrdinal(first) +
         (cal.IsTradingDay(first) ? 1 : 0);
}

std::string Status(const TradingCalendar& cal, int year) {
  return year <= cal.last_official_year() ? "official" : "provisional";
}

void PrintProblem(std::ostream& out, const adapters::Diagnostic& d) {
  out << adapters::Format(d) << '\n';
}

// What changed from `old_cal` to `new_cal`: coverage, per-year status, days closed and opened.
void PrintChanges(const TradingCalendar& old_cal, const TradingCalendar& new_cal,
                  const std::string& old_name, std::ostream& out) {
  out << "changes against " << old_name << " (" << old_cal.id() << "):\n";
  int changes = 0;
  if (old_cal.id() != new_cal.id()) {
    out << "  id: " << old_cal.id() << " -> " << new_cal.id() << '\n';
    ++changes;
  }
  const int first = std::min<int>(old_cal.first_day().year(), new_cal.first_day().year());
  const int last = std::max<int>(old_cal.last_day().year(), new_cal.last_day().year());
  std::map<int, std::set<Date>> old_closed;
  std::map<int, std::set<Date>> new_closed;
  for (Date d : old_cal.closures()) old_closed[d.year()].insert(d);
  for (Date d : new_cal.closures()) new_closed[d.year()].insert(d);
  for (int y = first; y <= last; ++y) {
    const Date jan1(static_cast<unsigned short>(y), 1, 1);
    const bool in_old = old_cal.Covers(jan1);
    const bool in_new = new_cal.Covers(jan1);
    if (!in_old && !in_new) continue;
    if (in_old != in_new) {
      out << "  " << y << ": "
          << (in_new ? "added (" + Status(new_cal, y) + ", " +
                           std::to_string(TradingDaysIn(new_cal, y)) + " trading days)"
                     : std::string("removed"))
          << '\n';
      ++changes;
      continue;
    }
    std::string line;
    if (Status(old_cal, y) != Status(new_cal, y)) {
      line += " " + Status(old_cal, y) + " -> " + Status(new_cal, y) + ";";
    }
    std::string closed;
    std::string opened;
    for (Date d : new_closed[y]) {
      if (old_closed[y].count(d) == 0) closed += " " + ToIso(d);
    }
    for (Date d : old_closed[y]) {
      if (new_closed[y].count(d) == 0) opened += " " + ToIso(d);
    }
    if (!closed.empty()) line += " now closed:" + closed + ";";
    if (!opened.empty()) line += " now trading:" + opened + ";";
    const int n_old = TradingDaysIn(old_cal, y);
    const int n_new = TradingDaysIn(new_cal, y);
    if (n_old != n_new) {
      line += " trading days " + std::to_string(n_old) + " -> " + std::to_string(n_new) + ";";
    }
    if (!line.empty()) {
      line.pop_back();
      out << "  " << y << ":" << line << '\n';
      ++changes;
    }
  }
  if (changes == 0) out << "  none\n";
}

}  // namespace

int RunCalendarVerify(const CalendarVerifyOptions& options, std::ostream& out, std::ostream& err) {
  std::string read_error;
  const std::optional<std::string> text =
      input::ReadInputFile(options.file, input::kMaxDocumentBytes, &read_error);
  if (!text) {
    err << options.file << ": cannot read the calendar file: " << read_error << '\n';
    return kExitBadInput;
  }
  adapters::CalendarLoad load = adapters::ReadCalendarText(*text, options.file);
  std::vector<adapters::Diagnostic> problems = std::move(load.problems);

  if (load.calendar) {
    const TradingCalendar& cal = *load.calendar;
    const std::span<const Season> seasons = load.market == "hk"
                                                ? std::span<const Season>(kHkSeasons)
                                                : std::span<const Season>(kSeasons);
    // Sorted, no overlap: each entry of a year starts after the previous one ends.
    std::map<int, const Entry*> previous;
    const std::vector<Entry> entries = ScanEntries(*text);
    for (const Entry& e : entries) {
      const std::string field =
          "closures." + std::to_string(e.year) + "[" + std::to_string(e.index) + "]";
      auto it = previous.find(e.year);
      if (it != previous.end() && e.first <= it->second->last) {
        problems.push_back({options.file, e.line, 0, field,
                            ToIso(e.first) + " is not after the previous entry (line " +
                                std::to_string(it->second->line) +
                                "): list each year's closures in date order, without overlap"});
      }
      previous[e.year] = &e;
      // No closure on an ordinary working day outside the holiday seasons.
      for (Date d = e.first; d <= e.last; d += boost::gregorian::days(1)) {
        if (IsWeekend(d) || InSeason(d, seasons)) continue;
        problems.push_back({options.file, e.line, 0, field,
                            ToIso(d) + " is an ordinary working day: it lies outside every "
                                       "holiday season (docs/calendar-format.md)"});
      }
    }
    // A plausible number of trading days per year.
    for (int y = cal.first_day().year(); y <= cal.last_day().year(); ++y) {
      const int n = TradingDaysIn(cal, y);
      if (n < kMinTradingDays || n > kMaxTradingDays) {
        problems.push_back({options.file, 0, 0, "closures." + std::to_string(y),
                            std::to_string(n) + " trading days in " + std::to_string(y) +
                                " (expected " + std::to_string(kMinTradingDays) + " to " +
                                std::to_string(kMaxTradingDays) + ")"});
      }
    }
  }

  if (!problems.empty()) {
    for (const adapters::Diagnostic& d : problems) PrintProblem(out, d);
    out << options.file << ": " << problems.size() << " problem"
        << (problems.size() == 1 ? "" : "s") << '\n';
    return kExitFail;
  }
  const TradingCalendar& cal = *load.calendar;
  out << options.file << ": valid: " << cal.id() << ", " << ToIso(cal.first_day()) << " to "
      << ToIso(cal.last_day()) << "; official through " << ToIso(cal.last_official_day());
  if (cal.has_provisional()) {
    out << ", provisional " << cal.last_official_year() + 1 << "-" << cal.last_day().year();
  }
  out << '\n';
  for (int y = cal.first_day().year(); y <= cal.last_day().year(); ++y) {
    out << "  " << y << ": " << TradingDaysIn(cal, y) << " trading days, " << Status(cal, y)
        << '\n';
  }

  std::string against = options.against;
  if (against.empty()) {
    against = adapters::DefaultRulesDir(options.rules_dir) +
              (load.market == "hk" ? "/calendars/hkex.yaml" : "/calendars/cn-a-share.yaml");
  }
  adapters::CalendarLoad shipped = adapters::ReadCalendarFile(against);
  if (!shipped.calendar) {
    for (const adapters::Diagnostic& d : shipped.problems) err << adapters::Format(d) << '\n';
    err << against << ": cannot read the calendar to compare with\n";
    return kExitBadInput;
  }
  PrintChanges(*shipped.calendar, cal, against, out);
  return kExitPass;
}

}  // namespace reducheck::cli
