// Boundary tests of the other bans (spec §6): BAN-MAJ-INV, BAN-MAJ-REPR, BAN-MAJ-FINE,
// BAN-CO-INV, BAN-CO-REPR, BAN-CO-DELIST, BAN-DO.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

template <typename T>
const T* FactOf(const Violation& v, std::string_view key) {
  for (const Fact& f : v.facts) {
    if (f.key == key) return std::get_if<T>(&f.value);
  }
  return nullptr;
}

// M: an 8% major shareholder whose shares were all bought on the exchange (no plan, no cap
// needed, EX-05), so an order passes unless a ban applies. Selling 1,000,000 touches no 1%
// or 5% multiple.
ScenarioBuilder MarketMajor() {
  ScenarioBuilder b("2015-06-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "M-1", 80'000'000,
                          Source::kSecondaryBidding, D("2022-03-01"));
  return b;
}
Holder& H(ScenarioBuilder& b, const char* id) {
  for (Holder& h : b.scenario().holders) {
    if (h.id == id) return h;
  }
  std::abort();
}

Verdict Sell(ScenarioBuilder& b, const char* date, Method m = Method::kCentralizedBidding,
             const char* holder = "M", Shares n = 1'000'000) {
  const Ledger l = b.Build();
  return Check(l, MakeOrder(holder, date, m, n));
}

