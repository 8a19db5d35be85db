// Strict scalar parsing and typed field access for the YAML readers (see yaml_fields.h).
#include "yaml/yaml_fields.h"

#include <algorithm>
#include <charconv>
#include <exception>
#include <set>
#include <system_error>
#include <tuple>

#include "input/date.h"
#include "input/limits.h"
#include "input/text.h"

namespace reducheck::adapters_internal {
namespace {

using input::kMaxShares;  // 10^15: far above any listed company
constexpr int kMaxFractionDigits = 9;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

int DigitsToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// A value quoted in a message: control and invisible characters escaped, cut when long.
std::string Quote(std::string_view s) { return "'" + input::Printable(s) + "'"; }

// How a node looks, for "expected X, got Y" messages.
std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Scalar:
      return Quote(node.Scalar());
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::optional<YAML::Node> Lookup(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return std::nullopt;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text, std::string* error) {
  return input::ParseIsoDate(text, error);
}

std::optional<std::int64_t> ParseWholeNumber(std::string_view text) {
  const std::string_view digits = !text.empty() && text[0] == '-' ? text.substr(1) : text;
  if (!AllDigits(digits)) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> ParseFixedDecimal(std::string_view text, int decimals,
                                              std::string* error) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  constexpr std::size_t kMaxWholeDigits = 9;
  const bool shaped = AllDigits(whole) && whole.size() <= kMaxWholeDigits &&
                      (dot == std::string_view::npos || AllDigits(fraction)) && decimals >= 0 &&
                      decimals <= kMaxFractionDigits;
  if (!shaped) {
    if (error) *error = "expected a decimal number like 1.0 or 0.25, got " + Quote(text);
    return std::nullopt;
  }
  if (fraction.size() > static_cast<std::size_t>(decimals)) {
    if (error) {
      *error = Quote(text) + " has more than " + std::to_string(decimals) + " decimals";
    }
    return std::nullopt;
  }
  std::int64_t value = DigitsToInt(whole);
  for (int i = 0; i < decimals; ++i) {
    const std::size_t pos = static_cast<std::size_t>(i);
    value = value * 10 + (pos < fraction.size() ? fraction[pos] - '0' : 0);
  }
  return value;
}

std::string FieldPath(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

std::string IndexPath(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::vector<adapters::Diagnostic> FieldReader::TakeProblems() {
  std::stable_sort(problems_.begin(), problems_.end(),
                   [this](const adapters::Diagnostic& a, const adapters::Diagnostic& b) {
                     return std::make_tuple(a.file != file_, a.line, a.column) <
                            std::make_tuple(b.file != file_, b.line, b.column);
                   });
  return std::move(problems_);
}

void FieldReader::Report(const YAML::Node& at, const std::string& field, std::string message) {
  int line = 0;
  int column = 0;
  try {
    const YAML::Mark mark = at.Mark();
    if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
      line = mark.line + 1;
      column = mark.column + 1;
    }
  } catch (const YAML::Exception&) {
    // An invalid node has no position; report without one.
  }
  ReportAt(file_, line, column, field, std::move(message));
}

void FieldReader::ReportAt(const std::string& file, int line, int column, const std::string& field,
                           std::string message) {
  problems_.push_back(adapters::Diagnostic{file, line, column, field, std::move(message)});
}

bool FieldReader::Map(const YAML::Node& node, const std::string& path,
                      std::span<const std::string_view> keys) {
  if (!node.IsMap()) {
    Report(node, path, "expected a mapping of key: value, got " + Describe(node));
    return false;
  }
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;  // a copy: `it->` yields a temporary proxy
    if (!key.IsScalar()) {
      Report(key, path, "keys must be plain names, got " + Describe(key));
      continue;
    }
    const std::string& name = key.Scalar();
    if (!seen.insert(name).second) {
      Report(key, FieldPath(path, name), "duplicate key " + Quote(name));
      continue;
    }
    if (std::find(keys.begin(), keys.end(), name) != keys.end()) continue;
    std::string message = "unknown key " + Quote(name);
    const std::string suggestion = adapters::ClosestMatch(name, {keys.begin(), keys.end()});
    if (!suggestion.empty()) {
      message += "; did you mean " + Quote(suggestion) + "?";
    } else {
      message += "; expected one of: " + JoinNames(keys);
    }
    Report(key, FieldPath(path, name), std::move(message));
  }
  return true;
}

bool FieldReader::Seq(const YAML::Node& node, const std::string& path) {
  if (node.IsSequence()) return true;
  if (!node.IsNull()) Report(node, path, "expected a list, got " + Describe(node));
  return false;
}

std::optional<YAML::Node> FieldReader::Find(const YAML::Node& map, std::string_view key) {
  return Lookup(map, key);
}

std::optional<YAML::Node> FieldReader::Field(const YAML::Node& map, std::string_view key,
                                             const std::string& path, Need need) {
  std::optional<YAML::Node> value = Lookup(map, key);
  if (value && !value->IsNull()) return value;
  if (need == Need::kRequired) {
    if (value) {
      Report(*value, FieldPath(path, key), "is required and may not be null");
    } else {
      Report(map, FieldPath(path, key), "missing required field " + Quote(key));
    }
  }
  return std::nullopt;
}

std::optional<std::string> FieldReader::ScalarText(const YAML::Node& node, const std::string& field,
                                                   std::string_view what) {
  if (node.IsScalar()) return node.Scalar();
  Report(node, field, "expected " + std::string(what) + ", got " + Describe(node));
  return std::nullopt;
}

std::optional<std::string> FieldReader::TextValue(const YAML::Node& node,
                                                  const std::string& field) {
  std::optional<std::string> text = ScalarText(node, field, "text");
  if (text && text->empty()) {
    Report(node, field, "may not be empty");
    return std::nullopt;
  }
  if (text) {
    if (std::string problem = input::TextValueProblem(*text); !problem.empty()) {
      Report(node, field, std::move(problem));
      return std::nullopt;
    }
  }
  return text;
}

std::optional<std::string> FieldReader::IdValue(const YAML::Node& node, const std::string& field) {
  std::optional<std::string> text = ScalarText(node, field, "an identifier");
  if (!text) return std::nullopt;
  if (std::string problem = input::IdProblem(*text); !problem.empty()) {
    Report(node, field, std::move(problem));
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> FieldReader::Id(const YAML::Node& map, std::string_view key,
                                           const std::string& path, Need need) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  return IdValue(*node, FieldPath(path, key));
}

std::optional<std::string> FieldReader::Text(const YAML::Node& map, std::string_view key,
                                             const std::string& path, Need need) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  return TextValue(*node, FieldPath(path, key));
}

std::optional<Date> FieldReader::DateValue(const YAML::Node& node, const std::string& field) {
  std::optional<std::string> text = ScalarText(node, field, "a date as YYYY-MM-DD");
  if (!text) return std::nullopt;
  std::string error;
  std::optional<Date> date = ParseIsoDate(*text, &error);
  if (!date) Report(node, field, error);
  return date;
}

std::optional<Date> FieldReader::DateField(const YAML::Node& map, std::string_view key,
                                           const std::string& path, Need need) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  return DateValue(*node, FieldPath(path, key));
}

std::optional<std::int64_t> FieldReader::Integer(const YAML::Node& map, std::string_view key,
                                                 const std::string& path, Need need,
                                                 std::int64_t min, std::int64_t max) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  const std::string field = FieldPath(path, key);
  std::optional<std::string> text = ScalarText(*node, field, "a whole number");
  if (!text) return std::nullopt;
  std::optional<std::int64_t> value = ParseWholeNumber(*text);
  if (!value) {
    Report(*node, field, "expected a whole number, got " + Quote(*text));
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    Report(*node, field,
           "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
               *text);
    return std::nullopt;
  }
  return value;
}

