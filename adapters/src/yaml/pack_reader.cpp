// Rule-pack YAML reader (docs/rule-pack-format.md). Parameters are read by the rules layer's
// schema (rules::PackSchema): one given carries a source from the pack's register and is
// range-checked; one omitted takes the schema default. Never throws.
#include "reducheck/adapters/pack_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "input/file.h"
#include "input/text.h"
#include "input/yaml_document.h"
#include "reducheck/rules/pack_check.h"
#include "reducheck/rules/pack_schema.h"
#include "yaml/yaml_fields.h"

namespace reducheck::adapters {
namespace {

using adapters_internal::FieldPath;
using adapters_internal::FieldReader;
using adapters_internal::Need;
using rules::PackRule;
using rules::RulePack;

constexpr std::string_view kTopKeys[] = {"id",       "title",          "market",
                                         "calendar", "effective_from", "effective_to",
                                         "sources",  "parameters",     "rules"};
constexpr std::string_view kSourceKeys[] = {"title_zh",   "title_en",      "article",
                                            "confidence", "in_force_from", "in_force_to"};
constexpr std::string_view kRuleKeys[] = {"category", "applies_from", "citations", "not_applied"};
constexpr std::string_view kCitationKeys[] = {"from", "sources", "zh", "en"};
constexpr std::string_view kEntryKeys[] = {"value", "source", "note", "confidence"};
constexpr std::string_view kConfidences[] = {"verified", "partial", "unverified"};

using rules::ParamDef;
using rules::ParamKind;

// The parameter keys of `market` (a pack sets only its own market's: docs/rule-pack-format.md).
std::vector<std::string_view> ParamKeys(std::string_view market) {
  std::vector<std::string_view> keys;
  for (const ParamDef& spec : rules::PackSchema(market)) keys.push_back(spec.key);
  return keys;
}

std::optional<rules::Eq5Reading> ParseEq5Reading(std::string_view s) {
  if (s == "touch") return rules::Eq5Reading::kTouch;
  if (s == "amplitude") return rules::Eq5Reading::kAmplitude;
  return std::nullopt;
}

std::optional<rules::CapWindow> ParseCapWindow(std::string_view s) {
  if (s == "rolling_90_days") return rules::CapWindow::kRolling90Days;
  if (s == "three_months") return rules::CapWindow::kThreeMonths;
  if (s == "strict") return rules::CapWindow::kStrict;
  return std::nullopt;
}

std::optional<std::string_view> ParseConfidence(std::string_view s) {
  for (std::string_view c : kConfidences) {
    if (s == c) return c;
  }
  return std::nullopt;
}

std::string Quote(std::string_view s) { return "'" + input::Printable(s) + "'"; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsPackId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

struct LegalSource {
  std::string title;       // title_zh, else title_en
  std::string confidence;  // verified | partial | unverified
};

class PackParser {
 public:
  explicit PackParser(const std::string& file) : r_(file) {}

  std::optional<RulePack> Parse(const YAML::Node& root);
  std::vector<Diagnostic> TakeProblems() { return r_.TakeProblems(); }

 private:
  void ParseSources(const YAML::Node& node, const std::string& path, RulePack* pack);
  void ParseRules(const YAML::Node& node, const std::string& path, RulePack* pack);
  void ParseCitation(const YAML::Node& node, const std::string& path, PackRule* rule);
  // Reports each problem of rules::CheckPack at the node of its key (or the nearest parent).
  void ReportPackProblems(const RulePack& pack, const YAML::Node& root);
  void ParseParameters(const YAML::Node& node, const std::string& path, RulePack* pack);
  void ParseParameter(const ParamDef& spec, const YAML::Node& entry, const std::string& path,
                      RulePack* pack);
  bool ParseFour(const ParamDef& spec, const YAML::Node& entry, const std::string& path,
                 RulePack* pack);
  bool ParseValue(const ParamDef& spec, const YAML::Node& entry, const std::string& path,
                  RulePack* pack);
  // "S3 Art.11; S4 SSE Art.20" -> each segment with its source title and confidence.
  std::optional<std::string> RenderSource(const YAML::Node& entry, const std::string& path,
                                          const std::optional<std::string>& confidence);

  FieldReader r_;
  std::map<std::string, LegalSource> sources_;
  std::map<std::string, YAML::Node> nodes_;  // key path -> node, for located pack problems
};

std::optional<RulePack> PackParser::Parse(const YAML::Node& root) {
  if (root.IsNull()) {
    r_.ReportAt(r_.file(), 0, 0, "", "the file is empty; expected a rule pack");
    return std::nullopt;
  }
  if (!r_.Map(root, "", kTopKeys)) return std::nullopt;
  RulePack pack;
  if (auto id = r_.Id(root, "id", "", Need::kRequired)) {
    if (!IsPackId(*id)) {
      r_.Report(*FieldReader::Find(root, "id"), "id",
                "pack ids use lower-case letters, digits, '-', '_' and '.', got " + Quote(*id));
    }
    pack.id = *id;
  }
  pack.title = r_.Text(root, "title", "", Need::kRequired).value_or("");
  pack.market = r_.Id(root, "market", "", Need::kRequired).value_or("");
  pack.calendar = r_.Id(root, "calendar", "", Need::kRequired).value_or("");
  if (auto from = r_.DateField(root, "effective_from", "", Need::kRequired)) {
    pack.effective_from = *from;
  }
  if (std::optional<YAML::Node> to = FieldReader::Find(root, "effective_to")) {
    if (!to->IsNull()) pack.effective_to = r_.DateValue(*to, "effective_to");
    if (pack.effective_to && !pack.effective_from.is_not_a_date() &&
        *pack.effective_to < pack.effective_from) {
      r_.Report(*to, "effective_to", "effective_to is before effective_from");
    }
  } else {
    r_.Report(root, "effective_to",
              "missing required field 'effective_to' (write null while the pack is in force)");
  }
  if (auto sources = r_.Field(root, "sources", "", Need::kRequired)) {
    ParseSources(*sources, "sources", &pack);
  }
  if (auto params = r_.Field(root, "parameters", "", Need::kRequired)) {
    ParseParameters(*params, "parameters", &pack);
  }
  if (auto rules = r_.Field(root, "rules", "", Need::kRequired)) {
    ParseRules(*rules, "rules", &pack);
  }
  // The first citation of a rule applies from the rule's first day in the pack.
  for (PackRule& rule : pack.rules) {
    if (!rule.citations.empty() && rule.citations.front().from.is_not_a_date()) {
      rule.citations.front().from = rule.applies_from.value_or(pack.effective_from);
    }
    for (std::size_t i = 1; i < rule.citations.size(); ++i) {
      if (rule.citations[i].from.is_not_a_date()) {
        const std::string path =
            adapters_internal::IndexPath(FieldPath(FieldPath("rules", rule.id), "citations"), i);
        r_.Report(nodes_.count(path) ? nodes_[path] : root, path,
                  "a later citation needs `from` (the first day it applies)");
      }
    }
  }
  if (r_.problem_count() != 0) return std::nullopt;
  ReportPackProblems(pack, root);
  if (r_.problem_count() != 0) return std::nullopt;
  return pack;
}

void PackParser::ReportPackProblems(const RulePack& pack, const YAML::Node& root) {
  std::vector<rules::PackProblem> problems = rules::CheckParameters(pack);
  for (rules::PackProblem& p : rules::CheckPack(pack)) problems.push_back(std::move(p));
  for (const rules::PackProblem& p : problems) {
    std::string key = p.key;
    YAML::Node at = root;
    for (;;) {
      if (auto it = nodes_.find(key); it != nodes_.end()) {
        at = it->second;
        break;
      }
      if (std::optional<YAML::Node> top = FieldReader::Find(root, key)) {
        at = *top;
        break;
      }
      const std::size_t cut = key.find_last_of(".[");
      if (cut == std::string::npos) break;
      key.resize(cut);
    }
    r_.Report(at, p.key, p.message);
  }
}

void PackParser::ParseRules(const YAML::Node& node, const std::string& path, RulePack* pack) {
  if (!node.IsMap()) {
    r_.Report(node, path, "expected a mapping of rule id -> {category, applies_from, citations}");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      r_.Report(it->first, path, "rule ids must be plain names");
      continue;
    }
    PackRule rule;
    rule.id = it->first.Scalar();
    const std::string entry_path = FieldPath(path, rule.id);
    const YAML::Node entry = it->second;
    nodes_[entry_path] = it->first;
    if (!r_.Map(entry, entry_path, kRuleKeys)) continue;
    if (auto c = r_.Integer(entry, "category", entry_path, Need::kOptional, 0, 5)) {
      rule.category = static_cast<Category>(*c);
    }
    if (std::optional<YAML::Node> from = FieldReader::Find(entry, "applies_from")) {
      nodes_[FieldPath(entry_path, "applies_from")] = *from;
      rule.applies_from = r_.DateValue(*from, FieldPath(entry_path, "applies_from"));
    }
    rule.not_applied = r_.Text(entry, "not_applied", entry_path, Need::kOptional).value_or("");
    if (auto cites = r_.Field(entry, "citations", entry_path,
                              rule.not_applied.empty() ? Need::kRequired : Need::kOptional)) {
      const std::string cites_path = FieldPath(entry_path, "citations");
      if (r_.Seq(*cites, cites_path)) {
        for (std::size_t i = 0; i < cites->size(); ++i) {
          ParseCitation((*cites)[i], adapters_internal::IndexPath(cites_path, i), &rule);
        }
      }
    }
    pack->rules.push_back(std::move(rule));
  }
}

void PackParser::ParseCitation(const YAML::Node& node, const std::string& path, PackRule* rule) {
  nodes_[path] = node;
  if (!r_.Map(node, path, kCitationKeys)) return;
  rules::RuleCitation c;
  if (auto from = r_.DateField(node, "from", path, Need::kOptional)) c.from = *from;
  if (auto list = r_.Field(node, "sources", path, Need::kRequired)) {
    const std::string list_path = FieldPath(path, "sources");
    if (r_.Seq(*list, list_path)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (auto id = r_.IdValue((*list)[i], adapters_internal::IndexPath(list_path, i))) {
          c.sources.push_back(*id);
        }
      }
    }
  }
  c.zh = r_.Text(node, "zh", path, Need::kRequired).value_or("");
  c.en = r_.Text(node, "en", path, Need::kOptional).value_or("");
  rule->citations.push_back(std::move(c));
}

void PackParser::ParseSources(const YAML::Node& node, const std::string& path, RulePack* pack) {
  if (!node.IsMap()) {
    r_.Report(node, path, "expected a mapping of source id -> {title_zh, confidence, ...}");
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      r_.Report(it->first, path, "source ids must be plain names");
      continue;
    }
    const std::string id = it->first.Scalar();
    const std::string entry_path = FieldPath(path, id);
    const YAML::Node entry = it->second;
    if (sources_.count(id)) {
      r_.Report(it->first, entry_path, "duplicate source id " + Quote(id));
      continue;
    }
    if (!r_.Map(entry, entry_path, kSourceKeys)) continue;
    auto zh = r_.Text(entry, "title_zh", entry_path, Need::kOptional);
    auto en = r_.Text(entry, "title_en", entry_path, Need::kOptional);
    r_.Text(entry, "article", entry_path, Need::kOptional);
    if (!zh && !en) r_.Report(entry, entry_path, "give title_zh or title_en (or both)");
    auto confidence = r_.Enum<std::string_view>(entry, "confidence", entry_path, Need::kRequired,
                                                "confidence", &ParseConfidence,
                                                {std::begin(kConfidences), std::end(kConfidences)});
    sources_[id] = LegalSource{zh ? *zh : en.value_or(""), std::string(confidence.value_or(""))};
    nodes_[entry_path] = it->first;
    rules::PackSource source;
    source.id = id;
    source.title_zh = zh.value_or("");
    source.title_en = en.value_or("");
    if (std::optional<YAML::Node> from = FieldReader::Find(entry, "in_force_from")) {
      if (!from->IsNull()) {
        source.in_force_from = r_.DateValue(*from, FieldPath(entry_path, "in_force_from"));
      }
    } else {
      r_.Report(entry, FieldPath(entry_path, "in_force_from"),
                "missing required field 'in_force_from' (the instrument's first day in force; "
                "null for a draft or a document that is not law)");
    }
    if (std::optional<YAML::Node> to = FieldReader::Find(entry, "in_force_to")) {
      if (!to->IsNull())
        source.in_force_to = r_.DateValue(*to, FieldPath(entry_path, "in_force_to"));
    }
    pack->sources.push_back(std::move(source));
  }
}

