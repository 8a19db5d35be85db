// Tests for the rule-pack reader: the shipped cn-2024 pack carries the spec's numbers, and a
// pack with a missing, unknown or out-of-range parameter is rejected with a located problem.
#include "reducheck/adapters/pack_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/rules/pack_check.h"
#include "reducheck/rules/pack_schema.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::adapters {
namespace {

using rules::CapWindow;
using rules::RulePack;
using ::testing::HasSubstr;

const std::string kPacksDir = std::string(REDUCHECK_RULES_DIR) + "/packs";

Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

// Whether the pack applies the rule (listed without `not_applied`).
bool Applies(const RulePack& p, std::string_view rule) {
  for (const rules::PackRule& r : p.rules) {
    if (r.id == rule) return r.not_applied.empty();
  }
  ADD_FAILURE() << p.id << " does not list " << rule;
  return false;
}

// The parameters of a valid pack, in file order, as key -> value text.
std::vector<std::pair<std::string, std::string>> DefaultParams() {
  return {{"major_holder_pct", "5.00"},
          {"cb_cap_pct", "1.00"},
          {"bt_cap_pct", "2.00"},
          {"cap_window_days", "90"},
          {"cap_window", "rolling_90_days"},
          {"vc_window_days_36_48", "60"},
          {"vc_window_days_48_60", "30"},
          {"vc_unlimited_from", "2020-03-31"},
          {"vc_bt_unlimited", "false"},
          {"eq5_step_pct", "5.00"},
          {"eq1_step_pct", "1.00"},
          {"eq5_reading", "touch"},
          {"pre_announce_trading_days", "15"},
          {"plan_max_months", "3"},
          {"post5_tail_days", "90"},
          {"eq5_report_days", "3"},
          {"eq5_freeze_days_after_report", "3"},
          {"eq5_days_are_trading_days", "true"},
          {"lock_ipo_months", "12"},
          {"lock_ctrl_months", "36"},
          {"lock_ctrl_includes_concert_parties", "true"},
          {"lock_pp_months", "6"},
          {"lock_pp_ctrl_months", "18"},
          {"lock_recv_months", "6"},
          {"lock_ext_window_months", "6"},
          {"lock_ext_consecutive_days", "20"},
          {"dno_after_departure_months", "6"},
          {"obligation_1pct_next_trading_days", "1"},
          {"commit_lock_original_category", "1"},
          {"pre_announce_block_trades", "true"},
          {"pre_announce_block_trades_controllers", "true"},
          {"ctrl_plan_max_months", "3"},
          {"pp_release_months", "12"},
          {"pp_release_max_pct", "0"},
          {"pp_release_issued_before", "2020-02-14"},
          {"dir_annual_quota_pct", "25"},
          {"dir_small_holding_shares", "1000"},
          {"dir_window_major_days", "15"},
          {"dir_window_minor_days", "5"},
          {"dir_window_quarterly_major", "false"},
          {"dir_event_window_trading_days_after", "0"},
          {"dir_leave_months", "6"},
          {"supervisor_abolition_is_departure", "true"},
          {"supervisor_transition_end", "2026-01-01"},
          {"dir_list_months", "12"},
          {"shortswing_months", "6"},
          {"ctrl_lookback_trading_days", "20"},
          {"ctrl_div_years", "3"},
          {"ctrl_div_min_pct", "30"},
          {"ban_after_penalty_months", "6"},
          {"ban_after_reprimand_months", "3"},
          {"at_min_pct", "5"},
          {"at_floor_main_pct", "90"},
          {"at_floor_growth_pct", "80"},
          {"at_tail_months", "6"},
          {"it_min_pct", "1"},
          {"it_floor_pct", "70"},
          {"it_lookback_trading_days", "20"},
          {"bse_lock_months", "12"},
          {"unprof_lock_fiscal_years", "3"},
          {"unprof_lock_fiscal_years_bse", "2"},
          {"unprof_cap_pct", "2"},
          {"ctp_lock_months", "12"},
          {"ctp_leave_months", "6"},
          {"ctp_annual_pct", "25"},
          {"ctp_years", "4"},
          {"strat_lock_months", "12"},
          {"sponsor_coinvest_lock_months", "24"},
          {"newholder_window_months", "12"},
          {"newholder_lock_months", "36"},
          {"newholder_filed_from", "2021-02-05"},
          {"acq_lock_months", "18"},
          {"pen_cat1_pct", "[0, 30, 50, 100]"},
          {"pen_cat2_pct", "[0, 20, 30, 100]"},
          {"pen_cat3_pct", "[0, 10, 20, 100]"},
          {"pen_cat4_multiple", "[0, 3, 5, 10]"},
          {"pen_cat4_fixed_yuan", "[1000000, 3000000, 5000000, 10000000]"},
          {"pen_cat4_small_gain_yuan", "1000000"},
          {"pen_lighter_qty_pct", "2"},
          {"pen_lighter_amount_yuan", "40000000"},
          {"pen_heavier_qty_pct", "5"},
          {"pen_heavier_amount_yuan", "500000000"},
          {"shortswing_fine_min_yuan", "100000"},
          {"shortswing_fine_max_yuan", "1000000"}};
}

// Every rule of the cn market, each citing S3 (in force from 2000-01-01), one per line.
std::string RulesBlock() {
  std::string text = "rules:\n";
  for (const RuleInfo& r : rules::AllRules()) {
    text += "  " + std::string(r.id) + ": {citations: [{sources: [S3], zh: 依据}]}\n";
  }
  return text;
}

// A pack text: header on lines 1-9, then one parameter per line from line 10, then the market,
// the calendar and the rules.
std::string PackText(const std::vector<std::pair<std::string, std::string>>& params,
                     const std::string& id = "test-pack", const std::string& from = "2024-05-24",
                     const std::string& to = "null") {
  std::string text =
      "id: " + id + "\ntitle: Test\neffective_from: " + from + "\neffective_to: " + to +
      "\nsources:\n  S1: {title_zh: 公司法, confidence: verified, in_force_from: 2000-01-01}\n"
      "  S3: {title_en: Measures, article: Art.2, confidence: partial, in_force_from: 2000-01-01}\n"
      "# parameters follow\nparameters:\n";
  for (const auto& [key, value] : params) {
    text += "  " + key + ": {value: " + value + ", source: S3 Art.2}\n";
  }
  return text + "market: cn\ncalendar: cn-a-share\n" + RulesBlock();
}

std::vector<std::pair<std::string, std::string>> With(const std::string& key,
                                                      const std::string& value) {
  auto params = DefaultParams();
  for (auto& [k, v] : params) {
    if (k == key) v = value;
  }
  return params;
}

Diagnostic Only(const PackLoad& load, const std::string& field) {
  std::vector<Diagnostic> hits;
  for (const Diagnostic& d : load.problems) {
    if (d.field == field) hits.push_back(d);
  }
  EXPECT_EQ(hits.size(), 1u) << "field " << field << " in:\n" << FormatAll(load.problems);
  return hits.empty() ? Diagnostic{} : hits.front();
}

TEST(PackReaderTest, Cn2024LoadsWithTheSpecNumbers) {
  const PackLoad load = ReadPackFile(kPacksDir + "/cn-2024.yaml");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_EQ(load.packs.size(), 1u);
  const RulePack& p = load.packs[0];
  EXPECT_EQ(p.id, "cn-2024");
  EXPECT_EQ(p.effective_from, D(2025, 1, 10));
  EXPECT_FALSE(p.effective_to.has_value());
  EXPECT_EQ(p.major_holder_bp, 500);
  EXPECT_EQ(p.cb_cap_bp, 100);
  EXPECT_EQ(p.bt_cap_bp, 200);
  EXPECT_EQ(p.dir_annual_quota_bp, 2500);
  EXPECT_EQ(p.dir_window_major_days, 15);
  EXPECT_EQ(p.dir_window_minor_days, 5);
  EXPECT_EQ(p.ctrl_div_min_bp, 3000);
  EXPECT_EQ(p.at_floor_main_bp, 9000);
  EXPECT_EQ(p.it_floor_bp, 7000);
  EXPECT_EQ(p.pen_cat1_bp, (std::array<std::int32_t, 4>{0, 3000, 5000, 10000}));
  EXPECT_EQ(p.pen_cat3_bp, (std::array<std::int32_t, 4>{0, 1000, 2000, 10000}));
  EXPECT_EQ(p.pen_cat4_multiple, (std::array<std::int32_t, 4>{0, 3, 5, 10}));
  EXPECT_EQ(p.pen_cat4_fixed_yuan[3], Money::FromYuan(10000000));
  EXPECT_EQ(p.pen_heavier_amount_yuan, Money::FromYuan(500000000));
  EXPECT_EQ(p.shortswing_fine_max_yuan, Money::FromYuan(1000000));
  EXPECT_EQ(p.cap_window_days, 90);
  EXPECT_EQ(p.cap_window, CapWindow::kRolling90Days);
  EXPECT_EQ(p.eq5_step_bp, 500);
  EXPECT_EQ(p.eq1_step_bp, 100);
  EXPECT_EQ(p.pre_announce_trading_days, 15);
  EXPECT_EQ(p.plan_max_months, 3);
  EXPECT_EQ(p.post5_tail_days, 90);
  EXPECT_EQ(p.eq5_report_days, 3);
  EXPECT_EQ(p.eq5_freeze_days_after_report, 3);
  EXPECT_TRUE(p.eq5_days_are_trading_days);
  EXPECT_EQ(p.lock_ipo_months, 12);
  EXPECT_EQ(p.lock_ctrl_months, 36);
  EXPECT_TRUE(p.lock_ctrl_includes_concert_parties);
  EXPECT_EQ(p.lock_pp_months, 6);
  EXPECT_EQ(p.lock_pp_ctrl_months, 18);
  EXPECT_EQ(p.lock_recv_months, 6);
  EXPECT_EQ(p.lock_ext_window_months, 6);
  EXPECT_EQ(p.lock_ext_consecutive_days, 20);
  EXPECT_EQ(p.dno_after_departure_months, 6);
  EXPECT_EQ(p.obligation_1pct_next_trading_days, 1);
  EXPECT_TRUE(p.pre_announce_block_trades);
  EXPECT_EQ(p.pp_release_months, 12);
  EXPECT_EQ(p.pp_release_max_bp, 0);  // CAP-PP-50PCT is off under the 2024 Measures
  EXPECT_EQ(p.strat_lock_months, 12);
  EXPECT_EQ(p.sponsor_coinvest_lock_months, 24);
}

// The 2017 regime (docs/rules.md "Rules by date"): the numbers that differ from cn-2024, and
// a sample of those that do not.
TEST(PackReaderTest, Cn2017LoadsWithItsNumbers) {
  const PackLoad load = ReadPackFile(kPacksDir + "/cn-2017.yaml");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_EQ(load.packs.size(), 1u);
  const RulePack& p = load.packs[0];
  EXPECT_EQ(p.id, "cn-2017");
  EXPECT_EQ(p.effective_from, D(2022, 1, 7));
  EXPECT_EQ(p.effective_to, D(2023, 8, 26));
  // Differences.
  EXPECT_FALSE(p.pre_announce_block_trades);
  EXPECT_FALSE(p.pre_announce_block_trades_controllers);  // from 2023-09-26 (cn-2023-09)
  EXPECT_EQ(p.plan_max_months, 6);
  EXPECT_EQ(p.ctrl_plan_max_months, 6);
  EXPECT_FALSE(Applies(p, "CTRL-BREAK-IPO"));  // from 2023-08-27 (cn-2023-08)
  EXPECT_EQ(p.dir_window_major_days, 30);
  EXPECT_EQ(p.dir_window_minor_days, 10);
  EXPECT_FALSE(p.dir_window_quarterly_major);
  EXPECT_EQ(p.dir_event_window_trading_days_after, 0);
  EXPECT_EQ(p.pp_release_months, 12);
  EXPECT_EQ(p.pp_release_max_bp, 5000);
  EXPECT_EQ(p.pp_release_issued_before, D(2020, 2, 14));
  // Unchanged.
  EXPECT_EQ(p.major_holder_bp, 500);
  EXPECT_EQ(p.cb_cap_bp, 100);
  EXPECT_EQ(p.bt_cap_bp, 200);
  EXPECT_EQ(p.cap_window_days, 90);
  EXPECT_EQ(p.cap_window, CapWindow::kRolling90Days);
  EXPECT_EQ(p.pre_announce_trading_days, 15);
  EXPECT_EQ(p.post5_tail_days, 90);
  EXPECT_EQ(p.lock_ipo_months, 12);
  EXPECT_EQ(p.lock_recv_months, 6);
  EXPECT_EQ(p.dir_annual_quota_bp, 2500);
  EXPECT_EQ(p.dir_small_holding_shares, 1000);
  EXPECT_EQ(p.ban_after_penalty_months, 6);
  EXPECT_EQ(p.ban_after_reprimand_months, 3);
  EXPECT_EQ(p.at_min_bp, 500);
  EXPECT_EQ(p.at_tail_months, 6);
  EXPECT_EQ(p.parameters.size(), DefaultParams().size());
  std::map<std::string, rules::PackParameter> by_key;
  for (const rules::PackParameter& q : p.parameters) by_key[q.key] = q;
  EXPECT_THAT(by_key.at("pp_release_max_pct").source, HasSubstr("实施细则"));
  EXPECT_THAT(by_key.at("post5_tail_days").source, HasSubstr("unverified"));
  EXPECT_EQ(by_key.at("pp_release_issued_before").value, "2020-02-14");
}

// The same regime before the D&O Rules' revision of 2022-01-07 (issue 15, defect 7): the 2007
// windows, every other number as in cn-2017.
TEST(PackReaderTest, Cn2017Pre2022DiffersFromCn2017OnlyInTheDnoWindows) {
  const PackLoad pre = ReadPackFile(kPacksDir + "/cn-2017-pre2022.yaml");
  const PackLoad post = ReadPackFile(kPacksDir + "/cn-2017.yaml");
  ASSERT_TRUE(pre.problems.empty()) << FormatAll(pre.problems);
  ASSERT_EQ(pre.packs.size(), 1u);
  ASSERT_EQ(post.packs.size(), 1u);
  const RulePack& p = pre.packs[0];
  EXPECT_EQ(p.id, "cn-2017-pre2022");
  EXPECT_EQ(p.effective_from, D(2020, 3, 1));
  EXPECT_EQ(p.effective_to, D(2022, 1, 6));
  EXPECT_TRUE(p.dir_window_quarterly_major);
  EXPECT_EQ(p.dir_event_window_trading_days_after, 2);
  EXPECT_EQ(p.dir_window_major_days, 30);
  EXPECT_EQ(p.dir_window_minor_days, 10);
  ASSERT_EQ(p.parameters.size(), post.packs[0].parameters.size());
  for (std::size_t i = 0; i < p.parameters.size(); ++i) {
    const std::string& key = p.parameters[i].key;
    if (key == "dir_window_quarterly_major" || key == "dir_event_window_trading_days_after") {
      EXPECT_NE(p.parameters[i].value, post.packs[0].parameters[i].value) << key;
      EXPECT_THAT(p.parameters[i].source, HasSubstr("2007")) << key;
    } else {
      EXPECT_EQ(p.parameters[i].value, post.packs[0].parameters[i].value) << key;
    }
  }
}

// The same regime under the Securities Law (2014), before 2020-03-01 (issue 9): every parameter
// value as in cn-2017-pre2022 but the freeze after a 5% report (Art.86(2): 2 days, not 3); the
// 1% notice and the loss of votes are not applied.
TEST(PackReaderTest, Cn2017Pre2020DiffersFromCn2017Pre2022InTheFreezeAndTheRulesApplied) {
  const PackLoad pre = ReadPackFile(kPacksDir + "/cn-2017-pre2020.yaml");
  const PackLoad post = ReadPackFile(kPacksDir + "/cn-2017-pre2022.yaml");
  ASSERT_TRUE(pre.problems.empty()) << FormatAll(pre.problems);
  ASSERT_EQ(pre.packs.size(), 1u);
  ASSERT_EQ(post.packs.size(), 1u);
  const RulePack& p = pre.packs[0];
  EXPECT_EQ(p.id, "cn-2017-pre2020");
  EXPECT_EQ(p.effective_from, D(2017, 5, 27));
  EXPECT_EQ(p.effective_to, D(2020, 2, 29));
  EXPECT_EQ(p.eq5_freeze_days_after_report, 2);
  EXPECT_EQ(post.packs[0].eq5_freeze_days_after_report, 3);
  ASSERT_EQ(p.parameters.size(), post.packs[0].parameters.size());
  for (std::size_t i = 0; i < p.parameters.size(); ++i) {
    const std::string& key = p.parameters[i].key;
    if (key == "eq5_freeze_days_after_report") {
      EXPECT_NE(p.parameters[i].value, post.packs[0].parameters[i].value) << key;
    } else {
      EXPECT_EQ(p.parameters[i].value, post.packs[0].parameters[i].value) << key;
    }
  }
  std::vector<std::string> not_applied;
  for (const rules::PackRule& r : p.rules) {
    if (!r.not_applied.empty()) not_applied.push_back(r.id);
  }
  EXPECT_THAT(not_applied, ::testing::IsSupersetOf({"EQ5-1PCT", "EQ5-VOTE", "CAP-IT",
                                                    "LOCK-BSE-12M", "LOCK-NEWHOLDER-36M"}));
}

TEST(PackReaderTest, EventWindowTailMayBeZeroButNotNegative) {
  const PackLoad two =
      ReadPackText(PackText(With("dir_event_window_trading_days_after", "2")), "p");
  ASSERT_EQ(two.packs.size(), 1u) << FormatAll(two.problems);
  EXPECT_EQ(two.packs[0].dir_event_window_trading_days_after, 2);
  EXPECT_FALSE(ReadPackText(PackText(With("dir_event_window_trading_days_after", "-1")), "p")
                   .problems.empty());
  const PackLoad flag = ReadPackText(PackText(With("dir_window_quarterly_major", "yes")), "p");
  EXPECT_TRUE(flag.packs.empty());
  ASSERT_FALSE(flag.problems.empty());
  EXPECT_EQ(flag.problems[0].field, "parameters.dir_window_quarterly_major.value");
}

TEST(PackReaderTest, PpReleaseMaxPctAllowsZeroAsOff) {
  const PackLoad half = ReadPackText(PackText(With("pp_release_max_pct", "50")), "p");
  ASSERT_EQ(half.packs.size(), 1u) << FormatAll(half.problems);
  EXPECT_EQ(half.packs[0].pp_release_max_bp, 5000);
  const PackLoad off = ReadPackText(PackText(With("pp_release_max_pct", "0")), "p");
  ASSERT_EQ(off.packs.size(), 1u) << FormatAll(off.problems);
  EXPECT_EQ(off.packs[0].pp_release_max_bp, 0);
  EXPECT_THAT(Only(ReadPackText(PackText(With("pp_release_max_pct", "-1")), "p"),
                   "parameters.pp_release_max_pct.value")
                  .message,
              HasSubstr("from 0 (rule off) to 100"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("pp_release_max_pct", "100.5")), "p"),
                   "parameters.pp_release_max_pct.value")
                  .message,
              HasSubstr("from 0 (rule off) to 100"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("pp_release_months", "0")), "p"),
                   "parameters.pp_release_months.value")
                  .message,
              HasSubstr("must be between 1 and"));
}

