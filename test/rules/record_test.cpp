// Evaluator::Record: the one write path (batch, planner, service). Lots are drawn in the deemed
// order the rules judge with, and later checks see the recorded sale.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;

TEST(RecordTest, DrawsCappedSharesWithinQuotaThenExemptThenCappedBeyond) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("M", R(Role::kMajorShareholder));
  ScenarioBuilder::AddLot(h, "PRE", 60'000'000, Source::kIpoOriginal);
  ScenarioBuilder::AddLot(h, "MKT", 2'000'000, Source::kSecondaryBidding, D("2025-01-02"));
  b.Sale("M", "2025-11-03", Method::kCentralizedBidding, 9'000'000);  // 1M of quota left
  b.Plan("M", "2025-10-09", 20'000'000, {Method::kCentralizedBidding});
  Ledger l = b.Build();
  const Evaluator& ev = ShippedEvaluator();
  // 2,500,000: 1,000,000 capped within quota, then 1,500,000 market-bought (exempt).
  const Order o = MakeOrder("M", "2025-11-04", Method::kCentralizedBidding, 2'500'000);
  ASSERT_EQ(Check(l, o).outcome, Outcome::kPass) << Rules(Check(l, o));
  ASSERT_TRUE(ev.Record(o, l).ok());
  const Holder& after = l.holder(l.HolderIndex("M"));
  ASSERT_EQ(after.lots.size(), 2u);
  EXPECT_EQ(after.lots[0].shares, 59'000'000);
  EXPECT_EQ(after.lots[1].shares, 500'000);
  EXPECT_EQ(
      l.GroupSold(l.GroupOf(0), Method::kCentralizedBidding, D("2025-11-01"), D("2025-11-04")),
      11'500'000);
  // The quota is used up: the next capped share fails; the exempt 500,000 still pass.
  const Verdict next = Check(l, MakeOrder("M", "2025-11-05", Method::kCentralizedBidding, 500'001));
  const Violation* x = Find(next, "CAP-CB-1PCT");
  ASSERT_NE(x, nullptr) << Rules(next);
  EXPECT_EQ(x->shares_in_breach, 1);
  EXPECT_EQ(next.max_compliant_shares, 500'000);
}

TEST(RecordTest, AWholeLotDrawnIsRemoved) {
  ScenarioBuilder b("2020-01-10", kTotal);
  Holder& h = b.AddHolder("S");
  ScenarioBuilder::AddLot(h, "A", 100'000, Source::kSecondaryBidding, D("2024-01-02"));
  ScenarioBuilder::AddLot(h, "B", 200'000, Source::kSecondaryBidding, D("2024-06-03"));
  Ledger l = b.Build();
  ASSERT_TRUE(ShippedEvaluator()
                  .Record(MakeOrder("S", "2025-11-03", Method::kCentralizedBidding, 150'000), l)
                  .ok());
  const Holder& after = l.holder(0);
  ASSERT_EQ(after.lots.size(), 1u);  // oldest lot A drawn first and removed
  EXPECT_EQ(after.lots[0].id, "B");
  EXPECT_EQ(after.lots[0].shares, 150'000);
}

TEST(RecordTest, ATouchRecordedFreezesTheNextSale) {
  ScenarioBuilder b("2020-01-10", 500'000'000);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 52'000'000,
                          Source::kIpoOriginal);
  b.Plan("M", "2025-09-10", 10'000'000, {Method::kCentralizedBidding});
  Ledger l = b.Build();
  const Evaluator& ev = ShippedEvaluator();
  ASSERT_TRUE(
      ev.Record(MakeOrder("M", "2025-11-03", Method::kCentralizedBidding, 2'000'000), l).ok());
  const Verdict v = Check(l, MakeOrder("M", "2025-11-04", Method::kCentralizedBidding, 1000));
  EXPECT_NE(Find(v, "EQ5-MULT"), nullptr) << Rules(v);  // no report yet: frozen
  Announcement report;
  report.holder = "M";
  report.kind = AnnouncementKind::kEquityChangeReport;
  report.published = D("2025-11-05");
  ASSERT_TRUE(l.RecordAnnouncement(report).ok());
  EXPECT_NE(
      Find(Check(l, MakeOrder("M", "2025-11-10", Method::kCentralizedBidding, 1000)), "EQ5-MULT"),
      nullptr);  // 3 trading days after 11-05 is 11-10: still frozen
  EXPECT_EQ(
      Find(Check(l, MakeOrder("M", "2025-11-11", Method::kCentralizedBidding, 1000)), "EQ5-MULT"),
      nullptr);
}

TEST(RecordTest, SalesMustComeInDateOrder) {
  ScenarioBuilder b("2020-01-10", kTotal);
  ScenarioBuilder::AddLot(b.AddHolder("S"), "A", 1'000'000, Source::kSecondaryBidding,
                          D("2024-01-02"));
  b.Sale("S", "2025-11-05", Method::kCentralizedBidding, 1000);
  Ledger l = b.Build();
  const Status st =
      ShippedEvaluator().Record(MakeOrder("S", "2025-11-04", Method::kCentralizedBidding, 1000), l);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("date order"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace reducheck::testing