TEST(BanMajInvTest, OpenInvestigationBansEveryMethodAndMarketBoughtShares) {
  ScenarioBuilder b = MarketMajor();
  H(b, "M").investigations = {{D("2025-06-01"), std::nullopt}};
  const Verdict v = Sell(b, "2026-03-24");
  const Violation* x = Find(v, "BAN-MAJ-INV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->category, Category::kRestrictedPeriodOther);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
  EXPECT_EQ(v.max_compliant_shares, 0);
  EXPECT_EQ(v.binding_rule, "BAN-MAJ-INV");
  EXPECT_TRUE(*FactOf<bool>(*x, "open"));
  EXPECT_EQ(*FactOf<std::string>(*x, "limbs"), "investigation");
  EXPECT_FALSE(v.earliest_full_date);
  EXPECT_NE(Find(Sell(b, "2026-03-24", Method::kAgreementTransfer, "M", 60'000'000), "BAN-MAJ-INV"),
            nullptr);
  EXPECT_NE(Find(Sell(b, "2026-03-24", Method::kBlockTrade), "BAN-MAJ-INV"), nullptr);
}

TEST(BanMajInvTest, InvestigationStartingLaterDoesNotBanYet) {
  ScenarioBuilder b = MarketMajor();
  H(b, "M").investigations = {{D("2026-03-25"), std::nullopt}};
  EXPECT_EQ(Sell(b, "2026-03-24").outcome, Outcome::kPass);
  EXPECT_NE(Find(Sell(b, "2026-03-25"), "BAN-MAJ-INV"), nullptr);
}

// Closed investigation: banned through `to` + 6 months (conservative, docs/rules.md).
TEST(BanMajInvTest, ClosedInvestigationBansSixMonthsAfterItsEnd) {
  ScenarioBuilder b = MarketMajor();
  H(b, "M").investigations = {{D("2025-01-06"), D("2025-09-30")}};
  const Verdict v = Sell(b, "2026-03-30");
  const Violation* x = Find(v, "BAN-MAJ-INV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Date>(*x, "banned_through"), D("2026-03-30"));
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-31"));
  EXPECT_EQ(Sell(b, "2026-03-31").outcome, Outcome::kPass);
}

// Penalty decided 2025-09-30: "未满六个月" runs 2025-10-01..2026-03-30 (Civil Code).
TEST(BanMajInvTest, PenaltyTailLastDayAndDayAfter) {
  ScenarioBuilder b = MarketMajor();
  H(b, "M").penalties = {{D("2025-09-30")}};
  EXPECT_NE(Find(Sell(b, "2025-09-30"), "BAN-MAJ-INV"), nullptr);
  const Verdict v = Sell(b, "2026-03-30");
  const Violation* x = Find(v, "BAN-MAJ-INV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "limbs"), "penalty");
  EXPECT_EQ(*FactOf<Date>(*x, "free_from"), D("2026-03-31"));
  EXPECT_EQ(Sell(b, "2026-03-31").outcome, Outcome::kPass);
}

// Reprimand 2025-12-10: banned through 2026-03-10.
TEST(BanMajReprTest, ThreeMonthTailLastDayAndDayAfter) {
  ScenarioBuilder b = MarketMajor();
  H(b, "M").reprimands = {{D("2025-12-10")}};
  const Verdict v = Sell(b, "2026-03-10");
  const Violation* x = Find(v, "BAN-MAJ-REPR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Date>(*x, "banned_through"), D("2026-03-10"));
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-11"));
  EXPECT_EQ(Sell(b, "2026-03-11").outcome, Outcome::kPass);
  EXPECT_NE(Find(Sell(b, "2025-12-10"), "BAN-MAJ-REPR"), nullptr);
  EXPECT_EQ(Sell(b, "2025-12-09").outcome, Outcome::kPass);
}

TEST(BanMajFineTest, UnpaidFinesBanUntilPaid) {
  ScenarioBuilder b = MarketMajor();
  H(b, "M").fines_unpaid = true;
  const Verdict v = Sell(b, "2026-03-24");
  const Violation* x = Find(v, "BAN-MAJ-FINE");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_TRUE(*FactOf<bool>(*x, "open"));
  EXPECT_FALSE(v.earliest_full_date);
  H(b, "M").fines_unpaid = false;
  EXPECT_EQ(Sell(b, "2026-03-24").outcome, Outcome::kPass);
}

// Art.7 binds major shareholders only: a 3% specific shareholder is not banned.
TEST(BanMajInvTest, NonMajorHolderIsNotBanned) {
  ScenarioBuilder b("2015-06-10", kTotal);
  Holder& s = b.AddHolder("S", R(Role::kPreIpoShareholder));
  ScenarioBuilder::AddLot(s, "S-1", 30'000'000, Source::kIpoOriginal);
  s.investigations = {{D("2025-06-01"), std::nullopt}};
  s.reprimands = {{D("2026-03-01")}};
  s.fines_unpaid = true;
  b.scenario().company.investigations = {{D("2025-06-01"), std::nullopt}};
  const Verdict v = Sell(b, "2026-03-24", Method::kCentralizedBidding, "S");
  EXPECT_EQ(v.outcome, Outcome::kPass) << Rules(v);
}

// Art.8: the company's matters ban its controlling shareholder (and concert parties).
struct Controlled {
  ScenarioBuilder b{"2015-06-10", kTotal};
  Controlled() {
    ScenarioBuilder::AddLot(b.AddHolder("C", R(Role::kControllingShareholder), "G1"), "C-1",
                            300'000'000, Source::kIpoOriginal);
    ScenarioBuilder::AddLot(b.AddHolder("P", 0, "G1"), "P-1", 20'000'000, Source::kSecondaryBidding,
                            D("2022-01-05"));
    b.Plan("C", "2026-03-02", 10'000'000);
  }
  Company& co() { return b.scenario().company; }
};

TEST(BanCoTest, CompanyInvestigationBansTheControllerAndConcertParty) {
  Controlled c;
  c.co().investigations = {{D("2025-11-01"), std::nullopt}};
  const Verdict v = Sell(c.b, "2026-03-24", Method::kCentralizedBidding, "C");
  const Violation* x = Find(v, "BAN-CO-INV");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "limbs"), "company_investigation");
  // The concert party's market-bought shares are banned too (Arts 4-8 apply to them).
  EXPECT_NE(Find(Sell(c.b, "2026-03-24", Method::kCentralizedBidding, "P"), "BAN-CO-INV"), nullptr);
  // So are agreement transfers.
  EXPECT_NE(
      Find(Sell(c.b, "2026-03-24", Method::kAgreementTransfer, "C", 60'000'000), "BAN-CO-INV"),
      nullptr);
}

TEST(BanCoTest, CompanyPenaltyTail) {
  Controlled c;
  c.co().penalties = {{D("2025-09-30")}};
  EXPECT_NE(
      Find(Sell(c.b, "2026-03-30", Method::kAgreementTransfer, "C", 60'000'000), "BAN-CO-INV"),
      nullptr);
  EXPECT_EQ(
      Find(Sell(c.b, "2026-03-31", Method::kAgreementTransfer, "C", 60'000'000), "BAN-CO-INV"),
      nullptr);
}

TEST(BanCoTest, CompanyReprimandThreeMonths) {
  Controlled c;
  c.co().reprimands = {{D("2025-12-24")}};
  const Verdict v = Sell(c.b, "2026-03-24", Method::kCentralizedBidding, "C");
  const Violation* x = Find(v, "BAN-CO-REPR");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Date>(*x, "banned_through"), D("2026-03-24"));
  EXPECT_EQ(Find(Sell(c.b, "2026-03-25", Method::kCentralizedBidding, "C"), "BAN-CO-REPR"),
            nullptr);
}

TEST(BanCoTest, DelistingPeriodThroughItsLastDay) {
  Controlled c;
  c.co().delisting_risk = {{D("2026-01-15"), D("2026-03-24")}};
  EXPECT_NE(Find(Sell(c.b, "2026-03-24", Method::kCentralizedBidding, "C"), "BAN-CO-DELIST"),
            nullptr);
  // P (market-bought shares only, so no plan, cap or CTRL-* question) shows the whole verdict.
  const Verdict v = Sell(c.b, "2026-03-24", Method::kCentralizedBidding, "P");
  const Violation* x = Find(v, "BAN-CO-DELIST");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<Date>(*x, "free_from"), D("2026-03-25"));
  EXPECT_EQ(v.earliest_full_date.value_or(Date()), D("2026-03-25"));
  const Verdict next = Sell(c.b, "2026-03-25", Method::kCentralizedBidding, "P");
  EXPECT_EQ(next.outcome, Outcome::kPass) << Rules(next);
  c.co().delisting_risk = {{D("2026-01-15"), std::nullopt}};
  EXPECT_NE(Find(Sell(c.b, "2026-06-01", Method::kCentralizedBidding, "C"), "BAN-CO-DELIST"),
            nullptr);
}

