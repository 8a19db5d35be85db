// Private helpers shared by the YAML readers (scenario, rule pack): strict scalar parsers and
// a FieldReader that reads typed fields out of yaml-cpp nodes while collecting Diagnostics.
//
// Contract of every FieldReader getter: it never throws; on a problem it records one
// Diagnostic (file, 1-based line/column of the offending node, field path, message) and returns
// nullopt. A missing optional field, or one set to null, is nullopt without a Diagnostic.
#ifndef REDUCHECK_ADAPTERS_YAML_YAML_FIELDS_H_
#define REDUCHECK_ADAPTERS_YAML_YAML_FIELDS_H_

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters_internal {

// ---- Strict text parsers (no YAML); on failure `error` (if given) says what was wrong. ----

// Exactly "YYYY-MM-DD" (4-2-2 digits) naming a real calendar day within the accepted range
// (input/date.h: 1900-01-01 to 2199-12-31).
std::optional<Date> ParseIsoDate(std::string_view text, std::string* error);
// An optional '-' then decimal digits; nothing else, no overflow.
std::optional<std::int64_t> ParseWholeNumber(std::string_view text);
// "1", "1.0", "0.25" with at most `decimals` fraction digits, scaled by 10^decimals
// ("1.0", 2 -> 100). No sign, exponent or spaces. Exact: never goes through floating point.
std::optional<std::int64_t> ParseFixedDecimal(std::string_view text, int decimals,
                                              std::string* error);

// ---- Field paths: "holders[0].lots[2].shares". ----
std::string FieldPath(const std::string& parent, std::string_view key);
std::string IndexPath(const std::string& parent, std::size_t index);

enum class Need { kOptional, kRequired };
enum class Sign { kPositive, kNonNegative, kAny };

// "a, b, c" from the contract names of every value in `all`.
template <typename E>
std::vector<std::string_view> EnumNames(std::initializer_list<E> all) {
  std::vector<std::string_view> names;
  for (E e : all) names.push_back(Name(e));
  return names;
}

class FieldReader {
 public:
  explicit FieldReader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  std::size_t problem_count() const { return problems_.size(); }
  // The problems so far, in the order they were reported.
  const std::vector<adapters::Diagnostic>& problems() const { return problems_; }
  // The problems so far, this file's sorted by position (stable), other files' after them.
  std::vector<adapters::Diagnostic> TakeProblems();

  // Records a problem at `at` (or with no position when `at` has none).
  void Report(const YAML::Node& at, const std::string& field, std::string message);
  // Records a problem at a 1-based position in `file` (0 = unknown).
  void ReportAt(const std::string& file, int line, int column, const std::string& field,
                std::string message);

  // True when `node` is a mapping. Reports a non-mapping, non-scalar keys, duplicate keys and
  // keys outside `keys` (with a did-you-mean hint). Returns true even when keys were bad, so
  // the known fields can still be read.
  bool Map(const YAML::Node& node, const std::string& path, std::span<const std::string_view> keys);
  // True when `node` is a non-null sequence; reports anything else but null.
  bool Seq(const YAML::Node& node, const std::string& path);

  // The non-null value of `key`; reports a missing or null required field.
  std::optional<YAML::Node> Field(const YAML::Node& map, std::string_view key,
                                  const std::string& path, Need need);
  // The value of `key` (null included), or nullopt when absent or `map` is not a mapping.
  static std::optional<YAML::Node> Find(const YAML::Node& map, std::string_view key);

  // Typed getters on a map's field. `path` is the map's path; the field's is path.key.
  // Text: a non-empty single-line value (input/text.h: at most kMaxTextBytes, no control or
  // invisible formatting character). Id: the same for identifiers, at most kMaxIdBytes.
  std::optional<std::string> Text(const YAML::Node& map, std::string_view key,
                                  const std::string& path, Need need);
  std::optional<std::string> Id(const YAML::Node& map, std::string_view key,
                                const std::string& path, Need need);
  std::optional<Date> DateField(const YAML::Node& map, std::string_view key,
                                const std::string& path, Need need);
  std::optional<std::int64_t> Integer(const YAML::Node& map, std::string_view key,
                                      const std::string& path, Need need, std::int64_t min,
                                      std::int64_t max);
  // A positive whole number of shares.
  std::optional<Shares> ShareCount(const YAML::Node& map, std::string_view key,
                                   const std::string& path, Need need);
  std::optional<Money> Amount(const YAML::Node& map, std::string_view key, const std::string& path,
                              Need need, Sign sign);
  std::optional<bool> Flag(const YAML::Node& map, std::string_view key, const std::string& path,
                           Need need);
  // A percentage with at most 2 decimals, in (0, 100], as basis points ("1.0" -> 100).
  std::optional<std::int32_t> PercentBp(const YAML::Node& map, std::string_view key,
                                        const std::string& path, Need need);

  template <typename E>
  std::optional<E> Enum(const YAML::Node& map, std::string_view key, const std::string& path,
                        Need need, std::string_view noun,
                        std::optional<E> (*parse)(std::string_view),
                        const std::vector<std::string_view>& names) {
    std::optional<YAML::Node> node = Field(map, key, path, need);
    if (!node) return std::nullopt;
    return EnumValue(*node, FieldPath(path, key), noun, parse, names);
  }

  // Value-level getters for sequence items; `field` is the item's own path.
  std::optional<std::string> TextValue(const YAML::Node& node, const std::string& field);
  std::optional<std::string> IdValue(const YAML::Node& node, const std::string& field);
  std::optional<Date> DateValue(const YAML::Node& node, const std::string& field);

  template <typename E>
  std::optional<E> EnumValue(const YAML::Node& node, const std::string& field,
                             std::string_view noun, std::optional<E> (*parse)(std::string_view),
                             const std::vector<std::string_view>& names) {
    std::optional<std::string> text = ScalarText(node, field, noun);
    if (!text) return std::nullopt;
    if (std::optional<E> value = parse(*text)) return value;
    ReportUnknownName(node, field, noun, *text, names);
    return std::nullopt;
  }

  // The scalar text of `node`; reports a mapping, a sequence or null ("expected <what>").
  std::optional<std::string> ScalarText(const YAML::Node& node, const std::string& field,
                                        std::string_view what);

 private:
  void ReportUnknownName(const YAML::Node& node, const std::string& field, std::string_view noun,
                         const std::string& text, const std::vector<std::string_view>& names);

  std::string file_;
  std::vector<adapters::Diagnostic> problems_;
};

}  // namespace reducheck::adapters_internal

#endif  // REDUCHECK_ADAPTERS_YAML_YAML_FIELDS_H_