TEST(PackReaderTest, PpReleaseIssuedBeforeIsADate) {
  const PackLoad ok = ReadPackText(PackText(With("pp_release_issued_before", "2019-12-31")), "p");
  ASSERT_EQ(ok.packs.size(), 1u) << FormatAll(ok.problems);
  EXPECT_EQ(ok.packs[0].pp_release_issued_before, D(2019, 12, 31));
  const PackLoad bad = ReadPackText(PackText(With("pp_release_issued_before", "2020-02-30")), "p");
  EXPECT_TRUE(bad.packs.empty());
  EXPECT_FALSE(bad.problems.empty());
  EXPECT_EQ(bad.problems[0].field, "parameters.pp_release_issued_before.value");
}

// CAP-VC's windows (days) fit inside the ordinary window, the longer period the shorter.
TEST(PackReaderTest, VcParametersAreReadAndChecked) {
  for (const char* file : {"cn-2017-pre2020", "cn-2017-pre2022", "cn-2024"}) {
    const PackLoad load = ReadPackFile(kPacksDir + "/" + file + ".yaml");
    ASSERT_EQ(load.packs.size(), 1u) << FormatAll(load.problems);
    const RulePack& p = load.packs[0];
    EXPECT_EQ(p.vc_window_days_36_48, 60) << file;
    EXPECT_EQ(p.vc_window_days_48_60, 30) << file;
    EXPECT_EQ(p.vc_unlimited_from, D(2020, 3, 31)) << file;
    EXPECT_FALSE(p.vc_bt_unlimited) << file;
  }
  auto params = With("vc_window_days_36_48", "45");
  for (auto& [k, v] : params) {
    if (k == "vc_window_days_48_60") v = "20";
    if (k == "vc_bt_unlimited") v = "true";
    if (k == "vc_unlimited_from") v = "2021-01-01";
  }
  const PackLoad ok = ReadPackText(PackText(params), "p");
  ASSERT_EQ(ok.packs.size(), 1u) << FormatAll(ok.problems);
  EXPECT_EQ(ok.packs[0].vc_window_days_36_48, 45);
  EXPECT_EQ(ok.packs[0].vc_window_days_48_60, 20);
  EXPECT_TRUE(ok.packs[0].vc_bt_unlimited);
  EXPECT_EQ(ok.packs[0].vc_unlimited_from, D(2021, 1, 1));
  const Diagnostic longer = Only(ReadPackText(PackText(With("vc_window_days_36_48", "91")), "p"),
                                 "parameters.vc_window_days_36_48.value");
  EXPECT_THAT(longer.message, HasSubstr("longer than cap_window_days (90)"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("vc_window_days_48_60", "61")), "p"),
                   "parameters.vc_window_days_48_60.value")
                  .message,
              HasSubstr("longer than vc_window_days_36_48 (60)"));
  EXPECT_FALSE(ReadPackText(PackText(With("vc_window_days_48_60", "0")), "p").problems.empty());
  EXPECT_FALSE(
      ReadPackText(PackText(With("vc_unlimited_from", "2020-02-30")), "p").problems.empty());
  EXPECT_FALSE(ReadPackText(PackText(With("vc_bt_unlimited", "maybe")), "p").problems.empty());
}

