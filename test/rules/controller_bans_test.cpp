// Boundary tests of the controller bans CTRL-BREAK-IPO, CTRL-BREAK-NAV and CTRL-DIV (spec §5,
// A4, A5, A13; EX-07, EX-08).
#include <algorithm>

#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

Money Y(const char* text) { return *Money::Parse(text); }

template <typename T>
const T* FactOf(const Violation& v, std::string_view key) {
  for (const Fact& f : v.facts) {
    if (f.key == key) return std::get_if<T>(&f.value);
  }
  return nullptr;
}

std::string UnknownText(const Verdict& v, std::string_view rule) {
  for (const UnknownFinding& u : v.unknown) {
    if (u.rule->id == rule) return u.missing.en;
  }
  return "";
}

// Closes on every trading day of [first, last] at `price`.
void FillCloses(Company& co, const char* first, const char* last, const char* price) {
  const TradingCalendar& cal = ShippedEvaluator().calendar();
  for (std::optional<Date> t = cal.TradingDayOnOrAfter(D(first)); t && *t <= D(last);
       t = cal.AddTradingDays(*t, 1)) {
    co.closes.push_back({*t, Y(price)});
  }
}
void SetClose(Company& co, const char* date, const char* price) {
  for (DatedPrice& p : co.closes) {
    if (p.date == D(date)) p.price = Y(price);
  }
}
void DropClose(Company& co, const char* date) {
  std::erase_if(co.closes, [&](const DatedPrice& p) { return p.date == D(date); });
}

// SZSE main board, listed 2018 at 10.00. Controlling shareholder C holds 352,000,000 pre-IPO
// shares (35.2%). Closes 13.00; NAV per share 12.00 at 2024-12-31; FY2025's annual report is
// published 2026-04-20, so on the plan's publication date (2026-03-02) the latest three fiscal
// years are 2022-2024: profits 100M/120M/140M, dividends 12M each (exactly 30% of the average).
// Plan published 2026-03-02; first permitted sale 2026-03-24.
// The 20 trading days before 2026-03-02 run from 2026-01-23 to 2026-02-27 (Spring Festival
// closure Feb 16-23); 2026-01-22 is the 21st.
struct Base {
  ScenarioBuilder b{"2018-01-10", kTotal};
  Holder* c = nullptr;
  Base() {
    Company& co = b.scenario().company;
    co.issue_price = Y("10.00");
    FillCloses(co, "2025-11-03", "2026-06-30", "13.00");
    co.net_assets_per_share = {{D("2024-12-31"), Y("12.00")}};
    co.net_profits = {{2022, Y("100000000")}, {2023, Y("120000000")}, {2024, Y("140000000")}};
    co.cash_dividends = {{2022, Y("12000000")}, {2023, Y("12000000")}, {2024, Y("12000000")}};
    co.reports.push_back({ReportKind::kAnnual, "2025", D("2026-04-20"), std::nullopt});
    c = &b.AddHolder("C", R(Role::kControllingShareholder), "G1");
    ScenarioBuilder::AddLot(*c, "C-IPO", 352'000'000, Source::kIpoOriginal);
  }
  Company& co() { return b.scenario().company; }
  Base& WithPlan(const char* published = "2026-03-02") {
    b.Plan("C", published, 20'000'000);
    return *this;
  }
};

Verdict CheckC(Base& base, const char* date = "2026-03-24", Method m = Method::kCentralizedBidding,
               Shares n = 1'000'000, const char* holder = "C") {
  const Ledger l = base.b.Build();
  return Check(l, MakeOrder(holder, date, m, n));
}