std::optional<Shares> FieldReader::ShareCount(const YAML::Node& map, std::string_view key,
                                              const std::string& path, Need need) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  const std::string field = FieldPath(path, key);
  std::optional<std::string> text = ScalarText(*node, field, "a whole number of shares");
  if (!text) return std::nullopt;
  std::optional<std::int64_t> value = ParseWholeNumber(*text);
  if (!value) {
    Report(*node, field, "expected a whole number of shares, got " + Quote(*text));
    return std::nullopt;
  }
  if (*value <= 0) {
    Report(*node, field, "must be a positive number of shares, got " + *text);
    return std::nullopt;
  }
  if (*value > kMaxShares) {
    Report(*node, field, "is too large (at most " + std::to_string(kMaxShares) + " shares)");
    return std::nullopt;
  }
  return value;
}

std::optional<Money> FieldReader::Amount(const YAML::Node& map, std::string_view key,
                                         const std::string& path, Need need, Sign sign) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  const std::string field = FieldPath(path, key);
  std::optional<std::string> text = ScalarText(*node, field, "an amount in RMB");
  if (!text) return std::nullopt;
  std::optional<Money> value = Money::Parse(*text);
  if (!value) {
    Report(*node, field,
           "expected an amount in RMB like 25.00 (at most 4 decimals), got " + Quote(*text));
    return std::nullopt;
  }
  if (sign == Sign::kPositive && value->units() <= 0) {
    Report(*node, field, "must be greater than 0, got " + *text);
    return std::nullopt;
  }
  if (sign == Sign::kNonNegative && value->units() < 0) {
    Report(*node, field, "may not be negative, got " + *text);
    return std::nullopt;
  }
  return value;
}

std::optional<bool> FieldReader::Flag(const YAML::Node& map, std::string_view key,
                                      const std::string& path, Need need) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  const std::string field = FieldPath(path, key);
  std::optional<std::string> text = ScalarText(*node, field, "true or false");
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "True" || *text == "TRUE") return true;
  if (*text == "false" || *text == "False" || *text == "FALSE") return false;
  Report(*node, field, "expected true or false, got " + Quote(*text));
  return std::nullopt;
}

std::optional<std::int32_t> FieldReader::PercentBp(const YAML::Node& map, std::string_view key,
                                                   const std::string& path, Need need) {
  std::optional<YAML::Node> node = Field(map, key, path, need);
  if (!node) return std::nullopt;
  const std::string field = FieldPath(path, key);
  std::optional<std::string> text = ScalarText(*node, field, "a percentage like 1.0");
  if (!text) return std::nullopt;
  std::string error;
  std::optional<std::int64_t> bp = ParseFixedDecimal(*text, 2, &error);
  if (!bp) {
    Report(*node, field, "expected a percentage with at most 2 decimals: " + error);
    return std::nullopt;
  }
  constexpr std::int64_t kHundredPercentBp = 10000;
  if (*bp <= 0 || *bp > kHundredPercentBp) {
    Report(*node, field, "must be a percentage above 0 and at most 100, got " + *text);
    return std::nullopt;
  }
  return static_cast<std::int32_t>(*bp);
}

void FieldReader::ReportUnknownName(const YAML::Node& node, const std::string& field,
                                    std::string_view noun, const std::string& text,
                                    const std::vector<std::string_view>& names) {
  std::string message = "unknown " + std::string(noun) + " " + Quote(text) + ";";
  const std::string suggestion = adapters::ClosestMatch(text, names);
  if (!suggestion.empty()) message += " did you mean " + Quote(suggestion) + "?";
  message += " allowed: " + JoinNames(names);
  Report(node, field, std::move(message));
}

}  // namespace reducheck::adapters_internal