TEST(PackReaderTest, Cn2024ListsEveryParameterWithItsSource) {
  const PackLoad load = ReadPackFile(kPacksDir + "/cn-2024.yaml");
  ASSERT_EQ(load.packs.size(), 1u) << FormatAll(load.problems);
  const std::vector<rules::PackParameter>& params = load.packs[0].parameters;
  ASSERT_EQ(params.size(), DefaultParams().size());
  std::map<std::string, rules::PackParameter> by_key;
  for (const rules::PackParameter& p : params) {
    EXPECT_FALSE(p.source.empty()) << p.key;
    by_key[p.key] = p;
  }
  EXPECT_EQ(by_key.at("cb_cap_pct").value, "1.00");
  EXPECT_THAT(by_key.at("cb_cap_pct").source, HasSubstr("上市公司股东减持股份管理暂行办法"));
  EXPECT_THAT(by_key.at("cb_cap_pct").source, HasSubstr("verified"));
  EXPECT_THAT(by_key.at("lock_ipo_months").source, HasSubstr("S1 Art.160"));
  EXPECT_THAT(by_key.at("cap_window").note, HasSubstr("A1"));
  EXPECT_THAT(by_key.at("pre_announce_trading_days").note, HasSubstr("A3"));
  EXPECT_THAT(by_key.at("eq5_days_are_trading_days").note, HasSubstr("A6"));
  EXPECT_THAT(by_key.at("eq5_days_are_trading_days").source, HasSubstr("unverified"));
  EXPECT_THAT(by_key.at("lock_ipo_months").note, HasSubstr("A18"));
  EXPECT_THAT(by_key.at("lock_recv_months").note, HasSubstr("A29"));
}