// Issue 15 defect 5: Art.8 binds the current controller only. A former IPO controller that is
// now a plain 5% holder (controlling_at_ipo: true, role major_shareholder) is not banned by the
// company's investigation; a controller that took control after the IPO is.
TEST(BanCoTest, FormerIpoControllerIsNotBoundByArt8CurrentControllerIs) {
  ScenarioBuilder b("2015-06-10", kTotal);
  Holder& f = b.AddHolder("F", R(Role::kMajorShareholder));
  f.controlling_at_ipo = true;
  ScenarioBuilder::AddLot(f, "F-1", 80'000'000, Source::kSecondaryBidding, D("2022-03-01"));
  Holder& n = b.AddHolder("N", R(Role::kActualController));
  n.controlling_at_ipo = false;
  ScenarioBuilder::AddLot(n, "N-1", 200'000'000, Source::kSecondaryBidding, D("2023-03-01"));
  b.scenario().company.investigations = {{D("2025-11-01"), std::nullopt}};
  const Verdict vf = Sell(b, "2026-03-24", Method::kCentralizedBidding, "F");
  EXPECT_EQ(Find(vf, "BAN-CO-INV"), nullptr) << Rules(vf);
  EXPECT_EQ(vf.outcome, Outcome::kPass) << Rules(vf);
  const Verdict vn = Sell(b, "2026-03-24", Method::kCentralizedBidding, "N");
  EXPECT_NE(Find(vn, "BAN-CO-INV"), nullptr) << Rules(vn);
  // The investigation closed 2025-12-31: banned through 2026-06-30 (6 months), free 07-01.
  b.scenario().company.investigations = {{D("2025-11-01"), D("2025-12-31")}};
  EXPECT_NE(Find(Sell(b, "2026-06-30", Method::kCentralizedBidding, "N"), "BAN-CO-INV"), nullptr);
  EXPECT_EQ(Find(Sell(b, "2026-07-01", Method::kCentralizedBidding, "N"), "BAN-CO-INV"), nullptr);
}

