// Tests for the scenario YAML reader: the contract example, and each kind of problem located by
// file:line:column and field path.
#include "reducheck/adapters/scenario_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;

const std::string kTestdata = REDUCHECK_TESTDATA_DIR;

Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

Money M(const char* text) { return Money::Parse(text).value(); }

ScenarioLoad Read(const std::string& yaml) { return ReadScenarioText(yaml, "t.yaml", kTestdata); }

// The one problem whose field is `field`; fails the test when there is not exactly one.
Diagnostic Only(const ScenarioLoad& load, const std::string& field) {
  std::vector<Diagnostic> hits;
  for (const Diagnostic& d : load.problems) {
    if (d.field == field) hits.push_back(d);
  }
  EXPECT_EQ(hits.size(), 1u) << "field " << field << " in:\n" << FormatAll(load.problems);
  return hits.empty() ? Diagnostic{} : hits.front();
}

// A valid scenario; line numbers matter to the tests that edit it.
const char* const kBase = R"(company:
  code: "600001"
  exchange: SSE
  board: main
  listing_date: 2020-01-10
  total_shares: 1000000000
holders:
  - id: H1
    roles: [major_shareholder]
    lots:
      - {id: L1, shares: 80000000, source: ipo_original}
orders:
  - {id: O1, holder: H1, date: 2026-03-20, method: centralized_bidding, shares: 1000000}
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

TEST(ScenarioReaderTest, BaseScenarioIsValid) {
  const ScenarioLoad load = Read(kBase);
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_TRUE(load.scenario.has_value());
  EXPECT_EQ(load.scenario->company.code, "600001");
  EXPECT_EQ(load.scenario->orders.at(0).shares, 1000000);
  EXPECT_FALSE(load.scenario->rule_pack.has_value());
}

TEST(ScenarioReaderTest, ContractExampleLoadsEveryField) {
  const ScenarioLoad load = ReadScenarioFile(kTestdata + "/contract_example.yaml");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_TRUE(load.scenario.has_value());
  const Scenario& s = *load.scenario;
  EXPECT_EQ(s.rule_pack, "cn-2024");

  const Company& c = s.company;
  EXPECT_EQ(c.code, "688001");
  EXPECT_EQ(c.name, "Example Technology");
  EXPECT_EQ(c.exchange, Exchange::kSse);
  EXPECT_EQ(c.board, Board::kStar);
  EXPECT_EQ(c.listing_date, D(2023, 3, 15));
  EXPECT_EQ(c.issue_price, M("25.00"));
  EXPECT_EQ(c.total_shares, 400000000);
  EXPECT_EQ(c.profitable_at_listing, true);
  ASSERT_EQ(c.closes.size(), 1u);
  EXPECT_EQ(c.closes[0].date, D(2026, 3, 2));
  EXPECT_EQ(c.closes[0].price, M("24.10"));
  ASSERT_EQ(c.net_assets_per_share.size(), 1u);
  EXPECT_EQ(c.net_assets_per_share[0].period_end, D(2025, 12, 31));
  EXPECT_EQ(c.net_assets_per_share[0].value, M("12.30"));
  ASSERT_EQ(c.cash_dividends.size(), 1u);
  EXPECT_EQ(c.cash_dividends[0].year, 2025);
  EXPECT_EQ(c.cash_dividends[0].amount, M("30000000"));
  ASSERT_EQ(c.net_profits.size(), 1u);
  EXPECT_EQ(c.net_profits[0].amount, M("100000000"));
  ASSERT_EQ(c.reports.size(), 2u);
  EXPECT_EQ(c.reports[0].kind, ReportKind::kAnnual);
  EXPECT_EQ(c.reports[0].period, "2025");
  EXPECT_EQ(c.reports[0].date, D(2026, 4, 20));
  EXPECT_FALSE(c.reports[0].originally.has_value());
  EXPECT_EQ(c.reports[1].kind, ReportKind::kQuarterly);
  EXPECT_EQ(c.reports[1].period, "2026Q1");
  EXPECT_EQ(c.reports[1].originally, D(2026, 4, 25));
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].occurred, D(2026, 5, 6));
  EXPECT_EQ(c.events[0].disclosed, D(2026, 5, 12));
  ASSERT_EQ(c.investigations.size(), 1u);
  EXPECT_EQ(c.investigations[0].from, D(2025, 6, 1));
  EXPECT_FALSE(c.investigations[0].to.has_value());
  ASSERT_EQ(c.penalties.size(), 1u);
  EXPECT_EQ(c.penalties[0].date, D(2024, 11, 20));
  ASSERT_EQ(c.reprimands.size(), 1u);
  EXPECT_EQ(c.reprimands[0].date, D(2025, 8, 1));
  ASSERT_EQ(c.delisting_risk.size(), 1u);
  EXPECT_EQ(c.delisting_risk[0].from, D(2026, 4, 30));

  ASSERT_EQ(s.holders.size(), 1u);
  const Holder& h = s.holders[0];
  EXPECT_EQ(h.id, "H1");
  EXPECT_EQ(h.name, "张三");
  EXPECT_TRUE(HasRole(h.roles, Role::kControllingShareholder));
  EXPECT_TRUE(HasRole(h.roles, Role::kDirector));
  EXPECT_FALSE(HasRole(h.roles, Role::kMajorShareholder));
  EXPECT_EQ(h.concert_group, "G1");
  EXPECT_EQ(h.term_end, D(2027, 5, 1));
  EXPECT_FALSE(h.departed.has_value());
  EXPECT_EQ(h.controlling_at_ipo, std::optional<bool>(true));
  EXPECT_FALSE(h.fines_unpaid);
  ASSERT_EQ(h.lots.size(), 4u);
  EXPECT_EQ(h.lots[0].id, "L1");
  EXPECT_EQ(h.lots[0].shares, 120000000);
  EXPECT_EQ(h.lots[0].source, Source::kIpoOriginal);
  EXPECT_EQ(h.lots[0].acquired, D(2019, 1, 1));
  EXPECT_EQ(h.lots[1].source, Source::kPrivatePlacement);
  EXPECT_EQ(h.lots[1].lockup_until, D(2025, 11, 30));
  EXPECT_EQ(h.lots[2].source, Source::kSecondaryBidding);
  EXPECT_EQ(h.lots[3].source, Source::kBlockTradePurchase);
  EXPECT_EQ(h.lots[3].acquired_from, AcquiredFrom::kMajorShareholder);
  EXPECT_EQ(h.TotalShares(), 126300000);
  ASSERT_EQ(h.commitments.size(), 4u);
  EXPECT_EQ(h.commitments[0].kind, CommitmentKind::kNoSale);
  EXPECT_EQ(h.commitments[0].until, D(2026, 9, 15));
  EXPECT_EQ(h.commitments[0].lots, std::vector<std::string>{"L1"});
  EXPECT_EQ(h.commitments[1].kind, CommitmentKind::kPriceFloor);
  EXPECT_EQ(h.commitments[1].price, M("30.00"));
  EXPECT_EQ(h.commitments[2].kind, CommitmentKind::kMaxPerPeriod);
  EXPECT_EQ(h.commitments[2].pct_bp, 100);
  EXPECT_EQ(h.commitments[2].days, 60);
  EXPECT_EQ(h.commitments[2].until, D(2027, 3, 15));
  EXPECT_EQ(h.commitments[3].kind, CommitmentKind::kExtendIfBelowIssuePrice);
  EXPECT_EQ(h.commitments[3].months, 6);

  ASSERT_EQ(s.history.sales.size(), 1u);
  EXPECT_EQ(s.history.sales[0].holder, "H1");
  EXPECT_EQ(s.history.sales[0].date, D(2026, 1, 26));
  EXPECT_EQ(s.history.sales[0].shares, 2000000);
  EXPECT_EQ(s.history.sales[0].price, M("30.10"));
  ASSERT_EQ(s.history.purchases.size(), 1u);
  EXPECT_EQ(s.history.purchases[0].shares, 10000);
  ASSERT_EQ(s.history.announcements.size(), 2u);
  const Announcement& plan = s.history.announcements[0];
  EXPECT_EQ(plan.kind, AnnouncementKind::kReductionPlan);
  EXPECT_EQ(plan.published, D(2025, 12, 30));
  EXPECT_EQ(plan.window_start, D(2026, 1, 23));
  EXPECT_EQ(plan.window_end, D(2026, 4, 22));
  EXPECT_EQ(plan.max_shares, 8000000);
  EXPECT_EQ(plan.methods, (std::vector<Method>{Method::kCentralizedBidding, Method::kBlockTrade}));
  EXPECT_EQ(s.history.announcements[1].kind, AnnouncementKind::kEquityChangeReport);

  ASSERT_EQ(s.orders.size(), 1u);
  EXPECT_EQ(s.orders[0].id, "O1");
  EXPECT_EQ(s.orders[0].date, D(2026, 3, 20));
  EXPECT_EQ(s.orders[0].method, Method::kCentralizedBidding);
  EXPECT_EQ(s.orders[0].shares, 4000000);
  EXPECT_EQ(s.orders[0].price, M("31.00"));
}

