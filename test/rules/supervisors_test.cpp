// Supervisors after the abolition of the supervisory board (issue 9 part 3; docs/rules.md
// "Supervisors after the supervisory board"): a supervisor is a D&O until its company abolished
// the board (company.supervisory_board_abolished); with supervisor_abolition_is_departure (the
// shipped, conservative reading) the abolition is its departure: DIR-LEAVE-6M runs through the
// corresponding day 6 months later and the D&O status ends then (the term ends with the office).
// From 2026-01-01 (supervisor_transition_end) a supervisor of a company with no abolition date
// makes DIR-LEAVE-6M unknown through 2026-06-30.
#include "fixture.h"

namespace reducheck::testing {
namespace {

constexpr Shares kTotal = 400'000'000;
constexpr Method kAt = Method::kAgreementTransfer;  // any day; DIR-LEAVE-6M binds every method

ScenarioBuilder Company(std::optional<Date> abolished, RoleSet role = R(Role::kSupervisor)) {
  ScenarioBuilder b("2015-06-01", kTotal);
  b.scenario().company.supervisory_board_abolished = abolished;
  Holder& h = b.AddHolder("S", role);
  h.term_end = D("2027-06-30");
  ScenarioBuilder::AddLot(h, "L1", 100'000, Source::kEquityIncentive, D("2019-01-02"));
  return b;
}

TEST(SupervisorTest, AbolitionIsADepartureSixMonthLock) {
  ScenarioBuilder b = Company(D("2025-09-15"));
  const Ledger l = b.Build();
  // The day before the abolition: in office, no lock.
  const Verdict before = Check(l, MakeOrder("S", "2025-09-14", kAt, 10'000));
  EXPECT_EQ(Find(before, "DIR-LEAVE-6M"), nullptr) << Rules(before);
  const Verdict on = Check(l, MakeOrder("S", "2025-09-15", kAt, 10'000));
  const Violation* x = Find(on, "DIR-LEAVE-6M");
  ASSERT_NE(x, nullptr) << Rules(on);
  EXPECT_EQ(x->shares_in_breach, 10'000);
  const Verdict last = Check(l, MakeOrder("S", "2026-03-15", kAt, 10'000));
  ASSERT_NE(Find(last, "DIR-LEAVE-6M"), nullptr) << Rules(last);
  // The day after the lock: free, and no longer a D&O (the term ended with the office).
  const Verdict after = Check(l, MakeOrder("S", "2026-03-16", kAt, 100'000));
  EXPECT_EQ(after.outcome, Outcome::kPass) << Rules(after);
}

TEST(SupervisorTest, ADirectorIsNotAffectedByTheAbolition) {
  ScenarioBuilder b = Company(D("2025-09-15"), R(Role::kDirector));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("S", "2025-10-09", kAt, 10'000));
  EXPECT_EQ(Find(v, "DIR-LEAVE-6M"), nullptr) << Rules(v);
}

TEST(SupervisorTest, AnEarlierDepartureWins) {
  ScenarioBuilder b = Company(D("2025-09-15"));
  b.scenario().holders[0].departed = D("2025-05-20");
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("S", "2025-11-20", kAt, 10'000));
  const Violation* x = Find(v, "DIR-LEAVE-6M");
  ASSERT_NE(x, nullptr) << Rules(v);  // early departure: D&O until 2027-12-30; lock ended 11-20
  EXPECT_EQ(x->shares_in_breach, 10'000);
  EXPECT_EQ(Find(Check(l, MakeOrder("S", "2025-11-21", kAt, 10'000)), "DIR-LEAVE-6M"), nullptr);
}

TEST(SupervisorTest, NoAbolitionDateAfterTheTransitionIsUnknown) {
  ScenarioBuilder b = Company(std::nullopt);
  const Ledger l = b.Build();
  // The day before the transition's end: a supervisor in office.
  const Verdict before = Check(l, MakeOrder("S", "2025-12-31", kAt, 10'000));
  EXPECT_FALSE(HasUnknown(before, "DIR-LEAVE-6M")) << Rules(before);
  const Verdict on = Check(l, MakeOrder("S", "2026-01-01", kAt, 10'000));
  EXPECT_TRUE(HasUnknown(on, "DIR-LEAVE-6M")) << Rules(on);
  EXPECT_EQ(on.outcome, Outcome::kUnknown);
  EXPECT_TRUE(HasUnknown(Check(l, MakeOrder("S", "2026-06-30", kAt, 10'000)), "DIR-LEAVE-6M"));
  const Verdict late = Check(l, MakeOrder("S", "2026-07-01", kAt, 10'000));
  EXPECT_FALSE(HasUnknown(late, "DIR-LEAVE-6M")) << Rules(late);
}

// The other reading (supervisor_abolition_is_departure: false): free from the abolition day.
TEST(SupervisorTest, ReleasedReadingIsAParameter) {
  auto packs = adapters::ReadPackDir(std::string(REDUCHECK_RULES_DIR) + "/packs");
  ASSERT_TRUE(packs.problems.empty()) << adapters::FormatAll(packs.problems);
  auto cal =
      adapters::ReadCalendarFile(std::string(REDUCHECK_RULES_DIR) + "/calendars/cn-a-share.yaml");
  ASSERT_TRUE(cal.calendar.has_value());
  EvaluatorBuilder eb(std::move(*cal.calendar));
  for (rules::RulePack p : packs.packs) {
    if (p.market != "cn") continue;  // the cn packs: these scenarios list A shares only
    EXPECT_TRUE(p.supervisor_abolition_is_departure) << p.id;
    p.supervisor_abolition_is_departure = false;
    auto rs = rules::MakeCnRuleSet(std::move(p));
    ASSERT_TRUE(rs.ok());
    eb.AddPack(rs.value());
  }
  auto built = std::move(eb).Build();
  ASSERT_TRUE(built.ok());
  const Evaluator& ev = built.value();
  ScenarioBuilder b = Company(D("2025-09-15"));
  const Ledger l = b.Build();
  auto v = ev.Check(MakeOrder("S", "2025-09-15", kAt, 100'000), l);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value().outcome, Outcome::kPass) << Rules(v.value());
  auto in_office = ev.Check(MakeOrder("S", "2025-09-12", kAt, 100'000), l);
  ASSERT_TRUE(in_office.ok());
  EXPECT_NE(Find(in_office.value(), "DIR-25PCT"), nullptr) << Rules(in_office.value());
}

}  // namespace
}  // namespace reducheck::testing