// A non-controlling major shareholder is not bound by Art.8.
TEST(BanCoTest, NonControllingMajorIsNotBannedByCompanyMatters) {
  ScenarioBuilder b = MarketMajor();
  b.scenario().company.investigations = {{D("2025-11-01"), std::nullopt}};
  b.scenario().company.reprimands = {{D("2026-03-01")}};
  b.scenario().company.delisting_risk = {{D("2026-01-15"), std::nullopt}};
  EXPECT_EQ(Sell(b, "2026-03-24").outcome, Outcome::kPass);
}

// D&O: one rule id, BAN-DO, with the limbs that apply.
ScenarioBuilder Director() {
  ScenarioBuilder b("2015-06-10", kTotal);
  Holder& d = b.AddHolder("D", R(Role::kDirector));
  d.term_end = D("2027-06-30");
  ScenarioBuilder::AddLot(d, "D-1", 400'000, Source::kEquityIncentive, D("2020-01-01"));
  return b;
}

TEST(BanDoTest, CompanyInvestigationAndOwnReprimandAreLimbs) {
  ScenarioBuilder b = Director();
  b.scenario().company.investigations = {{D("2025-11-01"), std::nullopt}};
  H(b, "D").reprimands = {{D("2026-01-05")}};
  const Verdict v = Sell(b, "2026-03-24", Method::kCentralizedBidding, "D", 10'000);
  const Violation* x = Find(v, "BAN-DO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "limbs"), "company_investigation, reprimand");
  EXPECT_TRUE(*FactOf<bool>(*x, "open"));
  EXPECT_EQ(Find(v, "BAN-CO-INV"), nullptr);    // not a controller
  EXPECT_EQ(Find(v, "BAN-MAJ-REPR"), nullptr);  // not a major shareholder
}

TEST(BanDoTest, OwnReprimandLastDayAndDayAfter) {
  ScenarioBuilder b = Director();
  H(b, "D").reprimands = {{D("2025-12-10")}};
  EXPECT_NE(Find(Sell(b, "2026-03-10", Method::kCentralizedBidding, "D", 10'000), "BAN-DO"),
            nullptr);
  EXPECT_EQ(Find(Sell(b, "2026-03-11", Method::kCentralizedBidding, "D", 10'000), "BAN-DO"),
            nullptr);
}

TEST(BanDoTest, OwnPenaltyAndUnpaidFines) {
  ScenarioBuilder b = Director();
  H(b, "D").penalties = {{D("2025-09-30")}};
  H(b, "D").fines_unpaid = true;
  const Verdict v = Sell(b, "2026-03-30", Method::kCentralizedBidding, "D", 10'000);
  const Violation* x = Find(v, "BAN-DO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "limbs"), "penalty, unpaid_fines");
  EXPECT_EQ(Find(v, "BAN-MAJ-FINE"), nullptr);
}

// The D&O list has no limb for the company's reprimand.
TEST(BanDoTest, CompanyReprimandDoesNotBanADirector) {
  ScenarioBuilder b = Director();
  b.scenario().company.reprimands = {{D("2026-03-01")}};
  const Verdict v = Sell(b, "2026-03-24", Method::kCentralizedBidding, "D", 10'000);
  EXPECT_EQ(Find(v, "BAN-DO"), nullptr) << Rules(v);
}

TEST(BanDoTest, CompanyDelistingPeriodBansADirector) {
  ScenarioBuilder b = Director();
  b.scenario().company.delisting_risk = {{D("2026-01-15"), std::nullopt}};
  const Verdict v = Sell(b, "2026-03-24", Method::kCentralizedBidding, "D", 10'000);
  const Violation* x = Find(v, "BAN-DO");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(*FactOf<std::string>(*x, "limbs"), "company_delisting_risk");
}

}  // namespace
}  // namespace reducheck::testing
