// What already happened: past sales, purchases and announcements (contract.md §1 `history`).
// History is what windows look back on; it does not change the holders' lots.
#ifndef REDUCHECK_ENGINE_HISTORY_H_
#define REDUCHECK_ENGINE_HISTORY_H_

#include <optional>
#include <string>
#include <vector>

#include "reducheck/engine/money.h"
#include "reducheck/engine/types.h"

namespace reducheck {

struct Trade {  // a past sale or purchase
  std::string holder;
  Date date;
  Method method = Method::kCentralizedBidding;
  Shares shares = 0;
  std::optional<Money> price;
  // H-share trades change the holding (thresholds on total share capital count them) but not
  // the A-share rules' sold quantities (caps, plans, the directors' 25%).
  ShareClass share_class = ShareClass::kA;
};

struct Announcement {
  std::string holder;
  AnnouncementKind kind = AnnouncementKind::kReductionPlan;
  Date published;
  std::optional<Date> window_start;  // reduction_plan only
  std::optional<Date> window_end;    // reduction_plan only; last day included
  std::optional<Shares> max_shares;  // reduction_plan only
  std::vector<Method> methods;       // reduction_plan only
};

struct History {
  std::vector<Trade> sales;
  std::vector<Trade> purchases;
  std::vector<Announcement> announcements;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_HISTORY_H_
