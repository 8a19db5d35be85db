// Rule inputs added for issue 9 part 4 (docs/rules.md, Lock-ups; docs/input-format.md):
// LOCK-NEWHOLDER-36M (company.ipo_filing_date), LOCK-ACQ-18M (holder.control_acquired) and the
// LOCK-CTP-STAR quota years counted from the end of the holder's own lock; and LOCK-STRAT for
// the sponsor's co-investment (role sponsor_coinvestor, pack sponsor_coinvest_lock_months).
#include "fixture.h"
#include "reducheck/adapters/scenario_reader.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 400'000'000;  // 1% = 4,000,000
constexpr Method kCb = Method::kCentralizedBidding;

template <typename T>
const T* FactOf(const Violation& v, std::string_view key) {
  for (const Fact& f : v.facts) {
    if (f.key == key) return std::get_if<T>(&f.value);
  }
  return nullptr;
}

// Main board, listed 2023-06-15, IPO filed 2022-06-30: N holds 2,000,000 pre-IPO shares acquired
// on `acquired` (0.5%: a specific shareholder, no plan needed). LOCK-IPO-12M ends 2024-06-14.
ScenarioBuilder NewHolder(std::optional<Date> acquired,
                          std::optional<Date> filed = D("2022-06-30")) {
  ScenarioBuilder b("2023-06-15", kTotal);
  b.scenario().company.ipo_filing_date = filed;
  ScenarioBuilder::AddLot(b.AddHolder("N", R(Role::kPreIpoShareholder)), "L1", 2'000'000,
                          Source::kIpoOriginal, acquired);
  return b;
}

