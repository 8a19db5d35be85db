// Tests for adapters/src/json/verdict_json.cpp and adapters/src/text/verdict_text.cpp: the
// JSON text of contract.md §2 byte for byte, and the text rendering in both languages.
#include "reducheck/adapters/verdict_render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "reducheck/engine/rule_info.h"

namespace reducheck::adapters {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const RuleInfo kCapRule{"CAP-CB-1PCT",
                        Category::kProcedural,
                        "Auction sales at most 1% per 90 days",
                        "集中竞价减持任意连续90日不超过1%",
                        "上市公司股东减持股份管理暂行办法 第十一条",
                        "Measures on Share Reductions, Art. 11",
                        "verified",
                        true,
                        ""};
const RuleInfo kNoticeRule{"EQ5-1PCT",
                           Category::kNone,
                           "1% change notice",
                           "1%变动通知",
                           "证券法 第六十三条第三款",
                           "Securities Law Art. 63(3)",
                           "verified",
                           true,
                           ""};
const RuleInfo kExtRule{"LOCK-EXT-6M",
                        Category::kRestrictedOriginalShares,
                        "Six-month lock extension",
                        "锁定期自动延长6个月",
                        "首发承诺",
                        "IPO undertaking",
                        "partial",
                        true,
                        ""};

Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

Order MakeOrder(std::string id) {
  Order o;
  o.id = std::move(id);
  o.holder = "H1";
  o.date = D(2026, 3, 20);
  o.shares = 4000000;
  return o;
}

// A failing verdict with one fact of every FactValue alternative.
Verdict FailVerdict() {
  Verdict v;
  v.outcome = Outcome::kFail;
  Violation x;
  x.rule = &kCapRule;
  x.category = Category::kProcedural;
  x.shares_in_breach = 1000000;
  x.message = {"sells 1000000 shares over the 1% cap", "超过1%上限1000000股"};
  x.facts = {
      {"window", DateRange{D(2025, 12, 21), D(2026, 3, 20)}},
      {"sold_in_window", std::int64_t{2000000}},
      {"fact_date", D(2026, 3, 20)},
      {"sale_amount", Money::FromYuan(31000000)},
      {"close", Money::FromUnits(241234)},
      {"ratio", Ratio{11000000, 1000000000}},
      {"third", Ratio{2, 3}},
      {"via", std::string("CAP-POST5-90D")},
      {"plan_valid", true},
  };
  v.violations.push_back(std::move(x));
  v.max_compliant_shares = 3000000;
  v.binding_rule = "CAP-CB-1PCT";
  v.earliest_full_date_reason = {"a new plan is needed", "需要新的减持计划"};
  v.obligations.push_back(
      Obligation{"report_1pct_change", &kNoticeRule, D(2026, 3, 23), std::nullopt, 700});
  v.rule_pack = "cn-2024";
  v.calendar = "cn-a-share";
  return v;
}

TEST(VerdictJsonTest, FailWithEveryFactType) {
  const Order order = MakeOrder("O1");
  const std::vector<CheckedOrder> results{{&order, FailVerdict()}};
  const std::string expected = R"([
  {
    "order": "O1",
    "verdict": "fail",
    "violations": [
      {
        "rule": "CAP-CB-1PCT",
        "category": 3,
        "category_name": "procedural",
        "citation": "上市公司股东减持股份管理暂行办法 第十一条",
        "citation_en": "Measures on Share Reductions, Art. 11",
        "message": {
          "en": "sells 1000000 shares over the 1% cap",
          "zh": "超过1%上限1000000股"
        },
        "shares_in_breach": 1000000,
        "facts": {
          "window": [
            "2025-12-21",
            "2026-03-20"
          ],
          "sold_in_window": 2000000,
          "fact_date": "2026-03-20",
          "sale_amount": "31000000.00",
          "close": "24.1234",
          "ratio": "1.1000%",
          "third": "66.6666%",
          "via": "CAP-POST5-90D",
          "plan_valid": true
        }
      }
    ],
    "unknown": [],
    "max_compliant_shares": 3000000,
    "binding_rule": "CAP-CB-1PCT",
    "earliest_full_date": null,
    "earliest_full_date_reason": {
      "en": "a new plan is needed",
      "zh": "需要新的减持计划"
    },
    "obligations": [
      {
        "kind": "report_1pct_change",
        "rule": "EQ5-1PCT",
        "due": "2026-03-23",
        "until": null,
        "threshold_pct": "7%"
      }
    ],
    "penalty": null,
    "rule_pack": "cn-2024",
    "calendar": "cn-a-share"
  }
]
)";
  EXPECT_EQ(RenderJson(results), expected);
}

