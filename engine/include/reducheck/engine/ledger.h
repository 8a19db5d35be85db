// Ledger: a scenario indexed for fast, allocation-free queries.
//
// Built once from a Scenario (validating every cross-reference), then read by many checks on
// many threads: all query methods are const and O(log n). Holds the mechanics only (sums over
// windows, holdings over time, crossings of a share-count grid); what those mean in law is in
// rules/. RecordSale, RecordPurchase and RecordAnnouncement change state (batch, planner,
// service).
#ifndef REDUCHECK_ENGINE_LEDGER_H_
#define REDUCHECK_ENGINE_LEDGER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reducheck/engine/scenario.h"
#include "reducheck/engine/share_capital.h"
#include "reducheck/engine/status.h"
#include "reducheck/engine/types.h"

namespace reducheck {

// A change of a concert group's aggregate holding (a past sale or purchase by a member). Share
// counts are in current units (ShareCapital: after every corporate action), like the lots.
struct HoldingEvent {
  Date date;
  Shares before = 0;
  Shares after = 0;
  bool purchase = false;
  std::int32_t holder = -1;
  Method method = Method::kCentralizedBidding;
};

// The group's holding crossed or landed on a multiple of the grid step (touch; 刻度说).
struct GridTouch {
  Date date;
  std::int32_t multiple_bp = 0;   // the multiple touched, e.g. 1000 = 10%
  bool upward = false;            // reached from below (a purchase)
  bool from_below_first = false;  // reached the first multiple from below it (EQ5-FIRST)
};

// Shares a recorded sale takes from one of the holder's lots (index into holder.lots).
struct LotDraw {
  std::int32_t lot = -1;
  Shares shares = 0;
};

class Ledger {
 public:
  // Validates that every holder id referenced by history exists, that ids are unique, and that
  // the company's total shares cover the holdings. `touch_step_bp` is the grid for GridTouches
  // (500 = every multiple of 5% of total shares).
  static Result<Ledger> Build(Scenario scenario, std::int32_t touch_step_bp = 500);

  const Scenario& scenario() const { return scenario_; }
  const Company& company() const { return scenario_.company; }
  // The total share capital over time and the restatement of share counts across bonus issues,
  // capitalisations and splits (company.corporate_actions). Every share count the ledger
  // returns (sums of trades, holding events) is in current units: a trade dated before a bonus
  // is restated (rounded up).
  const ShareCapital& capital() const { return capital_; }
  std::span<const Holder> holders() const { return scenario_.holders; }

  // -1 when no holder has that id.
  std::int32_t HolderIndex(std::string_view id) const;
  const Holder& holder(std::int32_t i) const { return scenario_.holders[static_cast<size_t>(i)]; }
  // Index of the holder's concert group (every holder is in exactly one group; a holder with
  // no concert_group forms a group of one).
  std::int32_t GroupOf(std::int32_t holder) const { return group_of_[static_cast<size_t>(holder)]; }
  std::span<const std::int32_t> GroupMembers(std::int32_t group) const;
  // Aggregate current holding of the group (sum of members' lots).
  Shares GroupHolding(std::int32_t group) const {
    return groups_[static_cast<size_t>(group)].holding;
  }

  // Shares sold by the group's members by `method` with date in [from, to].
  Shares GroupSold(std::int32_t group, Method method, Date from, Date to) const;
  // Shares sold by one holder with date in [from, to], by one method or (nullopt) any method.
  Shares HolderSold(std::int32_t holder, std::optional<Method> method, Date from, Date to) const;
  // The date of the first sale dated on or after `from` (by the group's members and `method`;
  // by one holder and one method or, nullopt, any), if any: where the earliest-date search
  // finds when a past sale leaves a window or a later one enters it.
  std::optional<Date> GroupSaleOnOrAfter(std::int32_t group, Method method, Date from) const;
  std::optional<Date> HolderSaleOnOrAfter(std::int32_t holder, std::optional<Method> method,
                                          Date from) const;
  // Purchases by the group's members with date in [from, to].
  Shares GroupBought(std::int32_t group, Date from, Date to) const;

  // Holding changes of the group, in date order, and the grid touches they made.
  std::span<const HoldingEvent> GroupEvents(std::int32_t group) const;
  std::span<const GridTouch> GroupTouches(std::int32_t group) const;

  // Announcements by one holder, by kind, as indices into scenario().history.announcements,
  // sorted by publication date.
  std::span<const std::int32_t> HolderAnnouncements(std::int32_t holder,
                                                    AnnouncementKind kind) const;
  const Announcement& announcement(std::int32_t i) const {
    return scenario_.history.announcements[static_cast<size_t>(i)];
  }

  std::int32_t touch_step_bp() const { return touch_step_bp_; }

  // Records an executed sale: takes `draws` from the holder's lots (a lot drawn to zero is
  // removed), appends the sale to history and updates every index. Sales of one concert group
  // must come in date order. Use Evaluator::Record, which asks the rule set for the draws.
  // Not thread-safe: callers serialise writes against reads.
  Status RecordSale(const Trade& sale, std::span<const LotDraw> draws);
  // What RecordSale checks before it writes: the holder exists, the draws fit its lots and add
  // up to the sale, and the sale is not dated before the group's last trade nor before the last
  // bonus, conversion or split (lots are after every corporate action). RecordSale with
  // the same arguments succeeds iff this does (and nothing changed in between).
  Status ValidateSale(const Trade& sale, std::span<const LotDraw> draws) const;
  // Records an executed purchase: appends it to history.purchases, adds `lot` (the shares
  // bought) to the holder's lots and updates every index, so the rules that look back on
  // purchases (short-swing, the year-start base) and the holding timeline see it. `lot` must
  // hold exactly the purchase's shares, be acquired on its date and have an id the holder does
  // not use yet; purchases of one concert group come in date order with its sales.
  // Not thread-safe, like RecordSale.
  Status RecordPurchase(const Trade& purchase, Lot lot);
  // What RecordPurchase checks before it writes (it succeeds iff this does, nothing changed in
  // between): the above, and the holdings stay within the company's total shares.
  Status ValidatePurchase(const Trade& purchase, const Lot& lot) const;
  // Records a published announcement (a reduction plan, report, ...).
  Status RecordAnnouncement(Announcement announcement);

 private:
  struct DatedSum {  // prefix sums over a date-sorted list
    std::vector<Date> dates;
    std::vector<Shares> cum;  // cum[i] = sum of shares of entries [0, i]
    Shares Sum(Date from, Date to) const;
    std::optional<Date> FirstOnOrAfter(Date from) const;
    void Add(Date d, Shares v);  // O(1) when d is not before the last date
  };
  struct Group {
    std::vector<std::int32_t> members;
    Shares holding = 0;
    DatedSum sold[kMethodCount];
    DatedSum bought;
    std::vector<HoldingEvent> events;
    std::vector<GridTouch> touches;
  };
  struct PerHolder {
    DatedSum sold[kMethodCount];
    std::vector<std::int32_t> announcements[5];
  };

  struct StringHash {  // heterogeneous lookup: find(string_view) builds no std::string
    using is_transparent = void;
    size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };

  Ledger() = default;
  void Index();
  void AddTouches(Group& g, const HoldingEvent& e) const;

  Scenario scenario_;
  ShareCapital capital_;
  std::int32_t touch_step_bp_ = 500;
  std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>> holder_index_;
  std::vector<std::int32_t> group_of_;
  std::vector<Group> groups_;
  std::vector<PerHolder> per_holder_;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_LEDGER_H_
