// Tests for adapters/src/report/lockup_report.cpp and lockup_render.cpp: the unlock walk
// (chained locks, private placement, commitment, undecided, beyond the calendar), quotas,
// sellable totals and the renderers' shape. Goldens of the example: test/cli/lockup_tests.cmake.
#include "../adapters/src/report/lockup_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"

namespace reducheck::adapters {
namespace {

using boost::gregorian::date;
using ::testing::HasSubstr;
using ::testing::Not;

const Evaluator& TheEvaluator() {
  static const EvaluatorLoad* load = new EvaluatorLoad(LoadEvaluator(REDUCHECK_RULES_DIR));
  EXPECT_TRUE(load->problems.empty()) << FormatAll(load->problems);
  return *load->evaluator;
}

Ledger Build(const std::string& yaml) {
  ScenarioLoad s = ReadScenarioText(yaml, "test.yaml");
  EXPECT_TRUE(s.problems.empty()) << FormatAll(s.problems);
  Result<Ledger> l = Ledger::Build(std::move(*s.scenario));
  EXPECT_TRUE(l.ok()) << l.status().message();
  return std::move(l).value();
}

std::string Company(const std::string& board, const std::string& listing) {
  return "company: {code: \"600001\", name: T, exchange: SSE, board: " + board +
         ", listing_date: " + listing +
         ", issue_price: 10.00, total_shares: 100000000, profitable_at_listing: true}\n";
}

LockupReport Report(const Ledger& ledger, Date as_of) {
  Result<LockupReport> r = BuildLockupReport(TheEvaluator(), ledger, as_of);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return std::move(r).value();
}

TEST(LockupReportTest, ChainedIpoThenControllerLock) {
  const Ledger ledger = Build(Company("main", "2023-03-15") + R"(
holders:
  - id: C
    name: Controller
    roles: [controlling_shareholder]
    lots: [{id: L1, shares: 30000000, source: ipo_original, acquired: 2019-01-01}]
)");
  const LockupReport r = Report(ledger, date(2023, 6, 1));
  ASSERT_EQ(r.lots.size(), 1u);
  const LotUnlock& l = r.lots[0];
  EXPECT_EQ(l.state, UnlockState::kUnlocks);
  ASSERT_EQ(l.locks.size(), 2u);
  EXPECT_EQ(l.locks[0].rule->id, "LOCK-IPO-12M");
  EXPECT_EQ(l.locks[0].last_locked_day, date(2024, 3, 14));
  EXPECT_EQ(l.locks[1].rule->id, "LOCK-CTRL-36M");
  EXPECT_EQ(l.locks[1].last_locked_day, date(2026, 3, 14));
  // 2026-03-15 is a Sunday: the first tradable day is Monday the 16th.
  EXPECT_EQ(l.unlock_date, date(2026, 3, 16));
  EXPECT_EQ(l.extension, ExtensionState::kNone);
}

TEST(LockupReportTest, PrivatePlacementSixMonths) {
  const Ledger ledger = Build(Company("main", "2015-03-15") + R"(
holders:
  - id: P
    name: Placee
    lots: [{id: L1, shares: 1000000, source: private_placement, acquired: 2025-06-10}]
)");
  const LockupReport r = Report(ledger, date(2025, 7, 1));
  const LotUnlock& l = r.lots[0];
  ASSERT_EQ(l.locks.size(), 1u);
  EXPECT_EQ(l.locks[0].rule->id, "LOCK-PP-6M");
  EXPECT_EQ(l.locks[0].last_locked_day, date(2025, 12, 9));
  EXPECT_EQ(l.unlock_date, date(2025, 12, 10));
}

TEST(LockupReportTest, CommitmentEndsBeforeNationalDayClosure) {
  const Ledger ledger = Build(Company("main", "2015-03-15") + R"(
holders:
  - id: H
    name: Holder
    lots: [{id: L1, shares: 1000000, source: secondary_bidding, acquired: 2024-01-05}]
    commitments: [{kind: no_sale, until: 2025-09-30}]
)");
  const LockupReport r = Report(ledger, date(2025, 9, 1));
  const LotUnlock& l = r.lots[0];
  ASSERT_EQ(l.locks.size(), 1u);
  EXPECT_EQ(l.locks[0].rule->id, "LOCK-COMMIT");
  EXPECT_EQ(l.locks[0].last_locked_day, date(2025, 9, 30));
  // The exchanges are closed 2025-10-01..2025-10-08.
  EXPECT_EQ(l.unlock_date, date(2025, 10, 9));
  ASSERT_EQ(r.sellable.size(), 2u);
  EXPECT_EQ(r.sellable[1].date, date(2025, 10, 9));
  EXPECT_EQ(r.sellable[1].cumulative, 1000000);
}

TEST(LockupReportTest, ExtensionWithoutClosesIsUndecided) {
  const Ledger ledger = Build(Company("main", "2025-01-10") + R"(
holders:
  - id: D
    name: Director
    roles: [director]
    term_end: 2027-01-01
    lots: [{id: L1, shares: 2000000, source: ipo_original, acquired: 2020-01-01}]
    commitments: [{kind: extend_if_below_issue_price, months: 6}]
)");
  const LockupReport r = Report(ledger, date(2025, 3, 3));
  const LotUnlock& l = r.lots[0];
  EXPECT_EQ(l.state, UnlockState::kUndecided);
  ASSERT_NE(l.undecided, nullptr);
  EXPECT_EQ(l.undecided->id, "LOCK-EXT-6M");
  EXPECT_EQ(l.extension, ExtensionState::kUndecided);
  EXPECT_FALSE(l.unlock_date.has_value());
  EXPECT_EQ(r.never_within_calendar, 2000000);
  EXPECT_THAT(RenderLockupText(r, Lang::kEn), HasSubstr("undecided"));
}

TEST(LockupReportTest, OfflineSubscriptionWithoutLockupUntilIsUndecided) {
  const Ledger ledger = Build(Company("main", "2026-01-12") + R"(
holders:
  - id: O
    name: Offline
    lots: [{id: L1, shares: 500000, source: ipo_subscribed, acquired: 2026-01-06}]
)");
  const LockupReport r = Report(ledger, date(2026, 2, 2));
  EXPECT_EQ(r.lots[0].state, UnlockState::kUndecided);
  EXPECT_EQ(r.lots[0].undecided->id, "LOCK-OFFLINE");
}

// A controller's 36 months ending in 2027: the unlock date is counted on the provisional 2027
// calendar, and the row says so.
TEST(LockupReportTest, ControllerLockInto2027CarriesTheCalendarCaveat) {
  const Ledger ledger = Build(Company("main", "2024-06-18") + R"(
holders:
  - id: C
    name: Controller
    roles: [controlling_shareholder]
    lots: [{id: L1, shares: 30000000, source: ipo_original, acquired: 2019-01-01}]
)");
  const LockupReport r = Report(ledger, date(2025, 7, 1));
  const LotUnlock& l = r.lots[0];
  EXPECT_EQ(l.state, UnlockState::kUnlocks);
  ASSERT_EQ(l.locks.size(), 1u);
  EXPECT_EQ(l.locks[0].rule->id, "LOCK-CTRL-36M");
  EXPECT_EQ(l.locks[0].last_locked_day, date(2027, 6, 17));
  EXPECT_EQ(l.unlock_date, date(2027, 6, 18));
  EXPECT_TRUE(l.calendar_provisional.Contains(2027));
  const std::string text = RenderLockupText(r, Lang::kEn);
  EXPECT_THAT(text, HasSubstr("(counts provisional calendar year 2027)"));
  EXPECT_THAT(text, HasSubstr("official through 2026-12-31, provisional 2027-2031"));
  EXPECT_THAT(RenderLockupText(r, Lang::kZh), HasSubstr("（含暂定交易日历年份 2027）"));
  // The CSV's last column carries the same caveat.
  EXPECT_THAT(
      RenderLockupCsv(r),
      HasSubstr("L1,30000000,ipo_original,unlocks,2027-06-18,LOCK-CTRL-36M@2027-06-17,,2027\n"));
}

// A lock-up whose anniversary end lies past the calendar prints that end (a calendar date), not
// the calendar's last day (issue 9: "lockup labels a controller's last locked day as the trading
// calendar's last covered day").
TEST(LockupReportTest, LockPastTheCalendarPrintsItsEnd) {
  const Ledger ledger = Build(Company("main", "2029-06-15") + R"(
holders:
  - id: C
    name: Controller
    roles: [controlling_shareholder]
    lots: [{id: L1, shares: 30000000, source: ipo_original, acquired: 2019-01-01}]
)");
  const LockupReport r = Report(ledger, date(2030, 7, 1));
  const LotUnlock& l = r.lots[0];
  EXPECT_EQ(l.state, UnlockState::kBeyondCalendar);
  EXPECT_FALSE(l.unlock_date.has_value());
  EXPECT_EQ(l.lock_ends, date(2032, 6, 14));
  ASSERT_EQ(l.locks.size(), 1u);
  EXPECT_EQ(l.locks[0].rule->id, "LOCK-CTRL-36M");
  EXPECT_EQ(l.locks[0].last_locked_day, date(2032, 6, 14));
  EXPECT_FALSE(l.locks[0].open_ended);
  const std::string text = RenderLockupText(r, Lang::kEn);
  EXPECT_THAT(text, HasSubstr("locked through 2032-06-14; the first tradable day after it is "
                              "beyond the trading calendar (which ends 2031-12-31)"));
  EXPECT_THAT(text, Not(HasSubstr("last covered day")));
}

TEST(LockupReportTest, FreeLotAndDirectorQuota) {
  const Ledger ledger = Build(Company("main", "2015-03-15") + R"(
holders:
  - id: D
    name: Director
    roles: [director]
    term_end: 2027-01-01
    lots: [{id: L1, shares: 2000000, source: ipo_original, acquired: 2010-01-01}]
)");
  const LockupReport r = Report(ledger, date(2025, 3, 3));
  EXPECT_EQ(r.lots[0].state, UnlockState::kFreeOnAsOf);
  EXPECT_EQ(r.lots[0].unlock_date, date(2025, 3, 3));
  ASSERT_EQ(r.sellable.size(), 1u);
  EXPECT_EQ(r.sellable[0].cumulative, 2000000);
  bool dir_quota = false;
  for (const QuotaRow& q : r.quotas) {
    if (q.date == date(2025, 3, 3) && q.rule->id == "DIR-25PCT") {
      dir_quota = true;
      EXPECT_EQ(q.headroom, 500000);  // 25% of the 2,000,000 held at the end of 2024
    }
  }
  EXPECT_TRUE(dir_quota);
}

TEST(LockupReportTest, AsOfOutsideTheCalendarIsAnError) {
  const Ledger ledger = Build(Company("main", "2015-03-15") + R"(
holders:
  - id: H
    name: Holder
    lots: [{id: L1, shares: 1000, source: secondary_bidding, acquired: 2024-01-05}]
)");
  Result<LockupReport> r = BuildLockupReport(TheEvaluator(), ledger, date(2032, 1, 5));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("outside the trading calendar"));
}

TEST(LockupReportTest, HtmlIsSelfContained) {
  const Ledger ledger = Build(Company("main", "2023-03-15") + R"(
holders:
  - id: C
    name: "A <b> & Co"
    roles: [controlling_shareholder]
    lots:
      - {id: L1, shares: 30000000, source: ipo_original, acquired: 2019-01-01}
      - {id: L2, shares: 1000, source: secondary_bidding, acquired: 2023-05-01}
)");
  const LockupReport r = Report(ledger, date(2023, 6, 1));
  for (Lang lang : {Lang::kEn, Lang::kZh}) {
    const std::string html = RenderLockupHtml(r, lang);
    EXPECT_THAT(html, HasSubstr("<svg id=\"timeline\""));
    EXPECT_THAT(html, HasSubstr("A &lt;b&gt; &amp; Co"));
    EXPECT_THAT(html, Not(HasSubstr("<script")));
    EXPECT_THAT(html, Not(HasSubstr("<link")));
    EXPECT_THAT(html, Not(HasSubstr("@import")));
    // The only URL is the SVG namespace.
    size_t urls = 0;
    for (size_t p = html.find("http"); p != std::string::npos; p = html.find("http", p + 1)) {
      ++urls;
      EXPECT_EQ(html.compare(p, 26, "http://www.w3.org/2000/svg"), 0);
    }
    EXPECT_EQ(urls, 1u);
    size_t rows = 0;
    for (size_t p = html.find("class=\"lot-row\""); p != std::string::npos;
         p = html.find("class=\"lot-row\"", p + 1)) {
      ++rows;
    }
    EXPECT_EQ(rows, 2u);
  }
  EXPECT_THAT(RenderLockupCsv(r), HasSubstr("C,A <b> & Co,L1,30000000,ipo_original,unlocks,"
                                            "2026-03-16,LOCK-IPO-12M@2024-03-14;"
                                            "LOCK-CTRL-36M@2026-03-14,,\n"));
}

}  // namespace
}  // namespace reducheck::adapters