void PackParser::ParseParameters(const YAML::Node& node, const std::string& path, RulePack* pack) {
  // An unknown market has no schema: the market's own problem is reported (CheckPack), not
  // every key as unknown.
  if (rules::PackSchema(pack->market).empty()) return;
  const std::vector<std::string_view> keys = ParamKeys(pack->market);
  if (!r_.Map(node, path, keys)) return;
  for (const ParamDef& spec : rules::PackSchema(pack->market)) {
    if (std::optional<YAML::Node> entry = FieldReader::Find(node, spec.key)) {
      const std::string entry_path = FieldPath(path, spec.key);
      if (entry->IsMap()) {
        if (std::optional<YAML::Node> value = FieldReader::Find(*entry, "value")) {
          nodes_[FieldPath(entry_path, "value")] = *value;
        }
      }
      ParseParameter(spec, *entry, entry_path, pack);
      continue;
    }
    // Absent: the schema's one default (rules/src/pack_schema.cpp), listed as such.
    YAML::Node entry(YAML::NodeType::Map);
    entry["value"] = YAML::Load(std::string(spec.default_value));
    if (!ParseValue(spec, entry, FieldPath(path, spec.key), pack)) continue;
    pack->parameters.push_back(
        rules::PackParameter{std::string(spec.key), std::string(spec.default_value),
                             "default of the pack schema (rules/src/pack_schema.cpp; read by " +
                                 std::string(spec.read_by) + ")",
                             ""});
  }
}

