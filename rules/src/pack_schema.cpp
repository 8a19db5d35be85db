// The cn pack schema (pack_schema.h): every parameter, its one default, its range and the rules
// that read it. The defaults are the 2024 Measures' numbers (spec rules-cn.md); a pack that
// omits a key gets the default, and `reducheck rules` lists it as such.
#include "reducheck/rules/pack_schema.h"

#include <cstdint>
#include <string>

namespace reducheck::rules {
namespace {

constexpr std::int64_t kMaxMonths = 120;
// The touch grid of every scenario ledger (engine Ledger::Build's default, used by all readers).
constexpr std::int32_t kLedgerTouchStepBp = 500;
constexpr std::int64_t kMaxCalendarDays = 3660;
constexpr std::int64_t kMaxTradingDays = 250;

constexpr ParamDef Percent(std::string_view key, std::int32_t RulePack::*field, std::string_view d,
                           std::string_view by) {
  ParamDef p{key, ParamKind::kPercent, d, by};
  p.count = field;
  return p;
}
// A percentage in [0, 100]; 0 switches the rule off.
constexpr ParamDef PercentOrOff(std::string_view key, std::int32_t RulePack::*field,
                                std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kPercentOrOff, d, by};
  p.count = field;
  return p;
}
constexpr ParamDef Count(std::string_view key, std::int32_t RulePack::*field, std::int64_t min,
                         std::int64_t max, std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kCount, d, by};
  p.count = field;
  p.min = min;
  p.max = max;
  return p;
}
constexpr ParamDef Flag(std::string_view key, bool RulePack::*field, std::string_view d,
                        std::string_view by) {
  ParamDef p{key, ParamKind::kFlag, d, by};
  p.flag = field;
  return p;
}
constexpr ParamDef DateParam(std::string_view key, Date RulePack::*field, std::string_view d,
                             std::string_view by) {
  ParamDef p{key, ParamKind::kDate, d, by};
  p.date = field;
  return p;
}
constexpr ParamDef CapWindowParam(std::string_view key, CapWindow RulePack::*field,
                                  std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kCapWindow, d, by};
  p.cap_window = field;
  return p;
}
constexpr ParamDef Eq5ReadingParam(std::string_view key, Eq5Reading RulePack::*field,
                                   std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kEq5Reading, d, by};
  p.eq5_reading = field;
  return p;
}
// Four non-decreasing percentages in [0, 100] (penalty tier points t0..t3).
constexpr ParamDef Tiers(std::string_view key, std::array<std::int32_t, 4> RulePack::*field,
                         std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kTiers, d, by};
  p.tiers = field;
  p.max = 10000;
  return p;
}
// Four non-decreasing whole multiples in [0, 100].
constexpr ParamDef Multiples(std::string_view key, std::array<std::int32_t, 4> RulePack::*field,
                             std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kMultiples, d, by};
  p.tiers = field;
  p.max = 100;
  return p;
}
constexpr ParamDef Amount(std::string_view key, Money RulePack::*field, std::string_view d,
                          std::string_view by) {
  ParamDef p{key, ParamKind::kAmount, d, by};
  p.amount = field;
  return p;
}
constexpr ParamDef Amounts(std::string_view key, std::array<Money, 4> RulePack::*field,
                           std::string_view d, std::string_view by) {
  ParamDef p{key, ParamKind::kAmounts, d, by};
  p.amounts = field;
  return p;
}

