// Test fixture for rule tests: the shipped calendar and cn-2024 pack, and a small builder for
// scenarios written in C++ (so each boundary test states exactly the facts it depends on).
#ifndef REDUCHECK_TEST_RULES_FIXTURE_H_
#define REDUCHECK_TEST_RULES_FIXTURE_H_

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>

#include "reducheck/adapters/calendar_reader.h"
#include "reducheck/adapters/pack_reader.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/rules/cn_rule_set.h"

namespace reducheck::testing {

inline Date D(const char* iso) { return boost::gregorian::from_simple_string(iso); }

// The shipped rules directory loaded as the CLI loads it (adapters::LoadEvaluator: every
// market's calendar and packs). Aborts the test binary when it does not load.
inline const Evaluator& ShippedEvaluator() {
  static const Evaluator* ev = [] {
    adapters::EvaluatorLoad load = adapters::LoadEvaluator(REDUCHECK_RULES_DIR);
    if (!load.evaluator) {
      ADD_FAILURE() << adapters::FormatAll(load.problems);
      std::abort();
    }
    return new Evaluator(std::move(*load.evaluator));
  }();
  return *ev;
}

// Builds a scenario: a main-board SZSE company and holders with lots.
class ScenarioBuilder {
 public:
  ScenarioBuilder(const char* listing, Shares total) {
    s_.company.code = "000001";
    s_.company.name = "Test Co";
    s_.company.exchange = Exchange::kSzse;
    s_.company.board = Board::kMain;
    s_.company.listing_date = D(listing);
    s_.company.total_shares = total;
  }
  ScenarioBuilder& Board(reducheck::Board b) {
    s_.company.board = b;
    return *this;
  }
  Holder& AddHolder(const char* id, RoleSet roles = 0, const char* group = "") {
    Holder& h = s_.holders.emplace_back();
    h.id = id;
    h.name = id;
    h.roles = roles;
    h.concert_group = group;
    return h;
  }
  static Lot& AddLot(Holder& h, const char* id, Shares shares, Source src,
                     std::optional<Date> acquired = std::nullopt) {
    Lot& l = h.lots.emplace_back();
    l.id = id;
    l.shares = shares;
    l.source = src;
    l.acquired = acquired;
    return l;
  }
  ScenarioBuilder& Sale(const char* holder, const char* date, Method m, Shares shares) {
    s_.history.sales.push_back({holder, D(date), m, shares, std::nullopt});
    return *this;
  }
  ScenarioBuilder& Purchase(const char* holder, const char* date, Shares shares) {
    s_.history.purchases.push_back(
        {holder, D(date), Method::kCentralizedBidding, shares, std::nullopt});
    return *this;
  }
  ScenarioBuilder& Plan(const char* holder, const char* published, Shares max_shares,
                        std::vector<Method> methods = {Method::kCentralizedBidding,
                                                       Method::kBlockTrade},
                        std::optional<Date> start = std::nullopt,
                        std::optional<Date> end = std::nullopt) {
    Announcement a;
    a.holder = holder;
    a.kind = AnnouncementKind::kReductionPlan;
    a.published = D(published);
    a.max_shares = max_shares;
    a.methods = std::move(methods);
    a.window_start = start;
    a.window_end = end;
    s_.history.announcements.push_back(a);
    return *this;
  }
  ScenarioBuilder& Report(const char* holder, const char* published,
                          AnnouncementKind kind = AnnouncementKind::kEquityChangeReport) {
    Announcement a;
    a.holder = holder;
    a.kind = kind;
    a.published = D(published);
    s_.history.announcements.push_back(a);
    return *this;
  }
  Scenario& scenario() { return s_; }
  Ledger Build() {
    auto l = Ledger::Build(s_);
    if (!l.ok()) {
      ADD_FAILURE() << l.status().message();
      std::abort();
    }
    return std::move(l).value();
  }

 private:
  Scenario s_;
};

inline Order MakeOrder(const char* holder, const char* date, Method m, Shares shares) {
  Order o;
  o.id = "O1";
  o.holder = holder;
  o.date = D(date);
  o.method = m;
  o.shares = shares;
  return o;
}

inline Verdict Check(const Ledger& l, const Order& o) {
  auto v = ShippedEvaluator().Check(o, l);
  if (!v.ok()) {
    ADD_FAILURE() << v.status().message();
    return Verdict{};
  }
  return std::move(v).value();
}

inline const Violation* Find(const Verdict& v, std::string_view rule) {
  for (const Violation& x : v.violations) {
    if (x.rule->id == rule) return &x;
  }
  return nullptr;
}
inline bool HasUnknown(const Verdict& v, std::string_view rule) {
  for (const UnknownFinding& u : v.unknown) {
    if (u.rule->id == rule) return true;
  }
  return false;
}
inline std::string Rules(const Verdict& v) {
  std::string s;
  for (const Violation& x : v.violations) s += std::string(x.rule->id) + " ";
  for (const UnknownFinding& u : v.unknown) s += "?" + std::string(u.rule->id) + " ";
  return s;
}

constexpr RoleSet R(Role r) { return static_cast<RoleSet>(r); }

}  // namespace reducheck::testing

#endif  // REDUCHECK_TEST_RULES_FIXTURE_H_