void PackParser::ParseParameter(const ParamDef& spec, const YAML::Node& entry,
                                const std::string& path, RulePack* pack) {
  if (!r_.Map(entry, path, kEntryKeys)) return;
  std::optional<std::string> confidence;
  if (auto c = r_.Enum<std::string_view>(entry, "confidence", path, Need::kOptional, "confidence",
                                         &ParseConfidence,
                                         {std::begin(kConfidences), std::end(kConfidences)})) {
    confidence = std::string(*c);
  }
  const std::optional<std::string> source = RenderSource(entry, path, confidence);
  const std::string note = r_.Text(entry, "note", path, Need::kOptional).value_or("");
  if (!ParseValue(spec, entry, path, pack) || !source) return;
  const YAML::Node value = *FieldReader::Find(entry, "value");
  std::string text = value.IsScalar() ? value.Scalar() : "";
  if (value.IsSequence()) {
    text = "[";
    for (std::size_t i = 0; i < value.size(); ++i) text += (i ? ", " : "") + value[i].Scalar();
    text += "]";
  }
  pack->parameters.push_back(rules::PackParameter{std::string(spec.key), text, *source, note});
}

// A list of exactly four non-decreasing values: percentages in [0, 100] (kTiers), whole
// multiples (kMultiples) or amounts in yuan (kAmounts).
bool PackParser::ParseFour(const ParamDef& spec, const YAML::Node& entry, const std::string& path,
                           RulePack* pack) {
  const std::optional<YAML::Node> list = r_.Field(entry, "value", path, Need::kRequired);
  if (!list) return false;
  const std::string field = FieldPath(path, "value");
  if (!list->IsSequence() || list->size() != 4) {
    r_.Report(*list, field, "expected a list of exactly four values (tier points t0, t1, t2, t3)");
    return false;
  }
  std::array<std::int64_t, 4> v{};
  std::array<Money, 4> money{};
  for (std::size_t i = 0; i < 4; ++i) {
    const YAML::Node item = (*list)[i];
    const std::string item_path = adapters_internal::IndexPath(field, i);
    if (!item.IsScalar()) {
      r_.Report(item, item_path, "expected a number");
      return false;
    }
    const std::string text = item.Scalar();
    std::string error;
    if (spec.kind == ParamKind::kAmounts) {
      const std::optional<Money> m = Money::Parse(text);
      if (!m || m->units() < 0) {
        r_.Report(item, item_path, "expected a non-negative amount in yuan, got '" + text + "'");
        return false;
      }
      money[i] = *m;
      v[i] = m->units();
      continue;
    }
    const std::optional<std::int64_t> n =
        spec.kind == ParamKind::kTiers ? adapters_internal::ParseFixedDecimal(text, 2, &error)
                                       : adapters_internal::ParseWholeNumber(text);
    const std::int64_t max = spec.max;
    if (!n || *n < 0 || *n > max) {
      r_.Report(
          item, item_path,
          spec.kind == ParamKind::kTiers
              ? "expected a percentage from 0 to 100 with at most 2 decimals, got '" + text + "'"
              : "expected a whole number from 0 to " + std::to_string(max) + ", got '" + text +
                    "'");
      return false;
    }
    v[i] = *n;
  }
  for (std::size_t i = 1; i < 4; ++i) {
    if (v[i] < v[i - 1]) {
      r_.Report(*list, field, "the four values must not decrease");
      return false;
    }
  }
  if (spec.kind == ParamKind::kAmounts) {
    pack->*spec.amounts = money;
  } else {
    for (std::size_t i = 0; i < 4; ++i) (pack->*spec.tiers)[i] = static_cast<std::int32_t>(v[i]);
  }
  return true;
}