const ParamDef kParams[] = {
    Percent("major_holder_pct", &RulePack::major_holder_bp, "5.00",
            "status: major shareholder (大股东)"),
    Percent("cb_cap_pct", &RulePack::cb_cap_bp, "1.00", "CAP-CB-1PCT"),
    Percent("bt_cap_pct", &RulePack::bt_cap_bp, "2.00", "CAP-BT-2PCT"),
    Count("cap_window_days", &RulePack::cap_window_days, 1, kMaxCalendarDays, "90",
          "CAP-CB-1PCT, CAP-BT-2PCT"),
    CapWindowParam("cap_window", &RulePack::cap_window, "rolling_90_days",
                   "CAP-CB-1PCT, CAP-BT-2PCT"),
    Count("vc_window_days_36_48", &RulePack::vc_window_days_36_48, 1, kMaxCalendarDays, "60",
          "CAP-VC"),
    Count("vc_window_days_48_60", &RulePack::vc_window_days_48_60, 1, kMaxCalendarDays, "30",
          "CAP-VC"),
    DateParam("vc_unlimited_from", &RulePack::vc_unlimited_from, "2020-03-31", "CAP-VC"),
    Flag("vc_bt_unlimited", &RulePack::vc_bt_unlimited, "false", "CAP-VC"),
    Percent("eq5_step_pct", &RulePack::eq5_step_bp, "5.00", "EQ5-MULT"),
    Percent("eq1_step_pct", &RulePack::eq1_step_bp, "1.00", "EQ5-1PCT"),
    Eq5ReadingParam("eq5_reading", &RulePack::eq5_reading, "touch",
                    "EQ5-FIRST, EQ5-MULT, EQ5-1PCT"),
    Count("pre_announce_trading_days", &RulePack::pre_announce_trading_days, 1, kMaxTradingDays,
          "15", "PRE-15TD"),
    Count("plan_max_months", &RulePack::plan_max_months, 1, kMaxMonths, "3", "PRE-15TD, CAP-PLAN"),
    Count("post5_tail_days", &RulePack::post5_tail_days, 1, kMaxCalendarDays, "90",
          "CAP-POST5-90D"),
    Count("eq5_report_days", &RulePack::eq5_report_days, 1, kMaxTradingDays, "3",
          "EQ5-FIRST, EQ5-MULT"),
    Count("eq5_freeze_days_after_report", &RulePack::eq5_freeze_days_after_report, 1,
          kMaxTradingDays, "3", "EQ5-FIRST, EQ5-MULT"),
    Flag("eq5_days_are_trading_days", &RulePack::eq5_days_are_trading_days, "true",
         "EQ5-FIRST, EQ5-MULT"),
    Count("lock_ipo_months", &RulePack::lock_ipo_months, 1, kMaxMonths, "12", "LOCK-IPO-12M"),
    Count("lock_ctrl_months", &RulePack::lock_ctrl_months, 1, kMaxMonths, "36", "LOCK-CTRL-36M"),
    Flag("lock_ctrl_includes_concert_parties", &RulePack::lock_ctrl_includes_concert_parties,
         "true", "LOCK-CTRL-36M"),
    Count("lock_pp_months", &RulePack::lock_pp_months, 1, kMaxMonths, "6", "LOCK-PP-6M"),
    Count("lock_pp_ctrl_months", &RulePack::lock_pp_ctrl_months, 1, kMaxMonths, "18",
          "LOCK-PP-18M"),
    Count("lock_recv_months", &RulePack::lock_recv_months, 1, kMaxMonths, "6", "LOCK-RECV-6M"),
    Count("lock_ext_window_months", &RulePack::lock_ext_window_months, 1, kMaxMonths, "6",
          "LOCK-EXT-6M"),
    Count("lock_ext_consecutive_days", &RulePack::lock_ext_consecutive_days, 1, kMaxTradingDays,
          "20", "LOCK-EXT-6M"),
    Count("dno_after_departure_months", &RulePack::dno_after_departure_months, 1, kMaxMonths, "6",
          "status: D&O"),
    Count("obligation_1pct_next_trading_days", &RulePack::obligation_1pct_next_trading_days, 1,
          kMaxTradingDays, "1", "EQ5-1PCT"),
    Count("commit_lock_original_category", &RulePack::commit_lock_original_category, 1, 2, "1",
          "LOCK-COMMIT"),
    Flag("pre_announce_block_trades", &RulePack::pre_announce_block_trades, "true", "PRE-15TD"),
    Flag("pre_announce_block_trades_controllers", &RulePack::pre_announce_block_trades_controllers,
         "true", "PRE-15TD"),
    Count("ctrl_plan_max_months", &RulePack::ctrl_plan_max_months, 1, kMaxMonths, "3",
          "PRE-15TD, CAP-PLAN"),
    Count("pp_release_months", &RulePack::pp_release_months, 1, kMaxMonths, "12", "CAP-PP-50PCT"),
    PercentOrOff("pp_release_max_pct", &RulePack::pp_release_max_bp, "0.00", "CAP-PP-50PCT"),
    DateParam("pp_release_issued_before", &RulePack::pp_release_issued_before, "2020-02-14",
              "CAP-PP-50PCT"),
    Percent("dir_annual_quota_pct", &RulePack::dir_annual_quota_bp, "25.00", "DIR-25PCT"),
    Count("dir_small_holding_shares", &RulePack::dir_small_holding_shares, 0, 1000000, "1000",
          "DIR-25PCT"),
    Count("dir_window_major_days", &RulePack::dir_window_major_days, 1, kMaxCalendarDays, "15",
          "DIR-WIN-PERIODIC"),
    Count("dir_window_minor_days", &RulePack::dir_window_minor_days, 1, kMaxCalendarDays, "5",
          "DIR-WIN-PERIODIC"),
    Flag("dir_window_quarterly_major", &RulePack::dir_window_quarterly_major, "false",
         "DIR-WIN-PERIODIC"),
    Count("dir_event_window_trading_days_after", &RulePack::dir_event_window_trading_days_after, 0,
          kMaxTradingDays, "0", "DIR-WIN-EVENT"),
    Count("dir_leave_months", &RulePack::dir_leave_months, 1, kMaxMonths, "6", "DIR-LEAVE-6M"),
    Flag("supervisor_abolition_is_departure", &RulePack::supervisor_abolition_is_departure, "true",
         "status: D&O, DIR-LEAVE-6M"),
    DateParam("supervisor_transition_end", &RulePack::supervisor_transition_end, "2026-01-01",
              "DIR-LEAVE-6M"),
    Count("dir_list_months", &RulePack::dir_list_months, 1, kMaxMonths, "12", "DIR-LIST-1Y"),
    Count("shortswing_months", &RulePack::shortswing_months, 1, kMaxMonths, "6", "DIR-SHORTSWING"),
    Count("ctrl_lookback_trading_days", &RulePack::ctrl_lookback_trading_days, 1, kMaxTradingDays,
          "20", "CTRL-BREAK-IPO, CTRL-BREAK-NAV"),
    Count("ctrl_div_years", &RulePack::ctrl_div_years, 1, 10, "3", "CTRL-DIV"),
    Percent("ctrl_div_min_pct", &RulePack::ctrl_div_min_bp, "30.00", "CTRL-DIV"),
    Count("ban_after_penalty_months", &RulePack::ban_after_penalty_months, 1, kMaxMonths, "6",
          "BAN-MAJ-INV, BAN-MAJ-REPR, BAN-CO-*"),
    Count("ban_after_reprimand_months", &RulePack::ban_after_reprimand_months, 1, kMaxMonths, "3",
          "BAN-MAJ-INV, BAN-MAJ-REPR, BAN-CO-*"),
    Percent("at_min_pct", &RulePack::at_min_bp, "5.00", "CAP-AT-5PCT"),
    Percent("at_floor_main_pct", &RulePack::at_floor_main_bp, "90.00", "CAP-AT-5PCT"),
    Percent("at_floor_growth_pct", &RulePack::at_floor_growth_bp, "80.00", "CAP-AT-5PCT"),
    Count("at_tail_months", &RulePack::at_tail_months, 1, kMaxMonths, "6", "CAP-AT-5PCT"),
    Percent("it_min_pct", &RulePack::it_min_bp, "1.00", "CAP-IT"),
    Percent("it_floor_pct", &RulePack::it_floor_bp, "70.00", "CAP-IT"),
    Count("it_lookback_trading_days", &RulePack::it_lookback_trading_days, 1, kMaxTradingDays, "20",
          "CAP-IT"),
    Count("bse_lock_months", &RulePack::bse_lock_months, 1, kMaxMonths, "12", "LOCK-BSE-12M"),
    Count("unprof_lock_fiscal_years", &RulePack::unprof_lock_fiscal_years, 1, 10, "3",
          "LOCK-UNPROF"),
    Count("unprof_lock_fiscal_years_bse", &RulePack::unprof_lock_fiscal_years_bse, 1, 10, "2",
          "LOCK-UNPROF"),
    Percent("unprof_cap_pct", &RulePack::unprof_cap_bp, "2.00", "LOCK-UNPROF"),
    Count("ctp_lock_months", &RulePack::ctp_lock_months, 1, kMaxMonths, "12", "LOCK-CTP-STAR"),
    Count("ctp_leave_months", &RulePack::ctp_leave_months, 1, kMaxMonths, "6", "LOCK-CTP-STAR"),
    Percent("ctp_annual_pct", &RulePack::ctp_annual_bp, "25.00", "LOCK-CTP-STAR"),
    Count("ctp_years", &RulePack::ctp_years, 1, 10, "4", "LOCK-CTP-STAR"),
    Count("strat_lock_months", &RulePack::strat_lock_months, 1, kMaxMonths, "12", "LOCK-STRAT"),
    Count("sponsor_coinvest_lock_months", &RulePack::sponsor_coinvest_lock_months, 1, kMaxMonths,
          "24", "LOCK-STRAT"),
    Count("newholder_window_months", &RulePack::newholder_window_months, 1, kMaxMonths, "12",
          "LOCK-NEWHOLDER-36M"),
    Count("newholder_lock_months", &RulePack::newholder_lock_months, 1, kMaxMonths, "36",
          "LOCK-NEWHOLDER-36M"),
    DateParam("newholder_filed_from", &RulePack::newholder_filed_from, "2021-02-05",
              "LOCK-NEWHOLDER-36M"),
    Count("acq_lock_months", &RulePack::acq_lock_months, 1, kMaxMonths, "18", "LOCK-ACQ-18M"),
    Tiers("pen_cat1_pct", &RulePack::pen_cat1_bp, "[0, 30, 50, 100]", "penalty exposure (spec §9)"),
    Tiers("pen_cat2_pct", &RulePack::pen_cat2_bp, "[0, 20, 30, 100]", "penalty exposure (spec §9)"),
    Tiers("pen_cat3_pct", &RulePack::pen_cat3_bp, "[0, 10, 20, 100]", "penalty exposure (spec §9)"),
    Multiples("pen_cat4_multiple", &RulePack::pen_cat4_multiple, "[0, 3, 5, 10]",
              "penalty exposure (spec §9)"),
    Amounts("pen_cat4_fixed_yuan", &RulePack::pen_cat4_fixed_yuan,
            "[1000000, 3000000, 5000000, 10000000]", "penalty exposure (spec §9)"),
    Amount("pen_cat4_small_gain_yuan", &RulePack::pen_cat4_small_gain_yuan, "1000000",
           "penalty exposure (spec §9)"),
    Percent("pen_lighter_qty_pct", &RulePack::pen_lighter_qty_bp, "2.00",
            "penalty exposure (spec §9)"),
    Amount("pen_lighter_amount_yuan", &RulePack::pen_lighter_amount_yuan, "40000000",
           "penalty exposure (spec §9)"),
    Percent("pen_heavier_qty_pct", &RulePack::pen_heavier_qty_bp, "5.00",
            "penalty exposure (spec §9)"),
    Amount("pen_heavier_amount_yuan", &RulePack::pen_heavier_amount_yuan, "500000000",
           "penalty exposure (spec §9)"),
    Amount("shortswing_fine_min_yuan", &RulePack::shortswing_fine_min_yuan, "100000",
           "DIR-SHORTSWING penalty"),
    Amount("shortswing_fine_max_yuan", &RulePack::shortswing_fine_max_yuan, "1000000",
           "DIR-SHORTSWING penalty"),
};