TEST(ScenarioReaderTest, SyntaxErrorIsOneLocatedDiagnostic) {
  const ScenarioLoad load = Read("company:\n  code: [1, 2\nholders: []\n");
  ASSERT_EQ(load.problems.size(), 1u) << FormatAll(load.problems);
  EXPECT_FALSE(load.scenario.has_value());
  EXPECT_EQ(load.problems[0].file, "t.yaml");
  EXPECT_EQ(load.problems[0].line, 3);
  EXPECT_EQ(load.problems[0].column, 8);
  EXPECT_THAT(load.problems[0].message, HasSubstr("YAML syntax error"));
}

TEST(ScenarioReaderTest, UnknownKeySuggestsTheClosestKey) {
  const ScenarioLoad load =
      Read(Replace(kBase, "{id: L1, shares: 80000000", "{id: L1, sahres: 80000000"));
  EXPECT_FALSE(load.scenario.has_value());
  const Diagnostic d = Only(load, "holders[0].lots[0].sahres");
  EXPECT_EQ(d.line, 11);
  EXPECT_EQ(d.column, 18);
  EXPECT_THAT(d.message, HasSubstr("unknown key 'sahres'; did you mean 'shares'?"));
  const Diagnostic missing = Only(load, "holders[0].lots[0].shares");
  EXPECT_EQ(missing.line, 11);
  EXPECT_EQ(missing.column, 9);
  EXPECT_THAT(missing.message, HasSubstr("missing required field 'shares'"));
  EXPECT_EQ(Format(d),
            "t.yaml:11:18: holders[0].lots[0].sahres: unknown key 'sahres'; did you mean "
            "'shares'?");
}

TEST(ScenarioReaderTest, UnknownTopLevelKeyWithoutCloseMatchListsKeys) {
  const ScenarioLoad load = Read(std::string(kBase) + "frobnicate: 1\n");
  const Diagnostic d = Only(load, "frobnicate");
  EXPECT_EQ(d.line, 14);
  EXPECT_EQ(d.column, 1);
  EXPECT_THAT(d.message, HasSubstr("expected one of: rule_pack, company, holders"));
}

TEST(ScenarioReaderTest, ImpossibleDateIsNotAValidDate) {
  const ScenarioLoad load = Read(Replace(kBase, "date: 2026-03-20", "date: 2026-02-30"));
  EXPECT_FALSE(load.scenario.has_value());
  const Diagnostic d = Only(load, "orders[0].date");
  EXPECT_EQ(d.line, 13);
  EXPECT_EQ(d.column, 32);
  EXPECT_EQ(d.message, "'2026-02-30' is not a valid date");
}