bool PackParser::ParseValue(const ParamDef& spec, const YAML::Node& entry, const std::string& path,
                            RulePack* pack) {
  switch (spec.kind) {
    case ParamKind::kPercent:
      if (auto bp = r_.PercentBp(entry, "value", path, Need::kRequired)) {
        pack->*spec.count = *bp;
        return true;
      }
      return false;
    case ParamKind::kPercentOrOff: {
      const std::optional<YAML::Node> node = r_.Field(entry, "value", path, Need::kRequired);
      if (!node) return false;
      const std::string text = node->IsScalar() ? node->Scalar() : "";
      std::string error;
      const std::optional<std::int64_t> bp = adapters_internal::ParseFixedDecimal(text, 2, &error);
      if (!node->IsScalar() || !bp || *bp < 0 || *bp > 10000) {
        r_.Report(*node, FieldPath(path, "value"),
                  "expected a percentage from 0 (rule off) to 100 with at most 2 decimals, got '" +
                      text + "'");
        return false;
      }
      pack->*spec.count = static_cast<std::int32_t>(*bp);
      return true;
    }
    case ParamKind::kDate:
      if (auto d = r_.DateField(entry, "value", path, Need::kRequired)) {
        pack->*spec.date = *d;
        return true;
      }
      return false;
    case ParamKind::kCount:
      if (auto n = r_.Integer(entry, "value", path, Need::kRequired, spec.min, spec.max)) {
        pack->*spec.count = static_cast<std::int32_t>(*n);
        return true;
      }
      return false;
    case ParamKind::kFlag:
      if (auto b = r_.Flag(entry, "value", path, Need::kRequired)) {
        pack->*spec.flag = *b;
        return true;
      }
      return false;
    case ParamKind::kTiers:
    case ParamKind::kMultiples:
    case ParamKind::kAmounts:
      return ParseFour(spec, entry, path, pack);
    case ParamKind::kAmount:
      if (auto a = r_.Amount(entry, "value", path, Need::kRequired,
                             adapters_internal::Sign::kNonNegative)) {
        pack->*spec.amount = *a;
        return true;
      }
      return false;
    case ParamKind::kCapWindow:
      if (auto w = r_.Enum<rules::CapWindow>(entry, "value", path, Need::kRequired, "cap window",
                                             &ParseCapWindow,
                                             {"rolling_90_days", "three_months", "strict"})) {
        pack->*spec.cap_window = *w;
        return true;
      }
      return false;
    case ParamKind::kEq5Reading:
      if (auto w = r_.Enum<rules::Eq5Reading>(entry, "value", path, Need::kRequired, "5% reading",
                                              &ParseEq5Reading, {"touch", "amplitude"})) {
        pack->*spec.eq5_reading = *w;
        return true;
      }
      return false;
  }
  return false;
}

