// The Hong Kong rule pack (market hk, hk-2025) and the cross-market judgement of an A+H issuer:
// Listing Rule 10.07 at its boundaries, the Model Code blackout, the SFO Part XV notices, the
// HKEX calendar, and the A-share rules that still see an H-share sale (docs/markets.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>

#include "fixture.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/rules/hk_rule_set.h"

namespace reducheck::testing {
namespace {

constexpr Method kCb = Method::kCentralizedBidding;
constexpr Method kBt = Method::kBlockTrade;

RoleSet R(Role r) { return static_cast<RoleSet>(r); }

// 江南精工 of examples/hk_1007_fail.yaml: 2,000,000,000 shares, 300,000,000 of them H shares
// listed 2025-06-23 (listing document 2025-06-13).
ScenarioBuilder AhCompany() {
  ScenarioBuilder b("2015-04-28", 2'000'000'000);
  Company& c = b.scenario().company;
  c.exchange = Exchange::kSse;
  c.h_listing_date = D("2025-06-23");
  c.h_listing_document_date = D("2025-06-13");
  c.h_shares = 300'000'000;
  return b;
}

Lot& AddHLot(Holder& h, const char* id, Shares shares) {
  Lot& l = h.h_lots.emplace_back();
  l.id = id;
  l.shares = shares;
  l.source = Source::kOther;
  l.acquired = D("2025-06-13");
  l.share_class = ShareClass::kH;
  return l;
}

// The controlling shareholder: 560,000,000 A + 80,000,000 H = 32.00% (a_shares to vary it).
ScenarioBuilder WithController(Shares a_shares = 560'000'000) {
  ScenarioBuilder b = AhCompany();
  Holder& h = b.AddHolder("JG", R(Role::kControllingShareholder));
  ScenarioBuilder::AddLot(h, "JG-A", a_shares, Source::kIpoOriginal, D("2012-03-01"));
  AddHLot(h, "JG-H", 80'000'000);
  return b;
}

Order HOrder(const char* holder, const char* date, Shares shares, Method m = kCb) {
  Order o = MakeOrder(holder, date, m, shares);
  o.share_class = ShareClass::kH;
  return o;
}

bool Owes(const Verdict& v, std::string_view kind) {
  for (const Obligation& o : v.obligations) {
    if (o.kind == kind) return true;
  }
  return false;
}

// The shipped packs and both calendars, with `change` applied to the hk pack.
Evaluator WithHkPack(const std::function<void(rules::RulePack&)>& change,
                     EvaluatorOptions::Search search = EvaluatorOptions::Search::kJump) {
  const std::string dir = REDUCHECK_RULES_DIR;
  auto cn = adapters::ReadCalendarFile(dir + "/calendars/cn-a-share.yaml");
  auto hk = adapters::ReadCalendarFile(dir + "/calendars/hkex.yaml");
  auto packs = adapters::ReadPackDir(dir + "/packs");
  if (!cn.calendar || !hk.calendar || !packs.problems.empty()) std::abort();
  EvaluatorBuilder b(std::move(*cn.calendar));
  b.AddCalendar("hk", std::move(*hk.calendar));
  for (rules::RulePack p : packs.packs) {
    if (p.market == "hk") change(p);
    auto rs = rules::MakeRuleSet(std::move(p));
    if (!rs.ok()) std::abort();
    b.AddPack(rs.value());
  }
  EvaluatorOptions options;
  options.earliest_date_search = search;
  b.SetOptions(options);
  auto built = std::move(b).Build();
  if (!built.ok()) std::abort();
  return std::move(built).value();
}

// ---- Listing Rule 10.07(1)(a): the first 6 months ----

TEST(HkListingLockTest, LastDayOfTheFirstPeriodFailsTheNextDayPasses) {
  const Ledger l = WithController().Build();
  const Verdict last = Check(l, HOrder("JG", "2025-12-23", 5'000'000));
  EXPECT_EQ(last.outcome, Outcome::kFail);
  const Violation* v = Find(last, "HK-LR-10.07-FIRST");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(v->shares_in_breach, 5'000'000);
  EXPECT_EQ(last.max_compliant_shares, 0);
  EXPECT_EQ(last.rule_pack, "hk-2025");
  EXPECT_EQ(last.cross_market_pack, "cn-2024");
  EXPECT_EQ(last.calendar, "hkex-2025-2027");
  EXPECT_NE(v->message.en.find("2025-06-13 through 2025-12-23"), std::string::npos);
  EXPECT_FALSE(v->message.zh.empty());
  ASSERT_TRUE(last.earliest_full_date.has_value());
  EXPECT_EQ(*last.earliest_full_date, D("2025-12-24"));

  const Verdict next = Check(l, HOrder("JG", "2025-12-24", 5'000'000));  // a half-day session
  EXPECT_EQ(next.outcome, Outcome::kPass);
  EXPECT_EQ(Find(next, "HK-LR-10.07-FIRST"), nullptr);
}

TEST(HkListingLockTest, ANonControllingHolderIsNotBound) {
  ScenarioBuilder b = AhCompany();
  AddHLot(b.AddHolder("X"), "X-H", 1'000'000);
  const Verdict v = Check(b.Build(), HOrder("X", "2025-09-23", 1'000'000));
  EXPECT_EQ(v.outcome, Outcome::kPass);
}

TEST(HkListingLockTest, ReachesTheControllersAShareOrdersByParameter) {
  const Ledger l = WithController().Build();
  const Order a = MakeOrder("JG", "2025-09-23", kBt, 1'000'000);  // an A-share order
  const Verdict v = Check(l, a);
  EXPECT_EQ(v.rule_pack, "cn-2024");
  EXPECT_EQ(v.cross_market_pack, "hk-2025");
  EXPECT_NE(Find(v, "HK-LR-10.07-FIRST"), nullptr);

  const Evaluator off = WithHkPack([](rules::RulePack& p) { p.hk_lock_reaches_a_shares = false; });
  auto v2 = off.Check(a, l);
  ASSERT_TRUE(v2.ok()) << v2.status().message();
  EXPECT_EQ(Find(v2.value(), "HK-LR-10.07-FIRST"), nullptr);
  EXPECT_EQ(v2.value().cross_market_pack, "hk-2025");
}

// ---- Listing Rule 10.07(1)(b): the next 6 months, control at 30% of all voting shares ----

TEST(HkListingLockTest, ExactlyThirtyPercentLeftPassesOneShareMoreFails) {
  const Ledger l = WithController().Build();
  // 640,000,000 - 40,000,000 = 600,000,000 = 30.00% of 2,000,000,000.
  const Verdict at = Check(l, HOrder("JG", "2026-02-23", 40'000'000));
  EXPECT_EQ(Find(at, "HK-LR-10.07-CONTROL"), nullptr);
  const Verdict over = Check(l, HOrder("JG", "2026-02-23", 40'000'001));
  const Violation* v = Find(over, "HK-LR-10.07-CONTROL");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->shares_in_breach, 1);
  EXPECT_EQ(v->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(over.max_compliant_shares, 40'000'000);
}

TEST(HkListingLockTest, TheControlTestEndsAfterTheSecondSixMonths) {
  const Ledger l = WithController().Build();
  EXPECT_NE(Find(Check(l, HOrder("JG", "2026-06-23", 50'000'000)), "HK-LR-10.07-CONTROL"), nullptr);
  EXPECT_EQ(Find(Check(l, HOrder("JG", "2026-06-24", 50'000'000)), "HK-LR-10.07-CONTROL"), nullptr);
}

TEST(HkListingLockTest, AControllerAlreadyBelowThirtyPercentIsUnknown) {
  const Ledger l = WithController(500'000'000).Build();  // 580,000,000 = 29.00%
  const Verdict v = Check(l, HOrder("JG", "2026-02-23", 1'000'000));
  bool unknown = false;
  for (const UnknownFinding& u : v.unknown) unknown |= u.rule->id == "HK-LR-10.07-CONTROL";
  EXPECT_TRUE(unknown);
  EXPECT_NE(v.outcome, Outcome::kPass);
}

// ---- The A-share rules that count both classes see the H-share sale ----

TEST(HkCrossMarketTest, AnHShareSaleThroughThirtyPercentIsStoppedByTheFivePercentRule) {
  const Ledger l = WithController().Build();
  const Verdict v = Check(l, HOrder("JG", "2026-06-24", 50'000'000));  // 10.07 over
  const Violation* eq5 = Find(v, "EQ5-MULT");
  ASSERT_NE(eq5, nullptr);
  EXPECT_EQ(eq5->shares_in_breach, 10'000'000);  // past 30% of all 2,000,000,000 shares
  EXPECT_EQ(v.max_compliant_shares, 40'000'000);
}

TEST(HkCrossMarketTest, AnAShareOrderBeforeTheHkPackIsInForceIsUnknownNotSkipped) {
  ScenarioBuilder b = WithController();
  b.scenario().company.h_listing_date = D("2023-01-05");
  b.scenario().company.h_listing_document_date = D("2022-12-20");
  const Verdict v = Check(b.Build(), MakeOrder("JG", "2024-06-03", kBt, 1'000));
  bool uncovered = false;
  for (const UnknownFinding& u : v.unknown) uncovered |= u.rule->id == "XMKT-UNCOVERED";
  EXPECT_TRUE(uncovered);
  EXPECT_NE(v.outcome, Outcome::kPass);
}

TEST(HkCrossMarketTest, AnIssuerWithoutAnHListingIsJudgedByTheCnPackAlone) {
  ScenarioBuilder b("2015-04-28", 2'000'000'000);
  ScenarioBuilder::AddLot(b.AddHolder("X"), "X-A", 1'000'000, Source::kSecondaryBidding,
                          D("2020-01-02"));
  const Verdict v = Check(b.Build(), MakeOrder("X", "2025-09-23", kCb, 1'000));
  EXPECT_EQ(v.outcome, Outcome::kPass);
  EXPECT_TRUE(v.cross_market_pack.empty());
}

// ---- The HKEX calendar and the H-share holding ----

TEST(HkCalendarTest, AnHKHolidayIsNotATradingDayAnAShareHolidayIs) {
  const Ledger l = WithController().Build();
  // Easter Monday 2026-04-06: HKEX closed, SSE open.
  auto easter = ShippedEvaluator().Check(HOrder("JG", "2026-04-06", 1'000), l);
  ASSERT_FALSE(easter.ok());
  EXPECT_NE(easter.status().message().find("calendar hkex-2025-2027"), std::string::npos);
  // 2026-02-23: SSE closed for the Spring Festival, HKEX open.
  EXPECT_TRUE(ShippedEvaluator().Check(HOrder("JG", "2026-06-24", 1'000), l).ok());
  EXPECT_TRUE(ShippedEvaluator().Check(HOrder("JG", "2026-02-23", 1'000), l).ok());
}

TEST(HkCalendarTest, HSharesBeyondTheHLotsOrWithoutAnHListingAreInputErrors) {
  const Ledger l = WithController().Build();
  EXPECT_FALSE(ShippedEvaluator().Check(HOrder("JG", "2026-06-24", 80'000'001), l).ok());
  ScenarioBuilder a("2015-04-28", 2'000'000'000);
  ScenarioBuilder::AddLot(a.AddHolder("X"), "X-A", 1'000'000, Source::kSecondaryBidding);
  auto v = ShippedEvaluator().Check(HOrder("X", "2026-06-24", 1'000), a.Build());
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("no H listing"), std::string::npos);
}

TEST(HkCalendarTest, AnHShareOrderBeforeTheHListingIsAnInputError) {
  const Ledger l = WithController().Build();
  auto before = ShippedEvaluator().Check(HOrder("JG", "2025-06-20", 1'000), l);  // Fri
  ASSERT_FALSE(before.ok());
  EXPECT_NE(before.status().message().find("before company.h_listing_date 2025-06-23"),
            std::string::npos);
  EXPECT_TRUE(ShippedEvaluator().Check(HOrder("JG", "2025-06-23", 1'000), l).ok());
}

TEST(HkCalendarTest, RecordingAnHShareSaleDrawsHLotsAndLeavesTheACapsAlone) {
  Ledger l = WithController().Build();
  const std::int32_t g = l.GroupOf(l.HolderIndex("JG"));
  ASSERT_TRUE(ShippedEvaluator().Record(HOrder("JG", "2026-06-24", 10'000'000), l).ok());
  EXPECT_EQ(l.holder(l.HolderIndex("JG")).HShares(), 70'000'000);
  EXPECT_EQ(l.holder(l.HolderIndex("JG")).TotalShares(), 560'000'000);
  EXPECT_EQ(l.GroupHolding(g), 630'000'000);
  EXPECT_EQ(l.GroupSold(g, kCb, D("2026-01-01"), D("2026-12-31")), 0);
}

// ---- Model Code A.3(a) ----

ScenarioBuilder WithDirector() {
  ScenarioBuilder b = AhCompany();
  Company& c = b.scenario().company;
  c.reports.push_back({ReportKind::kAnnual, "2025", D("2026-03-27"), std::nullopt});
  c.reports.push_back({ReportKind::kQuarterly, "2026Q1", D("2026-04-20"), std::nullopt});
  Holder& h = b.AddHolder("D", R(Role::kDirector));
  AddHLot(h, "D-H", 1'000'000);
  ScenarioBuilder::AddLot(h, "D-A", 1'000'000, Source::kEquityIncentive, D("2019-01-02"));
  return b;
}

TEST(HkBlackoutTest, SixtyDaysBeforeTheAnnualResultsAndTheirPublicationDay) {
  const Ledger l = WithDirector().Build();
  // 2026-03-27 - 60 days = 2026-01-26 (Mon); 2026-01-23 (Fri) is the trading day before.
  EXPECT_EQ(Find(Check(l, HOrder("D", "2026-01-23", 1'000)), "HK-MC-BLACKOUT"), nullptr);
  const Verdict first = Check(l, HOrder("D", "2026-01-26", 1'000));
  const Violation* v = Find(first, "HK-MC-BLACKOUT");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(first.max_compliant_shares, 0);
  EXPECT_NE(Find(Check(l, HOrder("D", "2026-03-27", 1'000)), "HK-MC-BLACKOUT"), nullptr);
  EXPECT_EQ(Find(Check(l, HOrder("D", "2026-03-30", 1'000)), "HK-MC-BLACKOUT"), nullptr);
}

TEST(HkBlackoutTest, ThePeriodEndShortensTheQuarterlyWindow) {
  const Ledger l = WithDirector().Build();
  // 2026-04-20 - 30 days = 2026-03-21, but the quarter ends 2026-03-31: the window starts then.
  EXPECT_EQ(Find(Check(l, HOrder("D", "2026-03-30", 1'000)), "HK-MC-BLACKOUT"), nullptr);
  EXPECT_NE(Find(Check(l, HOrder("D", "2026-03-31", 1'000)), "HK-MC-BLACKOUT"), nullptr);
}

TEST(HkBlackoutTest, ThePublicationDayIsAParameter) {
  const Ledger l = WithDirector().Build();
  const Evaluator off =
      WithHkPack([](rules::RulePack& p) { p.hk_blackout_includes_publication_day = false; });
  auto v = off.Check(HOrder("D", "2026-03-27", 1'000), l);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Find(v.value(), "HK-MC-BLACKOUT"), nullptr);
}

TEST(HkBlackoutTest, ReachesTheDirectorsAShares) {
  const Ledger l = WithDirector().Build();
  const Verdict v = Check(l, MakeOrder("D", "2026-01-26", kCb, 1'000));
  EXPECT_EQ(v.rule_pack, "cn-2024");
  EXPECT_NE(Find(v, "HK-MC-BLACKOUT"), nullptr);
  EXPECT_TRUE(Owes(v, "sfo_director_notice"));
}

// ---- SFO Part XV ----

ScenarioBuilder WithHolderOfH(Shares h_shares) {
  ScenarioBuilder b = AhCompany();
  AddHLot(b.AddHolder("S"), "S-H", h_shares);
  return b;
}

TEST(HkSfoTest, ANoticeWhenTheWholePercentageLevelChanges) {
  // 31,500,000 of 300,000,000 H shares = 10.50%.
  const Ledger l = WithHolderOfH(31'500'000).Build();
  const Verdict same = Check(l, HOrder("S", "2026-04-01", 1'500'000));  // 10.00%: level 10
  EXPECT_FALSE(Owes(same, "sfo_interest_notice"));
  const Verdict down = Check(l, HOrder("S", "2026-04-01", 1'500'001));  // 9.99...%: level 9
  ASSERT_TRUE(Owes(down, "sfo_interest_notice"));
  for (const Obligation& o : down.obligations) {
    if (o.kind != "sfo_interest_notice") continue;
    EXPECT_EQ(o.threshold_bp, 900);
    // 3 HKEX trading days after 2026-04-01, over Good Friday and Easter Monday/Tuesday.
    ASSERT_TRUE(o.due.has_value());
    EXPECT_EQ(*o.due, D("2026-04-09"));
  }
  EXPECT_EQ(down.outcome, Outcome::kPass);  // an obligation, not a violation
}

TEST(HkSfoTest, BelowFivePercentOfTheHClassNoNotice) {
  // 14,999,999 of 300,000,000 = 4.99...%: never a substantial shareholder.
  const Ledger l = WithHolderOfH(14'999'999).Build();
  EXPECT_FALSE(Owes(Check(l, HOrder("S", "2026-04-01", 10'000'000)), "sfo_interest_notice"));
  // 15,000,000 = exactly 5%: leaving it is notifiable.
  const Ledger at = WithHolderOfH(15'000'000).Build();
  EXPECT_TRUE(Owes(Check(at, HOrder("S", "2026-04-01", 1)), "sfo_interest_notice"));
}

// ---- The earliest-date search across markets ----

// The jumping search (each rule set names the next day its answer can change; the cross-market
// pack's too) finds what the day-by-day reference finds, for H-share and A-share orders of an
// A+H issuer: across the 10.07 periods, the blackouts, and the day the H listing binds.
TEST(HkEarliestDateTest, JumpingEqualsDayByDayAcrossBothMarkets) {
  const Evaluator jump = WithHkPack([](rules::RulePack&) {});
  const Evaluator walk = WithHkPack([](rules::RulePack&) {}, EvaluatorOptions::Search::kDayByDay);
  ScenarioBuilder b = WithController();
  Company& c = b.scenario().company;
  c.reports.push_back({ReportKind::kAnnual, "2025", D("2026-03-27"), std::nullopt});
  c.reports.push_back({ReportKind::kSemiannual, "2026H1", D("2026-08-20"), std::nullopt});
  Holder& d = b.AddHolder("D", R(Role::kDirector));
  AddHLot(d, "D-H", 1'000'000);
  ScenarioBuilder::AddLot(d, "D-A", 1'000'000, Source::kEquityIncentive, D("2019-01-02"));
  const Ledger l = b.Build();
  const Order orders[] = {
      HOrder("JG", "2025-07-02", 5'000'000),     HOrder("JG", "2025-09-23", 45'000'000),
      HOrder("JG", "2026-02-23", 50'000'000),    HOrder("D", "2026-01-26", 1'000),
      HOrder("D", "2026-08-03", 1'000),          MakeOrder("D", "2026-03-02", kBt, 1'000),
      MakeOrder("JG", "2025-06-03", kBt, 1'000),
  };
  int failing = 0;
  for (const Order& o : orders) {
    auto a = jump.Check(o, l);
    auto r = walk.Check(o, l);
    ASSERT_TRUE(a.ok() && r.ok()) << o.holder << " " << ToIso(o.date);
    EXPECT_EQ(a.value().outcome, r.value().outcome) << ToIso(o.date);
    EXPECT_EQ(a.value().earliest_full_date, r.value().earliest_full_date)
        << o.holder << " " << ToIso(o.date);
    EXPECT_EQ(a.value().earliest_full_date_reason.en, r.value().earliest_full_date_reason.en);
    failing += a.value().outcome != Outcome::kPass;
  }
  EXPECT_GE(failing, 5);  // the search ran on most of them
}

// Generated A+H issuers (seeded, reproducible): controllers above and below 30%, concert
// parties, directors and supervisors, H listings from 2025-01-02 to 2026-06-30 with and without
// a listing document date, reports on file or missing, H-share and A-share orders on random
// trading days of their market. The jumping search equals the day-by-day walk on every one.
TEST(HkEarliestDateTest, JumpingEqualsDayByDayOnGeneratedAPlusHIssuers) {
  const Evaluator jump = WithHkPack([](rules::RulePack&) {});
  const Evaluator walk = WithHkPack([](rules::RulePack&) {}, EvaluatorOptions::Search::kDayByDay);
  const TradingCalendar& hk = *jump.CalendarOf("hk");
  const TradingCalendar& cn = jump.calendar();
  // 150 issuers (about 3 s in Release); 20 under the sanitizers, which look for memory errors.
#if defined(__SANITIZE_ADDRESS__)
  constexpr int kScenarios = 20;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  constexpr int kScenarios = 20;
#else
  constexpr int kScenarios = 150;
#endif
#else
  constexpr int kScenarios = 150;
#endif
  int judged = 0;
  int failing = 0;
  for (int k = 0; k < kScenarios; ++k) {
    std::mt19937_64 rng(20261206 + static_cast<std::uint64_t>(k));
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    ScenarioBuilder b("2015-04-28", 2'000'000'000);
    Company& c = b.scenario().company;
    c.exchange = Exchange::kSse;
    c.h_listing_date = D("2025-01-02") + boost::gregorian::days(pick(0, 540));
    if (pick(0, 1) == 1) {
      c.h_listing_document_date = *c.h_listing_date - boost::gregorian::days(pick(1, 20));
    }
    c.h_shares = 300'000'000;
    const int year = pick(2025, 2026);
    const char* const periods[] = {"", "H1", "Q1", "Q3"};
    for (int y = year; y <= year + 1; ++y) {
      for (int i = 0; i < 4; ++i) {
        if (pick(0, 3) == 0) continue;  // some reports missing
        const std::string period = std::to_string(y - (i == 0 ? 1 : 0)) + periods[i];
        const int month = i == 0 ? 3 : i == 1 ? 8 : i == 2 ? 4 : 10;
        const Date date(static_cast<unsigned short>(y), static_cast<unsigned short>(month),
                        static_cast<unsigned short>(pick(1, 28)));
        const ReportKind kind = i == 0   ? ReportKind::kAnnual
                                : i == 1 ? ReportKind::kSemiannual
                                         : ReportKind::kQuarterly;
        c.reports.push_back({kind, period, date, std::nullopt});
      }
    }
    const Shares ctrl_a = 400'000'000 + 10'000'000 * pick(0, 30);
    Holder& g = b.AddHolder("G", R(Role::kControllingShareholder), pick(0, 1) ? "grp" : "");
    ScenarioBuilder::AddLot(g, "G-A", ctrl_a, Source::kIpoOriginal, D("2012-03-01"));
    AddHLot(g, "G-H", 60'000'000);
    if (!g.concert_group.empty()) {
      Holder& p = b.AddHolder("P", 0, "grp");
      AddHLot(p, "P-H", 10'000'000);
    }
    const RoleSet d_roles = pick(0, 2) == 0 ? R(Role::kSupervisor) : R(Role::kDirector);
    Holder& d = b.AddHolder("D", d_roles);
    d.term_end = D("2029-06-30");
    AddHLot(d, "D-H", 500'000);
    ScenarioBuilder::AddLot(d, "D-A", 2'000'000, Source::kEquityIncentive, D("2019-01-02"));
    const Ledger l = b.Build();
    for (int n = 0; n < 4; ++n) {
      const bool h = pick(0, 2) != 0;
      const TradingCalendar& cal = h ? hk : cn;
      const Date from = std::max(*c.h_listing_date, D("2025-01-02"));
      auto day = cal.TradingDayOnOrAfter(from + boost::gregorian::days(pick(0, 500)));
      if (!day || *day > D("2027-06-30")) continue;
      const char* holder = pick(0, 1) ? "G" : "D";
      const Shares shares =
          std::string(holder) == "G" ? 1'000'000 * pick(1, 60) : 1'000 * pick(1, 400);
      Order o = MakeOrder(holder, "2025-01-02", h ? kCb : kBt, shares);
      o.date = *day;
      if (h) o.share_class = ShareClass::kH;
      auto a = jump.Check(o, l);
      auto r = walk.Check(o, l);
      ASSERT_EQ(a.ok(), r.ok()) << "seed " << k << " " << holder << " " << ToIso(o.date);
      if (!a.ok()) continue;
      ++judged;
      failing += a.value().outcome != Outcome::kPass;
      EXPECT_EQ(a.value().outcome, r.value().outcome) << "seed " << k << " " << ToIso(o.date);
      EXPECT_EQ(a.value().earliest_full_date, r.value().earliest_full_date)
          << "seed " << k << " " << holder << (h ? " H " : " A ") << ToIso(o.date);
      EXPECT_EQ(a.value().earliest_full_date_reason.en, r.value().earliest_full_date_reason.en)
          << "seed " << k << " " << holder << " " << ToIso(o.date);
    }
  }
  EXPECT_GE(judged, kScenarios * 2);   // most orders land on a trading day inside the calendar
  EXPECT_GE(failing, kScenarios / 2);  // the searches ran
}

}  // namespace
}  // namespace reducheck::testing
