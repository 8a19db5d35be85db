// The reading of Securities Law Art.63 "每增加或者减少5%" by date (issue 9 part 3; docs/rules.md
// "The 5% rule before and after CSRC Opinion No.19"): up to 2025-01-09 (pack cn-2024-pre2025 and
// the 2017 packs) the cumulative amplitude — 5 percentage points from the last report (or the
// start of the history on file), measured at each trade against that day's capital, so passive
// changes count; from 2025-01-10 (cn-2024) the touch of an integer multiple by the group's own
// trades, passive touches exempt (eq5_reading).
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 1'000'000'000;  // 1% = 10,000,000
constexpr Method kCb = Method::kCentralizedBidding;

void AddIssuance(ScenarioBuilder& b, const char* date, Shares shares) {
  CorporateAction a;
  a.kind = CorporateActionKind::kIssuance;
  a.date = D(date);
  a.shares = shares;
  b.scenario().company.corporate_actions.push_back(a);
}

ScenarioBuilder Major(Shares holding, Shares total = kTotal) {
  ScenarioBuilder b("2015-06-10", total);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", holding,
                          Source::kIpoOriginal, D("2014-01-01"));
  return b;
}

Verdict Pinned(const Ledger& l, const Order& o, std::string_view pack) {
  auto v = ShippedEvaluator().Check(o, l, pack);
  if (!v.ok()) {
    ADD_FAILURE() << v.status().message();
    return Verdict{};
  }
  return std::move(v).value();
}

std::int64_t FactInt(const Violation& v, std::string_view key) {
  for (const Fact& f : v.facts) {
    if (f.key == key) return std::get<std::int64_t>(f.value);
  }
  ADD_FAILURE() << "no fact " << key;
  return -1;
}

