// RuleInfo: the identity of one rule of the spec. Ids never change meaning (style §10).
#ifndef REDUCHECK_ENGINE_RULE_INFO_H_
#define REDUCHECK_ENGINE_RULE_INFO_H_

#include <string_view>

#include "reducheck/engine/verdict.h"

namespace reducheck {

struct RuleInfo {
  std::string_view id;  // "CAP-CB-1PCT"
  Category category;    // default category (spec §9 map)
  std::string_view title_en;
  std::string_view title_zh;
  std::string_view citation_zh;  // "上市公司股东减持股份管理暂行办法 第十一条"
  std::string_view citation_en;
  std::string_view confidence;  // "verified" | "partial" | "unverified" (spec §0 labels)
  bool implemented;             // false: listed by `reducheck rules`, reported as unknown
  std::string_view not_implemented_why;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_RULE_INFO_H_
