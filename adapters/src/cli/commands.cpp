// The `rules` subcommand (contract.md §3); `check` is in check_command.cpp.
#include "cli/commands.h"

#include <algorithm>
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

void RulesText(const std::vector<const rules::RulePack*>& packs, std::ostream& out) {
  const auto all = rules::AllRules();
  out << "Rules (" << all.size() << "):\n";
  for (const RuleInfo& r : all) {
    out << "  " << r.id << " — category " << static_cast<int>(r.category) << " ("
        << CategoryName(r.category) << ")\n";
    out << "    title: " << r.title_en << '\n';
    out << "    标题: " << r.title_zh << '\n';
    out << "    citation: " << r.citation_zh << '\n';
    if (!r.citation_en.empty()) out << "    citation (en): " << r.citation_en << '\n';
    out << "    confidence: " << r.confidence << '\n';
    if (r.implemented) {
      out << "    status: implemented\n";
    } else {
      out << "    status: not implemented: " << r.not_implemented_why << '\n';
    }
  }
  out << "\nRule packs (" << packs.size() << "):\n";
  for (const rules::RulePack* p : packs) {
    out << "  " << p->id << " — " << p->title << '\n';
    out << "    in force: " << adapters::FormatDate(p->effective_from) << " to "
        << OptionalDate(p->effective_to, "(open)") << '\n';
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
  for (const RuleInfo& r : rules::AllRules()) {
    Json j = Json::object();
    j["id"] = std::string(r.id);
    j["category"] = static_cast<int>(r.category);
    j["category_name"] = std::string(CategoryName(r.category));
    j["title"] = Json{{"en", std::string(r.title_en)}, {"zh", std::string(r.title_zh)}};
    j["citation"] = std::string(r.citation_zh);
    j["citation_en"] = std::string(r.citation_en);
    j["confidence"] = std::string(r.confidence);
    j["implemented"] = r.implemented;
    j["not_implemented_why"] = r.implemented ? Json(nullptr) : StringOrNull(r.not_implemented_why);
    rules_json.push_back(std::move(j));
  }
  Json packs_json = Json::array();
  for (const rules::RulePack* p : packs) {
    Json j = Json::object();
    j["id"] = p->id;
    j["title"] = p->title;
    j["effective_from"] = adapters::FormatDate(p->effective_from);
    j["effective_to"] =
        p->effective_to ? Json(adapters::FormatDate(*p->effective_to)) : Json(nullptr);
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
