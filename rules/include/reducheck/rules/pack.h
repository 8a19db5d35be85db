// RulePack: the versioned numbers of one legal regime, as plain values.
//
// Rules are code, parameters are data (architecture.md). A pack is read from
// rules/packs/<id>.yaml by adapters/yaml/pack_reader by the schema of pack_schema.h: a parameter
// the file omits takes the schema's one default and is listed as such by `reducheck rules`.
#ifndef REDUCHECK_RULES_PACK_H_
#define REDUCHECK_RULES_PACK_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"
#include "reducheck/engine/verdict.h"

namespace reducheck::rules {

// How the cap window is read (A1).
enum class CapWindow : std::uint8_t {
  kRolling90Days,  // any consecutive N calendar days [D-(N-1), D] (exchange guidance; default)
  kThreeMonths,    // the Measures' "三个月": (D - 3 months, D]
  kStrict,         // both; fail if either fails
};

// How "每增加或者减少5%/1%" (Securities Law Art.63) is read.
enum class Eq5Reading : std::uint8_t {
  // 刻度说 (CSRC Opinion No.19, from 2025-01-10): the group's holding touches an integer
  // multiple of 5% / 1% by its own trade; a change of the share capital (passive) touches nothing.
  kTouch,
  // 幅度说 (practice before 2025-01-10): the holding, measured at each of the group's trades
  // against that day's capital, has moved 5 (1) percentage points from the last report, or
  // touched 5% (reaching or leaving the 5% holder status); passive changes enter the amplitude.
  kAmplitude,
};

// One parameter as listed by `reducheck rules`: its key, value as written, and its source.
struct PackParameter {
  std::string key;
  std::string value;
  std::string source;
  std::string note;  // the default chosen for an ambiguity, if any
};

// A legal instrument of the pack's source register, with the days it is in force. Every rule
// citation names its instruments by id; a citation of an instrument not in force on a day the
// citation applies is a load error (ValidateCitations, citations.h).
struct PackSource {
  std::string id;        // "S3"
  std::string title_zh;  // may be empty when title_en is given
  std::string title_en;
  // First day in force; nullopt = never in force (a draft, or a document that is not law, such
  // as a sample announcement): a rule may not cite it.
  std::optional<Date> in_force_from;
  std::optional<Date> in_force_to;  // last day in force (inclusive); nullopt = still in force
};

// One citation of a rule, applying from `from` (the pack's effective_from for the first) until
// the day before the next citation's `from`. Rendered as is in verdicts (zh authoritative).
struct RuleCitation {
  Date from;
  std::vector<std::string> sources;  // ids in RulePack::sources
  std::string zh;
  std::string en;
};

// One rule of the market as a pack treats it: its id in the market's catalog, the pack's category
// for it (nullopt: the catalog's), the first day the pack applies it (nullopt: the pack's
// effective_from; before it the rule's findings are dropped), and its citations, in date order.
struct PackRule {
  std::string id;
  // Non-empty: the pack does not apply the rule at all (why); it then has no citations.
  std::string not_applied;
  std::optional<Category> category;
  std::optional<Date> applies_from;
  std::vector<RuleCitation> citations;
};

struct RulePack {
  std::string id;  // "cn-2024"
  std::string title;
  std::string market;    // jurisdiction whose orders it judges: "cn" (SSE, SZSE, BSE), "hk"
  std::string calendar;  // id of the trading calendar it counts days on
  Date effective_from;
  std::optional<Date> effective_to;  // last day in force, inclusive; nullopt = still in force
  std::vector<PackSource> sources;
  std::vector<PackRule> rules;