// holders[i].vc_fund (CAP-VC): {invested_on}, a date before the listing.
TEST(ScenarioReaderTest, VcFundInvestedOnIsRead) {
  const ScenarioLoad load =
      Read(Replace(kBase, "    roles: [major_shareholder]\n",
                   "    roles: [major_shareholder]\n    vc_fund: {invested_on: 2015-03-01}\n"));
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  EXPECT_EQ(load.scenario->holders[0].vc_invested_on, D(2015, 3, 1));
  const ScenarioLoad none = Read(kBase);
  ASSERT_TRUE(none.scenario.has_value());
  EXPECT_FALSE(none.scenario->holders[0].vc_invested_on.has_value());
}

TEST(ScenarioReaderTest, VcFundBadValuesAreLocated) {
  auto with = [](const std::string& vc) {
    return Read(Replace(kBase, "    roles: [major_shareholder]\n",
                        "    roles: [major_shareholder]\n    vc_fund: " + vc + "\n"));
  };
  // On or after the listing (2020-01-10): not a pre-IPO investment.
  const ScenarioLoad on = with("{invested_on: 2020-01-10}");
  EXPECT_FALSE(on.scenario.has_value());
  const Diagnostic d = Only(on, "holders[0].vc_fund.invested_on");
  EXPECT_EQ(d.line, 10);
  EXPECT_EQ(d.column, 28);
  EXPECT_THAT(d.message, HasSubstr("is not before company.listing_date 2020-01-10"));
  EXPECT_FALSE(with("{invested_on: 2021-05-01}").scenario.has_value());
  EXPECT_TRUE(with("{invested_on: 2020-01-09}").scenario.has_value());
  // Not a date, missing, an unknown key, not a mapping.
  EXPECT_THAT(Only(with("{invested_on: 2015-02-30}"), "holders[0].vc_fund.invested_on").message,
              HasSubstr("not a valid date"));
  EXPECT_THAT(Only(with("{}"), "holders[0].vc_fund.invested_on").message,
              HasSubstr("missing required field 'invested_on'"));
  const ScenarioLoad typo = with("{invested_on: 2015-03-01, invested: 2015-03-01}");
  EXPECT_FALSE(typo.scenario.has_value());
  EXPECT_THAT(Only(typo, "holders[0].vc_fund.invested").message, HasSubstr("unknown key"));
  EXPECT_FALSE(with("2015-03-01").scenario.has_value());
  // An unknown holder key near vc_fund suggests it.
  const ScenarioLoad near = Read(Replace(kBase, "    roles: [major_shareholder]\n",
                                         "    roles: [major_shareholder]\n    vc_fnd: {}\n"));
  EXPECT_THAT(Only(near, "holders[0].vc_fnd").message, HasSubstr("did you mean 'vc_fund'?"));
}

TEST(ScenarioReaderTest, DateMustBeFourTwoTwoDigits) {
  const ScenarioLoad load =
      Read(Replace(kBase, "listing_date: 2020-01-10", "listing_date: 2020-1-10"));
  const Diagnostic d = Only(load, "company.listing_date");
  EXPECT_EQ(d.line, 5);
  EXPECT_EQ(d.column, 17);
  EXPECT_THAT(d.message, HasSubstr("YYYY-MM-DD"));
}

TEST(ScenarioReaderTest, ZeroAndNegativeShareCountsAreRejected) {
  std::string text = Replace(kBase, "shares: 80000000", "shares: 0");
  text = Replace(text, "shares: 1000000}", "shares: -5}");
  const ScenarioLoad load = Read(text);
  EXPECT_FALSE(load.scenario.has_value());
  const Diagnostic lot = Only(load, "holders[0].lots[0].shares");
  EXPECT_EQ(lot.line, 11);
  EXPECT_EQ(lot.column, 26);
  EXPECT_EQ(lot.message, "must be a positive number of shares, got 0");
  const Diagnostic order = Only(load, "orders[0].shares");
  EXPECT_EQ(order.line, 13);
  EXPECT_EQ(order.column, 81);
  EXPECT_EQ(order.message, "must be a positive number of shares, got -5");
}

TEST(ScenarioReaderTest, FractionalSharesAreRejected) {
  const ScenarioLoad load = Read(Replace(kBase, "shares: 1000000}", "shares: 1000.5}"));
  EXPECT_THAT(Only(load, "orders[0].shares").message, HasSubstr("whole number of shares"));
}

TEST(ScenarioReaderTest, OrderNamingUnknownHolderIsReported) {
  const ScenarioLoad load = Read(Replace(kBase, "holder: H1", "holder: H9"));
  const Diagnostic d = Only(load, "orders[0].holder");
  EXPECT_EQ(d.line, 13);
  EXPECT_EQ(d.column, 22);
  EXPECT_THAT(d.message, HasSubstr("unknown holder 'H9'"));
}

TEST(ScenarioReaderTest, HistoryNamingUnknownHolderIsReported) {
  const ScenarioLoad load = Read(std::string(kBase) + R"(history:
  sales:
    - {holder: H1, date: 2026-01-05, method: block_trade, shares: 500000}
    - {holder: H2, date: 2026-01-06, method: block_trade, shares: 500000}
  announcements:
    - {holder: H3, kind: equity_change_report, published: 2026-01-07}
)");
  EXPECT_FALSE(load.scenario.has_value());
  const Diagnostic sale = Only(load, "history.sales[1].holder");
  EXPECT_EQ(sale.line, 17);
  EXPECT_EQ(sale.column, 16);
  EXPECT_THAT(sale.message, HasSubstr("unknown holder 'H2'"));
  const Diagnostic ann = Only(load, "history.announcements[0].holder");
  EXPECT_EQ(ann.line, 19);
  EXPECT_THAT(ann.message, HasSubstr("unknown holder 'H3'"));
  EXPECT_EQ(load.problems.size(), 2u) << FormatAll(load.problems);
}

