// Other prohibitions (spec §6): BAN-MAJ-INV, BAN-MAJ-REPR, BAN-MAJ-FINE (Measures Art.7),
// BAN-CO-INV, BAN-CO-REPR, BAN-CO-DELIST (Measures Art.8) and BAN-DO (D&O Rules).
//
// Every method (agreement and inquiry transfers included) and every share (market-bought
// ones included: Arts 4-8 still apply to them) is banned while a ban holds: headroom 0, the
// whole order in breach. Periods after an event follow the Civil Code (A18):
//   investigation {from, to}: banned from `from` while open, and through `to` +
//     ban_after_penalty_months (conservative: the scenario may not list the penalty that
//     closed it);
//   penalty {decided}: through decided + ban_after_penalty_months ("未满六个月");
//   reprimand {date}: through date + ban_after_reprimand_months ("未满三个月");
//   delisting_risk {from, to}: from `from` through `to` (open while `to` is missing).
// Matters listed in the scenario are taken as related to this company, as the rules require.
#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"

namespace reducheck::rules_internal {
namespace {

// One matter that bans the sale on the date: since when, and through when (nullopt = open).
struct Hit {
  bool hit = false;
  Date since;
  std::optional<Date> through;

  void Merge(const Hit& o) {
    if (!o.hit) return;
    if (!hit) {
      *this = o;
      return;
    }
    since = std::min(since, o.since);
    if (!through || !o.through) {
      through.reset();
    } else {
      through = std::max(*through, *o.through);
    }
  }
};

Hit Periods(const std::vector<DatedPeriod>& periods, Date d, int tail_months) {
  Hit h;
  for (const DatedPeriod& p : periods) {
    if (p.from > d) continue;
    Hit x;
    x.since = p.from;
    if (p.to) {
      const Date last = tail_months > 0 ? AfterEventLastDay(*p.to, tail_months) : *p.to;
      if (d > last) continue;
      x.through = last;
    }
    x.hit = true;
    h.Merge(x);
  }
  return h;
}

Hit Decisions(const std::vector<DatedDecision>& decisions, Date d, int months) {
  Hit h;
  for (const DatedDecision& x : decisions) {
    if (x.date > d) continue;
    const Date last = AfterEventLastDay(x.date, months);
    if (d > last) continue;
    h.Merge(Hit{true, x.date, last});
  }
  return h;
}

// A limb of a ban: which matter, in both languages.
struct Limb {
  const char* key;  // fact value
  const char* en;
  const char* zh;
  Hit hit;
};

void Report(const JudgeContext& ctx, const RuleInfo* rule, const Limb* limbs, int count,
            const char* who_en, const char* who_zh, Judgement& out) {
  Hit all;
  for (int i = 0; i < count; ++i) all.Merge(limbs[i].hit);
  if (!all.hit) return;
  AddLimit(out, rule, 0);
  Violation& v = AddViolation(out, rule, ctx.order.shares);
  if (!ctx.options.explain) return;
  std::string keys, en, zh;
  for (int i = 0; i < count; ++i) {
    const Limb& l = limbs[i];
    if (!l.hit.hit) continue;
    keys += (keys.empty() ? "" : ", ") + std::string(l.key);
    const bool dated = std::string_view(l.key) != "unpaid_fines";
    std::string e = std::string(l.en);
    std::string z = std::string(l.zh);
    if (dated) {
      e += " since " + Iso(l.hit.since);
      e += l.hit.through ? ", banned through " + Iso(*l.hit.through) : ", still open";
      z += "（自 " + Iso(l.hit.since);
      z += l.hit.through ? "，禁止减持至 " + Iso(*l.hit.through) + "）" : "，尚未结束）";
    }
    en += (en.empty() ? "" : "; ") + e;
    zh += (zh.empty() ? "" : "；") + z;
  }
  v.facts = {{"limbs", keys}};
  bool dated_any = false;
  Date since;
  for (int i = 0; i < count; ++i) {
    const Limb& l = limbs[i];
    if (!l.hit.hit || std::string_view(l.key) == "unpaid_fines") continue;
    since = dated_any ? std::min(since, l.hit.since) : l.hit.since;
    dated_any = true;
  }
  if (dated_any) v.facts.push_back({"since", since});
  v.facts.push_back({"proposed", ctx.order.shares});
  if (all.through) {
    v.facts.push_back({"banned_through", *all.through});
    v.facts.push_back({"free_from", DaysAfter(*all.through, 1)});
  } else {
    v.facts.push_back({"open", true});
  }
  const std::string until_en =
      all.through ? "; sales are possible again from " + Iso(DaysAfter(*all.through, 1))
                  : "; the ban lasts until the matter is closed";
  const std::string until_zh = all.through
                                   ? "；自 " + Iso(DaysAfter(*all.through, 1)) + " 起方可减持"
                                   : "；该情形结束前不得减持";
  v.message.en = std::string(who_en) + " may not sell any shares, by any method, on " +
                 Iso(ctx.date) + ": " + en + until_en;
  v.message.zh =
      std::string(who_zh) + "于 " + Iso(ctx.date) + " 不得以任何方式减持：" + zh + until_zh;
}

}  // namespace

void JudgeBans(const JudgeContext& ctx, Judgement& out) {
  // Next changes (issue 11): with nothing on file no ban can start; otherwise the periods and
  // decisions are not analysed for their dates and the holder is judged day by day.
  ctx.Stable();
  if (!(ctx.major || ctx.controlling || ctx.dno)) return;
  const RuleRefs& R = Refs(ctx);
  const Holder& h = *ctx.holder;
  const Company& co = ctx.ledger.company();
  if (h.investigations.empty() && h.penalties.empty() && h.reprimands.empty() && !h.fines_unpaid &&
      co.investigations.empty() && co.penalties.empty() && co.reprimands.empty() &&
      co.delisting_risk.empty()) {
    return;  // nothing on file: no ban can apply
  }
  ctx.ChangesEveryDay();
  const Date d = ctx.date;
  const int pen = ctx.pack.ban_after_penalty_months;
  const int rep = ctx.pack.ban_after_reprimand_months;

  const Hit self_inv = Periods(h.investigations, d, pen);
  const Hit self_pen = Decisions(h.penalties, d, pen);
  const Hit self_rep = Decisions(h.reprimands, d, rep);
  Hit self_fine;
  if (h.fines_unpaid) self_fine = Hit{true, d, std::nullopt};
  const Hit co_inv = Periods(co.investigations, d, pen);
  const Hit co_pen = Decisions(co.penalties, d, pen);
  const Hit co_rep = Decisions(co.reprimands, d, rep);
  const Hit co_delist = Periods(co.delisting_risk, d, 0);
  // Nothing on file reaches the date: no ban applies (the common case, kept cheap).
  if (!self_inv.hit && !self_pen.hit && !self_rep.hit && !self_fine.hit && !co_inv.hit &&
      !co_pen.hit && !co_rep.hit && !co_delist.hit) {
    return;
  }

  constexpr const char* kMajEn = "A major shareholder";
  constexpr const char* kMajZh = "大股东";
  if (ctx.major) {
    const Limb inv[] = {
        {"investigation", "under investigation for a suspected securities or futures offence",
         "因涉嫌证券期货违法犯罪被立案调查或侦查", self_inv},
        {"penalty", "administrative penalty or criminal judgment", "受到行政处罚或被判处刑罚",
         self_pen}};
    Report(ctx, R.ban_maj_inv, inv, 2, kMajEn, kMajZh, out);
    const Limb repr[] = {
        {"reprimand", "publicly reprimanded by the exchange", "被证券交易所公开谴责", self_rep}};
    Report(ctx, R.ban_maj_repr, repr, 1, kMajEn, kMajZh, out);
    // Exception (proceeds used to pay the fine, or law provides otherwise): not modelled.
    const Limb fine[] = {{"unpaid_fines",
                          "fines or confiscations not fully paid (no end date known)",
                          "罚没款尚未足额缴纳", self_fine}};
    Report(ctx, R.ban_maj_fine, fine, 1, kMajEn, kMajZh, out);
  }
  // Art.8 binds the current controlling shareholder / actual controller (and, by pack, its
  // concert parties), not a former IPO controller (issue 15, defect 5; status.cpp).
  if (ctx.controlling) {
    constexpr const char* kCtrlEn = "A controlling shareholder, actual controller or concert party";
    constexpr const char* kCtrlZh = "控股股东、实际控制人及其一致行动人";
    const Limb inv[] = {
        {"company_investigation",
         "the company is under investigation for a suspected securities "
         "or futures offence",
         "上市公司因涉嫌证券期货违法犯罪被立案调查或侦查", co_inv},
        {"company_penalty", "administrative penalty or criminal judgment against the company",
         "上市公司受到行政处罚或被判处刑罚", co_pen}};
    Report(ctx, R.ban_co_inv, inv, 2, kCtrlEn, kCtrlZh, out);
    const Limb repr[] = {{"company_reprimand",
                          "the company was publicly reprimanded by the exchange",
                          "上市公司被证券交易所公开谴责", co_rep}};
    Report(ctx, R.ban_co_repr, repr, 1, kCtrlEn, kCtrlZh, out);
    const Limb delist[] = {{"company_delisting_risk",
                            "the company may trigger compulsory delisting for a major violation",
                            "上市公司可能触及重大违法强制退市情形", co_delist}};
    Report(ctx, R.ban_co_delist, delist, 1, kCtrlEn, kCtrlZh, out);
  }
  if (ctx.dno) {
    // D&O Rules: the company's or the person's investigation or penalty (< 6 months), the
    // person's reprimand (< 3 months) or unpaid fines, the company's delisting period. A
    // reprimand of the company is not in the D&O list.
    const Limb limbs[] = {
        {"company_investigation", "the company is under investigation", "上市公司被立案调查或侦查",
         co_inv},
        {"company_penalty", "administrative penalty or criminal judgment against the company",
         "上市公司受到行政处罚或被判处刑罚", co_pen},
        {"investigation", "the person is under investigation", "本人被立案调查或侦查", self_inv},
        {"penalty", "administrative penalty or criminal judgment against the person",
         "本人受到行政处罚或被判处刑罚", self_pen},
        {"reprimand", "the person was publicly reprimanded by the exchange",
         "本人被证券交易所公开谴责", self_rep},
        {"unpaid_fines",
         "the person's fines or confiscations are not fully paid (no end date known)",
         "本人罚没款尚未足额缴纳", self_fine},
        {"company_delisting_risk",
         "the company may trigger compulsory delisting for a major violation",
         "上市公司可能触及重大违法强制退市情形", co_delist}};
    Report(ctx, R.ban_do, limbs, 7, "A director or senior manager", "董事、高级管理人员", out);
  }
}

}  // namespace reducheck::rules_internal
