// The rules of market "hk" (HKEX Main Board, for the H shares of A+H issuers; docs/markets.md),
// with their default category and source. The penalty categories are the CSRC's: an hk rule
// takes the category of the same kind of breach (a listing lock-up on pre-listing shares: 1; a
// dealing window: 2) and no CSRC fine is estimated for it. Citations per pack (hk-2025.yaml).
#include <array>

#include "reducheck/rules/rule_catalog.h"

namespace reducheck::rules {
namespace {

using C = Category;

constexpr std::array kHkRules = {
    RuleInfo{"HK-LR-10.07-FIRST",
             C::kRestrictedOriginalShares,
             "HKEX: a controlling shareholder may not dispose of its shares until 6 months after "
             "dealings commence",
             "港交所：控股股东自上市文件披露持股之日起至开始买卖后6个月内不得出售其股份",
             "《香港联合交易所有限公司证券上市规则》第10.07(1)(a)条",
             "HKEX Main Board Listing Rules, rule 10.07(1)(a)",
             "verified",
             true,
             {}},
    RuleInfo{"HK-LR-10.07-CONTROL",
             C::kRestrictedPeriodOther,
             "HKEX: in the next 6 months no disposal that would end control",
             "港交所：其后6个月内不得出售致使其不再是控股股东",
             "《香港联合交易所有限公司证券上市规则》第10.07(1)(b)条、第19A.14条",
             "HKEX Main Board Listing Rules, rules 10.07(1)(b) and 19A.14",
             "verified",
             true,
             {}},
    RuleInfo{"HK-MC-BLACKOUT",
             C::kRestrictedPeriodOther,
             "HKEX Model Code: no dealing by a director before results are published",
             "港交所《标准守则》：业绩公布前的禁售期内董事不得买卖",
             "《上市发行人董事进行证券交易的标准守则》（附录C3）A.3(a)",
             "Model Code for Securities Transactions by Directors (Appendix C3), rule A.3(a)",
             "verified",
             true,
             {}},
    RuleInfo{"HK-SFO-XV",
             C::kNone,
             "SFO Part XV: disclosure of interests within 3 business days",
             "《证券及期货条例》第XV部：3个营业日内披露权益",
             "《证券及期货条例》（第571章）第XV部",
             "Securities and Futures Ordinance (Cap. 571) Part XV",
             "partial",
             true,
             {}},
};

}  // namespace

std::span<const RuleInfo> HkRules() { return kHkRules; }

}  // namespace reducheck::rules