TEST(VerdictJsonTest, PassAndUnknown) {
  const Order pass_order = MakeOrder("O2");
  Verdict pass;
  pass.outcome = Outcome::kPass;
  pass.max_compliant_shares = 5000000;
  pass.binding_rule = "HOLDINGS";
  pass.earliest_full_date = D(2026, 3, 10);
  pass.rule_pack = "cn-2024";
  pass.calendar = "cn-a-share";

  const Order unknown_order = MakeOrder("O3");
  Verdict unknown;
  unknown.outcome = Outcome::kUnknown;
  unknown.unknown.push_back(UnknownFinding{
      &kExtRule, {"daily closes for 2023-03-10..2023-09-10", "2023-03-10至2023-09-10的收盘价"}});
  unknown.max_compliant_shares = 0;
  unknown.rule_pack = "cn-2024";
  unknown.calendar = "cn-a-share";

  const std::vector<CheckedOrder> results{{&pass_order, pass}, {&unknown_order, unknown}};
  const std::string expected = R"([
  {
    "order": "O2",
    "verdict": "pass",
    "violations": [],
    "unknown": [],
    "max_compliant_shares": 5000000,
    "binding_rule": "HOLDINGS",
    "earliest_full_date": "2026-03-10",
    "earliest_full_date_reason": null,
    "obligations": [],
    "penalty": null,
    "rule_pack": "cn-2024",
    "calendar": "cn-a-share"
  },
  {
    "order": "O3",
    "verdict": "unknown",
    "violations": [],
    "unknown": [
      {
        "rule": "LOCK-EXT-6M",
        "missing": {
          "en": "daily closes for 2023-03-10..2023-09-10",
          "zh": "2023-03-10至2023-09-10的收盘价"
        }
      }
    ],
    "max_compliant_shares": 0,
    "binding_rule": null,
    "earliest_full_date": null,
    "earliest_full_date_reason": null,
    "obligations": [],
    "penalty": null,
    "rule_pack": "cn-2024",
    "calendar": "cn-a-share"
  }
]
)";
  EXPECT_EQ(RenderJson(results), expected);
}

TEST(VerdictJsonTest, NoOrdersIsEmptyArray) { EXPECT_EQ(RenderJson({}), "[]\n"); }

TEST(VerdictJsonTest, IsDeterministic) {
  const Order order = MakeOrder("O1");
  const std::vector<CheckedOrder> results{{&order, FailVerdict()}};
  EXPECT_EQ(RenderJson(results), RenderJson(results));
}

TEST(FormatTest, MoneyHasTwoDecimalsUnlessSubFen) {
  EXPECT_EQ(FormatMoney(Money::FromYuan(31000000)), "31000000.00");
  EXPECT_EQ(FormatMoney(Money::FromUnits(241000)), "24.10");
  EXPECT_EQ(FormatMoney(Money::FromUnits(241234)), "24.1234");
  EXPECT_EQ(FormatMoney(Money::FromUnits(241230)), "24.1230");
  EXPECT_EQ(FormatMoney(Money::FromUnits(0)), "0.00");
  EXPECT_EQ(FormatMoney(Money::FromUnits(-22500)), "-2.25");
  EXPECT_EQ(FormatMoney(Money::FromUnits(-5)), "-0.0005");
  EXPECT_EQ(FormatMoney(Money::FromUnits(std::numeric_limits<std::int64_t>::min())),
            "-922337203685477.5808");
}

TEST(FormatTest, RatioIsExactAndTruncatedTowardZero) {
  EXPECT_EQ(FormatRatio({11000000, 1000000000}), "1.1000%");
  EXPECT_EQ(FormatRatio({1, 3}), "33.3333%");
  EXPECT_EQ(FormatRatio({2, 3}), "66.6666%");
  EXPECT_EQ(FormatRatio({-2, 3}), "-66.6666%");
  EXPECT_EQ(FormatRatio({0, 7}), "0.0000%");
  EXPECT_EQ(FormatRatio({1, 1000000000}), "0.0000%");
  EXPECT_EQ(FormatRatio({3, 3}), "100.0000%");
  EXPECT_EQ(FormatRatio({std::numeric_limits<std::int64_t>::max(), 1}),
            "922337203685477580700.0000%");
  EXPECT_EQ(FormatRatio({1, 0}), "");
}

TEST(FormatTest, BasisPointsTrimTrailingZeros) {
  EXPECT_EQ(FormatBasisPoints(500), "5%");
  EXPECT_EQ(FormatBasisPoints(1000), "10%");
  EXPECT_EQ(FormatBasisPoints(150), "1.5%");
  EXPECT_EQ(FormatBasisPoints(125), "1.25%");
  EXPECT_EQ(FormatBasisPoints(5), "0.05%");
  EXPECT_EQ(FormatBasisPoints(0), "0%");
  EXPECT_EQ(FormatBasisPoints(-250), "-2.5%");
}

TEST(FormatTest, DateIsIsoOrEmpty) {
  EXPECT_EQ(FormatDate(D(2026, 3, 6)), "2026-03-06");
  EXPECT_EQ(FormatDate(Date()), "");
}

