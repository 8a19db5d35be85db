// The rule families of the cn rule set. Each Judge* function appends its findings (violations,
// unknowns, limits, obligations) for one order to the Judgement. Internal to rules/.
#ifndef REDUCHECK_RULES_FAMILIES_H_
#define REDUCHECK_RULES_FAMILIES_H_

#include "judge_context.h"
#include "reducheck/engine/rule_set.h"

namespace reducheck::rules_internal {

// The rules the code names, as one pack cites them in one citation period (cn_rule_set.cpp
// builds one per period; the pointers are into that pack's rule table).
struct RuleRefs {
  const RuleInfo* lock_acq;
  const RuleInfo *lock_ipo, *lock_ctrl, *lock_bse, *lock_newholder, *lock_ext, *lock_strat,
      *lock_offline, *lock_pp6, *lock_pp18, *lock_unprof, *lock_ctp, *lock_commit, *lock_recv;
  const RuleInfo *cap_cb, *cap_bt, *cap_at, *cap_it, *cap_post5, *cap_plan;
  const RuleInfo *pre_15td, *pre_done, *pre_progress, *pre_do;
  const RuleInfo *ctrl_nav, *ctrl_div, *ctrl_ipo;
  const RuleInfo *ban_maj_inv, *ban_maj_repr, *ban_maj_fine, *ban_co_inv, *ban_co_repr,
      *ban_co_delist, *ban_do;
  const RuleInfo *dir_win_periodic, *dir_win_event, *dir_25pct, *dir_list, *dir_leave,
      *dir_shortswing;
  const RuleInfo *eq5_first, *eq5_mult, *eq5_1pct, *eq5_agreement;
  const RuleInfo* cap_pp_release;
  const RuleInfo* cap_vc;
  // Whether the pack applies CAP-VC in this citation period (cn_rule_set.cpp; applies_from,
  // not_applied): before it a VC fund's pre-IPO shares keep the ordinary caps.
  bool cap_vc_applied;
};
// The rules named by `lookup` (a rule id -> its entry in one pack's table; nullptr if absent).
// Aborts on an id the table lacks: a programmer error (the catalog and the code disagree).
RuleRefs ResolveRefs(const RuleInfo* (*lookup)(std::string_view id, const void* table),
                     const void* table);
inline const RuleRefs& Refs(const JudgeContext& ctx) { return ctx.refs; }

// Holder status: major (incl. the 90-day tail), D&O, controlling.
void ComputeStatus(JudgeContext& ctx);
// Per-lot locks: fills ctx.split; emits LOCK-* violations, unknowns and the lock limit.
void JudgeLocks(JudgeContext& ctx, Judgement& out);
// The cap quota of the order's method in the cap window (CAP-CB-1PCT / CAP-BT-2PCT, or CAP-VC
// for a VC fund's pre-IPO shares: caps.cpp).
void ComputeCapQuota(JudgeContext& ctx);
// Whether a lot counts toward the caps and the plan requirement (locks.cpp, spec §1).
bool IsCappedLot(const JudgeContext& ctx, const Lot& lot);
void JudgeCaps(const JudgeContext& ctx, Judgement& out);
// CAP-PP-50PCT: the 2017 regime's 50% limit on a private placement's shares sold by bidding
// within 12 months after unlock; off when the pack's pp_release_max_bp is 0 (pp_release.cpp).
void JudgePpRelease(const JudgeContext& ctx, Judgement& out);
// PRE-15TD, CAP-PLAN and the plan obligations.
void JudgePreAnnouncement(const JudgeContext& ctx, Judgement& out);
// Publication date of the real plan the sale falls under, if any (CTRL-* anchor, A4).
std::optional<Date> CoveringPlanPublished(const JudgeContext& ctx);
// EQ5-FIRST, EQ5-MULT (freezes and touches), EQ5-1PCT obligations.
void JudgeThresholds(const JudgeContext& ctx, Judgement& out);
// LOCK-COMMIT price floors and quantity limits (no_sale locks are lot locks).
void JudgeCommitments(const JudgeContext& ctx, Judgement& out);
// DIR-WIN-PERIODIC, DIR-WIN-EVENT, DIR-25PCT, DIR-LIST-1Y, DIR-LEAVE-6M, DIR-SHORTSWING
// (directors.cpp).
void JudgeDirectors(const JudgeContext& ctx, Judgement& out);
// CTRL-BREAK-IPO, CTRL-BREAK-NAV, CTRL-DIV (controller_bans.cpp).
void JudgeControllerBans(const JudgeContext& ctx, Judgement& out);
// BAN-MAJ-*, BAN-CO-*, BAN-DO (bans.cpp).
void JudgeBans(const JudgeContext& ctx, Judgement& out);
// CAP-AT-5PCT, CAP-IT, EQ5-AGREEMENT (transfers.cpp).
void JudgeTransfers(const JudgeContext& ctx, Judgement& out);
// Yearly quotas of LOCK-UNPROF (2%) and LOCK-CTP-STAR (25%) (board_quotas.cpp); their
// time locks, and LOCK-BSE-12M, are lot locks in locks.cpp.
void JudgeBoardQuotas(const JudgeContext& ctx, Judgement& out);

// Penalty exposure per category of the violations found (penalty.cpp); explain mode only.
void AssessPenalties(const JudgeContext& ctx, Judgement& out);

// Helpers shared by the families.
Violation& AddViolation(Judgement& out, const RuleInfo* rule, Shares breach);
void AddLimit(Judgement& out, const RuleInfo* rule, Shares headroom);
void AddUnknown(Judgement& out, const RuleInfo* rule, std::string en, std::string zh);

}  // namespace reducheck::rules_internal

#endif  // REDUCHECK_RULES_FAMILIES_H_