std::optional<std::string> PackParser::RenderSource(const YAML::Node& entry,
                                                    const std::string& path,
                                                    const std::optional<std::string>& confidence) {
  std::optional<std::string> text = r_.Text(entry, "source", path, Need::kRequired);
  if (!text) return std::nullopt;
  const std::string field = FieldPath(path, "source");
  std::string rendered;
  std::string_view rest(*text);
  while (true) {
    const std::size_t semi = rest.find(';');
    const std::string_view segment = Trim(rest.substr(0, semi));
    const std::string_view id = segment.substr(0, segment.find_first_of(" \t"));
    auto it = sources_.find(std::string(id));
    if (segment.empty() || it == sources_.end()) {
      std::string declared;
      for (const auto& [known, unused] : sources_)
        declared += (declared.empty() ? "" : ", ") + known;
      r_.Report(*FieldReader::Find(entry, "source"), field,
                "source " + Quote(segment) + " must start with a source id declared under " +
                    "sources (declared: " + declared + ")");
      return std::nullopt;
    }
    if (!rendered.empty()) rendered += "; ";
    rendered += std::string(segment) + " (" + it->second.title + "; " +
                confidence.value_or(it->second.confidence) + ")";
    if (semi == std::string_view::npos) break;
    rest = rest.substr(semi + 1);
  }
  return rendered;
}