  // The numbers the rules read. Their one default, range and readers are in the pack schema
  // (pack_schema.h, rules/src/pack_schema.cpp); the values below are placeholders filled by the
  // reader from the pack file or the schema default, never defaults themselves.
  // Thresholds, in basis points of total share capital (100 bp = 1%).
  std::int32_t major_holder_bp = 0;  // 大股东: >= 5% ("以上" includes 5%)
  std::int32_t cb_cap_bp = 0;        // CAP-CB-1PCT
  std::int32_t bt_cap_bp = 0;        // CAP-BT-2PCT
  std::int32_t cap_window_days = 0;
  CapWindow cap_window = CapWindow::kRolling90Days;
  // CAP-VC (the VC-fund reverse link): a qualifying fund's pre-IPO shares, by its investment
  // period to the listing date: 36-48 months / 48-60 months -> the cb/bt caps in any
  // vc_window_days_36_48 / vc_window_days_48_60 consecutive days; 60 months or more -> no
  // ratio limit for centralized bidding from vc_unlimited_from (the 2020 revision; before it the
  // 48-60 window), and for block trades only when vc_bt_unlimited. Under 36 months: the
  // ordinary caps.
  std::int32_t vc_window_days_36_48 = 0;
  std::int32_t vc_window_days_48_60 = 0;
  Date vc_unlimited_from;
  bool vc_bt_unlimited = false;
  std::int32_t eq5_step_bp = 0;                 // EQ5-MULT grid
  std::int32_t eq1_step_bp = 0;                 // EQ5-1PCT grid
  Eq5Reading eq5_reading = Eq5Reading::kTouch;  // how EQ5-MULT / EQ5-FIRST / EQ5-1PCT trigger

  // Time limits.
  std::int32_t pre_announce_trading_days = 0;  // PRE-15TD, strictly between (A3)
  std::int32_t plan_max_months = 0;            // plan interval
  std::int32_t post5_tail_days = 0;            // CAP-POST5-90D
  std::int32_t eq5_report_days = 0;            // Art.63 report deadline
  std::int32_t eq5_freeze_days_after_report = 0;
  bool eq5_days_are_trading_days = false;  // A6
  std::int32_t lock_ipo_months = 0;        // LOCK-IPO-12M
  std::int32_t lock_ctrl_months = 0;       // LOCK-CTRL-36M
  bool lock_ctrl_includes_concert_parties = false;
  std::int32_t lock_pp_months = 0;              // LOCK-PP-6M
  std::int32_t lock_pp_ctrl_months = 0;         // LOCK-PP-18M
  std::int32_t lock_recv_months = 0;            // LOCK-RECV-6M
  std::int32_t lock_ext_window_months = 0;      // LOCK-EXT-6M: observation window after listing
  std::int32_t lock_ext_consecutive_days = 0;   // LOCK-EXT-6M: consecutive closes below issue
  std::int32_t dno_after_departure_months = 0;  // D&O status lasts this long after leaving
  std::int32_t obligation_1pct_next_trading_days = 0;  // EQ5-1PCT: "次日"

  // Category of a LOCK-COMMIT breach on pre-IPO shares: 1 (the draft penalty rules' example of
  // category 1 is a broken promise not to sell) or 2 (the spec's rule map). Conservative: 1.
  std::int32_t commit_lock_original_category = 0;

  // Pre-announcement scope (PRE-15TD): the 2017 regime required it for bidding sales only.
  bool pre_announce_block_trades = false;
  // A controlling shareholder's or actual controller's block trades need a plan even where
  // pre_announce_block_trades is false (SSE/SZSE notices of 2023-09-26: "未预先披露减持计划的，
  // 控股股东、实际控制人不得通过…集中竞价交易、大宗交易减持股份"); false before 2023-09-26.
  bool pre_announce_block_trades_controllers = false;
  // Longest plan interval of a controlling shareholder or actual controller (2023-09-26
  // notices: "减持时间区间不得超过3个月"); equal to plan_max_months before.
  std::int32_t ctrl_plan_max_months = 0;

  // CAP-PP-50PCT (2017 regime only): within pp_release_months after a private placement's lock
  // expired, the holder's centralized-bidding sales of that placement's shares may not exceed
  // pp_release_max_bp of the placement. 0 = rule off (2024 Measures). It binds placements
  // completed before pp_release_issued_before (the 2020-02-14 refinancing reform exempted later
  // placements from the reduction rules).
  std::int32_t pp_release_months = 0;
  std::int32_t pp_release_max_bp = 0;
  Date pp_release_issued_before;