// 12.00% selling 3%: the touch reading stops at 10% (20,000,000 shares), the amplitude reading
// at 7% (50,000,000). Thursday 2025-01-09 is the amplitude's last day, Friday 01-10 the touch's
// first.
TEST(Eq5ReadingTest, BoundaryAt20250110) {
  ScenarioBuilder b = Major(120'000'000);
  const Ledger l = b.Build();
  const Verdict before = Check(l, MakeOrder("M", "2025-01-09", kCb, 30'000'000));
  EXPECT_EQ(before.rule_pack, "cn-2024-pre2025");
  EXPECT_EQ(Find(before, "EQ5-MULT"), nullptr) << Rules(before);
  const Verdict on = Check(l, MakeOrder("M", "2025-01-10", kCb, 30'000'000));
  EXPECT_EQ(on.rule_pack, "cn-2024");
  const Violation* x = Find(on, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(on);
  EXPECT_EQ(x->shares_in_breach, 10'000'000);
  // Under the amplitude the same holder stops at 7%: 50,000,001 shares break it.
  const Verdict big = Check(l, MakeOrder("M", "2025-01-09", kCb, 50'000'001));
  const Violation* y = Find(big, "EQ5-MULT");
  ASSERT_NE(y, nullptr) << Rules(big);
  EXPECT_EQ(y->shares_in_breach, 1);
  EXPECT_EQ(FactInt(*y, "shares_to_touch"), 50'000'000);
  EXPECT_EQ(Find(Check(l, MakeOrder("M", "2025-01-09", kCb, 50'000'000)), "EQ5-MULT"), nullptr);
}

// The amplitude counts from the start of the history: 12% sold down to 9% on 2024-09-02 (no
// report: 3 points is no trigger), then 2.5% more on 2024-10-08 reaches 7% after 2%.
TEST(Eq5ReadingTest, AmplitudeAccumulatesFromTheBase) {
  ScenarioBuilder b = Major(90'000'000);
  b.Sale("M", "2024-09-02", kCb, 30'000'000);
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2024-10-08", kCb, 25'000'000));
  const Violation* x = Find(v, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(v);
  EXPECT_EQ(x->shares_in_breach, 5'000'000);
  EXPECT_EQ(FactInt(*x, "shares_to_touch"), 20'000'000);
  // An equity change report published after the sale resets the base to 9%: the next level is
  // 5% (4% is below the 5% holder status), 40,000,000 shares away.
  ScenarioBuilder r = Major(90'000'000);
  r.Sale("M", "2024-09-02", kCb, 30'000'000);
  r.Report("M", "2024-09-04");
  const Ledger lr = r.Build();
  EXPECT_EQ(Find(Check(lr, MakeOrder("M", "2024-10-08", kCb, 25'000'000)), "EQ5-MULT"), nullptr);
}

// A past trade that moved the holding 5 points froze trading until 3 trading days after its
// report; with no report on file the freeze has no end.
TEST(Eq5ReadingTest, AmplitudeTriggerInHistoryFreezes) {
  ScenarioBuilder b = Major(70'000'000);
  b.Sale("M", "2024-09-02", kCb, 50'000'000);  // 12% -> 7%: 5 points
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2024-10-08", kCb, 1'000'000));
  const Violation* x = Find(v, "EQ5-MULT");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->shares_in_breach, 1'000'000);
  ScenarioBuilder r = Major(70'000'000);
  r.Sale("M", "2024-09-02", kCb, 50'000'000);
  r.Report("M", "2024-09-04");  // + 3 trading days: frozen through 2024-09-09
  const Ledger lr = r.Build();
  EXPECT_NE(Find(Check(lr, MakeOrder("M", "2024-09-09", kCb, 1'000'000)), "EQ5-MULT"), nullptr);
  EXPECT_EQ(Find(Check(lr, MakeOrder("M", "2024-09-10", kCb, 1'000'000)), "EQ5-MULT"), nullptr);
}

// Passive changes: 16% reported on 2024-07-01, diluted to 12.8% by an issuance of 250,000,000
// on 2024-08-01. Amplitude: the level is 11% of 1,250,000,000 = 137,500,000, 22,500,000 shares
// away. Touch (from 2025-01-10): the next multiple below 12.8% is 10%, 35,000,000 away.
TEST(Eq5ReadingTest, PassiveDilutionCountsInTheAmplitudeNotInTheTouch) {
  ScenarioBuilder b = Major(160'000'000, 1'250'000'000);
  AddIssuance(b, "2024-08-01", 250'000'000);
  b.Report("M", "2024-07-01");
  const Ledger l = b.Build();
  const Verdict amp = Check(l, MakeOrder("M", "2024-10-08", kCb, 30'000'000));
  EXPECT_EQ(amp.rule_pack, "cn-2024-pre2025");
  const Violation* x = Find(amp, "EQ5-MULT");
  ASSERT_NE(x, nullptr) << Rules(amp);
  EXPECT_EQ(x->shares_in_breach, 7'500'000);
  // Counsel's view of 从旧兼从轻: the same 2024 sale under the touch reading (pinned).
  const Verdict lighter = Pinned(l, MakeOrder("M", "2024-10-08", kCb, 30'000'000), "cn-2024");
  EXPECT_EQ(Find(lighter, "EQ5-MULT"), nullptr) << Rules(lighter);
  const Verdict touch = Check(l, MakeOrder("M", "2025-02-10", kCb, 30'000'000));
  EXPECT_EQ(touch.rule_pack, "cn-2024");
  EXPECT_EQ(Find(touch, "EQ5-MULT"), nullptr) << Rules(touch);
}

// EQ5-1PCT under the amplitude: a notice for each point of change from the base (12% -> 11%,
// 10%, 9%, 8%), none for the 5-point level; under the touch reading the multiples 11%, 9%, 8%.
TEST(Eq5ReadingTest, OnePercentNoticesFollowTheReading) {
  ScenarioBuilder b = Major(120'500'000);
  const Ledger l = b.Build();
  auto notices = [](const Verdict& v) {
    int n = 0;
    for (const Obligation& o : v.obligations) n += o.kind == "report_1pct_change";
    return n;
  };
  // 12.05% -> 7.55%: amplitude levels 11.05, 10.05, 9.05, 8.05 (7.05 not reached).
  EXPECT_EQ(notices(Check(l, MakeOrder("M", "2025-01-09", kCb, 45'000'000))), 4);
  // Touch: 12, 11, 9, 8 (10 is a 5% multiple).
  EXPECT_EQ(notices(Check(l, MakeOrder("M", "2025-01-10", kCb, 45'000'000))), 4);
  // 12.05% -> 11.50%: amplitude reaches no level; touch reaches 12%.
  EXPECT_EQ(notices(Check(l, MakeOrder("M", "2025-01-09", kCb, 5'500'000))), 0);
  EXPECT_EQ(notices(Check(l, MakeOrder("M", "2025-01-10", kCb, 5'500'000))), 1);
}

}  // namespace
}  // namespace reducheck::testing