TEST(VerdictTextTest, EnglishShowsRuleCategoryAndCitation) {
  const Order order = MakeOrder("O1");
  const std::string text = RenderText({{&order, FailVerdict()}}, Lang::kEn);
  EXPECT_THAT(text, HasSubstr("Order O1 — FAIL\n"));
  EXPECT_THAT(text, HasSubstr("Violation 1: CAP-CB-1PCT — category 3 (procedural breach)\n"));
  EXPECT_THAT(text, HasSubstr("Citation: Measures on Share Reductions, Art. 11 "
                              "(上市公司股东减持股份管理暂行办法 第十一条)\n"));
  EXPECT_THAT(text, HasSubstr("Shares in breach: 1000000\n"));
  EXPECT_THAT(text, HasSubstr("Message: sells 1000000 shares over the 1% cap\n"));
  EXPECT_THAT(text, HasSubstr("      window: 2025-12-21..2026-03-20\n"));
  EXPECT_THAT(text, HasSubstr("      sale_amount: RMB 31000000.00\n"));
  EXPECT_THAT(text, HasSubstr("      ratio: 1.1000%\n"));
  EXPECT_THAT(text, HasSubstr("      plan_valid: yes\n"));
  EXPECT_THAT(text, HasSubstr("Max compliant shares: 3000000 (binding rule: CAP-CB-1PCT)\n"));
  EXPECT_THAT(text, HasSubstr("Earliest full date: none within the search horizon\n"));
  EXPECT_THAT(text, HasSubstr("Reason: a new plan is needed\n"));
  EXPECT_THAT(text, HasSubstr("1% change notice (EQ5-1PCT): due 2026-03-23; threshold 7%\n"));
  EXPECT_THAT(text, HasSubstr("Rule pack: cn-2024; calendar: cn-a-share\n"));
  EXPECT_THAT(text, Not(HasSubstr("超过1%上限")));  // the English message only
}

TEST(VerdictTextTest, ChineseShowsRuleCategoryAndCitation) {
  const Order order = MakeOrder("O1");
  const std::string text = RenderText({{&order, FailVerdict()}}, Lang::kZh);
  EXPECT_THAT(text, HasSubstr("订单 O1 — 不通过\n"));
  EXPECT_THAT(text, HasSubstr("违规 1：CAP-CB-1PCT — 第3类（程序性违规）\n"));
  EXPECT_THAT(text, HasSubstr("依据：上市公司股东减持股份管理暂行办法 第十一条\n"));
  EXPECT_THAT(text, HasSubstr("违规股数：1000000\n"));
  EXPECT_THAT(text, HasSubstr("说明：超过1%上限1000000股\n"));
  EXPECT_THAT(text, HasSubstr("sale_amount：31000000.00 元\n"));
  EXPECT_THAT(text, HasSubstr("plan_valid：是\n"));
  EXPECT_THAT(text, HasSubstr("最大合规股数：3000000（约束规则：CAP-CB-1PCT）\n"));
  EXPECT_THAT(text, HasSubstr("最早可全部减持日：检索期内无\n"));
  EXPECT_THAT(text, HasSubstr("原因：需要新的减持计划\n"));
  EXPECT_THAT(text, HasSubstr("（EQ5-1PCT）：截止 2026-03-23；阈值 7%\n"));
  EXPECT_THAT(text, HasSubstr("规则包：cn-2024；交易日历：cn-a-share\n"));
  EXPECT_THAT(text, Not(HasSubstr("Citation")));
}

TEST(VerdictTextTest, PassAndUnknownBlocks) {
  const Order pass_order = MakeOrder("O2");
  Verdict pass;
  pass.max_compliant_shares = 5000000;
  pass.binding_rule = "HOLDINGS";
  pass.earliest_full_date = D(2026, 3, 10);
  pass.rule_pack = "cn-2024";
  const Order unknown_order = MakeOrder("O3");
  Verdict unknown;
  unknown.outcome = Outcome::kUnknown;
  unknown.unknown.push_back(UnknownFinding{&kExtRule, {"daily closes", "每日收盘价"}});

  const std::vector<CheckedOrder> results{{&pass_order, pass}, {&unknown_order, unknown}};
  const std::string en = RenderText(results, Lang::kEn);
  EXPECT_EQ(en,
            "Order O2 — PASS\n"
            "  Max compliant shares: 5000000 (binding rule: HOLDINGS)\n"
            "  Earliest full date: 2026-03-10\n"
            "  Rule pack: cn-2024\n"
            "\n"
            "Order O3 — UNKNOWN\n"
            "  Could not decide:\n"
            "    LOCK-EXT-6M: daily closes\n"
            "  Max compliant shares: 0\n"
            "  Earliest full date: none within the search horizon\n"
            "  Rule pack: n/a\n");
  const std::string zh = RenderText(results, Lang::kZh);
  EXPECT_THAT(zh, HasSubstr("订单 O2 — 通过\n"));
  EXPECT_THAT(zh, HasSubstr("订单 O3 — 无法判断\n"));
  EXPECT_THAT(zh, HasSubstr("无法判断的规则：\n    LOCK-EXT-6M：每日收盘价\n"));
  EXPECT_THAT(zh, HasSubstr("最早可全部减持日：2026-03-10\n"));
}

}  // namespace
}  // namespace reducheck::adapters
