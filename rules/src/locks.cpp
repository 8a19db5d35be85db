// Lock-ups (spec §2): LOCK-IPO-12M, LOCK-CTRL-36M, LOCK-EXT-6M, LOCK-PP-6M/18M, LOCK-STRAT
// (strategic placement, and the sponsor's co-investment on STAR/ChiNext), LOCK-OFFLINE,
// LOCK-RECV-6M, LOCK-COMMIT (no_sale commitments and lots' lockup_until), and the time locks
// of the board specifics: LOCK-BSE-12M, LOCK-UNPROF (fiscal years 1-N), LOCK-CTP-STAR (12
// months and 6 months after departure). Their yearly quotas and the `unknown`s of LOCK-UNPROF
// are in board_quotas.cpp.
#include <algorithm>
#include <vector>

#include "board_rules.h"
#include "explain.h"
#include "families.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {
namespace {

constexpr RoleSet kStrategic = static_cast<RoleSet>(Role::kStrategicInvestor);
constexpr RoleSet kCoInvestor = static_cast<RoleSet>(Role::kSponsorCoInvestor);

// Whether a lot counts toward the 1%/2% caps and the plan requirement (spec §1):
// a major shareholder's shares except market-bought, IPO-subscribed and public-offering
// shares; a non-major holder's pre-IPO shares (and pre-IPO shares received by agreement
// transfer, which stay "specific shares").
bool IsCapped(const JudgeContext& ctx, const Lot& lot) {
  if (ctx.major) {
    return lot.source != Source::kSecondaryBidding && lot.source != Source::kIpoSubscribed &&
           lot.source != Source::kPublicOffering;
  }
  return lot.source == Source::kIpoOriginal ||
         (lot.source == Source::kAgreementTransferPurchase && lot.acquired_from &&
          *lot.acquired_from == AcquiredFrom::kPreIpoHolder);
}

const Commitment* ExtensionCommitment(const Holder& h) {
  for (const Commitment& c : h.commitments) {
    if (c.kind == CommitmentKind::kExtendIfBelowIssuePrice) return &c;
  }
  return nullptr;
}

enum class Ext { kNotTriggered, kTriggered, kUnknown };
struct ExtResult {
  Ext state = Ext::kNotTriggered;
  std::string why_en, why_zh;  // for unknown
};

// LOCK-EXT-6M triggers (spec §2): within the 6 months after listing, 20 consecutive trading
// days closing below the issue price, or the close on the period's last day (next trading day
// if closed) below it. Missing closes or calendar years make it unknown, never a guess.
ExtResult ExtensionTriggered(const JudgeContext& ctx) {
  const Company& co = ctx.ledger.company();
  ExtResult r;
  if (!co.issue_price) {
    r.state = Ext::kUnknown;
    r.why_en = "company.issue_price is needed to test the lock-up extension";
    r.why_zh = "需要 company.issue_price 以判断锁定期是否自动延长";
    return r;
  }
  const Date end = AddMonthsClipped(co.listing_date, ctx.pack.lock_ext_window_months);
  const std::optional<Date> last_check = ctx.calendar.TradingDayOnOrAfter(end);
  if (!ctx.calendar.Covers(co.listing_date) || !last_check) {
    r.state = Ext::kUnknown;
    r.why_en = "the trading calendar does not cover " + Iso(co.listing_date) + " to " + Iso(end) +
               ", needed to test the lock-up extension";
    r.why_zh = "交易日历未覆盖 " + Iso(co.listing_date) + " 至 " + Iso(end) +
               "，无法判断锁定期是否自动延长";
    return r;
  }
  const auto& closes = co.closes;
  auto close_on = [&](Date d) -> const DatedPrice* {
    auto it = std::lower_bound(closes.begin(), closes.end(), d,
                               [](const DatedPrice& p, Date x) { return p.date < x; });
    return (it != closes.end() && it->date == d) ? &*it : nullptr;
  };
  int run = 0;
  for (std::optional<Date> t = ctx.calendar.TradingDayOnOrAfter(co.listing_date);
       t && *t <= *last_check; t = ctx.calendar.AddTradingDays(*t, 1)) {
    const DatedPrice* p = close_on(*t);
    if (p == nullptr) {
      r.state = Ext::kUnknown;
      r.why_en = "no close for " + Iso(*t) + " (closes for every trading day from listing to " +
                 Iso(*last_check) + " are needed to test the lock-up extension)";
      r.why_zh = "缺少 " + Iso(*t) + " 的收盘价（判断锁定期自动延长需要上市后至 " +
                 Iso(*last_check) + " 每个交易日的收盘价）";
      return r;
    }
    const bool below = p->price < *co.issue_price;
    if (*t == *last_check) {
      if (below) r.state = Ext::kTriggered;
      return r;
    }
    run = below ? run + 1 : 0;
    if (run >= ctx.pack.lock_ext_consecutive_days) {
      r.state = Ext::kTriggered;
      return r;
    }
  }
  return r;
}

struct LockedLot {
  const Lot* lot;
  LotLock lock;
  bool capped;
};

}  // namespace