TEST(PackReaderTest, ShippedPackDirectoryLoadsSortedWithoutProblems) {
  const PackLoad load = ReadPackDir(kPacksDir);
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_FALSE(load.packs.empty());
  // Sorted by market (cn, hk), then by date within a market.
  for (std::size_t i = 1; i < load.packs.size(); ++i) {
    const RulePack& a = load.packs[i - 1];
    const RulePack& b = load.packs[i];
    EXPECT_LE(a.market, b.market);
    if (a.market == b.market) {
      EXPECT_LT(a.effective_from, b.effective_from);
    }
  }
  // Every dated pack (docs/rules.md "Rules by date"): id, first and last day; each pack
  // starts the day after the previous one ends.
  struct Period {
    const char* id;
    Date from;
    std::optional<Date> to;
  };
  const Period want[] = {
      {"cn-2017-pre2020", D(2017, 5, 27), D(2020, 2, 29)},
      {"cn-2017-pre2022", D(2020, 3, 1), D(2022, 1, 6)},
      {"cn-2017", D(2022, 1, 7), D(2023, 8, 26)},
      {"cn-2023-08", D(2023, 8, 27), D(2023, 9, 25)},
      {"cn-2023-09", D(2023, 9, 26), D(2024, 5, 23)},
      {"cn-2024-pre2025", D(2024, 5, 24), D(2025, 1, 9)},
      {"cn-2024", D(2025, 1, 10), std::nullopt},
      {"hk-2025", D(2025, 1, 1), std::nullopt},  // market hk: its own succession
  };
  ASSERT_EQ(load.packs.size(), std::size(want));
  for (std::size_t i = 0; i < std::size(want); ++i) {
    EXPECT_EQ(load.packs[i].id, want[i].id);
    EXPECT_EQ(load.packs[i].effective_from, want[i].from) << want[i].id;
    EXPECT_EQ(load.packs[i].effective_to, want[i].to) << want[i].id;
    if (i > 0 && load.packs[i - 1].market == load.packs[i].market) {
      ASSERT_TRUE(load.packs[i - 1].effective_to.has_value());
      EXPECT_EQ(*load.packs[i - 1].effective_to + boost::gregorian::days(1),
                load.packs[i].effective_from);
    }
  }
  // The cn packs from here on (the hk pack is last).
  const std::size_t cn = load.packs.size() - 1;
  ASSERT_EQ(load.packs[cn].market, "hk");
  // The controller rules of 2023 (issue 9): bans from 2023-08-27, plan rules from 2023-09-26.
  // packs[3] is cn-2023-08, packs[4] cn-2023-09.
  for (const char* rule : {"CTRL-BREAK-IPO", "CTRL-BREAK-NAV", "CTRL-DIV"}) {
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_FALSE(Applies(load.packs[i], rule)) << load.packs[i].id << " " << rule;
    }
    for (std::size_t i = 3; i < cn; ++i) {
      EXPECT_TRUE(Applies(load.packs[i], rule)) << load.packs[i].id << " " << rule;
    }
  }
  EXPECT_FALSE(load.packs[3].pre_announce_block_trades_controllers);
  EXPECT_EQ(load.packs[3].ctrl_plan_max_months, 6);
  EXPECT_TRUE(load.packs[4].pre_announce_block_trades_controllers);
  EXPECT_EQ(load.packs[4].ctrl_plan_max_months, 3);
  EXPECT_EQ(load.packs[4].plan_max_months, 6);
  // The reading of Securities Law Art.63: the cumulative amplitude before CSRC Opinion No.19
  // (2025-01-10), the touch of a multiple from it.
  for (std::size_t i = 0; i + 1 < cn; ++i) {
    EXPECT_EQ(load.packs[i].eq5_reading, rules::Eq5Reading::kAmplitude) << load.packs[i].id;
  }
  EXPECT_EQ(load.packs[cn - 1].eq5_reading, rules::Eq5Reading::kTouch);
}