// Market "hk" (HKEX Main Board): the numbers of the Listing Rules, the Model Code and the SFO
// as in force in 2025 (rules/packs/hk-2025.yaml cites each).
const ParamDef kHkParams[] = {
    Count("hk_lock_first_months", &RulePack::hk_lock_first_months, 1, kMaxMonths, "6",
          "HK-LR-10.07-FIRST"),
    Count("hk_lock_second_months", &RulePack::hk_lock_second_months, 0, kMaxMonths, "6",
          "HK-LR-10.07-CONTROL"),
    Percent("hk_control_pct", &RulePack::hk_control_bp, "30.00", "HK-LR-10.07-CONTROL"),
    Flag("hk_lock_reaches_a_shares", &RulePack::hk_lock_reaches_a_shares, "true",
         "HK-LR-10.07-FIRST, HK-LR-10.07-CONTROL"),
    Count("hk_blackout_annual_days", &RulePack::hk_blackout_annual_days, 0, kMaxCalendarDays, "60",
          "HK-MC-BLACKOUT"),
    Count("hk_blackout_interim_days", &RulePack::hk_blackout_interim_days, 0, kMaxCalendarDays,
          "30", "HK-MC-BLACKOUT"),
    Flag("hk_blackout_includes_publication_day", &RulePack::hk_blackout_includes_publication_day,
         "true", "HK-MC-BLACKOUT"),
    Flag("hk_blackout_reaches_a_shares", &RulePack::hk_blackout_reaches_a_shares, "true",
         "HK-MC-BLACKOUT"),
    Flag("hk_blackout_binds_supervisors", &RulePack::hk_blackout_binds_supervisors, "true",
         "HK-MC-BLACKOUT"),
    Count("hk_annual_results_months", &RulePack::hk_annual_results_months, 1, 12, "3",
          "HK-MC-BLACKOUT"),
    Count("hk_interim_results_months", &RulePack::hk_interim_results_months, 1, 12, "2",
          "HK-MC-BLACKOUT"),
    Count("hk_quarterly_results_months", &RulePack::hk_quarterly_results_months, 0, 12, "1",
          "HK-MC-BLACKOUT"),
    Percent("hk_sfo_threshold_pct", &RulePack::hk_sfo_threshold_bp, "5.00", "HK-SFO-XV"),
    Count("hk_sfo_notice_business_days", &RulePack::hk_sfo_notice_business_days, 1, kMaxTradingDays,
          "3", "HK-SFO-XV"),
};

}  // namespace

