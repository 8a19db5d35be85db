// Reads rules/calendars/*.yaml (format: docs/calendar-format.md) into a TradingCalendar.
//
// Every problem is collected as a Diagnostic (file:line:column, field path, message) and reading
// carries on, so one run reports all typos. No exception leaves this file: yaml-cpp's are caught
// here and dates are validated before boost::gregorian could throw.
#include "reducheck/adapters/calendar_reader.h"

#include <yaml-cpp/yaml.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <exception>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include "input/date.h"
#include "input/file.h"
#include "input/limits.h"
#include "input/text.h"
#include "input/yaml_document.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {
namespace {

constexpr std::string_view kRangeSeparator = "..";

bool IsWeekend(Date d) {
  const auto wd = d.day_of_week().as_number();  // 0 = Sunday, 6 = Saturday
  return wd == 0 || wd == 6;
}

std::string Iso(Date d) { return boost::gregorian::to_iso_extended_string(d); }

// Strict "YYYY-MM-DD" naming a real day in the range every input accepts (input/date.h).
std::optional<Date> ParseIsoDate(std::string_view s) { return input::ParseIsoDate(s, nullptr); }

// A plain decimal year (no sign, no spaces) in the accepted date range (input/limits.h).
std::optional<int> ParseYear(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < input::kMinYear || v > input::kMaxYear) return std::nullopt;
  return v;
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  CalendarLoad Read(const std::string& text) {
    CalendarLoad out;
    // UTF-8, no control characters, one document, bounded nesting and size (input/).
    if (auto problems = input::CheckYamlInput(text, file_); !problems.empty()) {
      out.problems = std::move(problems);
      return out;
    }
    try {
      const YAML::Node root = YAML::Load(text);
      ReadRoot(root);
    } catch (const YAML::Exception& e) {
      Add(e.mark, "", "invalid YAML: " + e.msg);
    } catch (const std::exception& e) {
      Add(YAML::Mark::null_mark(), "", std::string("cannot read calendar: ") + e.what());
    }
    if (problems_.empty()) {
      Result<TradingCalendar> cal = TradingCalendar::Create(
          id_, *first_year_, *last_year_, std::move(closures_), last_official_year_);
      if (cal.ok()) {
        out.calendar = std::move(cal).value();
        out.market = hkex_ ? "hk" : "cn";
      } else {
        Add(YAML::Mark::null_mark(), "closures", cal.status().message());
      }
    }
    out.problems = std::move(problems_);
    return out;
  }

 private:
  void Add(const YAML::Mark& mark, std::string field, std::string message) {
    Diagnostic d;
    d.file = file_;
    if (!mark.is_null() && mark.line >= 0) {
      d.line = mark.line + 1;
      d.column = mark.column + 1;
    }
    d.field = std::move(field);
    d.message = std::move(message);
    problems_.push_back(std::move(d));
  }

  // The scalar text of `node`, or nullopt (and a diagnostic) when it is not a scalar.
  std::optional<std::string> Scalar(const YAML::Node& node, const std::string& field,
                                    std::string_view expected) {
    if (!node.IsScalar()) {
      Add(node.Mark(), field, "expected " + std::string(expected));
      return std::nullopt;
    }
    if (std::string problem = input::TextValueProblem(node.Scalar()); !problem.empty()) {
      Add(node.Mark(), field, std::move(problem));
      return std::nullopt;
    }
    return node.Scalar();
  }