TEST(PackReaderTest, GeneratedPackIsValid) {
  const PackLoad load = ReadPackText(PackText(DefaultParams()), "p.yaml");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_EQ(load.packs.size(), 1u);
  EXPECT_EQ(load.packs[0].parameters.size(), DefaultParams().size());
  EXPECT_EQ(load.packs[0].parameters[0].source, "S3 Art.2 (Measures; partial)");
}

// One default per parameter, in the rules layer's schema: a pack that omits a key gets it, and
// the listing says so.
TEST(PackReaderTest, MissingParameterTakesTheSchemaDefault) {
  auto params = DefaultParams();
  params.erase(std::find_if(params.begin(), params.end(),
                            [](const auto& kv) { return kv.first == "lock_recv_months"; }));
  const PackLoad load = ReadPackText(PackText(params), "p.yaml");
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_EQ(load.packs.size(), 1u);
  EXPECT_EQ(load.packs[0].lock_recv_months, 6);
  const rules::ParamDef* def = rules::FindParam("lock_recv_months");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->default_value, "6");
  bool listed = false;
  for (const rules::PackParameter& p : load.packs[0].parameters) {
    if (p.key != "lock_recv_months") continue;
    listed = true;
    EXPECT_EQ(p.value, "6");
    EXPECT_THAT(p.source, HasSubstr("default of the pack schema"));
    EXPECT_THAT(p.source, HasSubstr("LOCK-RECV-6M"));
  }
  EXPECT_TRUE(listed);
}

