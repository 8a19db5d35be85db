// Citations follow the regime (issue 9 part 2, issue 10): every rule of every shipped pack cites
// only instruments in force on every day the citation applies, and a verdict cites what was in
// force on the order's date.
#include <map>
#include <string>

#include "fixture.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/rules/pack_check.h"

namespace reducheck::testing {
namespace {

std::vector<rules::RulePack> ShippedPacks() {
  auto load = adapters::ReadPackDir(std::string(REDUCHECK_RULES_DIR) + "/packs");
  EXPECT_TRUE(load.problems.empty()) << adapters::FormatAll(load.problems);
  return std::move(load.packs);
}

// Walks every citation of every rule of every shipped pack with its own arithmetic (not the
// loader's): the days a citation applies lie inside the in-force days of each instrument it names.
TEST(CitationsTest, EveryCitationOfEveryPackIsOfAnInstrumentInForce) {
  const std::vector<rules::RulePack> packs = ShippedPacks();
  ASSERT_FALSE(packs.empty());
  int checked = 0;
  for (const rules::RulePack& pack : packs) {
    std::map<std::string, const rules::PackSource*> sources;
    for (const rules::PackSource& s : pack.sources) sources[s.id] = &s;
    EXPECT_EQ(pack.rules.size(), rules::MarketRules(pack.market).size()) << pack.id;
    for (const rules::PackRule& rule : pack.rules) {
      if (!rule.not_applied.empty()) {
        EXPECT_TRUE(rule.citations.empty()) << pack.id << " " << rule.id;
        continue;
      }
      ASSERT_FALSE(rule.citations.empty()) << pack.id << " " << rule.id;
      const Date rule_start = rule.applies_from.value_or(pack.effective_from);
      EXPECT_EQ(rule.citations.front().from, rule_start) << pack.id << " " << rule.id;
      for (std::size_t i = 0; i < rule.citations.size(); ++i) {
        const rules::RuleCitation& c = rule.citations[i];
        const Date first = c.from;
        const std::optional<Date> last =
            i + 1 < rule.citations.size()
                ? std::optional<Date>(rule.citations[i + 1].from - boost::gregorian::days(1))
                : pack.effective_to;
        EXPECT_FALSE(c.zh.empty()) << pack.id << " " << rule.id;
        EXPECT_FALSE(c.sources.empty()) << pack.id << " " << rule.id;
        for (const std::string& id : c.sources) {
          ASSERT_EQ(sources.count(id), 1u) << pack.id << " " << rule.id << " cites " << id;
          const rules::PackSource& s = *sources.at(id);
          ASSERT_TRUE(s.in_force_from.has_value())
              << pack.id << " " << rule.id << " cites " << id << ", which is not law";
          EXPECT_LE(*s.in_force_from, first)
              << pack.id << " " << rule.id << " cites " << id << " from " << ToIso(first);
          if (s.in_force_to) {
            ASSERT_TRUE(last.has_value()) << pack.id << " " << rule.id << " cites " << id
                                          << " past its end " << ToIso(*s.in_force_to);
            EXPECT_GE(*s.in_force_to, *last) << pack.id << " " << rule.id << " cites " << id;
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 150);
}

// The 2024 Measures and Opinion No.19 appear in no citation of a 2017-regime pack; Opinion
// No.19 appears in cn-2024 only from 2025-01-10.
TEST(CitationsTest, TheInstrumentsOfOneRegimeDoNotLeakIntoAnother) {
  for (const rules::RulePack& pack : ShippedPacks()) {
    for (const rules::PackRule& rule : pack.rules) {
      for (const rules::RuleCitation& c : rule.citations) {
        const bool measures = c.zh.find("上市公司股东减持股份管理暂行办法") != std::string::npos;
        const bool opinion19 = c.zh.find("法律适用意见第19号") != std::string::npos;
        if (pack.effective_to && *pack.effective_to < D("2024-05-24")) {
          EXPECT_FALSE(measures) << pack.id << " " << rule.id << ": " << c.zh;
        }
        if (opinion19) {
          EXPECT_GE(c.from, D("2025-01-10")) << pack.id << " " << rule.id;
        }
      }
    }
  }
}

const Violation* FindViolation(const Verdict& v, std::string_view id) {
  for (const Violation& x : v.violations) {
    if (x.rule != nullptr && x.rule->id == id) return &x;
  }
  return nullptr;
}

// The 2023 Company Law took effect on 2024-07-01, inside cn-2024-pre2025: a pre-IPO lock breached
// on Friday 2024-06-28 cites the 2018 Company Law Art.141, on Monday 2024-07-01 the 2023 Art.160.
TEST(CitationsTest, VerdictCitesTheCompanyLawInForceOnTheOrderDate) {
  ScenarioBuilder b("2023-07-10", 100'000'000);
  ScenarioBuilder::AddLot(b.AddHolder("P"), "L1", 100'000, Source::kIpoOriginal, D("2020-01-01"));
  const Ledger l = b.Build();
  const Verdict before = Check(l, MakeOrder("P", "2024-06-28", Method::kCentralizedBidding, 1000));
  const Verdict after = Check(l, MakeOrder("P", "2024-07-01", Method::kCentralizedBidding, 1000));
  const Violation* v1 = FindViolation(before, "LOCK-IPO-12M");
  const Violation* v2 = FindViolation(after, "LOCK-IPO-12M");
  ASSERT_NE(v1, nullptr);
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ(before.rule_pack, "cn-2024-pre2025");
  EXPECT_EQ(after.rule_pack, "cn-2024-pre2025");
  EXPECT_EQ(v1->rule->citation_zh, "《公司法》（2018修正）第一百四十一条第一款");
  EXPECT_EQ(v1->rule->citation_en, "Company Law (2018) Art.141(1)");
  EXPECT_EQ(v2->rule->citation_zh, "《公司法》（2023修订）第一百六十条第一款");
}

// A 2023 bidding sale without a plan is judged by cn-2017 and cites the 2017 Provisions, not
// the 2024 Measures (which did not exist yet).
TEST(CitationsTest, A2023OrderCitesThe2017Provisions) {
  ScenarioBuilder b("2015-06-10", 1'000'000'000);
  ScenarioBuilder::AddLot(b.AddHolder("M", R(Role::kMajorShareholder)), "L1", 85'000'000,
                          Source::kIpoOriginal, D("2014-01-01"));
  const Ledger l = b.Build();
  const Verdict v = Check(l, MakeOrder("M", "2023-03-01", Method::kCentralizedBidding, 1000));
  EXPECT_EQ(v.rule_pack, "cn-2017");
  const Violation* pre = FindViolation(v, "PRE-15TD");
  ASSERT_NE(pre, nullptr) << Rules(v);
  EXPECT_EQ(pre->rule->citation_zh,
            "上市公司股东、董监高减持股份的若干规定（证监会公告〔2017〕9号） 第八条；"
            "沪深交易所上市公司股东及董事、监事、高级管理人员减持股份实施细则（2017）");
  for (const Violation& x : v.violations) {
    EXPECT_EQ(std::string(x.rule->citation_zh).find("暂行办法"), std::string::npos) << x.rule->id;
  }
}

}  // namespace
}  // namespace reducheck::testing