  // Checks that `node` is a mapping with unique scalar keys drawn from `allowed`, and returns
  // key -> (key node, value node). `required` keys that are missing are reported.
  std::map<std::string, std::pair<YAML::Node, YAML::Node>> Mapping(
      const YAML::Node& node, const std::string& field, const std::set<std::string>& allowed,
      const std::set<std::string>& required) {
    std::map<std::string, std::pair<YAML::Node, YAML::Node>> out;
    if (!node.IsMap()) {
      Add(node.Mark(), field, "expected a mapping");
      return out;
    }
    const std::string prefix = field.empty() ? "" : field + ".";
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        Add(kv.first.Mark(), field, "keys must be plain names");
        continue;
      }
      const std::string key = kv.first.Scalar();
      if (allowed.count(key) == 0) {
        Add(kv.first.Mark(), prefix + key, "unknown key");
        continue;
      }
      if (!out.emplace(key, std::make_pair(kv.first, kv.second)).second) {
        Add(kv.first.Mark(), prefix + key, "duplicate key");
      }
    }
    for (const std::string& key : required) {
      if (out.count(key) == 0) Add(node.Mark(), prefix + key, "required key is missing");
    }
    return out;
  }

  void ReadRoot(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) {
      Add(YAML::Mark::null_mark(), "", "empty calendar file");
      return;
    }
    const std::set<std::string> keys = {"id",        "exchanges", "first_year",
                                        "last_year", "sources",   "closures"};
    auto fields = Mapping(root, "", keys, keys);
    if (fields.count("id")) ReadId(fields["id"].second);
    if (fields.count("exchanges")) ReadExchanges(fields["exchanges"].second);
    if (fields.count("first_year"))
      first_year_ = ReadYearValue(fields["first_year"].second, "first_year");
    if (fields.count("last_year"))
      last_year_ = ReadYearValue(fields["last_year"].second, "last_year");
    const bool years_ok = first_year_ && last_year_;
    if (years_ok && *first_year_ > *last_year_) {
      Add(fields["last_year"].second.Mark(), "last_year", "last_year is before first_year");
      return;
    }
    if (fields.count("sources")) ReadSources(fields["sources"].second, years_ok);
    if (fields.count("closures")) ReadClosures(fields["closures"].second, years_ok);
    if (!years_ok) return;
    if (fields.count("sources")) CheckStatusOrder(fields["sources"].second);
    for (int y = *first_year_; y <= *last_year_; ++y) {
      if (fields.count("closures") && closure_years_.count(y) == 0) {
        Add(fields["closures"].second.Mark(), "closures." + std::to_string(y),
            "year " + std::to_string(y) +
                " is covered but has no closures entry (use [] if it truly has none)");
      }
      if (fields.count("sources") && source_years_.count(y) == 0) {
        Add(fields["sources"].second.Mark(), "sources",
            "year " + std::to_string(y) + " has no source notice");
      }
    }
  }

  void ReadId(const YAML::Node& node) {
    auto s = Scalar(node, "id", "a calendar id string");
    if (!s) return;
    if (s->empty()) {
      Add(node.Mark(), "id", "id must not be empty");
      return;
    }
    id_ = *s;
  }

  // SSE, SZSE and BSE (market cn) or HKEX alone (market hk).
  void ReadExchanges(const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
      Add(node.Mark(), "exchanges", "expected a non-empty list of SSE, SZSE, BSE, or [HKEX]");
      return;
    }
    std::set<Exchange> seen;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string field = "exchanges[" + std::to_string(i) + "]";
      auto s = Scalar(node[i], field, "an exchange name");
      if (!s) continue;
      if (*s == "HKEX") {
        if (node.size() != 1) {
          Add(node[i].Mark(), field,
              "HKEX keeps its own calendar: list it alone, not with SSE, SZSE or BSE");
        }
        hkex_ = true;
        continue;
      }
      auto ex = ParseExchange(*s);
      if (!ex) {
        Add(node[i].Mark(), field,
            "unknown exchange '" + *s + "' (expected SSE, SZSE, BSE, or HKEX alone)");
      } else if (!seen.insert(*ex).second) {
        Add(node[i].Mark(), field, "exchange '" + *s + "' listed twice");
      }
    }
  }

  std::optional<int> ReadYearValue(const YAML::Node& node, const std::string& field) {
    auto s = Scalar(node, field, "a year such as 2025");
    if (!s) return std::nullopt;
    auto y = ParseYear(*s);
    if (!y)
      Add(node.Mark(), field,
          "'" + *s + "' is not a year (expected 4 digits, " + std::to_string(input::kMinYear) +
              " to " + std::to_string(input::kMaxYear) + ")");
    return y;
  }

  void ReadSources(const YAML::Node& node, bool years_ok) {
    if (!node.IsSequence() || node.size() == 0) {
      Add(node.Mark(), "sources", "expected a non-empty list of source notices");
      return;
    }
    const std::set<std::string> allowed = {"year", "status", "title", "refs", "rule", "note"};
    const std::set<std::string> required = {"year", "status", "title", "refs"};
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string field = "sources[" + std::to_string(i) + "]";
      auto f = Mapping(node[i], field, allowed, required);
      std::optional<int> year;
      if (f.count("year")) {
        auto y = ReadYearValue(f["year"].second, field + ".year");
        if (y && years_ok && (*y < *first_year_ || *y > *last_year_)) {
          Add(f["year"].second.Mark(), field + ".year",
              "year " + std::to_string(*y) + " is outside first_year..last_year");
        } else if (y) {
          source_years_.insert(*y);
          year = y;
        }
      }
      if (f.count("status")) ReadStatus(f, field, year);
      if (f.count("title")) {
        auto t = Scalar(f["title"].second, field + ".title", "a title string");
        if (t && t->empty()) Add(f["title"].second.Mark(), field + ".title", "empty title");
      }
      if (f.count("refs")) {
        const YAML::Node& refs = f["refs"].second;
        if (!refs.IsSequence() || refs.size() == 0) {
          Add(refs.Mark(), field + ".refs", "expected a non-empty list of URLs or references");
        } else {
          for (std::size_t j = 0; j < refs.size(); ++j) {
            const std::string rf = field + ".refs[" + std::to_string(j) + "]";
            auto r = Scalar(refs[j], rf, "a URL or reference string");
            if (r && r->empty()) Add(refs[j].Mark(), rf, "empty reference");
          }
        }
      }
      if (f.count("note")) Scalar(f["note"].second, field + ".note", "a note string");
    }
  }

  // `status: official` (the year comes from a published notice, cited in title/refs) or
  // `status: provisional` (derived; `rule` says how). Every entry of a year must agree.
  void ReadStatus(std::map<std::string, std::pair<YAML::Node, YAML::Node>>& f,
                  const std::string& field, std::optional<int> year) {
    const YAML::Node& node = f["status"].second;
    auto s = Scalar(node, field + ".status", "official or provisional");
    if (!s) return;
    const bool official = *s == "official";
    if (!official && *s != "provisional") {
      Add(node.Mark(), field + ".status",
          "'" + *s + "' is not a year status (expected official or provisional)");
      return;
    }
    if (official && f.count("rule")) {
      Add(f["rule"].first.Mark(), field + ".rule",
          "only a provisional year has a rule; an official year cites its notice in title/refs");
    }
    if (!official) {
      if (!f.count("rule")) {
        Add(node.Mark(), field + ".rule",
            "a provisional year needs `rule`: how its closures were derived");
      } else if (auto r = Scalar(f["rule"].second, field + ".rule", "a rule description");
                 r && r->empty()) {
        Add(f["rule"].second.Mark(), field + ".rule", "empty rule");
      }
    }
    if (!year) return;
    auto [it, inserted] = year_official_.emplace(*year, official);
    if (!inserted && it->second != official) {
      Add(node.Mark(), field + ".status",
          "year " + std::to_string(*year) + " is listed both official and provisional");
    }
  }

  // Official years come first and without gaps; provisional years follow them (a calendar is
  // never official again after a provisional year). Sets last_official_year_.
  void CheckStatusOrder(const YAML::Node& sources) {
    last_official_year_ = *first_year_ - 1;
    std::optional<int> first_provisional;
    for (int y = *first_year_; y <= *last_year_; ++y) {
      auto it = year_official_.find(y);
      if (it == year_official_.end()) continue;  // reported as "no source notice"
      if (it->second) {
        if (first_provisional) {
          Add(sources.Mark(), "sources",
              "year " + std::to_string(y) + " is official but comes after the provisional year " +
                  std::to_string(*first_provisional) +
                  " (official years must be contiguous from first_year)");
        }
        last_official_year_ = y;
      } else if (!first_provisional) {
        first_provisional = y;
      }
    }
  }

  void ReadClosures(const YAML::Node& node, bool years_ok) {
    if (!node.IsMap()) {
      Add(node.Mark(), "closures", "expected a mapping from year to a list of dates");
      return;
    }
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        Add(kv.first.Mark(), "closures", "keys must be years");
        continue;
      }
      const std::string key = kv.first.Scalar();
      const std::string field = "closures." + key;
      auto year = ParseYear(key);
      if (!year) {
        Add(kv.first.Mark(), field, "'" + key + "' is not a year (expected 4 digits)");
        continue;
      }
      if (years_ok && (*year < *first_year_ || *year > *last_year_)) {
        Add(kv.first.Mark(), field,
            "year " + key + " is outside first_year..last_year (" + std::to_string(*first_year_) +
                ".." + std::to_string(*last_year_) + ")");
        continue;
      }
      if (!closure_years_.insert(*year).second) {
        Add(kv.first.Mark(), field, "year " + key + " listed twice");
        continue;
      }
      ReadYearClosures(kv.second, field, *year);
    }
  }

  void ReadYearClosures(const YAML::Node& node, const std::string& field, int year) {
    if (!node.IsSequence()) {
      Add(node.Mark(), field, "expected a list of dates (use [] for none)");
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item = field + "[" + std::to_string(i) + "]";
      auto s = Scalar(node[i], item, "a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD");
      if (!s) continue;
      const YAML::Mark mark = node[i].Mark();
      const std::size_t sep = s->find(kRangeSeparator);
      if (sep == std::string::npos) {
        auto d = ParseIsoDate(*s);
        if (!d) {
          Add(mark, item,
              "'" + *s + "' is not a valid date (expected YYYY-MM-DD, " + input::DateRangeText() +
                  ")");
          continue;
        }
        if (!CheckDay(*d, mark, item, year)) continue;
        AddClosure(*d, mark, item);
        continue;
      }
      const std::string_view text(*s);
      auto first = ParseIsoDate(text.substr(0, sep));
      auto last = ParseIsoDate(text.substr(sep + kRangeSeparator.size()));
      if (!first || !last) {
        Add(mark, item,
            "'" + *s + "' is not a valid range (expected YYYY-MM-DD..YYYY-MM-DD, " +
                input::DateRangeText() + ")");
        continue;
      }
      if (*last < *first) {
        Add(mark, item, "range '" + *s + "' ends before it starts");
        continue;
      }
      if (!CheckDay(*first, mark, item, year) || !CheckDay(*last, mark, item, year)) continue;
      for (Date d = *first; d <= *last; d += boost::gregorian::days(1)) {
        if (!IsWeekend(d)) AddClosure(d, mark, item);
      }
    }
  }

  // A listed date (or range end) must be in its year's list and be a weekday.
  bool CheckDay(Date d, const YAML::Mark& mark, const std::string& item, int year) {
    if (d.year() != year) {
      Add(mark, item, Iso(d) + " is not in year " + std::to_string(year));
      return false;
    }
    if (IsWeekend(d)) {
      Add(mark, item,
          Iso(d) + " is a weekend day; list only weekday closures (make-up days never trade)");
      return false;
    }
    return true;
  }

  void AddClosure(Date d, const YAML::Mark& mark, const std::string& item) {
    if (!seen_.insert(d).second) {
      Add(mark, item, Iso(d) + " is listed twice");
      return;
    }
    closures_.push_back(d);
  }

  std::string file_;
  std::vector<Diagnostic> problems_;
  std::string id_;
  bool hkex_ = false;  // exchanges: [HKEX]
  std::optional<int> first_year_;
  std::optional<int> last_year_;
  std::set<int> source_years_;
  std::map<int, bool> year_official_;  // year -> official (false: provisional)
  int last_official_year_ = 0;
  std::set<int> closure_years_;
  std::set<Date> seen_;
  std::vector<Date> closures_;
};

}  // namespace

CalendarLoad ReadCalendarText(const std::string& text, const std::string& display_name) {
  try {
    return Reader(display_name).Read(text);
  } catch (const std::exception& e) {  // e.g. std::bad_alloc: still never throw out
    CalendarLoad out;
    out.problems.push_back(
        Diagnostic{display_name, 0, 0, "", std::string("internal error: ") + e.what()});
    return out;
  }
}

CalendarLoad ReadCalendarFile(const std::string& path) {
  std::string error;
  std::optional<std::string> text = input::ReadInputFile(path, input::kMaxDocumentBytes, &error);
  if (!text) {
    CalendarLoad out;
    out.problems.push_back(Diagnostic{path, 0, 0, "", "cannot read the calendar file: " + error});
    return out;
  }
  return ReadCalendarText(*text, path);
}

}  // namespace reducheck::adapters