// Every schema default is itself a valid value: a pack with no parameters at all loads, and its
// numbers are the 2024 Measures' (the shipped cn-2024 pack's).
TEST(PackReaderTest, EverySchemaDefaultLoads) {
  std::string text = PackText({});
  text.replace(text.find("parameters:\n"), 12, "parameters: {}\n");
  const PackLoad empty = ReadPackText(text, "p.yaml");
  ASSERT_TRUE(empty.problems.empty()) << FormatAll(empty.problems);
  const PackLoad full = ReadPackText(PackText(DefaultParams()), "p.yaml");
  ASSERT_EQ(full.packs.size(), 1u);
  ASSERT_EQ(empty.packs[0].parameters.size(), full.packs[0].parameters.size());
  for (std::size_t i = 0; i < full.packs[0].parameters.size(); ++i) {
    EXPECT_EQ(empty.packs[0].parameters[i].key, full.packs[0].parameters[i].key);
  }
  EXPECT_EQ(empty.packs[0].major_holder_bp, 500);
  EXPECT_EQ(empty.packs[0].eq5_step_bp, 500);
  EXPECT_EQ(empty.packs[0].pp_release_issued_before, D(2020, 2, 14));
  EXPECT_EQ(empty.packs[0].pen_cat4_fixed_yuan[3], Money::FromYuan(10000000));
  EXPECT_EQ(empty.packs[0].cap_window, CapWindow::kRolling90Days);
}

// A value the rule code cannot honour is a load error at its line, never an exit 3 at check
// time (issue 10): a 5% grid other than the ledger's, a 1% grid that does not divide it.
TEST(PackReaderTest, GridTheCodeCannotHonourIsALoadError) {
  const PackLoad load = ReadPackText(PackText(With("eq5_step_pct", "2.50")), "p.yaml");
  EXPECT_TRUE(load.packs.empty());
  const Diagnostic d = Only(load, "parameters.eq5_step_pct.value");
  EXPECT_EQ(d.file, "p.yaml");
  EXPECT_EQ(d.line, 19);  // eq5_step_pct is the 10th parameter
  EXPECT_THAT(d.message, HasSubstr("eq5_step_pct must be 5.00"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("eq1_step_pct", "3.00")), "p.yaml"),
                   "parameters.eq1_step_pct.value")
                  .message,
              HasSubstr("must divide eq5_step_pct"));
}

TEST(PackReaderTest, UnknownParameterFailsWithSuggestion) {
  auto params = DefaultParams();
  params.emplace_back("cb_cap_pcts", "1.00");
  const PackLoad load = ReadPackText(PackText(params), "p.yaml");
  EXPECT_TRUE(load.packs.empty());
  const Diagnostic d = Only(load, "parameters.cb_cap_pcts");
  EXPECT_EQ(d.line, 10 + static_cast<int>(DefaultParams().size()));
  EXPECT_EQ(d.column, 3);
  EXPECT_THAT(d.message, HasSubstr("did you mean 'cb_cap_pct'?"));
}

TEST(PackReaderTest, UnknownTopLevelAndEntryKeysFail) {
  std::string text = PackText(DefaultParams()) + "efective_to: null\n";
  const std::string entry = "  cb_cap_pct: {value: 1.00, source: S3 Art.2}";
  text.replace(text.find(entry), entry.size(),
               "  cb_cap_pct: {value: 1.00, source: S3 Art.2, nots: x}");
  const PackLoad load = ReadPackText(text, "p.yaml");
  EXPECT_THAT(Only(load, "efective_to").message, HasSubstr("did you mean 'effective_to'?"));
  EXPECT_THAT(Only(load, "parameters.cb_cap_pct.nots").message, HasSubstr("did you mean 'note'?"));
}

TEST(PackReaderTest, TierListsMustHaveFourNonDecreasingValues) {
  const PackLoad three = ReadPackText(PackText(With("pen_cat1_pct", "[0, 30, 50]")), "p.yaml");
  EXPECT_NE(Only(three, "parameters.pen_cat1_pct.value").message.find("exactly four"),
            std::string::npos);
  const PackLoad down = ReadPackText(PackText(With("pen_cat2_pct", "[0, 30, 20, 100]")), "p.yaml");
  EXPECT_NE(Only(down, "parameters.pen_cat2_pct.value").message.find("must not decrease"),
            std::string::npos);
  const PackLoad over =
      ReadPackText(PackText(With("pen_cat3_pct", "[0, 10, 20, 100.5]")), "p.yaml");
  EXPECT_FALSE(over.problems.empty());
  const PackLoad ok = ReadPackText(PackText(With("pen_cat3_pct", "[0, 10.5, 20, 100]")), "p.yaml");
  ASSERT_TRUE(ok.problems.empty()) << FormatAll(ok.problems);
  EXPECT_EQ(ok.packs[0].pen_cat3_bp[1], 1050);
}

TEST(PackReaderTest, PercentagesAreParsedExactly) {
  const PackLoad load = ReadPackText(PackText(With("cb_cap_pct", "0.75")), "p.yaml");
  ASSERT_EQ(load.packs.size(), 1u) << FormatAll(load.problems);
  EXPECT_EQ(load.packs[0].cb_cap_bp, 75);

  const PackLoad bad = ReadPackText(PackText(With("cb_cap_pct", "1.005")), "p.yaml");
  EXPECT_TRUE(bad.packs.empty());
  const Diagnostic d = Only(bad, "parameters.cb_cap_pct.value");
  EXPECT_EQ(d.line, 11);
  EXPECT_EQ(d.column, 23);
  EXPECT_THAT(d.message, HasSubstr("more than 2 decimals"));
}

// LOCK-STRAT of the sponsor's co-investment (issue 9): every shipped pack writes the 24 months
// itself, citing the co-investment rules (S27), rather than taking the schema default.
TEST(PackReaderTest, EveryShippedPackSetsTheCoInvestmentLock) {
  const PackLoad load = ReadPackDir(kPacksDir);
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_EQ(load.packs.size(), 8u);
  for (const RulePack& p : load.packs) {
    if (p.market != "cn") continue;  // a cn parameter
    EXPECT_EQ(p.sponsor_coinvest_lock_months, 24) << p.id;
    bool listed = false;
    for (const rules::PackParameter& q : p.parameters) {
      if (q.key != "sponsor_coinvest_lock_months") continue;
      listed = true;
      EXPECT_EQ(q.value, "24") << p.id;
      EXPECT_THAT(q.source, HasSubstr("S27")) << p.id;
      EXPECT_THAT(q.source, HasSubstr("保荐机构相关子公司跟投")) << p.id;
      EXPECT_THAT(q.source, ::testing::Not(HasSubstr("default of the pack schema"))) << p.id;
    }
    EXPECT_TRUE(listed) << p.id;
  }
  const rules::ParamDef* def = rules::FindParam("sponsor_coinvest_lock_months");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->default_value, "24");
  const PackLoad twelve = ReadPackText(PackText(With("sponsor_coinvest_lock_months", "12")), "p");
  ASSERT_EQ(twelve.packs.size(), 1u) << FormatAll(twelve.problems);
  EXPECT_EQ(twelve.packs[0].sponsor_coinvest_lock_months, 12);
  EXPECT_THAT(Only(ReadPackText(PackText(With("sponsor_coinvest_lock_months", "0")), "p"),
                   "parameters.sponsor_coinvest_lock_months.value")
                  .message,
              HasSubstr("must be between 1 and"));
}