TEST(ScenarioReaderTest, UnknownHolderIsReportedEvenWhenAnotherHolderIsBroken) {
  std::string text = Replace(kBase, "source: ipo_original", "source: ipo");
  text = Replace(text, "holder: H1", "holder: H2");
  const ScenarioLoad load = Read(text);
  EXPECT_THAT(Only(load, "holders[0].lots[0].source").message, HasSubstr("unknown lot source"));
  EXPECT_THAT(Only(load, "orders[0].holder").message, HasSubstr("unknown holder 'H2'"));
}

TEST(ScenarioReaderTest, UnreadableHolderIdSilencesUnknownHolderGuesses) {
  const ScenarioLoad load = Read(Replace(kBase, "  - id: H1\n", "  - name: Somebody\n"));
  EXPECT_THAT(Only(load, "holders[0].id").message, HasSubstr("missing required field 'id'"));
  EXPECT_EQ(load.problems.size(), 1u) << FormatAll(load.problems);
}

// An A+H issuer (docs/markets.md): company.h_listing_date / h_listing_document_date /
// h_shares, and share_class on lots, history trades and orders.
std::string WithHListing(const std::string& text) {
  return Replace(text, "  total_shares: 1000000000\n",
                 "  total_shares: 1000000000\n  h_listing_date: 2025-06-23\n"
                 "  h_listing_document_date: 2025-06-13\n  h_shares: 200000000\n");
}

TEST(ScenarioReaderTest, HListingAndShareClassesAreRead) {
  std::string text = WithHListing(kBase);
  text = Replace(text, "      - {id: L1, shares: 80000000, source: ipo_original}\n",
                 "      - {id: L1, shares: 80000000, source: ipo_original}\n"
                 "      - {id: L2, shares: 5000000, source: other, share_class: H}\n");
  text = Replace(text, "shares: 1000000}", "shares: 5000000, share_class: H}");
  text +=
      "history:\n  sales:\n    - {holder: H1, date: 2025-09-01, method: centralized_bidding, "
      "shares: 100, share_class: H}\n";
  const ScenarioLoad load = Read(text);
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  const Scenario& s = *load.scenario;
  EXPECT_EQ(s.company.h_listing_date, D(2025, 6, 23));
  EXPECT_EQ(s.company.h_listing_document_date, D(2025, 6, 13));
  EXPECT_EQ(s.company.h_shares, 200000000);
  ASSERT_EQ(s.holders[0].lots.size(), 1u);  // the A lot
  ASSERT_EQ(s.holders[0].h_lots.size(), 1u);
  EXPECT_EQ(s.holders[0].h_lots[0].id, "L2");
  EXPECT_EQ(s.holders[0].h_lots[0].share_class, ShareClass::kH);
  EXPECT_EQ(s.orders[0].share_class, ShareClass::kH);
  EXPECT_EQ(s.history.sales[0].share_class, ShareClass::kH);
  // Without a share_class: A.
  const ScenarioLoad plain = Read(kBase);
  ASSERT_TRUE(plain.scenario.has_value());
  EXPECT_EQ(plain.scenario->orders[0].share_class, ShareClass::kA);
  EXPECT_FALSE(plain.scenario->company.HasHListing());
}

TEST(ScenarioReaderTest, ShareClassesAndHListingsAreCheckedWhereWritten) {
  // An H lot without an H listing.
  const ScenarioLoad no_listing =
      Read(Replace(kBase, "source: ipo_original}", "source: ipo_original, share_class: H}"));
  const Diagnostic d = Only(no_listing, "holders[0].lots[0].share_class");
  EXPECT_EQ(d.line, 11);
  EXPECT_THAT(d.message, HasSubstr("needs the company's H listing"));
  // A class that is not A or H.
  EXPECT_THAT(Only(Read(Replace(kBase, "shares: 1000000}", "shares: 1000000, share_class: B}")),
                   "orders[0].share_class")
                  .message,
              HasSubstr("A, H"));
  // An H order beyond the H lots (the A lots do not count).
  const ScenarioLoad beyond =
      Read(Replace(WithHListing(kBase), "shares: 1000000}", "shares: 1, share_class: H}"));
  EXPECT_THAT(Only(beyond, "orders[0].shares").message, HasSubstr("in its H-share lots"));
  // An incomplete listing, a listing document after dealings began, more H shares than shares.
  const ScenarioLoad half =
      Read(Replace(kBase, "  total_shares: 1000000000\n",
                   "  total_shares: 1000000000\n  h_listing_date: 2025-06-23\n"));
  EXPECT_THAT(Only(half, "company.h_shares").message, HasSubstr("missing"));
  EXPECT_FALSE(half.scenario.has_value());
  EXPECT_THAT(Only(Read(Replace(WithHListing(kBase), "h_listing_document_date: 2025-06-13",
                                "h_listing_document_date: 2025-06-24")),
                   "company.h_listing_document_date")
                  .message,
              HasSubstr("is after h_listing_date"));
  EXPECT_THAT(
      Only(Read(Replace(WithHListing(kBase), "h_shares: 200000000", "h_shares: 1000000001")),
           "company.h_shares")
          .message,
      HasSubstr("exceeds total_shares"));
}

TEST(ScenarioReaderTest, OrderExceedingHoldingsIsReported) {
  const ScenarioLoad load = Read(Replace(kBase, "shares: 1000000}", "shares: 80000001}"));
  const Diagnostic d = Only(load, "orders[0].shares");
  EXPECT_EQ(d.line, 13);
  EXPECT_EQ(d.column, 81);
  EXPECT_THAT(d.message, HasSubstr("sales exceeding holdings"));
  EXPECT_THAT(d.message, HasSubstr("80000000"));
}

TEST(ScenarioReaderTest, OrderOfExactlyTheHoldingIsAccepted) {
  const ScenarioLoad load = Read(Replace(kBase, "shares: 1000000}", "shares: 80000000}"));
  EXPECT_TRUE(load.problems.empty()) << FormatAll(load.problems);
}

