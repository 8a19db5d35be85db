// The `rules` subcommand (contract.md §3); `check` is in check_command.cpp.
#include "cli/commands.h"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "cli/session.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/rule_info.h"
#include "reducheck/rules/pack.h"
#include "reducheck/rules/pack_check.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::cli {

namespace {

using Json = nlohmann::ordered_json;

void PrintAll(const std::vector<adapters::Diagnostic>& problems, std::ostream& err) {
  for (const adapters::Diagnostic& d : problems) err << adapters::Format(d) << '\n';
}

// The rule data, or nullopt after printing why it could not be loaded.
std::optional<adapters::EvaluatorLoad> LoadRules(const std::string& flag, std::ostream& err) {
  adapters::EvaluatorLoad load = adapters::LoadEvaluator(adapters::DefaultRulesDir(flag));
  if (!load.problems.empty() || !load.evaluator) {
    PrintAll(load.problems, err);
    if (load.problems.empty()) err << load.rules_dir << ": rule data could not be loaded\n";
    return std::nullopt;
  }
  return load;
}

std::string KnownPackIds(const Evaluator& evaluator) {
  std::string ids;
  for (const auto& pack : evaluator.packs()) {
    if (!ids.empty()) ids += ", ";
    ids += pack->id();
  }
  return ids;
}

std::string OptionalDate(const std::optional<Date>& d, std::string_view none) {
  return d ? adapters::FormatDate(*d) : std::string(none);
}

// ---- rules, text -------------------------------------------------------------------------

// The catalog entry of a pack's rule (its market's catalog).
const RuleInfo* CatalogRule(const rules::RulePack& pack, const rules::PackRule& r) {
  for (const RuleInfo& info : rules::MarketRules(pack.market)) {
    if (info.id == r.id) return &info;
  }
  return nullptr;
}

Category PackCategory(const RuleInfo& info, const rules::PackRule& r) {
  return r.category.value_or(info.category);
}

// The days citation i applies, as "2024-05-24 to 2024-06-30" or "from 2024-07-01".
std::string CitationDays(const rules::RulePack& pack, const rules::PackRule& r, std::size_t i) {
  const Date from = r.citations[i].from;
  std::optional<Date> to = pack.effective_to;
  if (i + 1 < r.citations.size()) to = r.citations[i + 1].from - boost::gregorian::days(1);
  return adapters::FormatDate(from) + " to " + OptionalDate(to, "(open)");
}

std::string SourceIds(const rules::RuleCitation& c) {
  std::string ids;
  for (const std::string& s : c.sources) ids += (ids.empty() ? "" : ", ") + s;
  return ids;
}

void RulesText(const std::vector<const rules::RulePack*>& packs, std::ostream& out) {
  std::size_t count = 0;
  for (std::string_view m : rules::Markets()) count += rules::MarketRules(m).size();
  out << "Rules (" << count << "):\n";
  for (std::string_view market : rules::Markets()) {
    for (const RuleInfo& r : rules::MarketRules(market)) {
      out << "  " << r.id << " — category " << static_cast<int>(r.category) << " ("
          << CategoryName(r.category) << ")\n";
      out << "    market: " << market << '\n';
      out << "    title: " << r.title_en << '\n';
      out << "    标题: " << r.title_zh << '\n';
      out << "    citation: per rule pack (below)\n";
      out << "    confidence: " << r.confidence << '\n';
      if (r.implemented) {
        out << "    status: implemented\n";
      } else {
        out << "    status: not implemented: " << r.not_implemented_why << '\n';
      }
    }
  }
  out << "\nRule packs (" << packs.size() << "):\n";
  for (const rules::RulePack* p : packs) {
    out << "  " << p->id << " — " << p->title << '\n';
    out << "    market: " << p->market << ", calendar: " << p->calendar << '\n';
    out << "    in force: " << adapters::FormatDate(p->effective_from) << " to "
        << OptionalDate(p->effective_to, "(open)") << '\n';
    out << "    rules:\n";
    for (const rules::PackRule& r : p->rules) {
      const RuleInfo* info = CatalogRule(*p, r);
      if (info == nullptr) continue;
      if (!r.not_applied.empty()) {
        out << "      " << r.id << " — not applied: " << r.not_applied << '\n';
        continue;
      }
      const Category c = PackCategory(*info, r);
      out << "      " << r.id << " — category " << static_cast<int>(c) << " (" << CategoryName(c)
          << ")";
      if (r.applies_from) out << ", applied from " << adapters::FormatDate(*r.applies_from);
      out << '\n';
      for (std::size_t i = 0; i < r.citations.size(); ++i) {
        const rules::RuleCitation& cite = r.citations[i];
        out << "        citation (" << CitationDays(*p, r, i) << "; " << SourceIds(cite)
            << "): " << cite.zh << '\n';
        if (!cite.en.empty()) out << "          (en): " << cite.en << '\n';
      }
    }
    out << "    sources:\n";
    for (const rules::PackSource& s : p->sources) {
      out << "      " << s.id << ": " << (s.title_zh.empty() ? s.title_en : s.title_zh) << " — "
          << (s.in_force_from ? "in force " + adapters::FormatDate(*s.in_force_from) + " to " +
                                    OptionalDate(s.in_force_to, "(open)")
                              : std::string("not in force law"))
          << '\n';
    }
    out << "    parameters:\n";
    for (const rules::PackParameter& param : p->parameters) {
      out << "      " << param.key << " = " << param.value << '\n';
      if (!param.source.empty()) out << "        source: " << param.source << '\n';
      if (!param.note.empty()) out << "        note: " << param.note << '\n';
    }
  }
}

// ---- rules, JSON -------------------------------------------------------------------------

Json StringOrNull(std::string_view s) { return s.empty() ? Json(nullptr) : Json(std::string(s)); }

void RulesJson(const std::vector<const rules::RulePack*>& packs, std::ostream& out) {
  Json rules_json = Json::array();
  for (std::string_view market : rules::Markets()) {
    for (const RuleInfo& r : rules::MarketRules(market)) {
      Json j = Json::object();
      j["id"] = std::string(r.id);
      j["market"] = std::string(market);
      j["category"] = static_cast<int>(r.category);
      j["category_name"] = std::string(CategoryName(r.category));
      j["title"] = Json{{"en", std::string(r.title_en)}, {"zh", std::string(r.title_zh)}};
      j["confidence"] = std::string(r.confidence);
      j["implemented"] = r.implemented;
      j["not_implemented_why"] =
          r.implemented ? Json(nullptr) : StringOrNull(r.not_implemented_why);
      rules_json.push_back(std::move(j));
    }
  }
  Json packs_json = Json::array();
  for (const rules::RulePack* p : packs) {
    Json j = Json::object();
    j["id"] = p->id;
    j["title"] = p->title;
    j["effective_from"] = adapters::FormatDate(p->effective_from);
    j["effective_to"] =
        p->effective_to ? Json(adapters::FormatDate(*p->effective_to)) : Json(nullptr);
    j["market"] = p->market;
    j["calendar"] = p->calendar;
    Json pack_rules = Json::array();
    for (const rules::PackRule& r : p->rules) {
      const RuleInfo* info = CatalogRule(*p, r);
      if (info == nullptr) continue;
      Json jr = Json::object();
      jr["id"] = r.id;
      jr["applied"] = r.not_applied.empty();
      if (!r.not_applied.empty()) {
        jr["not_applied"] = r.not_applied;
        pack_rules.push_back(std::move(jr));
        continue;
      }
      const Category c = PackCategory(*info, r);
      jr["category"] = static_cast<int>(c);
      jr["category_name"] = std::string(CategoryName(c));
      jr["applies_from"] =
          r.applies_from ? Json(adapters::FormatDate(*r.applies_from)) : Json(nullptr);
      Json cites = Json::array();
      for (std::size_t i = 0; i < r.citations.size(); ++i) {
        const rules::RuleCitation& cite = r.citations[i];
        const std::optional<Date> to =
            i + 1 < r.citations.size()
                ? std::optional<Date>(r.citations[i + 1].from - boost::gregorian::days(1))
                : p->effective_to;
        cites.push_back(Json{{"from", adapters::FormatDate(cite.from)},
                             {"to", to ? Json(adapters::FormatDate(*to)) : Json(nullptr)},
                             {"sources", cite.sources},
                             {"citation", cite.zh},
                             {"citation_en", StringOrNull(cite.en)}});
      }
      jr["citations"] = std::move(cites);
      pack_rules.push_back(std::move(jr));
    }
    j["rules"] = std::move(pack_rules);
    Json sources = Json::array();
    for (const rules::PackSource& s : p->sources) {
      sources.push_back(
          Json{{"id", s.id},
               {"title_zh", StringOrNull(s.title_zh)},
               {"title_en", StringOrNull(s.title_en)},
               {"in_force_from",
                s.in_force_from ? Json(adapters::FormatDate(*s.in_force_from)) : Json(nullptr)},
               {"in_force_to",
                s.in_force_to ? Json(adapters::FormatDate(*s.in_force_to)) : Json(nullptr)}});
    }
    j["sources"] = std::move(sources);
    Json params = Json::array();
    for (const rules::PackParameter& param : p->parameters) {
      params.push_back(Json{{"key", param.key},
                            {"value", param.value},
                            {"source", param.source},
                            {"note", StringOrNull(param.note)}});
    }
    j["parameters"] = std::move(params);
    packs_json.push_back(std::move(j));
  }
  Json all = Json::object();
  all["rules"] = std::move(rules_json);
  all["packs"] = std::move(packs_json);
  out << all.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace

int RunRules(const RulesOptions& options, std::ostream& out, std::ostream& err) {
  std::optional<adapters::EvaluatorLoad> loaded = LoadRules(options.rules_dir, err);
  if (!loaded) return kExitBadInput;

  std::vector<const rules::RulePack*> packs;
  for (const rules::RulePack& p : loaded->packs) {
    if (options.pack.empty() || p.id == options.pack) packs.push_back(&p);
  }
  if (!options.pack.empty() && packs.empty()) {
    err << "rules: unknown rule pack \"" << options.pack
        << "\" (known: " << KnownPackIds(*loaded->evaluator) << ")\n";
    return kExitBadInput;
  }

  if (options.format == Format::kJson) {
    RulesJson(packs, out);
  } else {
    RulesText(packs, out);
  }
  out.flush();
  return kExitPass;
}

}  // namespace reducheck::cli