TEST(PackReaderTest, ValuesAreRangeChecked) {
  EXPECT_THAT(Only(ReadPackText(PackText(With("major_holder_pct", "0")), "p"),
                   "parameters.major_holder_pct.value")
                  .message,
              HasSubstr("above 0"));
  EXPECT_THAT(
      Only(ReadPackText(PackText(With("bt_cap_pct", "100.01")), "p"), "parameters.bt_cap_pct.value")
          .message,
      HasSubstr("at most 100"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("cap_window_days", "0")), "p"),
                   "parameters.cap_window_days.value")
                  .message,
              HasSubstr("must be between 1 and"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("lock_ipo_months", "-12")), "p"),
                   "parameters.lock_ipo_months.value")
                  .message,
              HasSubstr("must be between 1 and"));
  EXPECT_THAT(Only(ReadPackText(PackText(With("eq5_days_are_trading_days", "yes")), "p"),
                   "parameters.eq5_days_are_trading_days.value")
                  .message,
              HasSubstr("expected true or false"));
}

TEST(PackReaderTest, CapWindowNamesAreChecked) {
  const PackLoad months = ReadPackText(PackText(With("cap_window", "three_months")), "p");
  ASSERT_EQ(months.packs.size(), 1u) << FormatAll(months.problems);
  EXPECT_EQ(months.packs[0].cap_window, CapWindow::kThreeMonths);
  const PackLoad strict = ReadPackText(PackText(With("cap_window", "strict")), "p");
  ASSERT_EQ(strict.packs.size(), 1u) << FormatAll(strict.problems);
  EXPECT_EQ(strict.packs[0].cap_window, CapWindow::kStrict);
  const PackLoad bad = ReadPackText(PackText(With("cap_window", "rolling")), "p");
  EXPECT_THAT(Only(bad, "parameters.cap_window.value").message,
              HasSubstr("allowed: rolling_90_days, three_months, strict"));
}

TEST(PackReaderTest, SourceMustNameARegisteredSource) {
  std::string text = PackText(DefaultParams());
  const std::string entry = "  lock_pp_months: {value: 6, source: S3 Art.2}";
  text.replace(text.find(entry), entry.size(),
               "  lock_pp_months: {value: 6, source: S3 Art.2; S11 Art.59}");
  const PackLoad load = ReadPackText(text, "p.yaml");
  EXPECT_TRUE(load.packs.empty());
  EXPECT_THAT(Only(load, "parameters.lock_pp_months.source").message,
              HasSubstr("'S11 Art.59' must start with a source id declared under sources"));
}

TEST(PackReaderTest, EveryEntryNeedsValueAndSource) {
  std::string text = PackText(DefaultParams());
  const std::string entry = "  lock_pp_months: {value: 6, source: S3 Art.2}";
  text.replace(text.find(entry), entry.size(), "  lock_pp_months: {value: 6}");
  const PackLoad load = ReadPackText(text, "p.yaml");
  EXPECT_THAT(Only(load, "parameters.lock_pp_months.source").message,
              HasSubstr("missing required field 'source'"));
}

TEST(PackReaderTest, EffectiveDatesAreRequiredAndOrdered) {
  const PackLoad closed =
      ReadPackText(PackText(DefaultParams(), "p", "2017-05-27", "2024-05-23"), "p");
  ASSERT_EQ(closed.packs.size(), 1u) << FormatAll(closed.problems);
  EXPECT_EQ(closed.packs[0].effective_to, D(2024, 5, 23));

  const PackLoad reversed =
      ReadPackText(PackText(DefaultParams(), "p", "2024-05-24", "2024-05-23"), "p");
  EXPECT_THAT(Only(reversed, "effective_to").message, HasSubstr("before effective_from"));

  std::string text = PackText(DefaultParams());
  text.replace(text.find("effective_to: null\n"), 19, "");
  EXPECT_THAT(Only(ReadPackText(text, "p"), "effective_to").message,
              HasSubstr("missing required field 'effective_to'"));
}

// Citations follow the regime (issue 9 part 2): a rule citing an instrument on a day it is not
// in force is a load error naming the file, the line and the key.
TEST(PackReaderTest, CitationOfAnInstrumentNotYetInForceIsALoadError) {
  std::string text = PackText(DefaultParams());
  text.replace(text.find("in_force_from: 2000-01-01}\n# parameters"), 26,
               "in_force_from: 2025-01-10}");
  const std::string entry = "  EQ5-MULT: {citations: [{sources: [S3], zh: 依据}]}";
  const std::size_t at = text.find(entry);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, entry.size(), "  EQ5-MULT: {citations: [{sources: [S2], zh: 依据}]}");
  // S3 is now in force from 2025-01-10 only: every rule citing it from 2024-05-24 fails; check
  // one, located at its citation.
  const PackLoad load = ReadPackText(text, "p.yaml");
  EXPECT_TRUE(load.packs.empty());
  const Diagnostic d = Only(load, "rules.CAP-CB-1PCT.citations[0]");
  EXPECT_EQ(d.file, "p.yaml");
  EXPECT_GT(d.line, 10 + static_cast<int>(DefaultParams().size()));
  EXPECT_THAT(d.message, HasSubstr("cites S3 from 2024-05-24"));
  EXPECT_THAT(d.message, HasSubstr("in force only from 2025-01-10"));
  EXPECT_THAT(Only(load, "rules.EQ5-MULT.citations[0]").message,
              HasSubstr("source S2 is not declared"));
}

