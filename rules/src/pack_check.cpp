#include "reducheck/rules/pack_check.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "reducheck/engine/date_math.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::rules {
namespace {

constexpr std::array<std::string_view, 2> kMarkets = {"cn", "hk"};

std::string Iso(Date d) { return ToIso(d); }

std::string RuleKey(const PackRule& r) { return "rules." + r.id; }

std::string CitationKey(const PackRule& r, std::size_t i) {
  return RuleKey(r) + ".citations[" + std::to_string(i) + "]";
}

// The days citation i of rule r applies: [first, last]; last nullopt = open-ended.
struct Span {
  Date first;
  std::optional<Date> last;
};

Span CitationSpan(const RulePack& pack, const PackRule& r, std::size_t i) {
  Span s{r.citations[i].from, pack.effective_to};
  if (i == 0 && r.applies_from && *r.applies_from > s.first) s.first = *r.applies_from;
  if (i + 1 < r.citations.size()) s.last = r.citations[i + 1].from - boost::gregorian::days(1);
  return s;
}

void CheckCitations(const RulePack& pack, const PackRule& r,
                    const std::map<std::string, const PackSource*>& sources,
                    std::vector<PackProblem>& out) {
  if (!r.not_applied.empty()) {
    if (!r.citations.empty() || r.applies_from || r.category) {
      out.push_back({RuleKey(r),
                     "a rule the pack does not apply (not_applied) has no citations, "
                     "applies_from or category"});
    }
    return;
  }
  if (r.citations.empty()) {
    out.push_back({RuleKey(r), "rule " + r.id +
                                   " has no citation; give at least one under "
                                   "citations (sources, zh, en)"});
    return;
  }
  const Date start = r.applies_from.value_or(pack.effective_from);
  for (std::size_t i = 0; i < r.citations.size(); ++i) {
    const RuleCitation& c = r.citations[i];
    const std::string key = CitationKey(r, i);
    if (i == 0 && c.from != start) {
      out.push_back({key, "the first citation applies from the rule's first day in the pack (" +
                              Iso(start) + "); omit its `from`"});
    }
    if (i > 0 && c.from <= r.citations[i - 1].from) {
      out.push_back({key, "citations must be in date order: `from` " + Iso(c.from) +
                              " is not after the previous citation's " +
                              Iso(r.citations[i - 1].from)});
      continue;
    }
    if (i > 0 &&
        (c.from < pack.effective_from || (pack.effective_to && c.from > *pack.effective_to))) {
      out.push_back({key, "`from` " + Iso(c.from) + " is outside the pack's period"});
      continue;
    }
    if (c.zh.empty()) out.push_back({key, "the citation needs `zh` (the authoritative text)"});
    if (c.sources.empty()) {
      out.push_back({key, "the citation names no instrument; list its source ids under `sources`"});
    }
    const Span span = CitationSpan(pack, r, i);
    for (const std::string& id : c.sources) {
      auto it = sources.find(id);
      if (it == sources.end()) {
        out.push_back({key, "source " + id + " is not declared under `sources`"});
        continue;
      }
      const PackSource& s = *it->second;
      if (!s.in_force_from) {
        out.push_back({key, "rule " + r.id + " cites " + id +
                                ", which is not in force law (in_force_from: null)"});
        continue;
      }
      if (*s.in_force_from > span.first) {
        out.push_back({key, "rule " + r.id + " cites " + id + " from " + Iso(span.first) +
                                ", but that instrument is in force only from " +
                                Iso(*s.in_force_from) +
                                ": cite what was in force then, and add a later citation with "
                                "`from: " +
                                Iso(*s.in_force_from) + "`"});
      }
      if (s.in_force_to && (!span.last || *s.in_force_to < *span.last)) {
        out.push_back({key, "rule " + r.id + " cites " + id + " through " +
                                (span.last ? Iso(*span.last) : std::string("the open end")) +
                                ", but that instrument ceased to be in force after " +
                                Iso(*s.in_force_to)});
      }
    }
  }
}

}  // namespace

std::span<const std::string_view> Markets() { return kMarkets; }

std::span<const RuleInfo> MarketRules(std::string_view market) {
  if (market == "cn") return AllRules();
  if (market == "hk") return HkRules();
  return {};
}

std::vector<PackProblem> CheckPack(const RulePack& pack) {
  std::vector<PackProblem> out;
  const std::span<const RuleInfo> catalog = MarketRules(pack.market);
  if (catalog.empty()) {
    std::string known;
    for (std::string_view m : kMarkets) known += (known.empty() ? "" : ", ") + std::string(m);
    out.push_back({"market", "unknown market '" + pack.market + "' (known: " + known + ")"});
    return out;
  }
  std::map<std::string, const PackSource*> sources;
  for (const PackSource& s : pack.sources) sources[s.id] = &s;
  for (const PackSource& s : pack.sources) {
    if (s.in_force_to && (!s.in_force_from || *s.in_force_to < *s.in_force_from)) {
      out.push_back({"sources." + s.id, "in_force_to is before in_force_from"});
    }
  }
  std::map<std::string, int> listed;
  for (const PackRule& r : pack.rules) {
    const bool known = std::any_of(catalog.begin(), catalog.end(),
                                   [&](const RuleInfo& c) { return c.id == r.id; });
    if (!known) {
      out.push_back({RuleKey(r), "rule " + r.id + " is not a rule of market " + pack.market +
                                     " (docs/rules.md lists them)"});
      continue;
    }
    if (++listed[r.id] > 1) {
      out.push_back({RuleKey(r), "rule " + r.id + " is listed twice"});
      continue;
    }
    if (r.applies_from && (*r.applies_from < pack.effective_from ||
                           (pack.effective_to && *r.applies_from > *pack.effective_to))) {
      out.push_back({RuleKey(r) + ".applies_from",
                     "applies_from " + Iso(*r.applies_from) + " is outside the pack's period"});
    }
    CheckCitations(pack, r, sources, out);
  }
  for (const RuleInfo& c : catalog) {
    if (listed.count(std::string(c.id)) == 0) {
      out.push_back({"rules", "rule " + std::string(c.id) + " of market " + pack.market +
                                  " is missing: every rule of the market is listed with its "
                                  "citation (write it even if the pack does not change it)"});
    }
  }
  return out;
}

}  // namespace reducheck::rules