TEST(ScenarioReaderTest, DuplicateIdsAreReported) {
  const ScenarioLoad load = Read(R"(company:
  exchange: SZSE
  board: chinext
  listing_date: 2020-01-10
  total_shares: 1000000000
holders:
  - id: H1
    lots:
      - {id: L1, shares: 100, source: ipo_original}
      - {id: L1, shares: 200, source: other}
  - id: H1
    lots: []
orders:
  - {id: O1, holder: H1, date: 2026-03-20, method: block_trade, shares: 50}
  - {id: O1, holder: H1, date: 2026-03-21, method: block_trade, shares: 50}
)");
  EXPECT_FALSE(load.scenario.has_value());
  const Diagnostic lot = Only(load, "holders[0].lots[1].id");
  EXPECT_EQ(lot.line, 10);
  EXPECT_EQ(lot.column, 14);
  EXPECT_THAT(lot.message, HasSubstr("duplicate lot id 'L1'"));
  const Diagnostic holder = Only(load, "holders[1].id");
  EXPECT_EQ(holder.line, 11);
  EXPECT_EQ(holder.column, 9);
  EXPECT_THAT(holder.message, HasSubstr("duplicate holder id 'H1' (first declared at holders[0])"));
  const Diagnostic order = Only(load, "orders[1].id");
  EXPECT_EQ(order.line, 15);
  EXPECT_THAT(order.message, HasSubstr("duplicate order id 'O1'"));
}

TEST(ScenarioReaderTest, UnknownEnumNameListsAllowedValues) {
  const ScenarioLoad load =
      Read(Replace(kBase, "method: centralized_bidding", "method: centralised_bidding"));
  const Diagnostic d = Only(load, "orders[0].method");
  EXPECT_EQ(d.line, 13);
  EXPECT_EQ(d.column, 52);
  EXPECT_THAT(d.message, HasSubstr("did you mean 'centralized_bidding'?"));
  EXPECT_THAT(d.message, HasSubstr("allowed: centralized_bidding, block_trade, "
                                   "agreement_transfer, inquiry_transfer"));
}

TEST(ScenarioReaderTest, UnknownRoleIsAnError) {
  const ScenarioLoad load = Read(Replace(kBase, "[major_shareholder]", "[major_shareholder, ceo]"));
  const Diagnostic d = Only(load, "holders[0].roles[1]");
  EXPECT_EQ(d.line, 9);
  EXPECT_EQ(d.column, 32);
  EXPECT_THAT(d.message, HasSubstr("unknown role 'ceo'"));
  EXPECT_THAT(d.message, HasSubstr("senior_manager"));
}

TEST(ScenarioReaderTest, TotalSharesSmallerThanLotsIsReported) {
  const ScenarioLoad load =
      Read(Replace(kBase, "total_shares: 1000000000", "total_shares: 70000000"));
  const Diagnostic d = Only(load, "company.total_shares");
  EXPECT_EQ(d.line, 6);
  EXPECT_EQ(d.column, 17);
  EXPECT_THAT(d.message, HasSubstr("smaller than the 80000000 shares"));
}

TEST(ScenarioReaderTest, NonPositiveTotalSharesIsReported) {
  const ScenarioLoad load = Read(Replace(kBase, "total_shares: 1000000000", "total_shares: 0"));
  EXPECT_THAT(Only(load, "company.total_shares").message, HasSubstr("positive"));
}

TEST(ScenarioReaderTest, MissingListingDateIsReported) {
  const ScenarioLoad load = Read(Replace(kBase, "  listing_date: 2020-01-10\n", ""));
  const Diagnostic d = Only(load, "company.listing_date");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 3);
  EXPECT_EQ(d.message, "missing required field 'listing_date'");
}

TEST(ScenarioReaderTest, MissingOrderFieldsAreEachReported) {
  const ScenarioLoad load =
      Read(Replace(kBase, "date: 2026-03-20, method: centralized_bidding, ", ""));
  EXPECT_THAT(Only(load, "orders[0].date").message, HasSubstr("missing required field 'date'"));
  EXPECT_THAT(Only(load, "orders[0].method").message, HasSubstr("missing required field"));
}

TEST(ScenarioReaderTest, WrongTypesAreReported) {
  std::string text = Replace(kBase, "roles: [major_shareholder]", "roles: major_shareholder");
  text = Replace(text, "total_shares: 1000000000", "total_shares: [1]");
  const ScenarioLoad load = Read(text);
  EXPECT_THAT(Only(load, "holders[0].roles").message, HasSubstr("expected a list"));
  EXPECT_THAT(Only(load, "company.total_shares").message,
              HasSubstr("expected a whole number of shares, got a list"));
}

TEST(ScenarioReaderTest, PercentIsParsedExactly) {
  const std::string with_commitment =
      Replace(kBase, "    lots:\n",
              "    commitments:\n      - {kind: max_per_period, pct: 0.25, days: 90}\n    lots:\n");
  const ScenarioLoad ok = Read(with_commitment);
  ASSERT_TRUE(ok.scenario.has_value()) << FormatAll(ok.problems);
  EXPECT_EQ(ok.scenario->holders[0].commitments.at(0).pct_bp, 25);

  const ScenarioLoad bad = Read(Replace(with_commitment, "pct: 0.25", "pct: 1.005"));
  const Diagnostic d = Only(bad, "holders[0].commitments[0].pct");
  EXPECT_EQ(d.line, 11);
  EXPECT_THAT(d.message, HasSubstr("more than 2 decimals"));
}

TEST(ScenarioReaderTest, CommitmentNamingUnknownLotIsReported) {
  const ScenarioLoad load = Read(Replace(
      kBase, "    lots:\n",
      "    commitments:\n      - {kind: no_sale, until: 2026-09-15, lots: [L1, L7]}\n    lots:\n"));
  const Diagnostic d = Only(load, "holders[0].commitments[0].lots[1]");
  EXPECT_EQ(d.line, 11);
  EXPECT_EQ(d.column, 55);
  EXPECT_THAT(d.message, HasSubstr("lot 'L7'"));
}

