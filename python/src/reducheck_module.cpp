// The `reducheck._reducheck` extension (pybind11): the engine for Python callers
// (docs/python.md). The public API is the pure-Python package around it
// (python/reducheck/__init__.py), which turns paths, YAML strings and dicts into scenario text
// and JSON back into dicts.
//
// Everything crosses the boundary as text: scenario YAML in, verdict and lock-up JSON out, the
// same bytes as the CLI prints (RenderJson), so Python sees exactly the contract's verdict.
// Bad input raises ValueError with every problem as FILE:LINE:COLUMN: FIELD: MESSAGE.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/sheet_values.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "report/lockup_report.h"

namespace py = pybind11;

namespace reducheck::python {

namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void Raise(const std::string& message) { throw py::value_error(message); }

std::string Problems(const std::vector<adapters::Diagnostic>& problems) {
  std::string out;
  for (const adapters::Diagnostic& d : problems) out += adapters::Format(d) + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

// A scenario's text, read and built into a ledger; `pinned` is its rule_pack.
struct Built {
  std::optional<Ledger> ledger;
  std::string pinned;
};

class Engine {
 public:
  explicit Engine(const std::string& rules_dir) {
    load_ = adapters::LoadEvaluator(adapters::DefaultRulesDir(rules_dir));
    if (!load_.problems.empty() || !load_.evaluator) {
      Raise("cannot load the rules from '" + load_.rules_dir + "':\n" + Problems(load_.problems));
    }
  }

  std::string rules_dir() const { return load_.rules_dir; }

  std::vector<std::string> packs() const {
    std::vector<std::string> ids;
    for (const auto& p : load_.evaluator->packs()) ids.emplace_back(p->id());
    return ids;
  }

  // Validates a scenario on its own (orders included), so its problems carry the positions of
  // the text the caller gave. Returns the number of orders it holds.
  std::size_t validate(const std::string& text, const std::string& name,
                       const std::string& base_dir) const {
    Built b = Build(text, name, base_dir);
    return b.ledger->scenario().orders.size();
  }

  // Judges `orders_json` (a JSON array of order objects; null: the scenario's own orders),
  // each on its own against the scenario's state. Returns one verdict JSON object per order.
  std::vector<std::string> check(const std::string& text, const std::string& name,
                                 const std::string& base_dir,
                                 const std::optional<std::string>& orders_json) const {
    std::string with_orders = text;
    std::string shown = name;
    if (orders_json) {
      Build(text, name, base_dir);  // the scenario's own problems first, at their positions
      YAML::Node root;
      try {
        root = YAML::Load(text);
        root["orders"] = YAML::Load(*orders_json);
      } catch (const YAML::Exception& e) {
        Raise(name + ": " + e.what());
      }
      YAML::Emitter emitter;
      emitter << root;
      with_orders = emitter.c_str();
      shown = name + " (with the orders given)";
    }
    Built b = Build(with_orders, shown, base_dir);
    const Evaluator& evaluator = *load_.evaluator;
    const std::vector<Order>& orders = b.ledger->scenario().orders;
    std::vector<std::string> out;
    out.reserve(orders.size());
    Evaluator::Scratch scratch;
    for (std::size_t i = 0; i < orders.size(); ++i) {
      Result<Verdict> verdict = evaluator.Check(orders[i], *b.ledger, b.pinned);
      if (!verdict.ok()) {
        Raise("orders[" + std::to_string(i) + "] (id " + orders[i].id +
              "): " + verdict.status().message());
      }
      std::vector<adapters::CheckedOrder> one;
      one.push_back(adapters::CheckedOrder{&orders[i], std::move(verdict).value()});
      std::string array = adapters::RenderJson(one);
      // "[\n  {...}\n]\n" -> the object.
      const std::size_t open = array.find('{');
      const std::size_t close = array.rfind('}');
      out.push_back(array.substr(open, close - open + 1));
    }
    return out;
  }

  // The lock-up calendar of `lockup_report.h` as JSON.
  std::string lockup(const std::string& text, const std::string& name, const std::string& base_dir,
                     const std::string& as_of_text) const {
    std::string error;
    const std::optional<Date> as_of = adapters::ParseSheetDate(as_of_text, &error);
    if (!as_of) Raise("as_of: " + error);
    Built b = Build(text, name, base_dir);
    Result<adapters::LockupReport> report =
        adapters::BuildLockupReport(*load_.evaluator, *b.ledger, *as_of, b.pinned);
    if (!report.ok())
      Raise("as_of " + adapters::FormatDate(*as_of) + ": " + report.status().message());
    return LockupJson(report.value()).dump();
  }

 private:
  Built Build(const std::string& text, const std::string& name, const std::string& base_dir) const {
    adapters::ScenarioLoad load = adapters::ReadScenarioText(text, name, base_dir);
    if (!load.problems.empty() || !load.scenario) {
      Raise(load.problems.empty() ? name + ": the scenario could not be read"
                                  : Problems(load.problems));
    }
    Built b;
    Result<Ledger> built = Ledger::Build(std::move(*load.scenario));
    if (!built.ok()) Raise(name + ": " + built.status().message());
    b.ledger.emplace(std::move(built).value());
    if (const auto& pack = b.ledger->scenario().rule_pack; pack && !pack->empty()) {
      bool found = false;
      for (const auto& p : load_.evaluator->packs()) found = found || p->id() == *pack;
      if (!found) Raise(name + ": rule_pack: unknown rule pack \"" + *pack + "\"");
      b.pinned = *pack;
    }
    return b;
  }

  static Json DateOrNull(const std::optional<Date>& d) {
    return d ? Json(adapters::FormatDate(*d)) : Json(nullptr);
  }

  static std::string State(adapters::UnlockState s) {
    switch (s) {
      case adapters::UnlockState::kFreeOnAsOf:
        return "free";
      case adapters::UnlockState::kUnlocks:
        return "unlocks";
      case adapters::UnlockState::kUndecided:
        return "undecided";
      case adapters::UnlockState::kBeyondCalendar:
        return "beyond_calendar";
      case adapters::UnlockState::kError:
        return "error";
    }
    return "";
  }

  static Json LockupJson(const adapters::LockupReport& r) {
    Json j = Json::object();
    j["as_of"] = adapters::FormatDate(r.as_of);
    j["company"] = Json{{"code", r.company_code},
                        {"name", r.company_name},
                        {"listing_date", adapters::FormatDate(r.listing_date)},
                        {"total_shares", r.total_shares}};
    j["rule_pack"] = r.pack_on_as_of;
    j["calendar"] = Json{{"id", r.calendar_id},
                         {"first_day", adapters::FormatDate(r.calendar_first)},
                         {"last_day", adapters::FormatDate(r.calendar_last)},
                         {"status", r.calendar_status},
                         {"last_official_day", adapters::FormatDate(r.calendar_last_official)}};
    Json lots = Json::array();
    for (const adapters::LotUnlock& l : r.lots) {
      Json locks = Json::array();
      for (const adapters::LockSpan& s : l.locks) {
        locks.push_back(Json{{"rule", std::string(s.rule->id)},
                             {"last_locked_day", adapters::FormatDate(s.last_locked_day)},
                             {"open_ended", s.open_ended}});
      }
      lots.push_back(Json{
          {"holder", l.holder_id},
          {"holder_name", l.holder_name},
          {"lot", l.lot_id},
          {"shares", l.shares},
          {"source", std::string(Name(l.source))},
          {"state", State(l.state)},
          {"unlock_date", DateOrNull(l.unlock_date)},
          {"locks", std::move(locks)},
          {"undecided_rule", l.undecided ? Json(std::string(l.undecided->id)) : Json(nullptr)}});
    }
    j["lots"] = std::move(lots);
    Json summaries = Json::array();
    for (const adapters::HolderSummary& s : r.summaries) {
      Json by_date = Json::array();
      for (const auto& [d, n] : s.by_date) {
        by_date.push_back(Json{{"date", adapters::FormatDate(d)}, {"unlocked", n}});
      }
      summaries.push_back(
          Json{{"holder", r.holder_ids[static_cast<std::size_t>(s.holder)]},
               {"shares_held", s.held},
               {"free_on_as_of", s.free_on_as_of},
               {"first_sellable", DateOrNull(s.first_sellable)},
               {"first_sellable_shares", s.first_sellable_shares},
               {"all_unlocked", DateOrNull(s.all_unlocked)},
               {"binding_rule", s.binding ? Json(std::string(s.binding->id)) : Json(nullptr)},
               {"not_in_view", s.not_in_view},
               {"unlocked_by_date", std::move(by_date)}});
    }
    j["holders"] = std::move(summaries);
    Json quotas = Json::array();
    for (const adapters::QuotaRow& q : r.quotas) {
      quotas.push_back(Json{{"holder", r.holder_ids[static_cast<std::size_t>(q.holder)]},
                            {"date", adapters::FormatDate(q.date)},
                            {"why", q.why},
                            {"rule", std::string(q.rule->id)},
                            {"headroom", q.headroom},
                            {"locked", adapters::LockedOn(r, q.holder, q.date)}});
    }
    j["quotas"] = std::move(quotas);
    Json sellable = Json::array();
    for (const adapters::SellableStep& s : r.sellable) {
      sellable.push_back(Json{{"date", adapters::FormatDate(s.date)},
                              {"newly", s.newly},
                              {"cumulative", s.cumulative}});
    }
    j["sellable"] = std::move(sellable);
    j["not_unlocked_within_calendar"] = r.never_within_calendar;
    return j;
  }

  adapters::EvaluatorLoad load_;
};

}  // namespace

PYBIND11_MODULE(_reducheck, m) {
  m.doc() = "reducheck engine (see the reducheck package)";
  py::class_<Engine>(m, "_Engine")
      .def(py::init<const std::string&>(), py::arg("rules_dir"))
      .def_property_readonly("rules_dir", &Engine::rules_dir)
      .def_property_readonly("packs", &Engine::packs)
      .def("validate", &Engine::validate, py::arg("text"), py::arg("name"), py::arg("base_dir"))
      .def("check", &Engine::check, py::arg("text"), py::arg("name"), py::arg("base_dir"),
           py::arg("orders_json"))
      .def("lockup", &Engine::lockup, py::arg("text"), py::arg("name"), py::arg("base_dir"),
           py::arg("as_of"));
  m.attr("__version__") = REDUCHECK_VERSION;
}

}  // namespace reducheck::python