  // Directors, supervisors and senior managers (spec §7).
  std::int32_t dir_annual_quota_bp = 0;       // DIR-25PCT
  std::int32_t dir_small_holding_shares = 0;  // DIR-25PCT: a holding this small sells whole
  std::int32_t dir_window_major_days = 0;     // DIR-WIN-PERIODIC: annual / semi-annual
  std::int32_t dir_window_minor_days = 0;     // quarterly, forecast, flash
  // DIR-WIN-PERIODIC: quarterly reports have the major window (and its postponement rule), as
  // under the 2007 D&O Rules ("定期报告公告前30日内"); false since the 2022-01-07 revision.
  bool dir_window_quarterly_major = false;
  // DIR-WIN-EVENT: trading days after a material event's disclosure that the window still runs
  // (2007 D&O Rules: "至依法披露后2个交易日内"); 0 = through the disclosure day (since 2022-01-07).
  std::int32_t dir_event_window_trading_days_after = 0;
  std::int32_t dir_leave_months = 0;  // DIR-LEAVE-6M
  // Supervisors after their company abolished its supervisory board
  // (company.supervisory_board_abolished): true = the abolition is their departure (DIR-LEAVE-6M
  // and the D&O tail follow; conservative); false = free from that day.
  bool supervisor_abolition_is_departure = false;
  // End of the transition for abolishing supervisory boards (2026-01-01): afterwards a
  // `supervisor` with no abolition date on file makes DIR-LEAVE-6M unknown.
  Date supervisor_transition_end;
  std::int32_t dir_list_months = 0;    // DIR-LIST-1Y
  std::int32_t shortswing_months = 0;  // DIR-SHORTSWING

  // Controller bans (spec §5).
  std::int32_t ctrl_lookback_trading_days = 0;  // CTRL-BREAK-IPO / CTRL-BREAK-NAV (A4)
  std::int32_t ctrl_div_years = 0;              // CTRL-DIV
  std::int32_t ctrl_div_min_bp = 0;             // cumulative dividends vs average profit

  // Other bans (spec §6).
  std::int32_t ban_after_penalty_months = 0;
  std::int32_t ban_after_reprimand_months = 0;

  // Transfers other than bidding and block trades (spec §3).
  std::int32_t at_min_bp = 0;           // CAP-AT-5PCT per transferee
  std::int32_t at_floor_main_bp = 0;    // of the prior close, main board
  std::int32_t at_floor_growth_bp = 0;  // STAR / ChiNext
  std::int32_t at_tail_months = 0;      // A22
  std::int32_t it_min_bp = 0;           // CAP-IT minimum size
  std::int32_t it_floor_bp = 0;         // of the 20-day average price
  std::int32_t it_lookback_trading_days = 0;

  // Board specifics (spec §2).
  std::int32_t bse_lock_months = 0;           // LOCK-BSE-12M
  std::int32_t unprof_lock_fiscal_years = 0;  // LOCK-UNPROF, STAR / ChiNext
  std::int32_t unprof_lock_fiscal_years_bse = 0;
  std::int32_t unprof_cap_bp = 0;    // per year in fiscal years 4-5
  std::int32_t ctp_lock_months = 0;  // LOCK-CTP-STAR
  std::int32_t ctp_leave_months = 0;
  std::int32_t ctp_annual_bp = 0;
  std::int32_t ctp_years = 0;
  std::int32_t strat_lock_months = 0;  // LOCK-STRAT
  // LOCK-STRAT for a sponsor_coinvestor's IPO-subscribed shares (保荐机构跟投), from listing.
  std::int32_t sponsor_coinvest_lock_months = 0;
  // LOCK-NEWHOLDER-36M: pre-IPO shares acquired within newholder_window_months before the IPO
  // filing are locked newholder_lock_months from acquisition, for filings from
  // newholder_filed_from (CSRC guidance of 2021-02-05).
  std::int32_t newholder_window_months = 0;
  std::int32_t newholder_lock_months = 0;
  Date newholder_filed_from;
  // LOCK-ACQ-18M: an acquirer's shares, months after the acquisition of control.
  std::int32_t acq_lock_months = 0;

