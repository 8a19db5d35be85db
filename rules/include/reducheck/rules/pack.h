// RulePack: the versioned numbers of one legal regime, as plain values.
//
// Rules are code, parameters are data (architecture.md). A pack is read from
// rules/packs/<id>.yaml by adapters/yaml/pack_reader; every field is required there (no silent
// defaults), and each carries its legal source for `reducheck rules`.
#ifndef REDUCHECK_RULES_PACK_H_
#define REDUCHECK_RULES_PACK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/types.h"

namespace reducheck::rules {

// How the cap window is read (A1).
enum class CapWindow : std::uint8_t {
  kRolling90Days,  // any consecutive N calendar days [D-(N-1), D] (exchange guidance; default)
  kThreeMonths,    // the Measures' "三个月": (D - 3 months, D]
  kStrict,         // both; fail if either fails
};

// One parameter as listed by `reducheck rules`: its key, value as written, and its source.
struct PackParameter {
  std::string key;
  std::string value;
  std::string source;
  std::string note;  // the default chosen for an ambiguity, if any
};

struct RulePack {
  std::string id;     // "cn-2024"
  std::string title;
  Date effective_from;
  std::optional<Date> effective_to;  // last day in force, inclusive; nullopt = still in force

  // Thresholds, in basis points of total share capital (100 bp = 1%).
  std::int32_t major_holder_bp = 500;   // 大股东: >= 5% ("以上" includes 5%)
  std::int32_t cb_cap_bp = 100;         // CAP-CB-1PCT
  std::int32_t bt_cap_bp = 200;         // CAP-BT-2PCT
  std::int32_t cap_window_days = 90;
  CapWindow cap_window = CapWindow::kRolling90Days;
  std::int32_t eq5_step_bp = 500;       // EQ5-MULT grid
  std::int32_t eq1_step_bp = 100;       // EQ5-1PCT grid

  // Time limits.
  std::int32_t pre_announce_trading_days = 15;  // PRE-15TD, strictly between (A3)
  std::int32_t plan_max_months = 3;             // plan interval
  std::int32_t post5_tail_days = 90;            // CAP-POST5-90D
  std::int32_t eq5_report_days = 3;             // Art.63 report deadline
  std::int32_t eq5_freeze_days_after_report = 3;
  bool eq5_days_are_trading_days = true;        // A6
  std::int32_t lock_ipo_months = 12;            // LOCK-IPO-12M
  std::int32_t lock_ctrl_months = 36;           // LOCK-CTRL-36M
  bool lock_ctrl_includes_concert_parties = true;
  std::int32_t lock_pp_months = 6;              // LOCK-PP-6M
  std::int32_t lock_pp_ctrl_months = 18;        // LOCK-PP-18M
  std::int32_t lock_recv_months = 6;            // LOCK-RECV-6M
  std::int32_t lock_ext_window_months = 6;      // LOCK-EXT-6M: observation window after listing
  std::int32_t lock_ext_consecutive_days = 20;  // LOCK-EXT-6M: consecutive closes below issue
  std::int32_t dno_after_departure_months = 6;  // D&O status lasts this long after leaving
  std::int32_t obligation_1pct_next_trading_days = 1;  // EQ5-1PCT: "次日"

  std::vector<PackParameter> parameters;  // as read, for listing
};

}  // namespace reducheck::rules

#endif  // REDUCHECK_RULES_PACK_H_