TEST(ScenarioReaderTest, CommitmentFieldOfAnotherKindIsReported) {
  const ScenarioLoad load = Read(Replace(
      kBase, "    lots:\n",
      "    commitments:\n      - {kind: no_sale, until: 2026-09-15, price: 30.00}\n    lots:\n"));
  EXPECT_THAT(Only(load, "holders[0].commitments[0].price").message,
              HasSubstr("does not apply to a no_sale commitment"));
}

TEST(ScenarioReaderTest, ReductionPlanNeedsMaxSharesAndMethods) {
  const ScenarioLoad load = Read(std::string(kBase) + R"(history:
  announcements:
    - {holder: H1, kind: reduction_plan, published: 2025-12-30}
    - {holder: H1, kind: completion_report, published: 2026-01-30, max_shares: 5}
)");
  EXPECT_THAT(Only(load, "history.announcements[0].max_shares").message,
              HasSubstr("missing required field 'max_shares'"));
  EXPECT_THAT(Only(load, "history.announcements[0].methods").message,
              HasSubstr("missing required field 'methods'"));
  EXPECT_THAT(Only(load, "history.announcements[1].max_shares").message,
              HasSubstr("does not apply to a completion_report announcement"));
}

TEST(ScenarioReaderTest, NullDepartedAndOpenPeriodsAreAccepted) {
  const ScenarioLoad load = Read(Replace(
      kBase, "    lots:\n",
      "    departed: null\n    investigations: [{from: 2025-06-01, to: null}]\n    lots:\n"));
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  EXPECT_FALSE(load.scenario->holders[0].departed.has_value());
  ASSERT_EQ(load.scenario->holders[0].investigations.size(), 1u);
  EXPECT_FALSE(load.scenario->holders[0].investigations[0].to.has_value());
}

// controlling_at_ipo is three-valued: absent (a current controller is presumed the IPO
// controller), true, false (took control after the IPO).
TEST(ScenarioReaderTest, ControllingAtIpoKeepsAbsentApartFromFalse) {
  const ScenarioLoad absent = Read(kBase);
  ASSERT_TRUE(absent.scenario.has_value());
  EXPECT_FALSE(absent.scenario->holders[0].controlling_at_ipo.has_value());
  const ScenarioLoad no =
      Read(Replace(kBase, "    lots:\n", "    controlling_at_ipo: false\n    lots:\n"));
  ASSERT_TRUE(no.scenario.has_value()) << FormatAll(no.problems);
  EXPECT_EQ(no.scenario->holders[0].controlling_at_ipo, std::optional<bool>(false));
  const ScenarioLoad bad =
      Read(Replace(kBase, "    lots:\n", "    controlling_at_ipo: 1\n    lots:\n"));
  EXPECT_FALSE(bad.scenario.has_value());
  EXPECT_EQ(Only(bad, "holders[0].controlling_at_ipo").line, 10);
}

// company.corporate_actions (issue 15): every kind, its own keys only, located problems.
std::string WithActions(const std::string& actions) {
  return Replace(kBase, "  total_shares: 1000000000\n",
                 "  total_shares: 1000000000\n  corporate_actions:\n" + actions);
}

TEST(ScenarioReaderTest, CorporateActionsOfEveryKindAreRead) {
  const ScenarioLoad load = Read(
      WithActions("    - {kind: bonus, date: 2025-06-10, per_10: 3, note: \"2024 年度权益分派\"}\n"
                  "    - {kind: conversion, date: 2025-06-10, per_10: 4.8}\n"
                  "    - {kind: split, date: 2024-05-06, from: 1, to: 2}\n"
                  "    - {kind: issuance, date: 2025-09-01, shares: 50000000}\n"
                  "    - {kind: cancellation, date: 2025-11-03, shares: 2000000}\n"));
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  const auto& a = load.scenario->company.corporate_actions;
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].kind, CorporateActionKind::kBonus);
  EXPECT_EQ(a[0].per_10_units, 30000);
  EXPECT_EQ(a[0].note, "2024 年度权益分派");
  EXPECT_EQ(a[1].kind, CorporateActionKind::kConversion);
  EXPECT_EQ(a[1].per_10_units, 48000);
  EXPECT_EQ(a[2].split_from, 1);
  EXPECT_EQ(a[2].split_to, 2);
  EXPECT_EQ(a[3].shares, 50000000);
  EXPECT_EQ(a[4].kind, CorporateActionKind::kCancellation);
  EXPECT_EQ(a[4].date, D(2025, 11, 3));
}

TEST(ScenarioReaderTest, CorporateActionProblemsAreLocated) {
  // The first action is on line 8.
  EXPECT_EQ(Only(Read(WithActions("    - {kind: bonus, date: 2025-06-10, per_10: 0}\n")),
                 "company.corporate_actions[0].per_10")
                .line,
            8);
  EXPECT_THAT(Only(Read(WithActions("    - {kind: bonus, date: 2025-06-10, per_10: 1.00005}\n")),
                   "company.corporate_actions[0].per_10")
                  .message,
              HasSubstr("at most 4 decimals"));
  EXPECT_THAT(Only(Read(WithActions("    - {kind: bonus, date: 2025-06-10}\n")),
                   "company.corporate_actions[0].per_10")
                  .message,
              HasSubstr("per_10"));
  EXPECT_THAT(
      Only(Read(WithActions("    - {kind: bonus, date: 2025-06-10, per_10: 3, shares: 5}\n")),
           "company.corporate_actions[0].shares")
          .message,
      HasSubstr("does not apply to a bonus action"));
  EXPECT_THAT(Only(Read(WithActions("    - {kind: split, date: 2025-06-10, from: 2, to: 2}\n")),
                   "company.corporate_actions[0].to")
                  .message,
              HasSubstr("no split"));
  EXPECT_THAT(Only(Read(WithActions("    - {kind: bonsu, date: 2025-06-10, per_10: 3}\n")),
                   "company.corporate_actions[0].kind")
                  .message,
              HasSubstr("did you mean 'bonus'"));
  EXPECT_THAT(Only(Read(WithActions("    - {kind: issuance, date: 2025-06-10}\n")),
                   "company.corporate_actions[0].shares")
                  .message,
              HasSubstr("missing required field"));
  EXPECT_THAT(Only(Read(WithActions("    - {kind: issuance, date: 2025-06-10, shares: 5, "
                                    "colour: red}\n")),
                   "company.corporate_actions[0].colour")
                  .message,
              HasSubstr("unknown key 'colour'"));
}