PackLoad OneProblem(const std::string& file, int line, int column, std::string message) {
  PackLoad load;
  load.problems.push_back(Diagnostic{file, line, column, "", std::move(message)});
  return load;
}

// Sorts `found` (file, pack) by market, then effective_from, into `load`; reports duplicate ids
// and overlapping periods (at most one pack of a market may be in force on any day).
void AddPackSet(std::vector<std::pair<std::string, RulePack>> found, PackLoad* load) {
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.second.market != b.second.market) return a.second.market < b.second.market;
    return a.second.effective_from < b.second.effective_from;
  });
  std::map<std::string, std::string> first_file;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& [file, pack] = found[i];
    auto [it, inserted] = first_file.emplace(pack.id, file);
    if (!inserted) {
      load->problems.push_back(Diagnostic{
          file, 0, 0, "id", "pack id " + Quote(pack.id) + " is also used by " + it->second});
    }
    if (i > 0 && found[i - 1].second.market == pack.market) {
      const RulePack& prev = found[i - 1].second;
      if (!prev.effective_to || *prev.effective_to >= pack.effective_from) {
        load->problems.push_back(Diagnostic{
            file, 0, 0, "effective_from",
            "pack " + Quote(pack.id) + " starts " +
                boost::gregorian::to_iso_extended_string(pack.effective_from) + " while pack " +
                Quote(prev.id) + " is still in force; set its effective_to to the day before"});
      }
    }
  }
  for (auto& entry : found) load->packs.push_back(std::move(entry.second));
}

}  // namespace

PackLoad ReadPackText(const std::string& text, const std::string& display_name) {
  try {
    // UTF-8, no control characters, one document, bounded nesting and size (input/).
    if (auto problems = input::CheckYamlInput(text, display_name); !problems.empty()) {
      PackLoad load;
      load.problems = std::move(problems);
      return load;
    }
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      const bool located = !e.mark.is_null() && e.mark.line >= 0;
      return OneProblem(display_name, located ? e.mark.line + 1 : 0,
                        located ? e.mark.column + 1 : 0, "YAML syntax error: " + e.msg);
    }
    PackParser parser(display_name);
    std::optional<RulePack> pack = parser.Parse(root);
    PackLoad load;
    load.problems = parser.TakeProblems();
    if (pack && load.problems.empty()) load.packs.push_back(std::move(*pack));
    return load;
  } catch (const YAML::Exception& e) {
    return OneProblem(display_name, 0, 0, "cannot read the rule pack: " + e.msg);
  } catch (const std::exception& e) {
    return OneProblem(display_name, 0, 0, std::string("cannot read the rule pack: ") + e.what());
  } catch (...) {
    return OneProblem(display_name, 0, 0, "cannot read the rule pack: unknown error");
  }
}

PackLoad ReadPackFile(const std::string& path) {
  try {
    std::string error;
    std::optional<std::string> text = input::ReadInputFile(path, input::kMaxDocumentBytes, &error);
    if (!text) return OneProblem(path, 0, 0, error);
    return ReadPackText(*text, path);
  } catch (const std::exception& e) {
    return OneProblem(path, 0, 0, std::string("cannot read file: ") + e.what());
  }
}

PackLoad ReadPackDir(const std::string& dir) {
  try {
    std::error_code ec;
    std::vector<std::string> files;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::filesystem::path& p = it->path();
      if (p.extension() == ".yaml" && it->is_regular_file(ec)) files.push_back(p.generic_string());
    }
    if (ec) return OneProblem(dir, 0, 0, "cannot read rule pack directory: " + ec.message());
    if (files.empty()) return OneProblem(dir, 0, 0, "no rule packs (*.yaml) in this directory");
    std::sort(files.begin(), files.end());
    PackLoad all;
    std::vector<std::pair<std::string, RulePack>> found;
    for (const std::string& file : files) {
      PackLoad one = ReadPackFile(file);
      for (Diagnostic& d : one.problems) all.problems.push_back(std::move(d));
      for (RulePack& p : one.packs) found.emplace_back(file, std::move(p));
    }
    AddPackSet(std::move(found), &all);
    return all;
  } catch (const std::exception& e) {
    return OneProblem(dir, 0, 0, std::string("cannot read rule pack directory: ") + e.what());
  }
}

}  // namespace reducheck::adapters
