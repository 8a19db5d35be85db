// Rules of the spec that this release does not evaluate yet (issue 3). Whenever the scenario
// shows one could apply to the order, the verdict carries an `unknown` naming it, so a sale is
// never passed on a rule that was not checked.
#include "families.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::rules_internal {
namespace {

void NotBuilt(Judgement& out, const RuleInfo* rule, const std::string& why_en,
              const std::string& why_zh) {
  AddUnknown(out, rule, "not evaluated by this release: " + why_en,
             "本版本尚未实现该规则的判断：" + why_zh);
}

bool AnyOpenOrRecent(const std::vector<DatedPeriod>& periods, Date d, int tail_months) {
  for (const DatedPeriod& p : periods) {
    if (p.from > d) continue;
    if (!p.to || AfterEventLastDay(*p.to, tail_months) >= d) return true;
  }
  return false;
}
bool AnyRecent(const std::vector<DatedDecision>& decisions, Date d, int months) {
  for (const DatedDecision& x : decisions) {
    if (x.date <= d && AfterEventLastDay(x.date, months) >= d) return true;
  }
  return false;
}

}  // namespace

void JudgePending(const JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs();
  const Holder& h = *ctx.holder;
  const Company& co = ctx.ledger.company();
  const Date d = ctx.date;
  const bool cb_bt = ctx.exchange_trade();

  if (ctx.order.method == Method::kAgreementTransfer) {
    NotBuilt(out, R.cap_at, "agreement transfers (5% per transferee, price floor)",
             "协议转让（单个受让方5%、价格下限）");
    if (ctx.group_holding * 10000 >= static_cast<Shares>(ctx.pack.eq5_step_bp) * ctx.total_shares) {
      NotBuilt(out, R.eq5_agreement, "5% touches by agreement transfer", "协议转让触及5%刻度");
    }
  }
  if (ctx.order.method == Method::kInquiryTransfer) {
    NotBuilt(out, R.cap_it, "inquiry transfers", "询价转让");
  }
  if (ctx.dno) {
    NotBuilt(out, R.dir_25pct, "the directors' 25%-a-year quota", "董监高每年25%额度");
    NotBuilt(out, R.dir_win_periodic, "blackout windows before periodic reports", "定期报告窗口期");
    NotBuilt(out, R.dir_win_event, "blackout windows around material events", "重大事项窗口期");
    if (h.departed && *h.departed <= d) {
      NotBuilt(out, R.dir_leave, "the 6 months after leaving office", "离职后半年");
    }
    if (d <= LockLastDay(co.listing_date, 12)) {
      NotBuilt(out, R.dir_list, "the first year after listing for D&O", "董监高上市后一年");
    }
  }
  // Short-swing (Securities Law Art.44): D&O and >= 5% holders with a purchase in the 6 months
  // before the sale.
  if ((ctx.dno || ctx.major_by_holding || ctx.declared_major) &&
      ctx.ledger.GroupBought(ctx.group, AddMonthsClipped(d, -6), d) > 0) {
    NotBuilt(out, R.dir_shortswing, "short-swing trading after a purchase within 6 months",
             "六个月内买入后卖出的短线交易");
  }
  if (cb_bt && ctx.controlling) {
    NotBuilt(out, R.ctrl_ipo, "the controller's below-issue-price ban (破发)", "控股股东破发不得减持");
    NotBuilt(out, R.ctrl_nav, "the controller's below-net-assets ban (破净)", "控股股东破净不得减持");
    NotBuilt(out, R.ctrl_div, "the controller's dividend test (分红不达标)", "控股股东分红不达标不得减持");
  }
  if (ctx.major &&
      (AnyOpenOrRecent(h.investigations, d, 6) || AnyRecent(h.penalties, d, 6))) {
    NotBuilt(out, R.ban_maj_inv, "the ban during an investigation or within 6 months of a penalty",
             "立案调查期间或处罚后六个月内不得减持");
  }
  if (ctx.major && AnyRecent(h.reprimands, d, 3)) {
    NotBuilt(out, R.ban_maj_repr, "the ban within 3 months of a public reprimand", "公开谴责后三个月内不得减持");
  }
  if ((ctx.major || ctx.dno) && h.fines_unpaid) {
    NotBuilt(out, R.ban_maj_fine, "the ban while fines are unpaid", "罚没款未缴纳不得减持");
  }
  if (ctx.controlling || ctx.dno) {
    if (AnyOpenOrRecent(co.investigations, d, 6) || AnyRecent(co.penalties, d, 6)) {
      NotBuilt(out, ctx.controlling ? R.ban_co_inv : R.ban_do,
               "the ban while the company is investigated or within 6 months of its penalty",
               "公司被立案调查或处罚后六个月内不得减持");
    }
    if (AnyRecent(co.reprimands, d, 3)) {
      NotBuilt(out, ctx.controlling ? R.ban_co_repr : R.ban_do,
               "the ban within 3 months of the company's public reprimand", "公司被公开谴责后三个月内不得减持");
    }
    if (AnyOpenOrRecent(co.delisting_risk, d, 0)) {
      NotBuilt(out, ctx.controlling ? R.ban_co_delist : R.ban_do,
               "the ban during a major-violation delisting period", "重大违法强制退市风险期间不得减持");
    }
  }
  if (ctx.dno && (AnyOpenOrRecent(h.investigations, d, 6) || AnyRecent(h.penalties, d, 6) ||
                  AnyRecent(h.reprimands, d, 3) || h.fines_unpaid)) {
    NotBuilt(out, R.ban_do, "D&O bans (investigation, penalty, reprimand, unpaid fines)",
             "董监高立案调查、处罚、谴责、罚没款未缴等禁止减持情形");
  }
  const bool special_board = co.board == Board::kStar || co.board == Board::kChinext ||
                             co.board == Board::kBse;
  bool has_pre_ipo = false;
  for (const Lot& l : h.lots) has_pre_ipo |= l.source == Source::kIpoOriginal;
  if (special_board && has_pre_ipo && co.profitable_at_listing.value_or(false) == false &&
      (ctx.controlling || ctx.dno || HasRole(h.roles, Role::kCoreTechnicalStaff))) {
    NotBuilt(out, R.lock_unprof,
             co.profitable_at_listing ? "extra locks of issuers unprofitable at listing"
                                      : "company.profitable_at_listing is missing; unprofitable "
                                        "issuers have extra locks",
             "上市时未盈利公司的额外锁定");
  }
  if (co.board == Board::kStar && HasRole(h.roles, Role::kCoreTechnicalStaff) && has_pre_ipo) {
    NotBuilt(out, R.lock_ctp, "STAR core technical staff locks and 25% steps", "科创板核心技术人员限售");
  }
  if (co.board == Board::kBse && has_pre_ipo) {
    NotBuilt(out, R.lock_bse, "BSE 12-month locks of controllers, relatives and 10% holders",
             "北交所控股股东等十二个月限售");
  }
}

}  // namespace reducheck::rules_internal