// Problems of the capital as a whole are located at the action they concern.
TEST(ScenarioReaderTest, CorporateActionsThatCannotAddUpAreLocatedAtTheAction) {
  const ScenarioLoad load =
      Read(WithActions("    - {kind: cancellation, date: 2025-01-06, shares: 10}\n"
                       "    - {kind: issuance, date: 2025-06-10, shares: 1000000000}\n"));
  const Diagnostic d = Only(load, "company.corporate_actions[1]");
  EXPECT_EQ(d.line, 9);
  EXPECT_THAT(d.message, HasSubstr("more shares issued"));
  const ScenarioLoad same_day =
      Read(WithActions("    - {kind: split, date: 2025-06-10, from: 1, to: 2}\n"
                       "    - {kind: bonus, date: 2025-06-10, per_10: 3}\n"));
  EXPECT_THAT(Only(same_day, "company.corporate_actions[1]").message, HasSubstr("same date"));
}

TEST(ScenarioReaderTest, PeriodEndingBeforeItStartsIsReported) {
  const ScenarioLoad load =
      Read(Replace(kBase, "    lots:\n",
                   "    investigations: [{from: 2025-06-01, to: 2025-05-01}]\n    lots:\n"));
  EXPECT_THAT(Only(load, "holders[0].investigations[0].to").message,
              HasSubstr("is before from 2025-06-01"));
}

TEST(ScenarioReaderTest, PriceIsReadExactlyFromTheText) {
  const ScenarioLoad load =
      Read(Replace(kBase, "shares: 1000000}", "shares: 1000000, price: 31.0001}"));
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  EXPECT_EQ(load.scenario->orders[0].price->units(), 310001);
  const ScenarioLoad bad = Read(Replace(kBase, "shares: 1000000}", "shares: 1000000, price: 1e3}"));
  EXPECT_THAT(Only(bad, "orders[0].price").message, HasSubstr("amount in RMB"));
}

TEST(ScenarioReaderTest, InlineClosesAreSortedAndUnique) {
  const std::string closes =
      "  total_shares: 1000000000\n  closes:\n    - {date: 2026-03-03, price: 24.50}\n"
      "    - {date: 2026-03-02, price: 24.10}\n";
  const ScenarioLoad load = Read(Replace(kBase, "  total_shares: 1000000000\n", closes));
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  ASSERT_EQ(load.scenario->company.closes.size(), 2u);
  EXPECT_EQ(load.scenario->company.closes[0].date, D(2026, 3, 2));

  const ScenarioLoad dup = Read(Replace(kBase, "  total_shares: 1000000000\n",
                                        closes + "    - {date: 2026-03-02, price: 24.20}\n"));
  const Diagnostic d = Only(dup, "company.closes[2].date");
  EXPECT_EQ(d.line, 10);
  EXPECT_EQ(d.column, 14);
  EXPECT_EQ(d.message, "a second close for 2026-03-02");
}

TEST(ScenarioReaderTest, ClosesFileIsLoadedAndSorted) {
  const ScenarioLoad load =
      Read(Replace(kBase, "  total_shares: 1000000000\n",
                   "  total_shares: 1000000000\n  closes_file: closes_ok.csv\n"));
  ASSERT_TRUE(load.scenario.has_value()) << FormatAll(load.problems);
  const std::vector<DatedPrice>& closes = load.scenario->company.closes;
  ASSERT_EQ(closes.size(), 3u);
  EXPECT_EQ(closes[0].date, D(2026, 3, 2));
  EXPECT_EQ(closes[0].price, M("24.10"));
  EXPECT_EQ(closes[1].date, D(2026, 3, 3));
  EXPECT_EQ(closes[2].price, M("23.9876"));
}

TEST(ScenarioReaderTest, BadClosesFileLinesAreLocatedInTheCsv) {
  const ScenarioLoad load =
      Read(Replace(kBase, "  total_shares: 1000000000\n",
                   "  total_shares: 1000000000\n  closes_file: closes_bad.csv\n"));
  EXPECT_FALSE(load.scenario.has_value());
  ASSERT_EQ(load.problems.size(), 2u) << FormatAll(load.problems);
  EXPECT_EQ(load.problems[0].file, kTestdata + "/closes_bad.csv");
  EXPECT_EQ(load.problems[0].line, 3);
  EXPECT_EQ(load.problems[0].column, 1);
  EXPECT_EQ(load.problems[0].field, "company.closes_file");
  EXPECT_EQ(load.problems[0].message, "'2026-02-30' is not a valid date");
  EXPECT_EQ(load.problems[1].line, 4);
  EXPECT_EQ(load.problems[1].column, 13);
  EXPECT_THAT(load.problems[1].message, HasSubstr("'abc'"));
}

TEST(ScenarioReaderTest, MissingClosesFileIsReportedAtTheKey) {
  const ScenarioLoad load =
      Read(Replace(kBase, "  total_shares: 1000000000\n",
                   "  total_shares: 1000000000\n  closes_file: no_such.csv\n"));
  const Diagnostic d = Only(load, "company.closes_file");
  EXPECT_EQ(d.line, 7);
  EXPECT_EQ(d.column, 16);
  EXPECT_THAT(d.message, HasSubstr("cannot read closes file"));
}