  // Penalty exposure (spec §9; CSRC draft rules, unverified): tier points t0..t3 of the fine
  // as a share of the violating sale amount, per category; lighter -> [t0,t1],
  // general -> [t1,t2], heavier -> [t2,t3].
  std::array<std::int32_t, 4> pen_cat1_bp{};
  std::array<std::int32_t, 4> pen_cat2_bp{};
  std::array<std::int32_t, 4> pen_cat3_bp{};
  std::array<std::int32_t, 4> pen_cat4_multiple{};  // times the illegal gain
  // Fixed category-4 fines: [lighter max, general min, general max, heavier max].
  std::array<Money, 4> pen_cat4_fixed_yuan{};
  Money pen_cat4_small_gain_yuan;
  std::int32_t pen_lighter_qty_bp = 0;  // lighter: qty < 2% of total ...
  Money pen_lighter_amount_yuan;        // ... or amount < 40M
  std::int32_t pen_heavier_qty_bp = 0;  // heavier: qty > 5% ...
  Money pen_heavier_amount_yuan;        // ... and amount > 500M
  Money shortswing_fine_min_yuan;       // Securities Law Art.189
  Money shortswing_fine_max_yuan;

  // ---- Market "hk" (HKEX Main Board; hk packs only, docs/markets.md) ----
  // HK-LR-10.07: a controlling shareholder shown in the listing document may not dispose of its
  // shares from the listing document's date until hk_lock_first_months after dealings commence,
  // nor in the next hk_lock_second_months so that it would cease to be a controlling
  // shareholder (hk_control_bp of the voting shares: Listing Rules Chapter 1, 30%).
  std::int32_t hk_lock_first_months = 0;
  std::int32_t hk_lock_second_months = 0;
  std::int32_t hk_control_bp = 0;
  // Whether 10.07 binds the controlling shareholder's A shares of an A+H issuer too (the rule
  // speaks of the issuer's securities shown in the listing document; conservative: true).
  bool hk_lock_reaches_a_shares = false;
  // HK-MC-BLACKOUT (Model Code, Appendix C3 A.3(a)): no dealing by a director in the
  // hk_blackout_annual_days before the annual results' publication (or from the year end if
  // shorter), hk_blackout_interim_days before half-year and quarterly results.
  std::int32_t hk_blackout_annual_days = 0;
  std::int32_t hk_blackout_interim_days = 0;
  bool hk_blackout_includes_publication_day = false;  // conservative: true
  bool hk_blackout_reaches_a_shares = false;   // the Code covers any of the issuer's securities
  bool hk_blackout_binds_supervisors = false;  // PRC issuers' supervisors (conservative)
  // The latest publication of results after a period's end (Listing Rules 13.49(1): annual, 3
  // months; 13.48(1): half-year, 2 months; quarterly results of an A+H issuer: the A-share
  // deadline, 1 month). From a period's end to that deadline, a director's date is in the
  // blackout or not depending on the publication date: without the report on file in
  // company.reports, HK-MC-BLACKOUT is unknown (never a pass).
  std::int32_t hk_annual_results_months = 0;
  std::int32_t hk_interim_results_months = 0;
  std::int32_t hk_quarterly_results_months = 0;
  // HK-SFO-XV (Securities and Futures Ordinance Part XV): a substantial shareholder (at least
  // hk_sfo_threshold_bp of the class) notifies each change of the whole-percentage level, and a
  // director every dealing, within hk_sfo_notice_business_days.
  std::int32_t hk_sfo_threshold_bp = 0;
  std::int32_t hk_sfo_notice_business_days = 0;

  std::vector<PackParameter> parameters;  // as read, for listing
};

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_PACK_H_