TEST(PackReaderTest, LaterCitationStartsWhenItsInstrumentDoes) {
  std::string text = PackText(DefaultParams());
  text.replace(text.find("# parameters"), 0,
               "  S21: {title_zh: 证券期货法律适用意见第19号, confidence: verified, "
               "in_force_from: 2025-01-10}\n");
  const std::string entry = "  EQ5-MULT: {citations: [{sources: [S3], zh: 依据}]}";
  text.replace(text.find(entry), entry.size(),
               "  EQ5-MULT: {citations: [{sources: [S3], zh: 旧}, {from: 2025-01-10, sources: "
               "[S3, S21], zh: 新}]}");
  const PackLoad ok = ReadPackText(text, "p.yaml");
  ASSERT_TRUE(ok.problems.empty()) << FormatAll(ok.problems);
  const rules::PackRule* eq5 = nullptr;
  for (const rules::PackRule& r : ok.packs[0].rules) {
    if (r.id == "EQ5-MULT") eq5 = &r;
  }
  ASSERT_NE(eq5, nullptr);
  ASSERT_EQ(eq5->citations.size(), 2u);
  EXPECT_EQ(eq5->citations[0].from, D(2024, 5, 24));
  EXPECT_EQ(eq5->citations[1].from, D(2025, 1, 10));

  std::string early = text;
  early.replace(early.find("from: 2025-01-10, sources"), 16, "from: 2025-01-09");
  EXPECT_THAT(Only(ReadPackText(early, "p.yaml"), "rules.EQ5-MULT.citations[1]").message,
              HasSubstr("in force only from 2025-01-10"));
}

TEST(PackReaderTest, EveryRuleOfTheMarketIsListedOnce) {
  std::string text = PackText(DefaultParams());
  const std::string entry = "  CAP-CB-1PCT: {citations: [{sources: [S3], zh: 依据}]}\n";
  text.replace(text.find(entry), entry.size(), "");
  EXPECT_THAT(Only(ReadPackText(text, "p.yaml"), "rules").message,
              HasSubstr("rule CAP-CB-1PCT of market cn is missing"));
  const PackLoad unknown = ReadPackText(
      PackText(DefaultParams()) + "  HK-10.07: {citations: [{sources: [S3], zh: x}]}\n", "p.yaml");
  EXPECT_THAT(Only(unknown, "rules.HK-10.07").message, HasSubstr("not a rule of market cn"));
  std::string market = PackText(DefaultParams());
  market.replace(market.find("market: cn"), 10, "market: xx");
  EXPECT_THAT(Only(ReadPackText(market, "p.yaml"), "market").message,
              HasSubstr("unknown market 'xx'"));
}

TEST(PackReaderTest, NotAppliedRuleHasNoCitations) {
  std::string text = PackText(DefaultParams());
  const std::string entry = "  CAP-PP-50PCT: {citations: [{sources: [S3], zh: 依据}]}";
  text.replace(text.find(entry), entry.size(), "  CAP-PP-50PCT: {not_applied: 2017 only}");
  const PackLoad ok = ReadPackText(text, "p.yaml");
  ASSERT_TRUE(ok.problems.empty()) << FormatAll(ok.problems);
  std::string both = PackText(DefaultParams());
  both.replace(both.find(entry), entry.size(),
               "  CAP-PP-50PCT: {not_applied: x, citations: [{sources: [S3], zh: y}]}");
  EXPECT_THAT(Only(ReadPackText(both, "p.yaml"), "rules.CAP-PP-50PCT").message,
              HasSubstr("has no citations"));
}

TEST(PackReaderTest, SyntaxErrorIsLocated) {
  const PackLoad load = ReadPackText("id: x\nparameters: {a: [1\n", "p.yaml");
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_GT(load.problems[0].line, 0);
  EXPECT_THAT(load.problems[0].message, HasSubstr("YAML syntax error"));
}

class PackDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("reducheck_pack_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(PackDirTest, PacksAreSortedByEffectiveDate) {
  Write("b.yaml", PackText(DefaultParams(), "new", "2024-05-24", "null"));
  Write("a.yaml", PackText(With("cb_cap_pct", "0.50"), "old", "2017-05-27", "2024-05-23"));
  Write("notes.txt", "not a pack");
  const PackLoad load = ReadPackDir(dir_.string());
  ASSERT_TRUE(load.problems.empty()) << FormatAll(load.problems);
  ASSERT_EQ(load.packs.size(), 2u);
  EXPECT_EQ(load.packs[0].id, "old");
  EXPECT_EQ(load.packs[0].cb_cap_bp, 50);
  EXPECT_EQ(load.packs[1].id, "new");
}

TEST_F(PackDirTest, OverlappingOrDuplicatePacksFail) {
  Write("a.yaml", PackText(DefaultParams(), "one", "2017-05-27", "null"));
  Write("b.yaml", PackText(DefaultParams(), "one", "2024-05-24", "null"));
  const PackLoad load = ReadPackDir(dir_.string());
  EXPECT_THAT(Only(load, "effective_from").message, HasSubstr("still in force"));
  EXPECT_THAT(Only(load, "id").message, HasSubstr("is also used by"));
}

TEST_F(PackDirTest, BrokenPackInDirectoryIsReportedWithItsFile) {
  Write("a.yaml", PackText(With("lock_ipo_months", "twelve")));
  const PackLoad load = ReadPackDir(dir_.string());
  const Diagnostic d = Only(load, "parameters.lock_ipo_months.value");
  EXPECT_EQ(d.file, (dir_ / "a.yaml").generic_string());
  EXPECT_EQ(d.line, 28);  // the line of lock_ipo_months in the generated pack
}

TEST(PackReaderTest, MissingDirectoryIsAProblem) {
  const PackLoad load = ReadPackDir("/nonexistent/reducheck/packs");
  ASSERT_EQ(load.problems.size(), 1u);
  EXPECT_THAT(load.problems[0].message, HasSubstr("cannot read rule pack directory"));
}

}  // namespace
}  // namespace reducheck::adapters