TEST(CtrlBreakIpoTest, BaseScenarioPasses) {
  Base base;
  base.WithPlan();
  const Verdict v = CheckC(base);
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(CtrlBreakIpoTest, CloseBelowIssuePriceOnTheTwentiethTradingDayFails) {
  Base base;
  base.WithPlan();
  SetClose(base.co(), "2026-01-23", "9.99");
  const Verdict v = CheckC(base);
  const Violation* x = Find(v, "CTRL-BREAK-IPO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
  const DateRange* lb = FactOf<DateRange>(*x, "lookback");
  ASSERT_NE(lb, nullptr);
  EXPECT_EQ(lb->first, D("2026-01-23"));
  EXPECT_EQ(lb->last, D("2026-02-27"));
  EXPECT_EQ(*FactOf<Date>(*x, "anchor"), D("2026-03-02"));
  EXPECT_EQ(*FactOf<std::string>(*x, "anchor_is"), "plan_published");
  EXPECT_EQ(*FactOf<Money>(*x, "lowest_close"), Y("9.99"));
  EXPECT_EQ(*FactOf<std::int64_t>(*x, "days_below"), 1);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_NE(Find(v, "CTRL-BREAK-NAV"), nullptr);  // 9.99 is below the NAV of 12.00 too
}

TEST(CtrlBreakIpoTest, CloseBelowOnTheTwentyFirstTradingDayDoesNotCount) {
  Base base;
  base.WithPlan();
  SetClose(base.co(), "2026-01-22", "5.00");
  const Verdict v = CheckC(base);
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

TEST(CtrlBreakIpoTest, CloseEqualToIssuePriceIsNotBelow) {
  Base base;
  base.WithPlan();
  base.co().net_assets_per_share = {{D("2024-12-31"), Y("9.00")}};
  SetClose(base.co(), "2026-02-27", "10.00");
  EXPECT_EQ(CheckC(base).outcome, Outcome::kPass);
  SetClose(base.co(), "2026-02-27", "9.9999");
  EXPECT_NE(Find(CheckC(base), "CTRL-BREAK-IPO"), nullptr);
}

// A4 exception: a plan published before the price fell covers its sales.
TEST(CtrlBreakIpoTest, PlanPublishedBeforeThePriceFellIsNotBanned) {
  Base base;
  base.WithPlan();
  for (const char* d : {"2026-03-02", "2026-03-03", "2026-03-10", "2026-03-23"}) {
    SetClose(base.co(), d, "5.00");
  }
  const Verdict v = CheckC(base);
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// Without a valid plan the sale date is the anchor (PRE-15TD fails anyway).
TEST(CtrlBreakIpoTest, WithoutAPlanTheSaleDateAnchors) {
  Base base;
  SetClose(base.co(), "2026-03-10", "9.50");
  const Verdict v = CheckC(base);
  const Violation* x = Find(v, "CTRL-BREAK-IPO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "anchor_is"), "sale_date");
  EXPECT_EQ(FactOf<DateRange>(*x, "lookback")->last, D("2026-03-23"));
  EXPECT_NE(Find(v, "PRE-15TD"), nullptr);
}

TEST(CtrlBreakIpoTest, BlockTradeIsBannedAgreementTransferIsNot) {
  Base base;
  base.WithPlan();
  SetClose(base.co(), "2026-02-10", "9.00");
  EXPECT_NE(Find(CheckC(base, "2026-03-24", Method::kBlockTrade), "CTRL-BREAK-IPO"), nullptr);
  // A13: Arts 10-11 name centralized bidding and block trades only.
  const Verdict at = CheckC(base, "2026-03-24", Method::kAgreementTransfer, 60'000'000);
  EXPECT_EQ(Find(at, "CTRL-BREAK-IPO"), nullptr) << Rules(at);
  EXPECT_FALSE(HasUnknown(at, "CTRL-BREAK-IPO"));
  const Verdict it = CheckC(base, "2026-03-24", Method::kInquiryTransfer, 20'000'000);
  EXPECT_EQ(Find(it, "CTRL-BREAK-IPO"), nullptr) << Rules(it);
}

TEST(CtrlBreakIpoTest, MissingCloseIsUnknownNamingTheDay) {
  Base base;
  base.WithPlan();
  DropClose(base.co(), "2026-02-05");
  const Verdict v = CheckC(base);
  EXPECT_EQ(v.outcome, Outcome::kUnknown) << Rules(v);
  EXPECT_NE(UnknownText(v, "CTRL-BREAK-IPO").find("2026-02-05"), std::string::npos)
      << UnknownText(v, "CTRL-BREAK-IPO");
  EXPECT_TRUE(HasUnknown(v, "CTRL-BREAK-NAV"));
  // A known close below the price decides despite the gap.
  SetClose(base.co(), "2026-02-06", "9.00");
  const Verdict w = CheckC(base);
  EXPECT_NE(Find(w, "CTRL-BREAK-IPO"), nullptr) << Rules(w);
  EXPECT_FALSE(HasUnknown(w, "CTRL-BREAK-IPO"));
}

TEST(CtrlBreakIpoTest, MissingIssuePriceIsUnknown) {
  Base base;
  base.WithPlan();
  base.co().issue_price.reset();
  const Verdict v = CheckC(base);
  EXPECT_NE(UnknownText(v, "CTRL-BREAK-IPO").find("issue_price"), std::string::npos);
}

// The ban follows the holder that controlled at IPO after it lost control, and binds the
// controller's concert parties.
TEST(CtrlBreakIpoTest, FormerControllerAtIpoAndConcertPartyAreBanned) {
  Base base;
  base.WithPlan();
  Holder& f = base.b.AddHolder("F", 0);
  f.controlling_at_ipo = true;
  ScenarioBuilder::AddLot(f, "F-IPO", 30'000'000, Source::kIpoOriginal);
  Holder& p = base.b.AddHolder("P", 0, "G1");
  ScenarioBuilder::AddLot(p, "P-IPO", 10'000'000, Source::kIpoOriginal);
  SetClose(base.co(), "2026-03-10", "9.00");
  EXPECT_NE(
      Find(CheckC(base, "2026-03-24", Method::kCentralizedBidding, 100'000, "F"), "CTRL-BREAK-IPO"),
      nullptr);
  EXPECT_NE(
      Find(CheckC(base, "2026-03-24", Method::kCentralizedBidding, 100'000, "P"), "CTRL-BREAK-IPO"),
      nullptr);
}

// Issue 15 defect 5: "controlling at the IPO" (Art.11) and "controlling now" (Art.10) are
// separate. A controller that took control after the IPO (controlling_at_ipo: false) is not bound
// by CTRL-BREAK-IPO but is by CTRL-BREAK-NAV; without the flag a current controller is presumed
// the IPO controller (conservative).
TEST(CtrlBreakIpoTest, ControllerWhoTookControlAfterTheIpoIsNotBoundByArt11) {
  Base base;
  base.WithPlan();
  base.c->controlling_at_ipo = false;
  SetClose(base.co(), "2026-02-27", "9.99");  // below the issue price 10.00 and the NAV 12.00
  const Verdict v = CheckC(base);
  EXPECT_EQ(Find(v, "CTRL-BREAK-IPO"), nullptr) << Rules(v);
  EXPECT_FALSE(HasUnknown(v, "CTRL-BREAK-IPO"));
  EXPECT_NE(Find(v, "CTRL-BREAK-NAV"), nullptr) << Rules(v);
  // Above the NAV's reach but below the issue price: passes.
  Base above;
  above.WithPlan();
  above.c->controlling_at_ipo = false;
  above.co().net_assets_per_share = {{D("2024-12-31"), Y("9.00")}};
  SetClose(above.co(), "2026-02-27", "9.99");
  const Verdict w = CheckC(above);
  EXPECT_EQ(w.outcome, Outcome::kPass) << Rules(w);
  // The flag absent (presumed) or true: bound.
  Base presumed;
  presumed.WithPlan();
  presumed.co().net_assets_per_share = {{D("2024-12-31"), Y("9.00")}};
  SetClose(presumed.co(), "2026-02-27", "9.99");
  EXPECT_NE(Find(CheckC(presumed), "CTRL-BREAK-IPO"), nullptr);
}

// A former IPO controller now a plain 5% holder: Art.11 keeps binding it (CTRL-BREAK-IPO, with
// the wording for a former controller); Art.10 does not (CTRL-BREAK-NAV, CTRL-DIV).
TEST(CtrlBreakIpoTest, FormerIpoControllerIsBoundByArt11NotArt10) {
  Base base;
  Holder& f = base.b.AddHolder("F", R(Role::kMajorShareholder));
  f.controlling_at_ipo = true;
  ScenarioBuilder::AddLot(f, "F-IPO", 60'000'000, Source::kIpoOriginal);
  base.b.Plan("F", "2026-03-02", 10'000'000);
  base.co().cash_dividends = {{2022, Y("0")}, {2023, Y("0")}, {2024, Y("0")}};  // CTRL-DIV fails
  SetClose(base.co(), "2026-02-27", "9.99");  // below the issue price and the NAV
  const Verdict v = CheckC(base, "2026-03-24", Method::kCentralizedBidding, 100'000, "F");
  const Violation* x = Find(v, "CTRL-BREAK-IPO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_NE(x->message.en.find("controlled the company at its IPO"), std::string::npos)
      << x->message.en;
  EXPECT_NE(x->message.zh.find("丧失控制地位后仍适用"), std::string::npos);
  EXPECT_EQ(Find(v, "CTRL-BREAK-NAV"), nullptr) << Rules(v);
  EXPECT_EQ(Find(v, "CTRL-DIV"), nullptr) << Rules(v);
  EXPECT_FALSE(HasUnknown(v, "CTRL-BREAK-NAV"));
  // The current controller on the same facts: all three.
  const Verdict c = CheckC(base);
  EXPECT_NE(Find(c, "CTRL-BREAK-IPO"), nullptr) << Rules(c);
  EXPECT_NE(Find(c, "CTRL-BREAK-NAV"), nullptr) << Rules(c);
  EXPECT_NE(Find(c, "CTRL-DIV"), nullptr) << Rules(c);
  EXPECT_EQ(Find(c, "CTRL-BREAK-IPO")->message.en.find("at its IPO"), std::string::npos);
}

// Concert parties follow their controller's notion: the concert party of a former IPO controller
// is bound by Art.11 only; the concert party of a controller that came after the IPO by Art.10
// only.
TEST(CtrlBreakIpoTest, ConcertPartiesFollowTheirControllersNotion) {
  Base base;
  base.WithPlan();
  base.c->controlling_at_ipo = false;  // C took control after the IPO
  Holder& p = base.b.AddHolder("P", 0, "G1");
  ScenarioBuilder::AddLot(p, "P-IPO", 10'000'000, Source::kIpoOriginal);
  Holder& f = base.b.AddHolder("F", 0, "G2");
  f.controlling_at_ipo = true;
  ScenarioBuilder::AddLot(f, "F-IPO", 20'000'000, Source::kIpoOriginal);
  Holder& q = base.b.AddHolder("Q", 0, "G2");
  ScenarioBuilder::AddLot(q, "Q-IPO", 10'000'000, Source::kIpoOriginal);
  SetClose(base.co(), "2026-02-27", "9.99");
  const Verdict vp = CheckC(base, "2026-03-24", Method::kCentralizedBidding, 100'000, "P");
  EXPECT_EQ(Find(vp, "CTRL-BREAK-IPO"), nullptr) << Rules(vp);
  EXPECT_NE(Find(vp, "CTRL-BREAK-NAV"), nullptr) << Rules(vp);
  const Verdict vq = CheckC(base, "2026-03-24", Method::kCentralizedBidding, 100'000, "Q");
  EXPECT_NE(Find(vq, "CTRL-BREAK-IPO"), nullptr) << Rules(vq);
  EXPECT_EQ(Find(vq, "CTRL-BREAK-NAV"), nullptr) << Rules(vq);
}

// Issue 15 defect 6: 破净 compares with net assets whose financial report had been disclosed
// before the anchor. Plan published 2026-01-12 (first sale 2026-02-03); closes 13.00; NAV 12.00
// at 2024-12-31 and 14.00 at 2025-12-31, whose annual report is published 2026-04-24: the 2025
// value is not yet public on 2026-01-12, so the comparison is 12.00 and the sale passes.
struct NavBase : Base {
  explicit NavBase(const char* fy2025_report) {
    co().net_assets_per_share = {{D("2024-12-31"), Y("12.00")}, {D("2025-12-31"), Y("14.00")}};
    co().reports.clear();
    if (fy2025_report != nullptr) {
      co().reports.push_back({ReportKind::kAnnual, "2025", D(fy2025_report), std::nullopt});
    } else {
      // Whether FY2025 counts for CTRL-DIV is open too: give its figures (2023-2025 passes).
      co().net_profits.push_back({2025, Y("140000000")});
      co().cash_dividends.push_back({2025, Y("16000000")});
    }
    WithPlan("2026-01-12");
  }
};

TEST(CtrlBreakNavTest, NavOfAReportNotYetPublishedIsNotTheComparison) {
  NavBase base("2026-04-24");
  const Verdict v = CheckC(base, "2026-02-03");
  EXPECT_EQ(Find(v, "CTRL-BREAK-NAV"), nullptr) << Rules(v);
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// The report's day against the anchor: published the day before the plan -> its NAV (14.00)
// binds; on the plan's day or after -> not yet disclosed before it.
TEST(CtrlBreakNavTest, ReportPublishedTheDayBeforeThePlanCounts) {
  NavBase before("2026-01-09");
  const Verdict v = CheckC(before, "2026-02-03");
  const Violation* x = Find(v, "CTRL-BREAK-NAV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Money>(*x, "net_assets_per_share"), Y("14.00"));
  EXPECT_EQ(*FactOf<Date>(*x, "nav_period_end"), D("2025-12-31"));
  NavBase same_day("2026-01-12");
  EXPECT_EQ(Find(CheckC(same_day, "2026-02-03"), "CTRL-BREAK-NAV"), nullptr);
  NavBase after("2026-01-13");
  EXPECT_EQ(Find(CheckC(after, "2026-02-03"), "CTRL-BREAK-NAV"), nullptr);
}

// The report not listed and its deadline (2026-04-30) not passed: it may or may not have been
// out. When its NAV would fail, the rule is unknown naming the report; when it would not, it
// does not matter.
TEST(CtrlBreakNavTest, UnlistedReportBeforeItsDeadlineIsUnknownWhenItMatters) {
  NavBase base(nullptr);
  const Verdict v = CheckC(base, "2026-02-03");
  EXPECT_EQ(Find(v, "CTRL-BREAK-NAV"), nullptr) << Rules(v);
  EXPECT_TRUE(HasUnknown(v, "CTRL-BREAK-NAV")) << Rules(v);
  EXPECT_NE(UnknownText(v, "CTRL-BREAK-NAV").find("annual report for 2025"), std::string::npos)
      << UnknownText(v, "CTRL-BREAK-NAV");
  NavBase low(nullptr);
  low.co().net_assets_per_share[1].value = Y("12.99");  // below every close: cannot fail
  const Verdict w = CheckC(low, "2026-02-03");
  EXPECT_EQ(w.outcome, Outcome::kPass) << Rules(w);
  NavBase equal(nullptr);
  equal.co().net_assets_per_share[1].value = Y("13.00");  // a close equal to it is not below
  EXPECT_EQ(CheckC(equal, "2026-02-03").outcome, Outcome::kPass);
  NavBase cent(nullptr);
  cent.co().net_assets_per_share[1].value = Y("13.01");
  EXPECT_TRUE(HasUnknown(CheckC(cent, "2026-02-03"), "CTRL-BREAK-NAV"));
}

// The latest period: the Q3 2025 NAV binds once the Q3 report is out (listed before the anchor,
// or not listed and past its deadline of 2025-10-31); a flash report is not a financial report.
TEST(CtrlBreakNavTest, LatestQuarterCountsOnceItsReportIsOut) {
  NavBase listed("2026-04-24");
  listed.co().net_assets_per_share.push_back({D("2025-09-30"), Y("13.50")});
  listed.co().reports.push_back({ReportKind::kQuarterly, "2025Q3", D("2025-10-30"), std::nullopt});
  const Verdict v = CheckC(listed, "2026-02-03");
  const Violation* x = Find(v, "CTRL-BREAK-NAV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Date>(*x, "nav_period_end"), D("2025-09-30"));
  NavBase deemed("2026-04-24");
  deemed.co().net_assets_per_share.push_back({D("2025-09-30"), Y("13.50")});
  EXPECT_NE(Find(CheckC(deemed, "2026-02-03"), "CTRL-BREAK-NAV"), nullptr);
  NavBase late("2026-04-24");
  late.co().net_assets_per_share.push_back({D("2025-09-30"), Y("13.50")});
  late.co().reports.push_back({ReportKind::kQuarterly, "2025Q3", D("2026-01-20"), std::nullopt});
  EXPECT_EQ(Find(CheckC(late, "2026-02-03"), "CTRL-BREAK-NAV"), nullptr);
  NavBase flash(nullptr);
  flash.co().reports.push_back({ReportKind::kFlash, "2025", D("2026-01-05"), std::nullopt});
  const Verdict f = CheckC(flash, "2026-02-03");
  EXPECT_EQ(Find(f, "CTRL-BREAK-NAV"), nullptr) << Rules(f);
  EXPECT_TRUE(HasUnknown(f, "CTRL-BREAK-NAV"));
}

// Spec §1: the bans do not reach market-bought (secondary_bidding) shares.
TEST(CtrlBreakIpoTest, PureMarketBoughtControllerIsNotBanned) {
  ScenarioBuilder b("2018-01-10", kTotal);
  Company& co = b.scenario().company;
  co.issue_price = Y("10.00");  // no closes, NAV, profits or dividends at all
  Holder& m = b.AddHolder("M", R(Role::kActualController));
  ScenarioBuilder::AddLot(m, "M-1", 62'000'000, Source::kSecondaryBidding, D("2023-05-10"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2026-03-24", Method::kCentralizedBidding, 1'000'000));
  EXPECT_EQ(Find(v, "CTRL-BREAK-IPO"), nullptr);
  EXPECT_FALSE(HasUnknown(v, "CTRL-BREAK-IPO"));
  EXPECT_FALSE(HasUnknown(v, "CTRL-BREAK-NAV"));
  EXPECT_FALSE(HasUnknown(v, "CTRL-DIV"));
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// Mixed holding: capped shares are deemed sold first while cap quota is left (A28), so the
// market-bought shares escape only once the quota is used up.
TEST(CtrlBreakIpoTest, MarketBoughtPartOfAMixedHoldingFollowsTheDeemedOrder) {
  Base base;
  base.WithPlan();
  ScenarioBuilder::AddLot(*base.c, "C-MKT", 2'000'000, Source::kSecondaryBidding, D("2024-02-01"));
  SetClose(base.co(), "2026-02-10", "9.00");
  {
    const Verdict v = CheckC(base);
    const Violation* x = Find(v, "CTRL-BREAK-IPO");
    ASSERT_NE(x, nullptr) << Rules(v);
    EXPECT_EQ(x->shares_in_breach, 1'000'000);  // quota left: deemed pre-IPO shares
    EXPECT_EQ(*FactOf<std::int64_t>(*x, "market_bought_free_shares"), 2'000'000);
  }
  base.b.Sale("C", "2026-03-03", Method::kCentralizedBidding, 10'000'000);  // quota used up
  const Verdict v = CheckC(base, "2026-03-24", Method::kCentralizedBidding, 3'000'000);
  const Violation* x = Find(v, "CTRL-BREAK-IPO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);  // 2,000,000 market-bought, 1,000,000 pre-IPO
  EXPECT_NE(Find(v, "CAP-CB-1PCT"), nullptr);
  const Verdict ok = CheckC(base, "2026-03-24", Method::kCentralizedBidding, 2'000'000);
  EXPECT_EQ(Find(ok, "CTRL-BREAK-IPO"), nullptr) << Rules(ok);
}

// IPO-subscribed shares are covered (spec §1).
TEST(CtrlBreakIpoTest, IpoSubscribedSharesAreCovered) {
  ScenarioBuilder b("2018-01-10", kTotal);
  Company& co = b.scenario().company;
  co.issue_price = Y("10.00");
  FillCloses(co, "2025-11-03", "2026-06-30", "9.00");
  Holder& h = b.AddHolder("S", 0, "G1");
  ScenarioBuilder::AddLot(h, "S-SUB", 1'000'000, Source::kIpoSubscribed);
  Holder& c = b.AddHolder("C", R(Role::kControllingShareholder), "G1");
  ScenarioBuilder::AddLot(c, "C-IPO", 352'000'000, Source::kIpoOriginal);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("S", "2026-03-24", Method::kCentralizedBidding, 500'000));
  const Violation* x = Find(v, "CTRL-BREAK-IPO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 500'000);
}

// EX-07: NAV 8.00, lowest close 7.95 -> fail; exactly the NAV -> pass.
TEST(CtrlBreakNavTest, CloseBelowNavFailsEqualPasses) {
  Base base;
  base.WithPlan();
  SetClose(base.co(), "2026-02-03", "11.99");
  {
    const Verdict v = CheckC(base);
    const Violation* x = Find(v, "CTRL-BREAK-NAV");
    ASSERT_NE(x, nullptr) << Rules(v);
    EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
    EXPECT_EQ(*FactOf<Money>(*x, "net_assets_per_share"), Y("12.00"));
    EXPECT_EQ(*FactOf<Date>(*x, "nav_period_end"), D("2024-12-31"));
    EXPECT_EQ(Find(v, "CTRL-BREAK-IPO"), nullptr);
  }
  SetClose(base.co(), "2026-02-03", "12.00");
  EXPECT_EQ(CheckC(base).outcome, Outcome::kPass);
}

// "Latest fiscal year or latest reporting period": the higher of the two is used; period
// ends on or after the anchor are ignored.
TEST(CtrlBreakNavTest, LatestPeriodEndBeforeTheAnchorCountsWhenHigher) {
  Base base;
  base.WithPlan();
  base.co().net_assets_per_share = {{D("2023-12-31"), Y("30.00")},
                                    {D("2024-12-31"), Y("12.00")},
                                    {D("2025-09-30"), Y("12.50")},
                                    {D("2026-03-31"), Y("40.00")}};
  SetClose(base.co(), "2026-02-03", "12.40");
  const Verdict v = CheckC(base);
  const Violation* x = Find(v, "CTRL-BREAK-NAV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Money>(*x, "net_assets_per_share"), Y("12.50"));
  EXPECT_EQ(*FactOf<Date>(*x, "nav_period_end"), D("2025-09-30"));
  SetClose(base.co(), "2026-02-03", "12.50");
  EXPECT_EQ(CheckC(base).outcome, Outcome::kPass) << Rules(CheckC(base));
}

TEST(CtrlBreakNavTest, MissingFiscalYearEndNavIsUnknown) {
  Base base;
  base.WithPlan();
  base.co().net_assets_per_share = {{D("2023-12-31"), Y("12.00")}};
  const Verdict v = CheckC(base);
  EXPECT_EQ(v.outcome, Outcome::kUnknown) << Rules(v);
  EXPECT_NE(UnknownText(v, "CTRL-BREAK-NAV").find("2024-12-31"), std::string::npos)
      << UnknownText(v, "CTRL-BREAK-NAV");
}

// After April 30 the previous year's annual report is out (statutory deadline) when
// company.reports does not list it: FY2025 is then the latest year.
TEST(CtrlBreakNavTest, AfterTheStatutoryDeadlineThePreviousYearEndIsNeeded) {
  Base base;
  base.co().reports.clear();
  base.WithPlan("2026-05-06");
  const Verdict v = CheckC(base, "2026-05-28");
  EXPECT_NE(UnknownText(v, "CTRL-BREAK-NAV").find("2025-12-31"), std::string::npos) << Rules(v);
  EXPECT_NE(UnknownText(v, "CTRL-DIV").find("2025"), std::string::npos) << Rules(v);
}

// EX-08: 100M/120M/140M profits; 10M a year (30M < 36M) fails, 12M a year (36M) passes.
TEST(CtrlDivTest, Ex08TenMillionFailsTwelveMillionPasses) {
  Base base;
  base.WithPlan();
  base.co().cash_dividends = {{2022, Y("10000000")}, {2023, Y("10000000")}, {2024, Y("10000000")}};
  {
    const Verdict v = CheckC(base);
    const Violation* x = Find(v, "CTRL-DIV");
    ASSERT_NE(x, nullptr) << Rules(v);
    EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
    EXPECT_EQ(x->shares_in_breach, 1'000'000);
    EXPECT_EQ(*FactOf<std::string>(*x, "fiscal_years"), "2022-2024");
    EXPECT_EQ(*FactOf<Money>(*x, "cash_dividends_total"), Y("30000000"));
    EXPECT_EQ(*FactOf<Money>(*x, "average_net_profit"), Y("120000000"));
    EXPECT_EQ(*FactOf<Money>(*x, "required_dividends"), Y("36000000"));
  }
  base.co().cash_dividends = {
      {2022, Y("12000000")}, {2023, Y("12000000")}, {2024, Y("11999999.9999")}};
  EXPECT_NE(Find(CheckC(base), "CTRL-DIV"), nullptr);
  base.co().cash_dividends = {{2022, Y("12000000")}, {2023, Y("12000000")}, {2024, Y("12000000")}};
  EXPECT_EQ(CheckC(base).outcome, Outcome::kPass);
}

TEST(CtrlDivTest, NoCashDividendFails) {
  Base base;
  base.WithPlan();
  base.co().cash_dividends = {{2022, Y("0")}, {2023, Y("0")}, {2024, Y("0")}};
  const Verdict v = CheckC(base);
  const Violation* x = Find(v, "CTRL-DIV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_NE(x->message.en.find("no cash dividend"), std::string::npos) << x->message.en;
}

// A5: the average is over profitable years only (120M and 140M -> 130M; 30% = 39M).
TEST(CtrlDivTest, LossYearsLeftOutOfTheAverage) {
  Base base;
  base.WithPlan();
  base.co().net_profits = {{2022, Y("-50000000")}, {2023, Y("120000000")}, {2024, Y("140000000")}};
  base.co().cash_dividends = {{2022, Y("0")}, {2023, Y("20000000")}, {2024, Y("18999999")}};
  {
    const Verdict v = CheckC(base);
    const Violation* x = Find(v, "CTRL-DIV");
    ASSERT_NE(x, nullptr) << Rules(v);
    EXPECT_EQ(*FactOf<Money>(*x, "required_dividends"), Y("39000000"));
    EXPECT_EQ(*FactOf<std::int64_t>(*x, "profitable_years"), 2);
  }
  base.co().cash_dividends = {{2022, Y("0")}, {2023, Y("20000000")}, {2024, Y("19000000")}};
  EXPECT_EQ(CheckC(base).outcome, Outcome::kPass);
}

TEST(CtrlDivTest, AllLossYearsDoNotTrigger) {
  Base base;
  base.WithPlan();
  base.co().net_profits = {{2022, Y("-1")}, {2023, Y("0")}, {2024, Y("-140000000")}};
  base.co().cash_dividends = {{2022, Y("0")}, {2023, Y("0")}, {2024, Y("0")}};
  EXPECT_EQ(CheckC(base).outcome, Outcome::kPass);
}

TEST(CtrlDivTest, MissingYearIsUnknownNamingIt) {
  Base base;
  base.WithPlan();
  base.co().net_profits.erase(base.co().net_profits.begin() + 1);  // 2023
  const Verdict v = CheckC(base);
  EXPECT_EQ(v.outcome, Outcome::kUnknown);
  const std::string t = UnknownText(v, "CTRL-DIV");
  EXPECT_NE(t.find("company.net_profits for 2023"), std::string::npos) << t;
}

// Before April 30 with the previous year's annual report not listed, both candidate windows
// are tested: the later one failing fails.
TEST(CtrlDivTest, UndeterminedLatestYearTestsBothWindows) {
  Base base;
  base.co().reports.clear();
  base.WithPlan();
  base.co().net_profits.push_back({2025, Y("400000000")});
  base.co().cash_dividends.push_back({2025, Y("12000000")});
  const Verdict v = CheckC(base);
  const Violation* x = Find(v, "CTRL-DIV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "fiscal_years"), "2023-2025");
  // Without FY2025 figures the later window cannot be decided.
  base.co().net_profits.pop_back();
  base.co().cash_dividends.pop_back();
  const Verdict w = CheckC(base);
  EXPECT_NE(UnknownText(w, "CTRL-DIV").find("company.reports"), std::string::npos)
      << UnknownText(w, "CTRL-DIV");
}

// A listed annual report decides which years are the latest.
TEST(CtrlDivTest, ListedAnnualReportBeforeTheAnchorMovesTheWindow) {
  Base base;
  base.co().reports = {{ReportKind::kAnnual, "2025", D("2026-02-26"), std::nullopt}};
  base.co().net_assets_per_share.push_back({D("2025-12-31"), Y("12.00")});
  base.WithPlan();
  base.co().net_profits.push_back({2025, Y("100000000")});
  base.co().cash_dividends.push_back({2025, Y("0")});
  base.co().cash_dividends[0].amount = Y("0");  // 2022: outside the window
  // 2023-2025: 12M + 12M + 0 = 24M < 30% x 120M = 36M.
  const Verdict v = CheckC(base);
  const Violation* x = Find(v, "CTRL-DIV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "fiscal_years"), "2023-2025");
}

}  // namespace
}  // namespace reducheck::testing