void JudgeLocks(JudgeContext& ctx, Judgement& out) {
  const RuleRefs& R = Refs(ctx);
  const RulePack& pack = ctx.pack;
  const Holder& h = *ctx.holder;
  const Company& co = ctx.ledger.company();
  const Date d = ctx.date;
  const Commitment* ext = ExtensionCommitment(h);
  std::optional<ExtResult> ext_result;  // computed at most once, and only when it matters

  // LOCK-BSE-12M (A15): on BSE the listed holders' pre-IPO shares are locked 12 months from
  // listing: controllers (ctx.lock_controller) and holders of >= 10% before listing, approximated
  // by the holder's pre-IPO lots now against today's total shares. Relatives of the controller
  // cannot be identified from the scenario. Other BSE holders get no listing lock
  // (LOCK-IPO-12M is not applied on BSE: shares already public on NEEQ).
  const bool bse = co.board == Board::kBse;
  const bool bse_listed =
      bse && (ctx.lock_controller || static_cast<Int128>(IpoOriginalShares(h)) * 10000 >=
                                         static_cast<Int128>(kBseLargeHolderBp) * ctx.total_shares);
  // LOCK-UNPROF, fiscal years 1-N: only when the issuer is known to have been unprofitable at
  // listing and is not shown to have become profitable (a missing profitable_at_listing or
  // report date is an `unknown` from board_quotas.cpp).
  std::optional<Date> unprof_last;
  // Next changes (issue 11): every lock below reports the day after its last day; the lock's
  // start is the lot's acquisition or the listing, never after the judged date.
  ctx.Stable();
  if (UnprofBoard(co.board) && co.profitable_at_listing == false && UnprofBinds(ctx)) {
    const Date last = UnprofLockLastDay(co, UnprofLockYears(pack, co.board));
    // The release follows the annual reports on file: not analysed for its dates.
    if (d <= last) ctx.ChangesEveryDay();
    if (d <= last && UnprofReleaseOn(co, d).state == UnprofRelease::State::kNotReleased) {
      unprof_last = last;
    }
  }
  // LOCK-CTP-STAR: 12 months from listing, and the 6 months after departure.
  std::optional<Date> ctp_last;
  if (CtpBinds(ctx)) {
    const Date first = CtpLockLastDay(ctx);
    ctx.ChangesAfter(first);
    if (h.departed) {
      ctx.ChangesAt(*h.departed);
      ctx.ChangesAfter(AfterEventLastDay(*h.departed, pack.ctp_leave_months));
    }
    if (d <= first) ctp_last = first;
    if (const std::optional<Date> leave = CtpLeaveLastDay(ctx)) {
      ctp_last = ctp_last ? std::max(*ctp_last, *leave) : *leave;
    }
  }

  // Periods of at most `months` from `start` end no later than start + 31 * months days: a
  // cheap test that skips the exact month arithmetic for locks long over.
  auto surely_over = [&](Date start, int months) { return d > DaysAfter(start, 31 * months + 1); };
  // The last locked day of a lock from `start`, or `start` itself when it is surely over.
  auto lock_end = [&](Date start, int months) {
    return surely_over(start, months) ? start : LockLastDay(start, months);
  };
  // Listing-based lock ends, computed once per judgement rather than per lot.
  const Date ipo_last = lock_end(co.listing_date, pack.lock_ipo_months);
  const Date bse_last = lock_end(co.listing_date, pack.bse_lock_months);
  const Date ctrl_last = lock_end(co.listing_date, pack.lock_ctrl_months);
  const bool ctrl_lock = ctx.lock_controller && co.board != Board::kBse;
  // The extension test needs the exact base lock end.
  const Date base_last =
      ext == nullptr
          ? ipo_last
          : LockLastDay(co.listing_date, ctrl_lock ? pack.lock_ctrl_months : pack.lock_ipo_months);
  const Date ext_last =
      ext != nullptr ? LockLastDay(DaysAfter(base_last, 1), ext->months.value_or(6)) : base_last;
  const Date strat_last = lock_end(co.listing_date, pack.strat_lock_months);
  // LOCK-STRAT for the sponsor's co-investment (保荐机构相关子公司跟投, STAR and ChiNext): its
  // IPO-subscribed shares are locked sponsor_coinvest_lock_months (24) from listing.
  const Date coinvest_last = lock_end(co.listing_date, pack.sponsor_coinvest_lock_months);
  // LOCK-NEWHOLDER-36M (CSRC guidance of 2021-02-05): with a filing date accepted from
  // newholder_filed_from, pre-IPO lots acquired from newholder_window_months before the filing
  // (inclusive, conservative) are locked newholder_lock_months from their acquisition. Lots
  // acquired by then reach at most filing + newholder_lock_months.
  const std::optional<Date> filing =
      co.ipo_filing_date && *co.ipo_filing_date >= pack.newholder_filed_from ? co.ipo_filing_date
                                                                             : std::nullopt;
  const Date newholder_from =
      filing ? AddMonthsClipped(*filing, -pack.newholder_window_months) : Date();
  const Date newholder_reach =
      filing ? lock_end(*filing, pack.newholder_lock_months) : co.listing_date;
  // LOCK-ACQ-18M (Securities Law Art.75): every share of the acquirer.
  const std::optional<Date> acq_last =
      h.control_acquired
          ? std::optional<Date>(AfterEventLastDay(*h.control_acquired, pack.acq_lock_months))
          : std::nullopt;
  const Date offline_last = lock_end(co.listing_date, 6);

  auto lock_of = [&](const Lot& lot) {
    LotLock L;
    switch (lot.source) {
      case Source::kIpoOriginal: {
        if (!bse) ctx.ChangesAfter(ipo_last);
        if (bse_listed) ctx.ChangesAfter(bse_last);
        if (ctrl_lock) ctx.ChangesAfter(ctrl_last);
        if (!bse && d <= ipo_last) L.Add(R.lock_ipo, ipo_last);
        if (bse_listed && d <= bse_last) L.Add(R.lock_bse, bse_last);
        if (ctrl_lock && d <= ctrl_last) L.Add(R.lock_ctrl, ctrl_last);
        if (ext != nullptr) {
          ctx.ChangesAfter(base_last);
          ctx.ChangesAfter(ext_last);
          if (d > base_last && d <= ext_last) {
            if (!ext_result) ext_result = ExtensionTriggered(ctx);
            if (ext_result->state == Ext::kTriggered) {
              L.Add(R.lock_ext, ext_last);
            } else if (ext_result->state == Ext::kUnknown) {
              L.unknown_rule = R.lock_ext;
            }
          }
        }
        if (unprof_last) L.Add(R.lock_unprof, *unprof_last);
        if (ctp_last) L.Add(R.lock_ctp, *ctp_last);
        if (filing && d <= newholder_reach) {
          if (!lot.acquired) {
            ctx.ChangesAfter(newholder_reach);
            L.unknown_rule = R.lock_newholder;
          } else if (*lot.acquired >= newholder_from) {
            const Date last = LockLastDay(*lot.acquired, pack.newholder_lock_months);
            ctx.ChangesAfter(last);
            if (d <= last) L.Add(R.lock_newholder, last);
          }
        }
        break;
      }
      case Source::kPrivatePlacement: {
        const bool long_lock = ctx.lock_controller || (h.roles & kStrategic) != 0;
        const RuleInfo* rule = long_lock ? R.lock_pp18 : R.lock_pp6;
        std::optional<Date> last = lot.lockup_until;
        if (lot.acquired) {
          const int months = long_lock ? pack.lock_pp_ctrl_months : pack.lock_pp_months;
          const Date stat = lock_end(*lot.acquired, months);
          last = last ? std::max(*last, stat) : stat;
        }
        ctx.ChangesAfter(last);
        if (!last) {
          L.unknown_rule = rule;
        } else if (d <= *last) {
          L.Add(rule, *last);
        }
        break;
      }
      case Source::kIpoSubscribed: {
        ctx.ChangesAfter(lot.lockup_until);
        ctx.ChangesAfter(offline_last);
        const bool strategic = (h.roles & kStrategic) != 0;
        const bool coinvest = (h.roles & kCoInvestor) != 0;
        if (strategic || coinvest) {
          // A holder with both roles: the later of the two ends.
          Date last = strategic ? strat_last : coinvest_last;
          if (strategic && coinvest) last = std::max(last, coinvest_last);
          if (lot.lockup_until) last = std::max(last, *lot.lockup_until);
          ctx.ChangesAfter(last);
          if (d <= last) L.Add(R.lock_strat, last);
        } else if (lot.lockup_until) {
          if (d <= *lot.lockup_until) L.Add(R.lock_offline, *lot.lockup_until);
        } else if (d <= offline_last) {
          L.unknown_rule = R.lock_offline;  // a locked offline portion may exist
        }
        break;
      }
      case Source::kBlockTradePurchase:
      case Source::kAgreementTransferPurchase:
      case Source::kInquiryTransferPurchase: {
        if (!lot.acquired) {
          L.unknown_rule = R.lock_recv;
          break;
        }
        if (surely_over(*lot.acquired, pack.lock_recv_months)) break;
        const Date last = AfterEventLastDay(*lot.acquired, pack.lock_recv_months);
        ctx.ChangesAfter(last);
        if (d > last) break;
        if (lot.source == Source::kInquiryTransferPurchase) {
          L.Add(R.lock_recv, last);
        } else if (!lot.acquired_from) {
          L.unknown_rule = R.lock_recv;
        } else if (*lot.acquired_from != AcquiredFrom::kOther) {
          L.Add(R.lock_recv, last);
        }
        break;
      }
      default:
        break;
    }
    // Every share the acquirer holds, later purchases included (conservative).
    if (acq_last) {
      ctx.ChangesAt(*h.control_acquired);
      ctx.ChangesAfter(acq_last);
      if (d >= *h.control_acquired && d <= *acq_last) L.Add(R.lock_acq, *acq_last);
    }
    // A declared lockup_until on other sources: a lot-level undertaking.
    ctx.ChangesAfter(lot.lockup_until);
    if (lot.lockup_until && lot.source != Source::kPrivatePlacement &&
        lot.source != Source::kIpoSubscribed && d <= *lot.lockup_until) {
      L.Add(R.lock_commit, *lot.lockup_until);
    }
    for (const Commitment& c : h.commitments) {
      if (c.kind != CommitmentKind::kNoSale) continue;
      const bool covers =
          c.lots.empty() || std::find(c.lots.begin(), c.lots.end(), lot.id) != c.lots.end();
      if (!covers) continue;
      const Date last = c.until.value_or(Date(boost::gregorian::max_date_time));
      if (c.until) ctx.ChangesAfter(*c.until);
      if (d <= last) L.Add(R.lock_commit, last);
    }
    return L;
  };

  // Lots that no lock can reach on this date skip the full computation (the common case on a
  // desk: long-listed companies, market-bought shares). Anything uncertain takes the full path.
  bool any_no_sale = false;
  for (const Commitment& c : h.commitments) any_no_sale |= c.kind == CommitmentKind::kNoSale;
  Date original_latest = bse ? (bse_listed ? bse_last : co.listing_date) : ipo_last;
  if (ctrl_lock) original_latest = std::max(original_latest, ctrl_last);
  if (ext != nullptr) original_latest = std::max(original_latest, ext_last);
  if (unprof_last) original_latest = std::max(original_latest, *unprof_last);
  if (ctp_last) original_latest = std::max(original_latest, *ctp_last);
  if (filing) original_latest = std::max(original_latest, newholder_reach);
  auto surely_free = [&](const Lot& lot) {
    if (any_no_sale || (lot.lockup_until && d <= *lot.lockup_until)) return false;
    if (acq_last && d >= *h.control_acquired && d <= *acq_last) return false;
    switch (lot.source) {
      case Source::kSecondaryBidding:
      case Source::kPublicOffering:
      case Source::kEquityIncentive:
      case Source::kOther:
        return true;
      case Source::kIpoOriginal:
        return d > original_latest;
      default:
        return false;
    }
  };

  // Pass 1: split the holding (allocation-free).
  ShareSplit& s = ctx.split;
  s = ShareSplit{};
  bool any_locked = false;
  bool any_unknown = false;
  for (const Lot& lot : h.lots) {
    if (ctx.lot_states == nullptr && surely_free(lot)) {
      (IsCapped(ctx, lot) ? s.capped_free : s.exempt_free) += lot.shares;
      continue;
    }
    const LotLock L = lock_of(lot);
    const bool capped = IsCapped(ctx, lot);
    if (L.locked) {
      any_locked = true;
      (capped ? s.capped_locked : s.exempt_locked) += lot.shares;
    } else {
      (capped ? s.capped_free : s.exempt_free) += lot.shares;
    }
    any_unknown |= L.unknown_rule != nullptr && !L.locked;
    if (ctx.lot_states != nullptr) ctx.lot_states->push_back({L.locked, capped, L.last_day, L});
  }
  const Shares n = ctx.order.shares;
  if (any_unknown) {
    for (const Lot& lot : h.lots) {
      const LotLock L = lock_of(lot);
      if (L.unknown_rule == nullptr || L.locked) continue;
      if (L.unknown_rule == R.lock_ext) {
        AddUnknown(out, R.lock_ext, "lot " + lot.id + ": " + ext_result->why_en,
                   "批次 " + lot.id + "：" + ext_result->why_zh);
      } else if (L.unknown_rule == R.lock_recv) {
        AddUnknown(out, R.lock_recv,
                   "lot " + lot.id +
                       ": `acquired` and `acquired_from` are needed to decide the "
                       "6-month transferee lock",
                   "批次 " + lot.id + "：需要 acquired 与 acquired_from 以判断受让方六个月锁定");
      } else if (L.unknown_rule == R.lock_newholder) {
        AddUnknown(out, R.lock_newholder,
                   "lot " + lot.id +
                       ": `acquired` is needed to tell whether the pre-IPO shares were "
                       "acquired within " +
                       std::to_string(pack.newholder_window_months) +
                       " months before the IPO filing of " + Iso(*filing) + " (locked " +
                       std::to_string(pack.newholder_lock_months) + " months from acquisition)",
                   "批次 " + lot.id + "：需要 acquired 以判断是否为首发申报（" + Iso(*filing) +
                       "）前" + std::to_string(pack.newholder_window_months) +
                       "个月内取得的股份（自取得之日起锁定" +
                       std::to_string(pack.newholder_lock_months) + "个月）");
      } else if (L.unknown_rule == R.lock_offline) {
        AddUnknown(
            out, R.lock_offline,
            "lot " + lot.id +
                ": IPO-subscribed shares within 6 months of listing may include "
                "a locked offline-placement portion; give `lockup_until`",
            "批次 " + lot.id + "：上市后六个月内的网下配售股份可能部分限售，请提供 lockup_until");
      } else {
        AddUnknown(out, L.unknown_rule,
                   "lot " + lot.id + ": `acquired` or `lockup_until` is needed to decide the lock",
                   "批次 " + lot.id + "：需要 acquired 或 lockup_until 以判断锁定期");
      }
    }
  }
  if (!any_locked) return;

  // The lock limit: every free share may be sold. Named after the rule locking most shares.
  AddLimit(out, nullptr, s.free());  // rule filled below
  if (n <= s.free()) {
    // Name the binding lock cheaply: the first locked lot's first rule.
    for (const Lot& lot : h.lots) {
      const LotLock L = lock_of(lot);
      if (L.locked) {
        out.limits.back().rule = L.rules[0];
        break;
      }
    }
    return;
  }

  // Fail path: the shares beyond the free ones come from locked lots, exempt lots first, then
  // those released earliest (the reading most favourable to the holder).
  std::vector<LockedLot> locked;
  for (const Lot& lot : h.lots) {
    const LotLock L = lock_of(lot);
    if (L.locked) locked.push_back({&lot, L, IsCapped(ctx, lot)});
  }
  std::stable_sort(locked.begin(), locked.end(), [](const LockedLot& a, const LockedLot& b) {
    if (a.capped != b.capped) return !a.capped;
    return a.lock.last_day < b.lock.last_day;
  });
  struct PerRule {
    const RuleInfo* rule;
    Shares breach = 0;
    Shares locked = 0;
    Date last;
    bool original = false;
    std::string lots;
  };
  std::vector<PerRule> per_rule;
  auto entry = [&](const RuleInfo* r) -> PerRule& {
    for (PerRule& p : per_rule) {
      if (p.rule == r) return p;
    }
    return per_rule.emplace_back(PerRule{r, 0, 0, Date(), false, {}});
  };
  for (const LockedLot& l : locked) {
    for (int i = 0; i < l.lock.rule_count; ++i) entry(l.lock.rules[i]).locked += l.lot->shares;
  }
  Shares need = n - s.free();
  for (const LockedLot& l : locked) {
    if (need <= 0) break;
    const Shares take = std::min(need, l.lot->shares);
    need -= take;
    for (int i = 0; i < l.lock.rule_count; ++i) {
      PerRule& p = entry(l.lock.rules[i]);
      p.breach += take;
      p.last = p.lots.empty() ? l.lock.last_day : std::max(p.last, l.lock.last_day);
      p.original |= l.lot->source == Source::kIpoOriginal;
      p.lots += (p.lots.empty() ? "" : ", ") + l.lot->id;
    }
  }
  Shares most = -1;
  for (const PerRule& p : per_rule) {
    if (p.locked > most) {
      most = p.locked;
      out.limits.back().rule = p.rule;
    }
  }
  for (const PerRule& p : per_rule) {
    if (p.breach <= 0) continue;
    Violation& v = AddViolation(out, p.rule, p.breach);
    // A commitment lock broken on pre-IPO shares: the pack decides category 1 or 2
    // (commit_lock_original_category; docs/rules.md explains the ambiguity).
    if (p.rule == R.lock_commit && p.original) {
      v.category = static_cast<Category>(pack.commit_lock_original_category);
    }
    if (!ctx.options.explain) continue;
    const Date free_from = DaysAfter(p.last, 1);
    v.facts = {{"proposed", n},  {"free_shares", s.free()},   {"locked_shares", p.locked},
               {"lots", p.lots}, {"last_locked_day", p.last}, {"tradable_from", free_from}};
    if (p.rule == R.lock_ipo || p.rule == R.lock_ctrl || p.rule == R.lock_strat ||
        p.rule == R.lock_bse || p.rule == R.lock_unprof || p.rule == R.lock_ctp) {
      v.facts.push_back({"listing_date", co.listing_date});
    }
    // Why the board-specific locks bind this holder.
    std::string why_en, why_zh;
    if (p.rule == R.lock_bse) {
      const bool large = !ctx.lock_controller;
      v.facts.push_back({"bse_listed_holder", std::string(large ? "holder_10pct" : "controller")});
      if (large) {
        const Shares pre_ipo = IpoOriginalShares(h);
        v.facts.push_back({"pre_ipo_shares", pre_ipo});
        why_en = " (BSE: a holder of at least 10% before listing, judged by its " + Num(pre_ipo) +
                 " pre-IPO shares of " + Num(ctx.total_shares) + ")";
        why_zh = "（北交所：上市前持股10%以上的股东，按其首发前股份 " + Num(pre_ipo) +
                 " 股 / 总股本 " + Num(ctx.total_shares) + " 股判断）";
      } else {
        why_en = " (BSE: controlling shareholder or actual controller)";
        why_zh = "（北交所：控股股东或实际控制人）";
      }
    } else if (p.rule == R.lock_unprof) {
      const int years = UnprofLockYears(pack, co.board);
      v.facts.push_back({"profitable_at_listing", false});
      v.facts.push_back({"full_fiscal_years_locked", static_cast<std::int64_t>(years)});
      why_en = " (the company was unprofitable at listing: no sale of pre-IPO shares for " +
               std::to_string(years) +
               " full fiscal years unless it has become profitable; no "
               "profitable year's annual report is recorded as disclosed)";
      why_zh = "（公司上市时未盈利：实现盈利前，" + std::to_string(years) +
               " 个完整会计年度内不得减持首发前股份；未见已披露的盈利年度年报）";
    } else if (p.rule == R.lock_strat && (h.roles & kCoInvestor) != 0) {
      v.facts.push_back({"sponsor_coinvestor", true});
      const std::string months = std::to_string(pack.sponsor_coinvest_lock_months);
      why_en = " (the sponsor's co-investment: locked " + months + " months from listing)";
      why_zh = "（保荐机构相关子公司跟投：自上市之日起锁定" + months + "个月）";
    } else if (p.rule == R.lock_ctp) {
      const bool first_year = d <= CtpLockLastDay(ctx);
      const std::optional<Date> leave = CtpLeaveLastDay(ctx);
      if (leave) v.facts.push_back({"departed", *h.departed});
      why_en = " (STAR core technical staff: no transfer";
      why_zh = "（科创板核心技术人员：";
      if (first_year) {
        why_en += " within 12 months from listing";
        why_zh += "上市之日起12个月内";
      }
      if (first_year && leave) {
        why_en += " or";
        why_zh += "及";
      }
      if (leave) {
        why_en += " within 6 months after leaving on " + Iso(*h.departed);
        why_zh += "离职（" + Iso(*h.departed) + "）后6个月内";
      }
      why_en += ")";
      why_zh += "不得转让首发前股份）";
    }
    v.message.en = Num(p.breach) + " of the " + Num(n) + " shares would come from lots locked by " +
                   std::string(p.rule->id) + " (" + p.lots + ") through " + Iso(p.last) +
                   "; only " + Num(s.free()) + " shares are free to sell on " + Iso(d) +
                   "; these lots become tradable on " + Iso(free_from) + why_en;
    v.message.zh = "拟卖出 " + Num(n) + " 股中有 " + Num(p.breach) + " 股来自受 " +
                   std::string(p.rule->id) + " 锁定的批次（" + p.lots + "），锁定至 " +
                   Iso(p.last) + "；" + Iso(d) + " 可卖出的无限售股份仅 " + Num(s.free()) +
                   " 股；上述批次自 " + Iso(free_from) + " 起可交易" + why_zh;
  }
}

bool IsCappedLot(const JudgeContext& ctx, const Lot& lot) { return IsCapped(ctx, lot); }

}  // namespace reducheck::rules_internal
