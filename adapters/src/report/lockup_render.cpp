// Renderers of the lock-up calendar (lockup_report.h): text, CSV, Markdown, HTML with SVG.
#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/date_math.h"
#include "report/lockup_report.h"

namespace reducheck::adapters {

namespace {

bool Zh(Lang lang) { return lang == Lang::kZh; }
std::string_view L(Lang lang, std::string_view en, std::string_view zh) {
  return Zh(lang) ? zh : en;
}

// 1234567 -> "1,234,567".
std::string Num(Shares n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string_view Title(const RuleInfo* r, Lang lang) {
  return Zh(lang) ? r->title_zh : r->title_en;
}

std::string BoardName(Board b, Lang lang) {
  switch (b) {
    case Board::kMain:
      return std::string(L(lang, "main board", "主板"));
    case Board::kStar:
      return std::string(L(lang, "STAR Market", "科创板"));
    case Board::kChinext:
      return std::string(L(lang, "ChiNext", "创业板"));
    case Board::kBse:
      return std::string(L(lang, "BSE", "北交所"));
  }
  return "";
}

std::string SourceName(Source s, Lang lang) {
  if (!Zh(lang)) {
    switch (s) {
      case Source::kIpoOriginal:
        return "pre-IPO shares";
      case Source::kIpoSubscribed:
        return "IPO subscription";
      case Source::kPublicOffering:
        return "public offering";
      case Source::kPrivatePlacement:
        return "private placement";
      case Source::kEquityIncentive:
        return "equity incentive";
      case Source::kSecondaryBidding:
        return "bought on the market";
      case Source::kBlockTradePurchase:
        return "block trade purchase";
      case Source::kAgreementTransferPurchase:
        return "agreement transfer purchase";
      case Source::kInquiryTransferPurchase:
        return "inquiry transfer purchase";
      case Source::kOther:
        return "other";
    }
    return "";
  }
  switch (s) {
    case Source::kIpoOriginal:
      return "首发前股份";
    case Source::kIpoSubscribed:
      return "首发认购";
    case Source::kPublicOffering:
      return "公开增发";
    case Source::kPrivatePlacement:
      return "定向增发";
    case Source::kEquityIncentive:
      return "股权激励";
    case Source::kSecondaryBidding:
      return "集中竞价买入";
    case Source::kBlockTradePurchase:
      return "大宗交易受让";
    case Source::kAgreementTransferPurchase:
      return "协议转让受让";
    case Source::kInquiryTransferPurchase:
      return "询价转让受让";
    case Source::kOther:
      return "其他";
  }
  return "";
}

std::string LockEnd(const LockSpan& s, Lang lang) {
  if (s.open_ended) {
    return std::string(L(lang, "beyond ", "超出交易日历 ")) + FormatDate(s.last_locked_day);
  }
  return FormatDate(s.last_locked_day);
}

std::string ExtensionText(const LotUnlock& l, Lang lang) {
  const std::string m = std::to_string(l.extension_months);
  switch (l.extension) {
    case ExtensionState::kNone:
      return "";
    case ExtensionState::kTriggered:
      return Zh(lang) ? "LOCK-EXT-6M（延长 " + m + " 个月）：已触发"
                      : "LOCK-EXT-6M (" + m + " months): triggered";
    case ExtensionState::kNotTriggered:
      return Zh(lang) ? "LOCK-EXT-6M（延长 " + m + " 个月）：未触发"
                      : "LOCK-EXT-6M (" + m + " months): not triggered";
    case ExtensionState::kUndecided:
      return Zh(lang) ? "LOCK-EXT-6M（延长 " + m + " 个月）：无法判断（缺少收盘价或发行价）"
                      : "LOCK-EXT-6M (" + m + " months): undecided (closes or issue price missing)";
    case ExtensionState::kNotEvaluated:
      return Zh(lang) ? "LOCK-EXT-6M（延长 " + m + " 个月）：未评估（基准日已可售）"
                      : "LOCK-EXT-6M (" + m + " months): not evaluated (free on the as-of date)";
  }
  return "";
}

// One line saying when the lot becomes tradable, and why not when it cannot be said.
std::string UnlockStateText(const LotUnlock& l, Lang lang);

// The lot's unlock text, with the calendar caveat when its walk counted provisional days.
std::string UnlockText(const LotUnlock& l, Lang lang) {
  std::string out = UnlockStateText(l, lang);
  if (!l.calendar_provisional.empty()) {
    const std::string years = ProvisionalYearList(l.calendar_provisional);
    out += Zh(lang) ? "（含暂定交易日历年份 " + years + "）"
                    : " (counts provisional calendar year " + years + ")";
  }
  return out;
}

std::string UnlockStateText(const LotUnlock& l, Lang lang) {
  switch (l.state) {
    case UnlockState::kFreeOnAsOf:
      return std::string(L(lang, "free on the as-of date", "基准日已可售"));
    case UnlockState::kUnlocks:
      return Zh(lang) ? FormatDate(*l.unlock_date) + " 起可售（首个可交易日）"
                      : "tradable from " + FormatDate(*l.unlock_date) + " (first tradable day)";
    case UnlockState::kUndecided:
      return Zh(lang) ? "无法判断：" + std::string(l.undecided->id) + " 于 " +
                            FormatDate(*l.stopped_on) + " 缺少输入"
                      : "undecided: " + std::string(l.undecided->id) + " lacks input on " +
                            FormatDate(*l.stopped_on);
    case UnlockState::kBeyondCalendar:
      if (l.lock_ends) {  // a known end date past the calendar (e.g. IPO + 36 months)
        return Zh(lang) ? "限售至 " + FormatDate(*l.lock_ends) +
                              "（含）；其后首个可交易日超出交易日历（止于 " +
                              FormatDate(*l.stopped_on) + "）"
                        : "locked through " + FormatDate(*l.lock_ends) +
                              "; the first tradable day after it is beyond the trading calendar "
                              "(which ends " +
                              FormatDate(*l.stopped_on) + ")";
      }
      return Zh(lang) ? "至交易日历末日 " + FormatDate(*l.stopped_on) + " 仍限售，解禁日超出日历"
                      : "still locked on " + FormatDate(*l.stopped_on) +
                            ", the trading calendar's last covered day: unlock date beyond it";
    case UnlockState::kError:
      return std::string(L(lang, "not evaluated: ", "无法计算：")) + l.note;
  }
  return "";
}

std::string StateName(UnlockState s) {
  switch (s) {
    case UnlockState::kFreeOnAsOf:
      return "free";
    case UnlockState::kUnlocks:
      return "unlocks";
    case UnlockState::kUndecided:
      return "undecided";
    case UnlockState::kBeyondCalendar:
      return "beyond_calendar";
    case UnlockState::kError:
      return "error";
  }
  return "";
}

std::string ExtensionName(ExtensionState s) {
  switch (s) {
    case ExtensionState::kNone:
      return "";
    case ExtensionState::kTriggered:
      return "triggered";
    case ExtensionState::kNotTriggered:
      return "not_triggered";
    case ExtensionState::kUndecided:
      return "undecided";
    case ExtensionState::kNotEvaluated:
      return "not_evaluated";
  }
  return "";
}

std::string QuotaWhy(const std::string& why, Lang lang) {
  if (!Zh(lang)) return why;
  if (why == "as-of") return "基准日";
  if (why.rfind("unlock ", 0) == 0) return "解禁 " + why.substr(7);
  if (why.rfind("new year", 0) == 0) return "新年度（DIR-25PCT）";
  if (why.rfind("quota year ", 0) == 0)
    return "额度第 " + why.substr(11, 1) + " 年（LOCK-CTP-STAR）";
  if (why.rfind("quota ends", 0) == 0) return "额度期结束（LOCK-CTP-STAR）";
  return why;
}

std::string PackLine(const LockupReport& r, Lang lang) {
  std::string out;
  for (const PackInForce& p : r.packs) {
    if (!out.empty()) out += Zh(lang) ? "；" : "; ";
    out += p.id;
    if (Zh(lang)) {
      out += "（" + FormatDate(p.from) + (p.to ? " 至 " + FormatDate(*p.to) : " 起") + "生效）";
    } else {
      out +=
          " (in force " +
          (p.to ? FormatDate(p.from) + " to " + FormatDate(*p.to) : "from " + FormatDate(p.from)) +
          ")";
    }
  }
  return out;
}

std::string CalendarStatus(const LockupReport& r, Lang lang) {
  if (r.calendar_status == "official+provisional") {
    const int first_prov = static_cast<int>(r.calendar_last_official.year()) + 1;
    const std::string years =
        std::to_string(first_prov) + "-" + std::to_string(static_cast<int>(r.calendar_last.year()));
    return Zh(lang) ? "至 " + FormatDate(r.calendar_last_official) + " 为正式（交易所公告），" +
                          years + " 年为暂定（依放假办法推算，尚无公告）"
                    : "official through " + FormatDate(r.calendar_last_official) +
                          ", provisional " + years +
                          " (derived from the Holiday Regulations, no "
                          "notice yet)";
  }
  if (!Zh(lang)) return r.calendar_status;
  if (r.calendar_status == "official") return "正式（交易所公告）";
  return r.calendar_status;
}

// The lines after the first two of the header: generation, tool, packs, calendar status.
std::vector<std::string> Provenance(const LockupReport& r, Lang lang) {
  std::vector<std::string> lines;
  if (Zh(lang)) {
    lines.push_back("生成时间 " + r.generated_at + "（UTC），" + r.tool);
    lines.push_back("规则包：" + PackLine(r, lang));
    lines.push_back("交易日历 " + r.calendar_id + "：" + FormatDate(r.calendar_first) + " 至 " +
                    FormatDate(r.calendar_last) + "，" + CalendarStatus(r, lang));
  } else {
    lines.push_back("Generated " + r.generated_at + " (UTC) by " + r.tool);
    lines.push_back("Rule packs: " + PackLine(r, lang));
    lines.push_back("Trading calendar " + r.calendar_id + ": " + FormatDate(r.calendar_first) +
                    " to " + FormatDate(r.calendar_last) + ", " + CalendarStatus(r, lang));
  }
  return lines;
}

std::string_view Disclaimer(Lang lang) {
  return L(lang,
           "This report was produced by software from the scenario file it names: the holders, "
           "lots, history and commitments in that file, judged under the rule packs and trading "
           "calendar stated above as encoded in this version. It is not legal advice. Its "
           "dates and quotas are only as complete and accurate as that input; verify them "
           "against the prospectus, the lock-up commitments, the company's announcements and "
           "the rules in force before any sale or any advice to sell.",
           "本报告由软件根据所列情景文件生成：依据该文件中的股东、股份批次、历史交易与承诺，"
           "按上述规则包与交易日历（以本版本收录内容为准）计算。本报告不构成法律意见。"
           "其中的日期与额度仅在输入完整、准确的前提下成立；在任何减持或就减持提供意见之前，"
           "请对照招股说明书、限售承诺、公司公告及届时有效的规则予以核实。");
}

// Quota rows of one holder on one date, shown only when something changed since the last shown
// date of that holder (a headroom, or the shares still locked).
struct QuotaGroup {
  std::int32_t holder = -1;
  Date date;
  std::string why;
  Shares locked = 0;
  Shares holding = 0;
  std::vector<const QuotaRow*> rows;
};

std::vector<QuotaGroup> CondensedQuotas(const LockupReport& r) {
  std::vector<QuotaGroup> all;
  for (const QuotaRow& q : r.quotas) {
    if (all.empty() || all.back().holder != q.holder || all.back().date != q.date) {
      QuotaGroup g;
      g.holder = q.holder;
      g.date = q.date;
      g.why = q.why;
      g.locked = LockedOn(r, q.holder, q.date);
      g.holding = q.holding;
      all.push_back(std::move(g));
    }
    all.back().rows.push_back(&q);
  }
  std::vector<QuotaGroup> shown;
  for (QuotaGroup& g : all) {
    const QuotaGroup* last = nullptr;
    for (auto it = shown.rbegin(); it != shown.rend(); ++it) {
      if (it->holder == g.holder) {
        last = &*it;
        break;
      }
    }
    bool same = last != nullptr && last->locked == g.locked && last->rows.size() == g.rows.size();
    for (std::size_t i = 0; same && i < g.rows.size(); ++i) {
      // By id: each pack (and citation period) has its own RuleInfo for the same rule.
      same = last->rows[i]->rule->id == g.rows[i]->rule->id &&
             last->rows[i]->headroom == g.rows[i]->headroom;
    }
    if (!same) shown.push_back(std::move(g));
  }
  return shown;
}

// The calendar caveat of a quota row dated in a provisional calendar year (its date and the
// rules' counts on it come from the provisional calendar).
std::string QuotaWhyText(const LockupReport& r, const QuotaGroup& g, Lang lang) {
  std::string out = QuotaWhy(g.why, lang);
  if (r.calendar_status == "official+provisional" && g.date > r.calendar_last_official) {
    const std::string year = std::to_string(static_cast<int>(g.date.year()));
    out += Zh(lang) ? "；暂定交易日历年份 " + year : "; provisional calendar year " + year;
  }
  return out;
}

std::string LockedText(const QuotaGroup& g, Lang lang) {
  if (g.locked == 0) return std::string(L(lang, "none locked", "无限售"));
  if (g.locked >= g.holding) {
    return Zh(lang) ? "全部限售（" + Num(g.locked) + " 股）"
                    : "all locked (" + Num(g.locked) + " shares)";
  }
  return Zh(lang) ? "限售 " + Num(g.locked) + " 股" : Num(g.locked) + " shares locked";
}

std::string SummaryFirst(const HolderSummary& s, Lang lang) {
  if (!s.first_sellable) return std::string(L(lang, "none within the calendar", "日历内无"));
  return FormatDate(*s.first_sellable) + std::string(L(lang, " (", "（")) +
         Num(s.first_sellable_shares) + std::string(L(lang, " shares)", " 股）"));
}

std::string SummaryAll(const HolderSummary& s, const LockupReport& r, Lang lang) {
  if (s.all_unlocked) return FormatDate(*s.all_unlocked);
  return Zh(lang) ? "日历内未全部解禁（" + Num(s.not_in_view) + " 股至 " +
                        FormatDate(r.calendar_last) + " 后或无法判断）"
                  : "not within the calendar (" + Num(s.not_in_view) + " shares locked past " +
                        FormatDate(r.calendar_last) + " or undecided)";
}

std::string SummaryBinding(const HolderSummary& s, Lang lang) {
  if (s.binding == nullptr) return std::string(L(lang, "none (free)", "无（已可售）"));
  return std::string(s.binding->id) + " " + std::string(Title(s.binding, lang));
}

std::string SummaryByDate(const HolderSummary& s, Lang lang) {
  std::string out;
  for (const auto& [date, shares] : s.by_date) {
    if (!out.empty()) out += "; ";
    out += FormatDate(date) + ": " + Num(shares);
  }
  if (out.empty()) out = std::string(L(lang, "—", "—"));
  return out;
}

std::string Header(const LockupReport& r, Lang lang) {
  std::ostringstream o;
  if (Zh(lang)) {
    o << "限售解禁日历 — " << r.company_code << " " << r.company_name << "（"
      << BoardName(r.board, lang) << "），上市日 " << FormatDate(r.listing_date) << "，总股本 "
      << Num(r.total_shares) << " 股\n";
    o << "基准日 " << FormatDate(r.as_of) << "；规则包 " << r.pack_on_as_of << "；交易日历 "
      << r.calendar_id << "（" << FormatDate(r.calendar_first) << " 至 "
      << FormatDate(r.calendar_last) << "）\n";
  } else {
    o << "Lock-up calendar — " << r.company_code << " " << r.company_name << " ("
      << BoardName(r.board, lang) << "), listed " << FormatDate(r.listing_date) << ", total shares "
      << Num(r.total_shares) << '\n';
    o << "As of " << FormatDate(r.as_of) << "; rule pack " << r.pack_on_as_of
      << "; trading calendar " << r.calendar_id << " (" << FormatDate(r.calendar_first) << " to "
      << FormatDate(r.calendar_last) << ")\n";
  }
  for (const std::string& line : Provenance(r, lang)) o << line << '\n';
  return o.str();
}

std::string_view ApproxNote(Lang lang) {
  return L(lang,
           "Quotas are the headroom the rules give a sale of the holder's whole holding on that "
           "date (centralized bidding; block trade for CAP-BT-2PCT), assuming no other sale "
           "and no plan-related limits; 1%/2% caps are shared by the concert group; a lock still "
           "in force on that date stops the sale whatever the quota says. Sellable totals count "
           "unlocked shares, before quotas.",
           "额度为规则在该日对出售全部持股（集中竞价；CAP-BT-2PCT 为大宗交易）给出的上限，"
           "假设无其他卖出，不含减持计划相关限制；1%/2% 比例由一致行动人合并计算；"
           "当日仍在限售期内的股份不论额度均不得出售。"
           "可售合计为已解禁股份，未扣减额度。");
}

// ---- HTML helpers ------------------------------------------------------------------------

std::string Esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Md(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// Fixed colours for the usual locks; others take the palette in order of appearance.
std::string RuleColour(std::string_view id, std::map<std::string, std::string>& assigned) {
  static const std::map<std::string_view, std::string_view> kFixed = {
      {"LOCK-IPO-12M", "#4e79a7"}, {"LOCK-CTRL-36M", "#e15759"}, {"LOCK-CTP-STAR", "#59a14f"},
      {"LOCK-PP-6M", "#b07aa1"},   {"LOCK-PP-18M", "#9c5a8c"},   {"LOCK-STRAT", "#f28e2b"},
      {"LOCK-COMMIT", "#76b7b2"},  {"LOCK-EXT-6M", "#edc948"},   {"DIR-LIST-1Y", "#9c755f"},
      {"LOCK-UNPROF", "#ff9da7"},  {"LOCK-OFFLINE", "#bab0ac"},  {"LOCK-RECV-6M", "#86bcb6"},
      {"LOCK-BSE-12M", "#8cd17d"}, {"DIR-LEAVE-6M", "#d37295"}};
  static const std::string_view kPalette[] = {"#499894", "#d4a6c8", "#a0cbe8",
                                              "#fabfd2", "#b6992d", "#79706e"};
  auto it = assigned.find(std::string(id));
  if (it != assigned.end()) return it->second;
  std::string c;
  if (auto f = kFixed.find(id); f != kFixed.end()) {
    c = std::string(f->second);
  } else {
    size_t n = 0;
    for (const auto& [k, v] : assigned) n += kFixed.count(k) ? 0 : 1;
    c = std::string(kPalette[n % std::size(kPalette)]);
  }
  assigned.emplace(std::string(id), c);
  return c;
}

}  // namespace

// ---- text ----------------------------------------------------------------------------------

std::string RenderLockupText(const LockupReport& r, Lang lang) {
  std::ostringstream o;
  o << Header(r, lang) << '\n' << Disclaimer(lang) << "\n\n";
  o << L(lang, "Summary by holder:", "各股东概要：") << '\n';
  for (const HolderSummary& s : r.summaries) {
    const size_t h = static_cast<size_t>(s.holder);
    o << "  " << r.holder_ids[h] << ' ' << r.holder_names[h] << ": " << Num(s.held)
      << L(lang, " shares", " 股") << '\n';
    o << "    " << L(lang, "first sellable: ", "首个可售日：") << SummaryFirst(s, lang) << '\n';
    o << "    " << L(lang, "all unlocked: ", "全部解禁：") << SummaryAll(s, r, lang) << '\n';
    o << "    " << L(lang, "binding rule: ", "约束规则：") << SummaryBinding(s, lang) << '\n';
    o << "    " << L(lang, "unlocked by date: ", "各日累计解禁：") << SummaryByDate(s, lang)
      << '\n';
  }
  o << '\n' << L(lang, "Lots:", "各批股份：") << '\n';
  std::int32_t current = -1;
  for (const LotUnlock& l : r.lots) {
    if (l.holder != current) {
      current = l.holder;
      o << l.holder_id << ' ' << l.holder_name << '\n';
    }
    o << "  " << l.lot_id << "  " << Num(l.shares) << ' ' << L(lang, "shares", "股") << ", "
      << SourceName(l.source, lang) << " — " << UnlockText(l, lang) << '\n';
    for (const LockSpan& s : l.locks) {
      o << "    " << s.rule->id << " " << Title(s.rule, lang) << " — "
        << L(lang, "locked through ", "限售至 ") << LockEnd(s, lang) << " — "
        << (Zh(lang) || s.rule->citation_en.empty() ? s.rule->citation_zh : s.rule->citation_en)
        << '\n';
    }
    if (l.extension != ExtensionState::kNone) o << "    " << ExtensionText(l, lang) << '\n';
  }
  o << '\n'
    << L(lang, "Quotas (dates on which a quota or the locked shares change):",
         "额度（仅列额度或限售股数变化之日）：")
    << '\n';
  for (const QuotaGroup& g : CondensedQuotas(r)) {
    o << "  " << r.holder_ids[static_cast<size_t>(g.holder)] << ' ' << FormatDate(g.date) << " ("
      << QuotaWhyText(r, g, lang) << "): " << LockedText(g, lang) << '\n';
    for (const QuotaRow* q : g.rows) {
      o << "    " << q->rule->id << ' ' << Title(q->rule, lang) << ": " << Num(q->headroom) << '\n';
    }
  }
  o << '\n' << L(lang, "Sellable (unlocked) shares by date:", "各日可售（已解禁）股份：") << '\n';
  for (const SellableStep& s : r.sellable) {
    o << "  " << FormatDate(s.date) << "  +" << Num(s.newly) << "  " << L(lang, "total ", "累计 ")
      << Num(s.cumulative);
    if (!s.lots.empty()) {
      o << "  (";
      for (size_t i = 0; i < s.lots.size(); ++i) {
        const LotUnlock& l = r.lots[static_cast<size_t>(s.lots[i])];
        o << (i ? ", " : "") << l.holder_id << '/' << l.lot_id;
      }
      o << ')';
    }
    o << '\n';
  }
  if (r.never_within_calendar > 0) {
    o << "  "
      << L(lang, "not unlocked within the calendar or undecided: ", "日历内未解禁或无法判断：")
      << Num(r.never_within_calendar) << '\n';
  }
  o << '\n' << ApproxNote(lang) << '\n';
  return o.str();
}

// ---- CSV -----------------------------------------------------------------------------------

std::string RenderLockupCsv(const LockupReport& r) {
  std::ostringstream o;
  o << "holder,holder_name,lot,shares,source,state,unlock_date,locks,extension,"
       "provisional_calendar_years\n";
  for (const LotUnlock& l : r.lots) {
    std::string locks;
    for (const LockSpan& s : l.locks) {
      if (!locks.empty()) locks += ';';
      locks += std::string(s.rule->id) + '@' +
               (s.open_ended ? std::string("open") : FormatDate(s.last_locked_day));
    }
    if (l.undecided)
      locks += std::string(locks.empty() ? "" : ";") + std::string(l.undecided->id) + "@undecided";
    o << Csv(l.holder_id) << ',' << Csv(l.holder_name) << ',' << Csv(l.lot_id) << ',' << l.shares
      << ',' << Name(l.source) << ',' << StateName(l.state) << ','
      << (l.unlock_date ? FormatDate(*l.unlock_date) : "") << ',' << Csv(locks) << ','
      << ExtensionName(l.extension) << ',';
    // The calendar caveat: provisional calendar years the lot's walk counted ("2027;2028").
    bool first = true;
    l.calendar_provisional.ForEach([&](int y) {
      o << (first ? "" : ";") << y;
      first = false;
    });
    o << '\n';
  }
  return o.str();
}

// ---- Markdown ------------------------------------------------------------------------------

std::string RenderLockupMarkdown(const LockupReport& r, Lang lang) {
  std::ostringstream o;
  const std::string head = Header(r, lang);
  const size_t nl = head.find('\n');
  o << "# " << Md(head.substr(0, nl)) << "\n\n";
  {
    std::string rest = head.substr(nl + 1);
    std::size_t at = 0;
    while (at < rest.size()) {  // one header line per paragraph line, kept as lines
      const std::size_t e = rest.find('\n', at);
      o << Md(rest.substr(at, e - at)) << "  \n";
      at = e == std::string::npos ? rest.size() : e + 1;
    }
  }
  o << '\n' << "> " << Md(Disclaimer(lang)) << "\n\n";
  o << "## " << L(lang, "Summary by holder", "各股东概要") << "\n\n";
  o << (Zh(lang) ? "| 股东 | 持股 | 首个可售日（累计解禁） | 全部解禁 | 约束规则 | 各日累计解禁 |\n"
                 : "| Holder | Shares held | First sellable (unlocked by then) | All unlocked | "
                   "Binding rule | Unlocked by date |\n");
  o << "|---|---:|---|---|---|---|\n";
  for (const HolderSummary& s : r.summaries) {
    const size_t h = static_cast<size_t>(s.holder);
    o << "| " << Md(r.holder_ids[h] + " " + r.holder_names[h]) << " | " << Num(s.held) << " | "
      << Md(SummaryFirst(s, lang)) << " | " << Md(SummaryAll(s, r, lang)) << " | "
      << Md(SummaryBinding(s, lang)) << " | " << Md(SummaryByDate(s, lang)) << " |\n";
  }
  o << "\n## " << L(lang, "Lots", "各批股份") << "\n\n";
  o << (Zh(lang) ? "| 股东 | 批次 | 股数 | 来源 | 解禁 | 限售规则（至） | 延长承诺 |\n"
                 : "| Holder | Lot | Shares | Source | Unlock | Locks (through) | Extension |\n");
  o << "|---|---|---:|---|---|---|---|\n";
  for (const LotUnlock& l : r.lots) {
    std::string locks;
    for (const LockSpan& s : l.locks) {
      if (!locks.empty()) locks += "<br>";
      locks += std::string(s.rule->id) + " " + std::string(Title(s.rule, lang)) + " (" +
               LockEnd(s, lang) + ")";
    }
    o << "| " << Md(l.holder_id + " " + l.holder_name) << " | " << Md(l.lot_id) << " | "
      << Num(l.shares) << " | " << SourceName(l.source, lang) << " | " << Md(UnlockText(l, lang))
      << " | " << Md(locks) << " | " << Md(ExtensionText(l, lang)) << " |\n";
  }
  o << "\n## " << L(lang, "Quotas (changes only)", "额度（仅列变化）") << "\n\n";
  o << (Zh(lang) ? "| 股东 | 日期 | 时点 | 限售 | 规则 | 额度 |\n"
                 : "| Holder | Date | When | Locked | Rule | Headroom |\n");
  o << "|---|---|---|---|---|---:|\n";
  for (const QuotaGroup& g : CondensedQuotas(r)) {
    for (const QuotaRow* q : g.rows) {
      o << "| " << Md(r.holder_ids[static_cast<size_t>(g.holder)]) << " | " << FormatDate(g.date)
        << " | " << Md(QuotaWhyText(r, g, lang)) << " | " << Md(LockedText(g, lang)) << " | "
        << q->rule->id << ' ' << Title(q->rule, lang) << " | " << Num(q->headroom) << " |\n";
    }
  }
  o << "\n## " << L(lang, "Sellable shares by date", "各日可售股份") << "\n\n";
  o << (Zh(lang) ? "| 日期 | 新增可售 | 累计可售 |\n"
                 : "| Date | Newly sellable | Total sellable |\n");
  o << "|---|---:|---:|\n";
  for (const SellableStep& s : r.sellable) {
    o << "| " << FormatDate(s.date) << " | " << Num(s.newly) << " | " << Num(s.cumulative)
      << " |\n";
  }
  if (r.never_within_calendar > 0) {
    o << '\n'
      << L(lang, "Not unlocked within the calendar or undecided: ", "日历内未解禁或无法判断：")
      << Num(r.never_within_calendar) << '\n';
  }
  o << '\n' << ApproxNote(lang) << '\n';
  return o.str();
}

// ---- HTML + SVG ----------------------------------------------------------------------------

std::string RenderLockupHtml(const LockupReport& r, Lang lang) {
  namespace g = boost::gregorian;
  // Time axis: from the as-of date to a little after the last unlock (at least a year).
  const Date start = r.as_of - g::days(20);
  Date end = r.as_of + g::days(365);
  for (const LotUnlock& l : r.lots) {
    if (l.unlock_date) end = std::max(end, *l.unlock_date);
    if (l.stopped_on) end = std::max(end, *l.stopped_on);
    for (const LockSpan& s : l.locks) end = std::max(end, s.last_locked_day);
  }
  end = std::min(end + g::days(75), r.calendar_last + g::days(75));
  const double span_days = static_cast<double>((end - start).days());
  const int label_w = 300;
  const int chart_w = 860;
  const int width = label_w + chart_w + 100;  // room for an unlock date right of the chart
  const int top = 44;
  const int row_h = 34;
  const int rows = static_cast<int>(r.lots.size());
  const int height = top + rows * row_h + 30;
  const auto x_of = [&](Date d) {
    const double t = static_cast<double>((d - start).days()) / span_days;
    return label_w + std::clamp(t, 0.0, 1.0) * chart_w;
  };
  const auto fmt = [](double v) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(1);
    s << v;
    return s.str();
  };

  std::map<std::string, std::string> colours;
  std::vector<const RuleInfo*> legend;
  for (const LotUnlock& l : r.lots) {
    for (const LockSpan& s : l.locks) {
      RuleColour(s.rule->id, colours);
      if (std::find(legend.begin(), legend.end(), s.rule) == legend.end()) legend.push_back(s.rule);
    }
  }

  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << (Zh(lang) ? "zh-CN" : "en") << "\">\n<head>\n"
    << "<meta charset=\"utf-8\">\n"
    << "<title>"
    << Esc(std::string(L(lang, "Lock-up calendar", "限售解禁日历")) + " — " + r.company_code + " " +
           r.company_name)
    << "</title>\n<style>\n"
    << "body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC','Microsoft "
       "YaHei',Arial,sans-serif;margin:24px;color:#222;background:#fff}\n"
    << "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 8px}\n"
    << ".meta{color:#555;font-size:13px;margin-bottom:12px}\n"
    << "svg text{font-family:inherit}\n"
    << ".legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;margin:8px 0 4px}\n"
    << ".legend span.sw{display:inline-block;width:14px;height:10px;margin-right:5px;"
       "vertical-align:middle;border-radius:2px}\n"
    << "table{border-collapse:collapse;font-size:12px;margin-top:6px}\n"
    << "th,td{border:1px solid #ccc;padding:4px 7px;text-align:left;vertical-align:top}\n"
    << "th{background:#f1f3f6;white-space:nowrap}td.n{text-align:right;font-variant-numeric:"
       "tabular-nums}\n"
    << "tr.lot:nth-child(even){background:#fafbfc}\n"
    << ".note{color:#555;font-size:12px;max-width:1100px}\n"
    << "table.meta{border:none;margin:4px 0 8px}table.meta th,table.meta td{border:none;"
       "padding:1px 10px 1px 0;background:none;font-size:12.5px}table.meta th{color:#555;"
       "font-weight:normal}\n"
    << ".disclaimer{border-left:3px solid #999;background:#f6f6f6;padding:6px 10px;"
       "font-size:12px;color:#333;max-width:1100px}\n"
    << ".locked{color:#b03030}\n"
    // Print: A4 landscape, the timeline scaled to the page, table headers repeated on each
    // page, no row split across pages; colours kept (bands carry meaning).
    << "@media print{@page{size:A4 landscape;margin:10mm}body{margin:0;font-size:10px;"
       "-webkit-print-color-adjust:exact;print-color-adjust:exact}svg#timeline{width:100%;"
       "height:auto}h2{break-after:avoid}table{width:100%}thead{display:table-header-group}"
       "tr{break-inside:avoid}#timeline-section{break-inside:avoid}.legend{font-size:10px}}\n"
    << "</style>\n</head>\n<body>\n";
  const std::string head = Header(r, lang);
  const size_t nl = head.find('\n');
  o << "<header id=\"report-header\">\n<h1>" << Esc(head.substr(0, nl)) << "</h1>\n";
  o << "<table class=\"meta\" id=\"provenance\">\n";
  const auto meta = [&](std::string_view label, const std::string& value) {
    o << "<tr><th>" << label << "</th><td>" << Esc(value) << "</td></tr>\n";
  };
  meta(L(lang, "Company", "公司"),
       r.company_code + " " + r.company_name + " (" + BoardName(r.board, lang) + ")");
  meta(L(lang, "Listed", "上市日"), FormatDate(r.listing_date));
  meta(L(lang, "Total shares", "总股本"), Num(r.total_shares));
  meta(L(lang, "As of", "基准日"), FormatDate(r.as_of));
  meta(L(lang, "Generated", "生成时间"), r.generated_at + " (UTC)");
  meta(L(lang, "Tool version", "工具版本"), r.tool);
  meta(L(lang, "Rule packs", "规则包"), PackLine(r, lang));
  meta(L(lang, "Trading calendar", "交易日历"),
       r.calendar_id + " (" + FormatDate(r.calendar_first) + " – " + FormatDate(r.calendar_last) +
           "), " + CalendarStatus(r, lang));
  o << "</table>\n<p class=\"disclaimer\" id=\"disclaimer\">" << Esc(Disclaimer(lang))
    << "</p>\n</header>\n";

  // Summary by holder, before the detail.
  o << "<h2>" << L(lang, "Summary by holder", "各股东概要") << "</h2>\n<table id=\"summary\">\n"
    << "<thead><tr><th>" << L(lang, "Holder", "股东") << "</th><th>"
    << L(lang, "Shares held", "持股") << "</th><th>"
    << L(lang, "Free on the as-of date", "基准日可售") << "</th><th>"
    << L(lang, "First sellable (unlocked by then)", "首个可售日（累计解禁）") << "</th><th>"
    << L(lang, "All unlocked", "全部解禁") << "</th><th>" << L(lang, "Binding rule", "约束规则")
    << "</th><th>" << L(lang, "Unlocked by date (cumulative)", "各日累计解禁")
    << "</th></tr></thead>\n";
  for (const HolderSummary& sm : r.summaries) {
    const size_t h = static_cast<size_t>(sm.holder);
    o << "<tr class=\"holder-summary\"><td>" << Esc(r.holder_ids[h] + " " + r.holder_names[h])
      << "</td><td class=\"n\">" << Num(sm.held) << "</td><td class=\"n\">" << Num(sm.free_on_as_of)
      << "</td><td>" << Esc(SummaryFirst(sm, lang)) << "</td><td>" << Esc(SummaryAll(sm, r, lang))
      << "</td><td>" << Esc(SummaryBinding(sm, lang)) << "</td><td>" << Esc(SummaryByDate(sm, lang))
      << "</td></tr>\n";
  }
  o << "</table>\n<h2>" << L(lang, "Timeline", "时间轴")
    << "</h2>\n<div id=\"timeline-section\">\n";

  // Legend.
  o << "<div class=\"legend\" id=\"legend\">";
  for (const RuleInfo* rule : legend) {
    o << "<span><span class=\"sw\" style=\"background:" << colours[std::string(rule->id)]
      << "\"></span>" << Esc(rule->id) << " " << Esc(Title(rule, lang)) << "</span>";
  }
  o << "<span><span class=\"sw\" style=\"background:repeating-linear-gradient(45deg,#999 0 3px,"
       "#fff 3px 6px)\"></span>"
    << L(lang, "undecided (input missing)", "无法判断（缺少输入）") << "</span>"
    << "<span>&#9670; " << L(lang, "first tradable day", "首个可交易日") << "</span>"
    << "<span style=\"color:#e07b00\">&#9474; " << L(lang, "quota step", "额度变化日") << "</span>"
    << "<span style=\"color:#d62728\">&#9476; " << L(lang, "as-of date", "基准日") << "</span>"
    << "</div>\n";

  // Timeline.
  o << "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
    << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << ' ' << height
    << "\" role=\"img\">\n";
  o << "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
       "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
       "<rect width=\"3\" height=\"6\" fill=\"#aaa\"/></pattern></defs>\n";
  // Grid: a line every quarter, a label every year (and every half-year when short).
  for (int y = start.year(); y <= end.year(); ++y) {
    for (int m = 1; m <= 12; m += 3) {
      const Date d(static_cast<unsigned short>(y), static_cast<unsigned short>(m), 1);
      if (d < start || d > end) continue;
      const std::string x = fmt(x_of(d));
      const bool year = m == 1;
      o << "<line x1=\"" << x << "\" y1=\"" << top - 8 << "\" x2=\"" << x << "\" y2=\""
        << top + rows * row_h << "\" stroke=\"" << (year ? "#bbb" : "#e6e6e6") << "\"/>\n";
      if (year || span_days < 1200) {
        o << "<text x=\"" << x << "\" y=\"" << top - 12 << "\" font-size=\"11\" fill=\""
          << (year ? "#333" : "#888") << "\" text-anchor=\"middle\">" << y;
        if (!year) o << '-' << (m < 10 ? "0" : "") << m;
        o << "</text>\n";
      }
    }
  }
  std::int32_t previous_holder = -1;
  for (int i = 0; i < rows; ++i) {
    const LotUnlock& l = r.lots[static_cast<size_t>(i)];
    const int y = top + i * row_h;
    o << "<g class=\"lot-row\" data-holder=\"" << Esc(l.holder_id) << "\" data-lot=\""
      << Esc(l.lot_id) << "\">\n";
    if (i % 2 == 1) {
      o << "<rect x=\"0\" y=\"" << y << "\" width=\"" << width << "\" height=\"" << row_h
        << "\" fill=\"#f7f8fa\"/>\n";
    }
    if (l.holder != previous_holder && i > 0) {
      o << "<line x1=\"0\" y1=\"" << y << "\" x2=\"" << width << "\" y2=\"" << y
        << "\" stroke=\"#ccc\"/>\n";
    }
    const bool first_of_holder = l.holder != previous_holder;
    previous_holder = l.holder;
    o << "<text x=\"6\" y=\"" << y + 14 << "\" font-size=\"12\" font-weight=\""
      << (first_of_holder ? "bold" : "normal") << "\">" << Esc(l.holder_id + " " + l.holder_name)
      << "</text>\n";
    o << "<text x=\"6\" y=\"" << y + 28 << "\" font-size=\"10.5\" fill=\"#555\">"
      << Esc(l.lot_id + " · " + Num(l.shares) + " · " + SourceName(l.source, lang)) << "</text>\n";
    // Lock bands: each rule gets its own band of the bar, from the as-of date (or when the walk
    // met it) through its last locked day.
    const double bar_top = y + 7;
    const double bar_h = row_h - 14;
    const size_t n = std::max<size_t>(1, l.locks.size() + (l.undecided ? 1 : 0));
    const double band = bar_h / static_cast<double>(n);
    size_t k = 0;
    for (const LockSpan& s : l.locks) {
      const double x1 = x_of(std::max(r.as_of, s.first_seen));
      const double x2 = x_of(s.last_locked_day + g::days(1));
      o << "<rect class=\"lock\" data-rule=\"" << s.rule->id << "\" x=\"" << fmt(x1) << "\" y=\""
        << fmt(bar_top + band * static_cast<double>(k)) << "\" width=\""
        << fmt(std::max(1.0, x2 - x1)) << "\" height=\"" << fmt(band) << "\" fill=\""
        << colours[std::string(s.rule->id)] << "\"><title>"
        << Esc(std::string(s.rule->id) + " " + std::string(Title(s.rule, lang)) + " — " +
               std::string(L(lang, "locked through ", "限售至 ")) + LockEnd(s, lang))
        << "</title></rect>\n";
      if (s.open_ended) {
        o << "<text x=\"" << fmt(x2 + 3) << "\" y=\""
          << fmt(bar_top + band * static_cast<double>(k) + band / 2 + 4)
          << "\" font-size=\"11\" fill=\"#333\">&#8594;</text>\n";
      }
      ++k;
    }
    if (l.undecided) {
      const double x1 = x_of(l.stopped_on.value_or(r.as_of));
      const double x2 = x_of(end);
      o << "<rect class=\"undecided\" x=\"" << fmt(x1) << "\" y=\""
        << fmt(bar_top + band * static_cast<double>(k)) << "\" width=\"" << fmt(x2 - x1)
        << "\" height=\"" << fmt(band) << "\" fill=\"url(#hatch)\" stroke=\"#999\"><title>"
        << Esc(UnlockText(l, lang)) << "</title></rect>\n";
    }
    // Quota steps of this holder, as ticks after the unlock.
    for (const QuotaStep& q : r.quota_steps) {
      if (q.holder != l.holder || q.date > end) continue;
      if (l.unlock_date && q.date < *l.unlock_date) continue;
      if (!l.unlock_date) continue;
      const std::string x = fmt(x_of(q.date));
      o << "<line class=\"quota-tick\" x1=\"" << x << "\" y1=\"" << y + 8 << "\" x2=\"" << x
        << "\" y2=\"" << y + row_h - 8 << "\" stroke=\"#e07b00\" stroke-width=\"2\"><title>"
        << Esc(FormatDate(q.date) + " " + QuotaWhy(q.why, lang)) << "</title></line>\n";
    }
    // Unlock marker.
    if (l.state == UnlockState::kUnlocks || l.state == UnlockState::kFreeOnAsOf) {
      const double x = x_of(*l.unlock_date);
      const double cy = y + row_h / 2.0;
      o << "<path class=\"unlock\" d=\"M" << fmt(x) << ' ' << fmt(cy - 7) << " L" << fmt(x + 7)
        << ' ' << fmt(cy) << " L" << fmt(x) << ' ' << fmt(cy + 7) << " L" << fmt(x - 7) << ' '
        << fmt(cy) << " Z\" fill=\"#2ca02c\" stroke=\"#fff\" stroke-width=\"1.5\"><title>"
        << Esc(UnlockText(l, lang)) << "</title></path>\n";
      const bool right = x + 85 < width;
      o << "<text x=\"" << fmt(right ? x + 10 : x - 10) << "\" y=\"" << fmt(cy + 4)
        << "\" font-size=\"11\" fill=\"#1b6e1b\" text-anchor=\"" << (right ? "start" : "end")
        << "\">"
        << (l.state == UnlockState::kFreeOnAsOf ? std::string(L(lang, "free", "可售"))
                                                : FormatDate(*l.unlock_date))
        << "</text>\n";
    }
    o << "</g>\n";
  }
  const std::string tx = fmt(x_of(r.as_of));
  o << "<line id=\"today\" x1=\"" << tx << "\" y1=\"" << top - 26 << "\" x2=\"" << tx << "\" y2=\""
    << top + rows * row_h << "\" stroke=\"#d62728\" stroke-width=\"1.5\" "
    << "stroke-dasharray=\"4 3\"/>\n";
  o << "<text x=\"" << fmt(x_of(r.as_of) + 4) << "\" y=\"" << top - 26
    << "\" font-size=\"11\" fill=\"#d62728\">" << L(lang, "as of ", "基准日 ")
    << FormatDate(r.as_of) << "</text>\n";
  o << "<text x=\"" << label_w << "\" y=\"" << height - 8 << "\" font-size=\"10.5\" fill=\"#777\">"
    << Esc(std::string(L(lang, "Trading calendar covers ", "交易日历覆盖 ")) +
           FormatDate(r.calendar_first) + " – " + FormatDate(r.calendar_last) +
           std::string(L(lang, "; later dates are not judged (→ marks a lock past it).",
                         "；之后的日期不作判断（→ 表示限售超出日历）。")))
    << "</text>\n";
  o << "</svg>\n</div>\n";

  // Table of lots.
  o << "<h2>" << L(lang, "Lots", "各批股份") << "</h2>\n<table id=\"lots\">\n<thead><tr><th>"
    << L(lang, "Holder", "股东") << "</th><th>" << L(lang, "Lot", "批次") << "</th><th>"
    << L(lang, "Shares", "股数") << "</th><th>" << L(lang, "Source", "来源") << "</th><th>"
    << L(lang, "Unlock", "解禁") << "</th><th>"
    << L(lang, "Locks (through) and citations", "限售规则（至）及依据") << "</th><th>"
    << L(lang, "Extension", "延长承诺") << "</th></tr></thead>\n";
  for (const LotUnlock& l : r.lots) {
    o << "<tr class=\"lot\"><td>" << Esc(l.holder_id + " " + l.holder_name) << "</td><td>"
      << Esc(l.lot_id) << "</td><td class=\"n\">" << Num(l.shares) << "</td><td>"
      << Esc(SourceName(l.source, lang)) << "</td><td>" << Esc(UnlockText(l, lang)) << "</td><td>";
    for (const LockSpan& s : l.locks) {
      o << "<div><span class=\"sw\" style=\"display:inline-block;width:9px;height:9px;"
           "background:"
        << colours[std::string(s.rule->id)] << "\"></span> <b>" << Esc(s.rule->id) << "</b> "
        << Esc(Title(s.rule, lang)) << " — " << Esc(LockEnd(s, lang)) << "<br><small>"
        << Esc(Zh(lang) || s.rule->citation_en.empty() ? s.rule->citation_zh : s.rule->citation_en)
        << "</small></div>";
    }
    o << "</td><td>" << Esc(ExtensionText(l, lang)) << "</td></tr>\n";
  }
  o << "</table>\n";

  o << "<h2>"
    << L(lang, "Quotas (dates on which a quota or the locked shares change)",
         "额度（仅列额度或限售股数变化之日）")
    << "</h2>\n<table id=\"quotas\">\n"
    << "<thead><tr><th>" << L(lang, "Holder", "股东") << "</th><th>" << L(lang, "Date", "日期")
    << "</th><th>" << L(lang, "When", "时点") << "</th><th>" << L(lang, "Locked", "限售")
    << "</th><th>" << L(lang, "Rule", "规则") << "</th><th>" << L(lang, "Headroom", "额度")
    << "</th></tr></thead>\n";
  for (const QuotaGroup& g : CondensedQuotas(r)) {
    const std::string who = r.holder_ids[static_cast<size_t>(g.holder)] + " " +
                            r.holder_names[static_cast<size_t>(g.holder)];
    const std::string span = std::to_string(g.rows.size());
    bool first = true;
    for (const QuotaRow* q : g.rows) {
      o << "<tr class=\"quota\">";
      if (first) {
        o << "<td rowspan=\"" << span << "\">" << Esc(who) << "</td><td rowspan=\"" << span << "\">"
          << FormatDate(g.date) << "</td><td rowspan=\"" << span << "\">"
          << Esc(QuotaWhyText(r, g, lang)) << "</td><td rowspan=\"" << span << "\""
          << (g.locked > 0 ? " class=\"locked\"" : "") << ">" << Esc(LockedText(g, lang))
          << "</td>";
        first = false;
      }
      o << "<td>" << Esc(q->rule->id) << ' ' << Esc(Title(q->rule, lang)) << "</td><td class=\"n\">"
        << Num(q->headroom) << "</td></tr>\n";
    }
  }
  o << "</table>\n";

  o << "<h2>" << L(lang, "Sellable shares by date", "各日可售股份") << "</h2>\n"
    << "<table id=\"sellable\">\n<thead><tr><th>" << L(lang, "Date", "日期") << "</th><th>"
    << L(lang, "Newly sellable", "新增可售") << "</th><th>" << L(lang, "Total sellable", "累计可售")
    << "</th><th>" << L(lang, "Lots", "批次") << "</th></tr></thead>\n";
  for (const SellableStep& s : r.sellable) {
    o << "<tr><td>" << FormatDate(s.date) << "</td><td class=\"n\">" << Num(s.newly)
      << "</td><td class=\"n\">" << Num(s.cumulative) << "</td><td>";
    for (size_t i = 0; i < s.lots.size(); ++i) {
      const LotUnlock& l = r.lots[static_cast<size_t>(s.lots[i])];
      o << (i ? ", " : "") << Esc(l.holder_id + "/" + l.lot_id);
    }
    o << "</td></tr>\n";
  }
  o << "</table>\n";
  if (r.never_within_calendar > 0) {
    o << "<p class=\"note\">"
      << L(lang, "Not unlocked within the calendar or undecided: ", "日历内未解禁或无法判断：")
      << Num(r.never_within_calendar) << "</p>\n";
  }
  o << "<p class=\"note\">" << Esc(ApproxNote(lang)) << "</p>\n";
  o << "<footer class=\"note\">" << Esc(r.tool) << " · " << Esc(r.generated_at) << " UTC · "
    << Esc(r.company_code + " " + r.company_name) << " · " << L(lang, "as of ", "基准日 ")
    << FormatDate(r.as_of) << "</footer>\n</body>\n</html>\n";
  return o.str();
}

}  // namespace reducheck::adapters