std::span<const ParamDef> PackSchema(std::string_view market) {
  if (market == "cn") return kParams;
  if (market == "hk") return kHkParams;
  return {};
}

const ParamDef* FindParam(std::string_view key, std::string_view market) {
  for (const ParamDef& p : PackSchema(market)) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

Status CheckPackToCompile(const RulePack& pack, std::string_view market) {
  if (pack.market != market) {
    return InvalidInput("rule pack " + pack.id + ": market is '" + pack.market + "', not '" +
                        std::string(market) + "'");
  }
  auto first = [&](const std::vector<PackProblem>& problems) {
    return InvalidInput("rule pack " + pack.id + ": " + problems.front().key + ": " +
                        problems.front().message);
  };
  if (const std::vector<PackProblem> problems = CheckParameters(pack); !problems.empty()) {
    return first(problems);
  }
  if (pack.id.empty()) return InvalidInput("rule pack: id is empty");
  if (const std::vector<PackProblem> problems = CheckPack(pack); !problems.empty()) {
    return first(problems);
  }
  return Status::Ok();
}

std::vector<PackProblem> CheckParameters(const RulePack& pack) {
  std::vector<PackProblem> out;
  // Each value in its own range (the reader checks these while parsing; a pack built in code
  // is checked here).
  for (const ParamDef& p : PackSchema(pack.market)) {
    const std::string key = "parameters." + std::string(p.key) + ".value";
    auto range = [&](std::int64_t v, std::int64_t lo, std::int64_t hi) {
      if (v < lo || v > hi) {
        out.push_back({key, std::string(p.key) + " is " + std::to_string(v) + ", expected " +
                                std::to_string(lo) + " to " + std::to_string(hi)});
      }
    };
    switch (p.kind) {
      case ParamKind::kPercent:
        range(pack.*p.count, 1, 10000);
        break;
      case ParamKind::kPercentOrOff:
        range(pack.*p.count, 0, 10000);
        break;
      case ParamKind::kCount:
        range(pack.*p.count, p.min, p.max);
        break;
      case ParamKind::kTiers:
      case ParamKind::kMultiples:
        for (std::size_t i = 0; i < 4; ++i) {
          range((pack.*p.tiers)[i], i == 0 ? 0 : (pack.*p.tiers)[i - 1], p.max);
        }
        break;
      case ParamKind::kAmount:
        range((pack.*p.amount).units(), 0, INT64_MAX);
        break;
      case ParamKind::kAmounts:
        for (std::size_t i = 0; i < 4; ++i) {
          range((pack.*p.amounts)[i].units(), i == 0 ? 0 : (pack.*p.amounts)[i - 1].units(),
                INT64_MAX);
        }
        break;
      case ParamKind::kFlag:
      case ParamKind::kCapWindow:
      case ParamKind::kEq5Reading:
        break;
      case ParamKind::kDate:
        if ((pack.*p.date).is_special())
          out.push_back({key, std::string(p.key) + " is not a date"});
        break;
    }
  }
  if (!out.empty() || pack.market != "cn") return out;
  // EQ5-MULT reads the touches the scenario's ledger indexed on its grid (Ledger::Build, 5% for
  // every reader); a pack on another grid would make every check an internal error (exit 3).
  // EQ5-1PCT walks the 1% grid inside it, so that grid must divide it.
  if (pack.eq5_step_bp != kLedgerTouchStepBp) {
    out.push_back({"parameters.eq5_step_pct.value",
                   "eq5_step_pct must be 5.00: scenario ledgers index touches of multiples of 5% "
                   "(Ledger::Build), got " +
                       std::to_string(pack.eq5_step_bp) + " bp"});
  } else if (pack.eq1_step_bp > 0 && pack.eq5_step_bp % pack.eq1_step_bp != 0) {
    out.push_back({"parameters.eq1_step_pct.value",
                   "eq1_step_pct (" + std::to_string(pack.eq1_step_bp) +
                       " bp) must divide eq5_step_pct (" + std::to_string(pack.eq5_step_bp) +
                       " bp): the 1% notices walk the 5% grid"});
  }
  // CAP-VC relaxes the ordinary caps (the reverse link shortens the window, never lengthens
  // it): its windows fit inside the ordinary one, the longer investment period the shorter.
  if (pack.vc_window_days_36_48 > pack.cap_window_days) {
    out.push_back({"parameters.vc_window_days_36_48.value",
                   "vc_window_days_36_48 (" + std::to_string(pack.vc_window_days_36_48) +
                       ") is longer than cap_window_days (" + std::to_string(pack.cap_window_days) +
                       ")"});
  }
  if (pack.vc_window_days_48_60 > pack.vc_window_days_36_48) {
    out.push_back({"parameters.vc_window_days_48_60.value",
                   "vc_window_days_48_60 (" + std::to_string(pack.vc_window_days_48_60) +
                       ") is longer than vc_window_days_36_48 (" +
                       std::to_string(pack.vc_window_days_36_48) + ")"});
  }
  if (pack.shortswing_fine_min_yuan > pack.shortswing_fine_max_yuan) {
    out.push_back({"parameters.shortswing_fine_min_yuan.value",
                   "shortswing_fine_min_yuan is above shortswing_fine_max_yuan"});
  }
  if (pack.pen_lighter_qty_bp > pack.pen_heavier_qty_bp) {
    out.push_back({"parameters.pen_lighter_qty_pct.value",
                   "pen_lighter_qty_pct is above pen_heavier_qty_pct"});
  }
  return out;
}

}  // namespace reducheck::rules
