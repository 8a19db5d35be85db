#include <cstdlib>

#include "families.h"
#include "reducheck/rules/rule_catalog.h"

namespace reducheck::rules_internal {
namespace {

const RuleInfo* MustFind(const RuleInfo* (*lookup)(std::string_view, const void*),
                         const void* table, std::string_view id) {
  const RuleInfo* r = lookup(id, table);
  if (r == nullptr) std::abort();  // programmer error: the catalog lacks an id the code uses
  return r;
}

}  // namespace

RuleRefs ResolveRefs(const RuleInfo* (*lookup)(std::string_view id, const void* table),
                     const void* table) {
  auto Must = [&](std::string_view id) { return MustFind(lookup, table, id); };
  RuleRefs r{};
  r.lock_ipo = Must("LOCK-IPO-12M");
  r.lock_ctrl = Must("LOCK-CTRL-36M");
  r.lock_bse = Must("LOCK-BSE-12M");
  r.lock_newholder = Must("LOCK-NEWHOLDER-36M");
  r.lock_acq = Must("LOCK-ACQ-18M");
  r.lock_ext = Must("LOCK-EXT-6M");
  r.lock_strat = Must("LOCK-STRAT");
  r.lock_offline = Must("LOCK-OFFLINE");
  r.lock_pp6 = Must("LOCK-PP-6M");
  r.lock_pp18 = Must("LOCK-PP-18M");
  r.lock_unprof = Must("LOCK-UNPROF");
  r.lock_ctp = Must("LOCK-CTP-STAR");
  r.lock_commit = Must("LOCK-COMMIT");
  r.lock_recv = Must("LOCK-RECV-6M");
  r.cap_cb = Must("CAP-CB-1PCT");
  r.cap_bt = Must("CAP-BT-2PCT");
  r.cap_at = Must("CAP-AT-5PCT");
  r.cap_it = Must("CAP-IT");
  r.cap_post5 = Must("CAP-POST5-90D");
  r.cap_plan = Must("CAP-PLAN");
  r.pre_15td = Must("PRE-15TD");
  r.pre_done = Must("PRE-DONE-2TD");
  r.pre_progress = Must("PRE-PROGRESS");
  r.pre_do = Must("PRE-DO-2TD");
  r.ctrl_nav = Must("CTRL-BREAK-NAV");
  r.ctrl_div = Must("CTRL-DIV");
  r.ctrl_ipo = Must("CTRL-BREAK-IPO");
  r.ban_maj_inv = Must("BAN-MAJ-INV");
  r.ban_maj_repr = Must("BAN-MAJ-REPR");
  r.ban_maj_fine = Must("BAN-MAJ-FINE");
  r.ban_co_inv = Must("BAN-CO-INV");
  r.ban_co_repr = Must("BAN-CO-REPR");
  r.ban_co_delist = Must("BAN-CO-DELIST");
  r.ban_do = Must("BAN-DO");
  r.dir_win_periodic = Must("DIR-WIN-PERIODIC");
  r.dir_win_event = Must("DIR-WIN-EVENT");
  r.dir_25pct = Must("DIR-25PCT");
  r.dir_list = Must("DIR-LIST-1Y");
  r.dir_leave = Must("DIR-LEAVE-6M");
  r.dir_shortswing = Must("DIR-SHORTSWING");
  r.eq5_first = Must("EQ5-FIRST");
  r.eq5_mult = Must("EQ5-MULT");
  r.eq5_1pct = Must("EQ5-1PCT");
  r.eq5_agreement = Must("EQ5-AGREEMENT");
  r.cap_pp_release = Must("CAP-PP-50PCT");
  r.cap_vc = Must("CAP-VC");
  r.cap_vc_applied = true;  // cn_rule_set.cpp clears it where the pack does not apply CAP-VC
  return r;
}

Violation& AddViolation(Judgement& out, const RuleInfo* rule, Shares breach) {
  Violation& v = out.violations.emplace_back();
  v.rule = rule;
  v.category = rule->category;
  v.shares_in_breach = breach;
  return v;
}

void AddLimit(Judgement& out, const RuleInfo* rule, Shares headroom) {
  out.limits.push_back(Limit{rule, headroom});
}

void AddUnknown(Judgement& out, const RuleInfo* rule, std::string en, std::string zh) {
  for (const UnknownFinding& u : out.unknown) {
    if (u.rule == rule && u.missing.en == en) return;
  }
  out.unknown.push_back(UnknownFinding{rule, Text{std::move(en), std::move(zh)}});
}

}  // namespace reducheck::rules_internal
