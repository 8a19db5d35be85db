// Text rendering of verdicts for people, in English or Chinese (`check --format text`).
//
// Same content as the JSON (contract.md §2), laid out as one indented block per order. Rule
// ids, fact keys and dates stay as in the JSON so a reader can match the two; labels,
// verdicts, category names and obligation kinds are translated. Deterministic.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/rule_info.h"

namespace reducheck::adapters {

namespace {

// Every word the text renderer prints, per language.
struct Labels {
  std::string_view order;
  std::string_view pass;
  std::string_view fail;
  std::string_view unknown_verdict;
  std::string_view violation;
  std::string_view category;  // "category 3" / "第3类": printed before the number
  std::string_view category_suffix;
  std::string_view citation;
  std::string_view shares_in_breach;
  std::string_view message;
  std::string_view facts;
  std::string_view unknown;
  std::string_view max_compliant;
  std::string_view binding_rule;
  std::string_view earliest;
  std::string_view earliest_none;
  std::string_view reason;
  std::string_view obligations;
  std::string_view due;
  std::string_view until;
  std::string_view threshold;
  std::string_view rule_pack;
  std::string_view calendar;
  std::string_view yes;
  std::string_view no;
  std::string_view not_applicable;
  std::string_view colon;          // after a label on the same line: ": " / "："
  std::string_view section_colon;  // after a section heading: ":" / "："
  std::string_view separator;      // "; " / "；"
  std::string_view open_paren;
  std::string_view close_paren;
};

constexpr Labels kEnglish{
    .order = "Order",
    .pass = "PASS",
    .fail = "FAIL",
    .unknown_verdict = "UNKNOWN",
    .violation = "Violation",
    .category = "category ",
    .category_suffix = "",
    .citation = "Citation",
    .shares_in_breach = "Shares in breach",
    .message = "Message",
    .facts = "Facts",
    .unknown = "Could not decide",
    .max_compliant = "Max compliant shares",
    .binding_rule = "binding rule",
    .earliest = "Earliest full date",
    .earliest_none = "none within the search horizon",
    .reason = "Reason",
    .obligations = "Obligations",
    .due = "due",
    .until = "until",
    .threshold = "threshold",
    .rule_pack = "Rule pack",
    .calendar = "calendar",
    .yes = "yes",
    .no = "no",
    .not_applicable = "n/a",
    .colon = ": ",
    .section_colon = ":",
    .separator = "; ",
    .open_paren = " (",
    .close_paren = ")",
};

constexpr Labels kChinese{
    .order = "订单",
    .pass = "通过",
    .fail = "不通过",
    .unknown_verdict = "无法判断",
    .violation = "违规",
    .category = "第",
    .category_suffix = "类",
    .citation = "依据",
    .shares_in_breach = "违规股数",
    .message = "说明",
    .facts = "事实",
    .unknown = "无法判断的规则",
    .max_compliant = "最大合规股数",
    .binding_rule = "约束规则",
    .earliest = "最早可全部减持日",
    .earliest_none = "检索期内无",
    .reason = "原因",
    .obligations = "后续义务",
    .due = "截止",
    .until = "至",
    .threshold = "阈值",
    .rule_pack = "规则包",
    .calendar = "交易日历",
    .yes = "是",
    .no = "否",
    .not_applicable = "不适用",
    .colon = "：",
    .section_colon = "：",
    .separator = "；",
    .open_paren = "（",
    .close_paren = "）",
};

const Labels& LabelsFor(Lang lang) { return lang == Lang::kZh ? kChinese : kEnglish; }

std::string_view OutcomeLabel(Outcome o, const Labels& l) {
  switch (o) {
    case Outcome::kPass:
      return l.pass;
    case Outcome::kFail:
      return l.fail;
    case Outcome::kUnknown:
      return l.unknown_verdict;
  }
  return l.unknown_verdict;
}

// Human name of a penalty category (the JSON carries the machine name).
std::string_view CategoryLabel(Category c, Lang lang) {
  const bool zh = lang == Lang::kZh;
  switch (c) {
    case Category::kNone:
      return zh ? "提示性" : "informational";
    case Category::kRestrictedOriginalShares:
      return zh ? "限售期内减持原始股" : "original shares sold in a restriction period";
    case Category::kRestrictedPeriodOther:
      return zh ? "违反其他限制期" : "other sale in breach of a time limit";
    case Category::kProcedural:
      return zh ? "程序性违规" : "procedural breach";
    case Category::kStopTrading:
      return zh ? "触及5%刻度未停止交易" : "failure to stop trading at a 5% threshold";
    case Category::kShortSwing:
      return zh ? "短线交易" : "short-swing trading";
  }
  return zh ? "未知类别" : "unknown category";
}

// Readable name of an obligation kind; unknown kinds are shown as they are.
std::string ObligationLabel(std::string_view kind, Lang lang) {
  const bool zh = lang == Lang::kZh;
  if (kind == "report_1pct_change") return zh ? "1%变动次日通知公司并公告" : "1% change notice";
  if (kind == "equity_change_report") return zh ? "权益变动报告书" : "equity change report";
  if (kind == "trading_freeze") return zh ? "停止交易" : "trading freeze";
  if (kind == "plan_completion_report") {
    return zh ? "减持计划实施完毕公告" : "plan completion report";
  }
  if (kind == "plan_progress_report")
    return zh ? "减持进展公告（提示）" : "plan progress report (reminder)";
  if (kind == "dno_change_report") return zh ? "董监高股份变动报告" : "D&O holding change report";
  if (kind == "sfo_interest_notice") {
    return zh ? "《证券及期货条例》第XV部权益披露（3个营业日内）"
              : "SFO Part XV disclosure of interests (3 business days)";
  }
  if (kind == "sfo_director_notice") {
    return zh ? "《证券及期货条例》第XV部董事权益披露（3个营业日内）"
              : "SFO Part XV director's notice (3 business days)";
  }
  if (kind == "transferee_locked") {
    return zh ? "受让方六个月内不得减持（告知交易对手）"
              : "buyer may not sell for 6 months (tell the counterparty)";
  }
  return std::string(kind);
}

std::string RuleId(const RuleInfo* rule) { return rule ? std::string(rule->id) : "?"; }

std::string FactText(const FactValue& value, const Labels& l, Lang lang) {
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, Date>) {
          return FormatDate(v);
        } else if constexpr (std::is_same_v<T, DateRange>) {
          return FormatDate(v.first) + ".." + FormatDate(v.last);
        } else if constexpr (std::is_same_v<T, Money>) {
          return lang == Lang::kZh ? FormatMoney(v) + " 元" : "RMB " + FormatMoney(v);
        } else if constexpr (std::is_same_v<T, Ratio>) {
          return v.whole == 0 ? std::string(l.not_applicable) : FormatRatio(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else {
          static_assert(std::is_same_v<T, bool>, "unhandled FactValue alternative");
          return std::string(v ? l.yes : l.no);
        }
      },
      value);
}

// Appends "<indent><label><colon><value>\n".
void Line(std::string& out, int indent, std::string_view label, const Labels& l,
          std::string_view value) {
  out.append(static_cast<size_t>(indent), ' ');
  out += label;
  out += l.colon;
  out += value;
  out += '\n';
}

void RenderViolation(std::string& out, size_t index, const Violation& v, const Labels& l,
                     Lang lang) {
  // "  Violation 1: CAP-CB-1PCT — category 3 (procedural breach)"
  std::string head = RuleId(v.rule) + " — ";
  head += l.category;
  head += std::to_string(static_cast<int>(v.category));
  head += l.category_suffix;
  head += l.open_paren;
  head += CategoryLabel(v.category, lang);
  head += l.close_paren;
  std::string label = std::string(l.violation) + " " + std::to_string(index + 1);
  Line(out, 2, label, l, head);

  if (v.rule != nullptr) {
    std::string citation;
    if (lang == Lang::kZh || v.rule->citation_en.empty()) {
      citation = std::string(v.rule->citation_zh);
    } else {
      // The Chinese citation is the authoritative text; show it next to the translation.
      citation = std::string(v.rule->citation_en);
      if (!v.rule->citation_zh.empty()) {
        citation += " (" + std::string(v.rule->citation_zh) + ")";
      }
    }
    if (!citation.empty()) Line(out, 4, l.citation, l, citation);
  }
  Line(out, 4, l.shares_in_breach, l, std::to_string(v.shares_in_breach));
  const std::string& message = lang == Lang::kZh ? v.message.zh : v.message.en;
  if (!message.empty()) Line(out, 4, l.message, l, message);
  if (!v.facts.empty()) {
    out += "    ";
    out += l.facts;
    out += l.section_colon;
    out += '\n';
    for (const Fact& f : v.facts) Line(out, 6, f.key, l, FactText(f.value, l, lang));
  }
}

void RenderOne(std::string& out, const CheckedOrder& c, Lang lang) {
  const Labels& l = LabelsFor(lang);
  const Verdict& v = c.verdict;

  out += l.order;
  out += ' ';
  out += c.order != nullptr ? c.order->id : std::string("?");
  out += " — ";
  out += OutcomeLabel(v.outcome, l);
  out += '\n';

  for (size_t i = 0; i < v.violations.size(); ++i) {
    RenderViolation(out, i, v.violations[i], l, lang);
  }

  if (!v.unknown.empty()) {
    out += "  ";
    out += l.unknown;
    out += l.section_colon;
    out += '\n';
    for (const UnknownFinding& u : v.unknown) {
      Line(out, 4, RuleId(u.rule), l, lang == Lang::kZh ? u.missing.zh : u.missing.en);
    }
  }

  std::string max = std::to_string(v.max_compliant_shares);
  if (!v.binding_rule.empty()) {
    max += l.open_paren;
    max += l.binding_rule;
    max += l.colon;
    max += v.binding_rule;
    max += l.close_paren;
  }
  Line(out, 2, l.max_compliant, l, max);

  const std::string& reason =
      lang == Lang::kZh ? v.earliest_full_date_reason.zh : v.earliest_full_date_reason.en;
  if (v.earliest_full_date && !v.earliest_full_date->is_special()) {
    Line(out, 2, l.earliest, l, FormatDate(*v.earliest_full_date));
  } else {
    Line(out, 2, l.earliest, l, l.earliest_none);
  }
  if (!reason.empty()) Line(out, 4, l.reason, l, reason);

  if (!v.obligations.empty()) {
    out += "  ";
    out += l.obligations;
    out += l.section_colon;
    out += '\n';
    for (const Obligation& o : v.obligations) {
      std::string text = ObligationLabel(o.kind, lang);
      if (o.rule != nullptr) {
        text += l.open_paren;
        text += o.rule->id;
        text += l.close_paren;
      }
      std::vector<std::string> parts;
      if (o.due && !o.due->is_special()) {
        parts.push_back(std::string(l.due) + " " + FormatDate(*o.due));
      }
      if (o.until && !o.until->is_special()) {
        parts.push_back(std::string(l.until) + " " + FormatDate(*o.until));
      }
      if (o.threshold_bp != 0) {
        parts.push_back(std::string(l.threshold) + " " + FormatBasisPoints(o.threshold_bp));
      }
      for (size_t i = 0; i < parts.size(); ++i) {
        text += i == 0 ? l.colon : l.separator;
        text += parts[i];
      }
      out += "    ";
      out += text;
      out += '\n';
    }
  }

  for (size_t i = 0; i < v.penalties.size(); ++i) {
    const PenaltyEstimate& p = v.penalties[i];
    const bool zh = lang == Lang::kZh;
    std::string head =
        zh ? "处罚风险（第" + std::to_string(static_cast<int>(p.category)) + "类）"
           : "Penalty exposure (category " + std::to_string(static_cast<int>(p.category)) + ")";
    out += "  " + head + std::string(l.section_colon) + "\n";
    std::string line = zh ? "违规股数 " : "shares in breach ";
    line += std::to_string(p.shares_in_breach);
    if (p.sale_amount) line += (zh ? "，金额 " : ", amount ") + FormatMoney(*p.sale_amount);
    std::string circumstance(p.circumstance);
    if (zh) {
      circumstance = p.circumstance == "lighter"        ? "较轻"
                     : p.circumstance == "general"      ? "一般"
                     : p.circumstance == "heavier"      ? "较重"
                     : p.circumstance == "undetermined" ? "无法确定（缺少价格）"
                                                        : "不适用";
    }
    line += (zh ? "，情节：" : ", circumstance: ") + circumstance;
    if (p.fine_min && p.fine_max) {
      line += (zh ? "，罚款 " : ", fine ") + FormatMoney(*p.fine_min) + " – " +
              FormatMoney(*p.fine_max);
    }
    out += "    " + line + "\n";
    out += "    " + (zh ? p.note.zh : p.note.en) + "\n";
  }

  std::string pack = v.rule_pack.empty() ? std::string(l.not_applicable) : std::string(v.rule_pack);
  if (!v.calendar.empty()) {
    pack += l.separator;
    pack += l.calendar;
    pack += l.colon;
    pack += v.calendar;
  }
  Line(out, 2, l.rule_pack, l, pack);
  if (!v.cross_market_pack.empty()) {
    const bool zh = lang == Lang::kZh;
    Line(out, 2, zh ? "另一上市地规则包" : "Also judged by (other market)", l,
         std::string(v.cross_market_pack));
  }
  if (!v.calendar_provisional.empty()) {
    const Text t = ProvisionalCaveat(v.calendar_provisional, v.calendar);
    const bool zh = lang == Lang::kZh;
    Line(out, 2, zh ? "交易日历提示" : "Calendar caveat", l, zh ? t.zh : t.en);
  }
}

}  // namespace

std::string RenderText(const std::vector<CheckedOrder>& results, Lang lang) {
  std::string out;
  for (size_t i = 0; i < results.size(); ++i) {
    if (i > 0) out += '\n';  // a blank line between orders
    RenderOne(out, results[i], lang);
  }
  return out;
}

}  // namespace reducheck::adapters