// Acquired 2021-09-01, within 12 months before the filing: locked through 2024-08-31 (36 months
// from acquisition), so Friday 2024-08-30 fails and Monday 2024-09-02 passes.
TEST(NewHolderTest, LockedThirtySixMonthsFromAcquisition) {
  ScenarioBuilder b = NewHolder(D("2021-09-01"));
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("N", "2024-08-30", kCb, 100'000));
  const Violation* x = Find(in, "LOCK-NEWHOLDER-36M");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->category, Category::kRestrictedOriginalShares);
  EXPECT_EQ(x->shares_in_breach, 100'000);
  EXPECT_EQ(in.earliest_full_date.value_or(Date()), D("2024-09-02"));
  const Verdict out = Check(l, MakeOrder("N", "2024-09-02", kCb, 100'000));
  EXPECT_EQ(out.outcome, Outcome::kPass) << Rules(out);
}

// The window's edge: 12 months before the filing is inside (inclusive, conservative); the day
// before is outside (only the one-year listing lock applies).
TEST(NewHolderTest, WindowEdgeIsInclusive) {
  ScenarioBuilder in = NewHolder(D("2021-06-30"));
  const Ledger li = in.Build();
  EXPECT_NE(Find(Check(li, MakeOrder("N", "2024-06-17", kCb, 100'000)), "LOCK-NEWHOLDER-36M"),
            nullptr);
  ScenarioBuilder out = NewHolder(D("2021-06-29"));
  const Ledger lo = out.Build();
  const Verdict v = Check(lo, MakeOrder("N", "2024-06-17", kCb, 100'000));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// Filings accepted before the guidance (2021-02-05) are not subject; without a filing date the
// rule is not evaluated; a lot without `acquired` is unknown while the lock could run.
TEST(NewHolderTest, FilingDateScopeAndMissingInputs) {
  ScenarioBuilder old = NewHolder(D("2020-09-01"), D("2021-02-04"));
  old.scenario().company.listing_date = D("2022-03-01");
  const Ledger lo = old.Build();
  EXPECT_EQ(Find(Check(lo, MakeOrder("N", "2023-03-01", kCb, 100'000)), "LOCK-NEWHOLDER-36M"),
            nullptr);
  ScenarioBuilder from = NewHolder(D("2020-09-01"), D("2021-02-05"));
  from.scenario().company.listing_date = D("2022-03-01");
  const Ledger lf = from.Build();
  EXPECT_NE(Find(Check(lf, MakeOrder("N", "2023-03-01", kCb, 100'000)), "LOCK-NEWHOLDER-36M"),
            nullptr);
  ScenarioBuilder none = NewHolder(D("2021-09-01"), std::nullopt);
  const Ledger ln = none.Build();
  EXPECT_EQ(Check(ln, MakeOrder("N", "2024-08-30", kCb, 100'000)).outcome, Outcome::kPass);
  ScenarioBuilder undated = NewHolder(std::nullopt);
  const Ledger lu = undated.Build();
  EXPECT_TRUE(
      HasUnknown(Check(lu, MakeOrder("N", "2024-08-30", kCb, 100'000)), "LOCK-NEWHOLDER-36M"));
  // After filing + 36 months (2025-06-30) no acquisition date can matter.
  EXPECT_FALSE(
      HasUnknown(Check(lu, MakeOrder("N", "2025-07-01", kCb, 100'000)), "LOCK-NEWHOLDER-36M"));
}

// LOCK-ACQ-18M: control acquired 2025-03-10 -> every share locked through 2026-09-10.
ScenarioBuilder Acquirer() {
  ScenarioBuilder b("2015-06-10", kTotal);
  Holder& a = b.AddHolder("A");
  a.control_acquired = D("2025-03-10");
  ScenarioBuilder::AddLot(a, "L1", 10'000'000, Source::kOther, D("2025-03-10"));
  ScenarioBuilder::AddLot(a, "L2", 1'000'000, Source::kSecondaryBidding, D("2025-06-02"));
  return b;
}

TEST(AcquirerLockTest, EighteenMonthsAfterTheAcquisition) {
  ScenarioBuilder b = Acquirer();
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("A", "2026-09-10", Method::kAgreementTransfer, 500'000));
  const Violation* x = Find(in, "LOCK-ACQ-18M");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 500'000);  // later purchases are locked too (conservative)
  const Verdict out = Check(l, MakeOrder("A", "2026-09-11", Method::kAgreementTransfer, 500'000));
  EXPECT_EQ(Find(out, "LOCK-ACQ-18M"), nullptr) << Rules(out);
  EXPECT_EQ(Find(Check(l, MakeOrder("A", "2025-03-09", Method::kAgreementTransfer, 500'000)),
                 "LOCK-ACQ-18M"),
            nullptr);
}

// LOCK-CTP-STAR: a controller who is also core technical staff. STAR, listed 2022-07-20: the
// 36-month lock runs through 2025-07-19, so quota year 1 starts 2025-07-21 (a Monday after the
// 20th, a Sunday): 25% of 40,000,000 = 10,000,000 (not the 75% of year 3 counted from the
// 12-month lock).
TEST(CtpQuotaTest, ControllerQuotaYearsCountFromTheThirtySixMonthEnd) {
  ScenarioBuilder b("2022-07-20", kTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(
      b.AddHolder("C", R(Role::kControllingShareholder) | R(Role::kCoreTechnicalStaff)), "L1",
      40'000'000, Source::kIpoOriginal);
  b.Plan("C", "2025-06-03", 20'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("C", "2025-07-21", Method::kAgreementTransfer, 10'000'001));
  const Violation* x = Find(v, "LOCK-CTP-STAR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1);
  ASSERT_NE(FactOf<Date>(*x, "lock_expiry"), nullptr);
  EXPECT_EQ(*FactOf<Date>(*x, "lock_expiry"), D("2025-07-20"));
  EXPECT_EQ(Find(Check(l, MakeOrder("C", "2025-07-21", Method::kAgreementTransfer, 10'000'000)),
                 "LOCK-CTP-STAR"),
            nullptr);
}

// LOCK-STRAT, the sponsor's co-investment (保荐机构相关子公司跟投): STAR, listed Tuesday
// 2023-03-14. The co-investor's IPO-subscribed shares are locked 24 months from listing, through
// Thursday 2025-03-13, and trade from Friday 2025-03-14 (the corresponding day, as
// LOCK-IPO-12M's). A plain strategic investor's 12 months end 2024-03-13.
ScenarioBuilder CoInvest(RoleSet roles) {
  ScenarioBuilder b("2023-03-14", kTotal);
  b.Board(Board::kStar);
  b.scenario().company.profitable_at_listing = true;
  ScenarioBuilder::AddLot(b.AddHolder("SC", roles), "L1", 2'000'000, Source::kIpoSubscribed);
  return b;
}

TEST(SponsorCoInvestTest, LockedTwentyFourMonthsFromListing) {
  ScenarioBuilder b = CoInvest(R(Role::kSponsorCoInvestor));
  const Ledger l = b.Build();
  const Verdict in = Check(l, MakeOrder("SC", "2025-03-13", kCb, 100'000));
  EXPECT_EQ(in.outcome, Outcome::kFail);
  const Violation* x = Find(in, "LOCK-STRAT");
  ASSERT_NE(x, nullptr) << Rules(in);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);  // as every LOCK-STRAT breach
  EXPECT_EQ(x->shares_in_breach, 100'000);
  EXPECT_EQ(in.max_compliant_shares, 0);
  EXPECT_EQ(in.binding_rule, "LOCK-STRAT");
  ASSERT_NE(FactOf<Date>(*x, "last_locked_day"), nullptr);
  EXPECT_EQ(*FactOf<Date>(*x, "last_locked_day"), D("2025-03-13"));
  ASSERT_NE(FactOf<Date>(*x, "tradable_from"), nullptr);
  EXPECT_EQ(*FactOf<Date>(*x, "tradable_from"), D("2025-03-14"));
  ASSERT_NE(FactOf<Date>(*x, "listing_date"), nullptr);
  EXPECT_EQ(*FactOf<Date>(*x, "listing_date"), D("2023-03-14"));
  ASSERT_NE(FactOf<bool>(*x, "sponsor_coinvestor"), nullptr);
  EXPECT_TRUE(*FactOf<bool>(*x, "sponsor_coinvestor"));
  EXPECT_NE(x->message.en.find("co-investment: locked 24 months from listing"), std::string::npos)
      << x->message.en;
  EXPECT_NE(x->message.zh.find("跟投"), std::string::npos) << x->message.zh;
  // The earliest-date search sees the lock's end, from the last day and from long before.
  EXPECT_EQ(in.earliest_full_date.value_or(Date()), D("2025-03-14"));
  EXPECT_EQ(
      Check(l, MakeOrder("SC", "2024-06-03", kCb, 100'000)).earliest_full_date.value_or(Date()),
      D("2025-03-14"));
  const Verdict out = Check(l, MakeOrder("SC", "2025-03-14", kCb, 100'000));
  EXPECT_EQ(Find(out, "LOCK-STRAT"), nullptr) << Rules(out);
  EXPECT_EQ(out.outcome, Outcome::kPass) << Rules(out);
}

// The lock view `reducheck lockup` is built on: LOCK-STRAT through 2025-03-13, then free.
TEST(SponsorCoInvestTest, LockViewShowsTheTwentyFourMonthEnd) {
  ScenarioBuilder b = CoInvest(R(Role::kSponsorCoInvestor));
  const Ledger l = b.Build();
  const Evaluator& ev = ShippedEvaluator();
  for (const char* day : {"2024-06-03", "2025-03-13"}) {
    const RuleSet* pack = ev.PackFor(D(day));
    ASSERT_NE(pack, nullptr);
    std::vector<LotLockView> view;
    ASSERT_TRUE(pack->LotLocks("SC", D(day), l, ev.calendar(), view).ok());
    ASSERT_EQ(view.size(), 1u);
    EXPECT_TRUE(view[0].locked) << day;
    EXPECT_EQ(view[0].last_locked_day, D("2025-03-13")) << day;
    ASSERT_EQ(view[0].rules.size(), 1u) << day;
    EXPECT_EQ(view[0].rules[0]->id, "LOCK-STRAT") << day;
  }
  const RuleSet* pack = ev.PackFor(D("2025-03-14"));
  ASSERT_NE(pack, nullptr);
  std::vector<LotLockView> view;
  ASSERT_TRUE(pack->LotLocks("SC", D("2025-03-14"), l, ev.calendar(), view).ok());
  ASSERT_EQ(view.size(), 1u);
  EXPECT_FALSE(view[0].locked);
}

// A plain strategic investor keeps its 12 months (strat_lock_months); a holder with both roles
// gets the later end, the co-investment's.
TEST(SponsorCoInvestTest, PlainStrategicInvestorIsUnaffected) {
  ScenarioBuilder s = CoInvest(R(Role::kStrategicInvestor));
  const Ledger ls = s.Build();
  const Verdict last = Check(ls, MakeOrder("SC", "2024-03-13", kCb, 100'000));
  const Violation* x = Find(last, "LOCK-STRAT");
  ASSERT_NE(x, nullptr) << Rules(last);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(FactOf<bool>(*x, "sponsor_coinvestor"), nullptr);
  EXPECT_EQ(x->message.en.find("co-investment"), std::string::npos) << x->message.en;
  EXPECT_EQ(last.earliest_full_date.value_or(Date()), D("2024-03-14"));
  EXPECT_EQ(Check(ls, MakeOrder("SC", "2024-03-14", kCb, 100'000)).outcome, Outcome::kPass);
  EXPECT_EQ(Check(ls, MakeOrder("SC", "2025-03-13", kCb, 100'000)).outcome, Outcome::kPass);

  ScenarioBuilder both = CoInvest(R(Role::kStrategicInvestor) | R(Role::kSponsorCoInvestor));
  const Ledger lb = both.Build();
  EXPECT_NE(Find(Check(lb, MakeOrder("SC", "2025-03-13", kCb, 100'000)), "LOCK-STRAT"), nullptr);
  EXPECT_EQ(Check(lb, MakeOrder("SC", "2025-03-14", kCb, 100'000)).outcome, Outcome::kPass);
}

// The months are the pack's: with sponsor_coinvest_lock_months 12 in every pack the lock ends
// 2024-03-13 (the strategic investors' end), so 2024-03-14 passes and 2024-03-13 fails.
TEST(SponsorCoInvestTest, PackParameterMovesTheBoundary) {
  auto packs = adapters::ReadPackDir(std::string(REDUCHECK_RULES_DIR) + "/packs");
  ASSERT_TRUE(packs.problems.empty()) << adapters::FormatAll(packs.problems);
  auto cal =
      adapters::ReadCalendarFile(std::string(REDUCHECK_RULES_DIR) + "/calendars/cn-a-share.yaml");
  ASSERT_TRUE(cal.calendar.has_value());
  EvaluatorBuilder eb(std::move(*cal.calendar));
  for (rules::RulePack p : packs.packs) {
    if (p.market != "cn") continue;  // the cn packs: these scenarios list A shares only
    EXPECT_EQ(p.sponsor_coinvest_lock_months, 24) << p.id;
    p.sponsor_coinvest_lock_months = 12;
    auto rs = rules::MakeCnRuleSet(std::move(p));
    ASSERT_TRUE(rs.ok());
    eb.AddPack(rs.value());
  }
  auto built = std::move(eb).Build();
  ASSERT_TRUE(built.ok());
  const Evaluator& ev = built.value();
  ScenarioBuilder b = CoInvest(R(Role::kSponsorCoInvestor));
  const Ledger l = b.Build();
  auto last = ev.Check(MakeOrder("SC", "2024-03-13", kCb, 100'000), l);
  ASSERT_TRUE(last.ok());
  const Violation* x = Find(last.value(), "LOCK-STRAT");
  ASSERT_NE(x, nullptr) << Rules(last.value());
  EXPECT_NE(x->message.en.find("locked 12 months from listing"), std::string::npos)
      << x->message.en;
  EXPECT_EQ(last.value().earliest_full_date.value_or(Date()), D("2024-03-14"));
  auto free = ev.Check(MakeOrder("SC", "2024-03-14", kCb, 100'000), l);
  ASSERT_TRUE(free.ok());
  EXPECT_EQ(free.value().outcome, Outcome::kPass) << Rules(free.value());
  // The shipped packs (24 months) still lock that day.
  EXPECT_NE(Find(Check(l, MakeOrder("SC", "2024-03-14", kCb, 100'000)), "LOCK-STRAT"), nullptr);
}

// The role's contract name: parsed and named by the engine, read from a scenario file.
TEST(SponsorCoInvestTest, RoleNameRoundTrip) {
  EXPECT_EQ(Name(Role::kSponsorCoInvestor), "sponsor_coinvestor");
  ASSERT_EQ(ParseRole("sponsor_coinvestor"), Role::kSponsorCoInvestor);
  EXPECT_FALSE(ParseRole("sponsor_co_investor").has_value());
  const adapters::ScenarioLoad load = adapters::ReadScenarioText(
      "company: {code: \"688001\", name: T, exchange: SSE, board: star, listing_date: 2023-03-14,\n"
      "          total_shares: 400000000, profitable_at_listing: true}\n"
      "holders:\n"
      "  - id: SC\n"
      "    roles: [sponsor_coinvestor]\n"
      "    lots: [{id: L1, shares: 2000000, source: ipo_subscribed}]\n",
      "coinvest.yaml");
  ASSERT_TRUE(load.scenario.has_value()) << adapters::FormatAll(load.problems);
  ASSERT_EQ(load.scenario->holders.size(), 1u);
  EXPECT_EQ(load.scenario->holders[0].roles, R(Role::kSponsorCoInvestor));
  const adapters::ScenarioLoad typo = adapters::ReadScenarioText(
      "company: {code: \"688001\", name: T, exchange: SSE, board: star, listing_date: 2023-03-14,\n"
      "          total_shares: 400000000}\n"
      "holders:\n"
      "  - id: SC\n"
      "    roles: [sponsor_co_investor]\n"
      "    lots: [{id: L1, shares: 2000000, source: ipo_subscribed}]\n",
      "typo.yaml");
  ASSERT_FALSE(typo.problems.empty());
  EXPECT_NE(adapters::FormatAll(typo.problems).find("sponsor_coinvestor"), std::string::npos)
      << adapters::FormatAll(typo.problems);
}

}  // namespace
}  // namespace reducheck::testing