TEST(ScenarioReaderTest, AllProblemsAreCollectedInFileOrder) {
  std::string text = Replace(kBase, "board: main", "board: mian");
  text = Replace(text, "date: 2026-03-20", "date: 2026-13-01");
  const ScenarioLoad load = Read(text);
  ASSERT_EQ(load.problems.size(), 2u) << FormatAll(load.problems);
  EXPECT_EQ(load.problems[0].field, "company.board");
  EXPECT_THAT(load.problems[0].message, HasSubstr("did you mean 'main'?"));
  EXPECT_EQ(load.problems[1].field, "orders[0].date");
}

TEST(ScenarioReaderTest, EmptyOrNonMappingFilesAreProblemsNotCrashes) {
  const std::vector<std::string> inputs = {"",
                                           "[]",
                                           "- - -",
                                           "42",
                                           "company: 1\nholders: 2\norders: 3\n",
                                           "company: {}\n",
                                           "holders: [{}]\n",
                                           "&a [*a]",
                                           "company: !!binary AAAA\n",
                                           "\xff\xfe",
                                           "{{{{",
                                           ":",
                                           "holders:\n  - id: [1]\n    lots: {x: 1}\n",
                                           std::string(5000, '['),
                                           "company: {total_shares: 99999999999999999999999}\n"};
  for (const std::string& input : inputs) {
    const ScenarioLoad load = Read(input);
    EXPECT_FALSE(load.scenario.has_value()) << input;
    EXPECT_FALSE(load.problems.empty()) << input;
  }
}

TEST(ScenarioReaderTest, UnreadableFileIsAProblem) {
  const ScenarioLoad load = ReadScenarioFile(kTestdata + "/does_not_exist.yaml");
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_EQ(load.problems[0].message, "cannot read the file: no such file");
}

TEST(DiagnosticTest, FormatPutsFileLineColumnFieldMessage) {
  EXPECT_EQ(Format(Diagnostic{"a.yaml", 3, 5, "orders[0].date", "bad"}),
            "a.yaml:3:5: orders[0].date: bad");
  EXPECT_EQ(Format(Diagnostic{"a.yaml", 0, 0, "", "cannot read file"}), "a.yaml: cannot read file");
  EXPECT_EQ(FormatAll({Diagnostic{"a", 1, 2, "x", "m"}, Diagnostic{"b", 3, 0, "y", "n"}}),
            "a:1:2: x: m\nb:3: y: n\n");
}

TEST(DiagnosticTest, ClosestMatchFindsTyposOnly) {
  EXPECT_EQ(ClosestMatch("sahres", {"id", "shares", "source"}), "shares");
  EXPECT_EQ(ClosestMatch("Shares", {"id", "shares"}), "shares");
  EXPECT_EQ(ClosestMatch("frobnicate", {"id", "shares", "source"}), "");
  EXPECT_EQ(ClosestMatch("", {"id"}), "");
}

// `check` keeps judging past a bad order: the reader records every item of `orders` with its
// position and own problems, and the scenario stays usable when only orders are bad.
TEST(ScenarioReaderTest, BadOrdersAreSlotsAndTheRestIsUsable) {
  const std::string yaml =
      std::string(kBase) +
      "  - {id: O2, holder: H9, date: 2026-03-20, method: centralized_bidding, shares: 1}\n"
      "  - {id: O3, holder: H1, date: 2026-03-23, method: block_trade, shares: 5}\n"
      "  - {id: O4, holder: H1, date: 2026-03-32, method: block_trade, shares: 5, bogus: 1}\n";
  ScenarioLoad load = Read(yaml);
  EXPECT_FALSE(load.scenario.has_value());
  ASSERT_EQ(load.problems.size(), 3u) << FormatAll(load.problems);
  ASSERT_EQ(load.order_slots.size(), 4u);
  EXPECT_EQ(load.order_slots[0].order, 0);
  EXPECT_EQ(load.order_slots[0].line, 13);
  EXPECT_EQ(load.order_slots[0].column, 5);
  EXPECT_EQ(load.order_slots[1].order, -1);
  EXPECT_EQ(load.order_slots[1].id, "O2");
  ASSERT_EQ(load.order_slots[1].problems.size(), 1u);
  EXPECT_EQ(load.order_slots[1].problems[0].field, "orders[1].holder");
  EXPECT_EQ(load.order_slots[2].order, 1);
  EXPECT_EQ(load.order_slots[3].order, -1);
  EXPECT_EQ(load.order_slots[3].line, 16);
  EXPECT_EQ(load.order_slots[3].problems.size(), 2u);  // the date and the unknown key

  ASSERT_TRUE(TolerateBadOrders(load));
  EXPECT_TRUE(load.problems.empty());
  ASSERT_TRUE(load.scenario.has_value());
  ASSERT_EQ(load.scenario->orders.size(), 2u);
  EXPECT_EQ(load.scenario->orders[0].id, "O1");
  EXPECT_EQ(load.scenario->orders[1].id, "O3");
}

TEST(ScenarioReaderTest, ABadOrderDoesNotHideOtherProblems) {
  std::string yaml = Replace(kBase, "total_shares: 1000000000", "total_shares: many");
  yaml += "  - {id: O2, holder: H9, date: 2026-03-20, method: centralized_bidding, shares: 1}\n";
  ScenarioLoad load = Read(yaml);
  EXPECT_EQ(load.problems.size(), 2u) << FormatAll(load.problems);
  EXPECT_FALSE(TolerateBadOrders(load));
  EXPECT_FALSE(load.scenario.has_value());
  EXPECT_EQ(load.problems.size(), 2u);
}

TEST(ScenarioReaderTest, GoodScenarioHasASlotPerOrder) {
  ScenarioLoad load = Read(kBase);
  ASSERT_EQ(load.order_slots.size(), 1u);
  EXPECT_EQ(load.order_slots[0].order, 0);
  EXPECT_EQ(load.order_slots[0].id, "O1");
  EXPECT_TRUE(TolerateBadOrders(load));
}

}  // namespace
}  // namespace reducheck::adapters
