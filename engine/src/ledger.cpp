#include "reducheck/engine/ledger.h"

#include <algorithm>
#include <string>

#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck {
namespace {

std::string Iso(Date d) { return ToIso(d); }

// Largest share count that is at most `bp` basis points of `total` (floor).
Shares FloorOfBp(std::int64_t bp, Shares total) {
  return static_cast<Shares>((static_cast<Int128>(bp) * total) / 10000);
}
// Smallest share count that is at least `bp` basis points of `total` (ceil).
Shares CeilOfBp(std::int64_t bp, Shares total) {
  const Int128 num = static_cast<Int128>(bp) * total;
  return static_cast<Shares>((num + 9999) / 10000);
}

}  // namespace

Shares Ledger::DatedSum::Sum(Date from, Date to) const {
  if (dates.empty() || to < from) return 0;
  const auto hi = std::upper_bound(dates.begin(), dates.end(), to) - dates.begin();
  const auto lo = std::lower_bound(dates.begin(), dates.end(), from) - dates.begin();
  if (hi <= lo) return 0;
  return cum[static_cast<size_t>(hi - 1)] - (lo > 0 ? cum[static_cast<size_t>(lo - 1)] : 0);
}

std::optional<Date> Ledger::DatedSum::FirstOnOrAfter(Date from) const {
  const auto it = std::lower_bound(dates.begin(), dates.end(), from);
  if (it == dates.end()) return std::nullopt;
  return *it;
}

Result<Ledger> Ledger::Build(Scenario scenario, std::int32_t touch_step_bp) {
  if (touch_step_bp <= 0) return Internal("Ledger::Build: touch step must be positive");
  Ledger ledger;
  ledger.scenario_ = std::move(scenario);
  ledger.touch_step_bp_ = touch_step_bp;
  const Scenario& s = ledger.scenario_;
  if (s.company.total_shares <= 0) {
    return InvalidInput("company.total_shares must be a positive share count");
  }
  {
    Result<ShareCapital> capital =
        ShareCapital::Build(s.company.total_shares, s.company.corporate_actions);
    if (!capital.ok()) return capital.status();
    ledger.capital_ = std::move(capital).value();
  }
  Shares all_lots = 0;
  Shares h_lots = 0;
  for (size_t i = 0; i < s.holders.size(); ++i) {
    const Holder& h = s.holders[i];
    if (!ledger.holder_index_.emplace(h.id, static_cast<std::int32_t>(i)).second) {
      return InvalidInput("holders[" + std::to_string(i) + "].id: duplicate holder id '" + h.id +
                          "'");
    }
    for (const std::vector<Lot>* list : {&h.lots, &h.h_lots}) {
      for (const Lot& lot : *list) {
        if (lot.shares <= 0) {
          return InvalidInput("holder '" + h.id + "' lot '" + lot.id +
                              "': shares must be positive");
        }
        all_lots += lot.shares;
      }
    }
    if (!h.h_lots.empty() && !s.company.HasHListing()) {
      return InvalidInput("holder '" + h.id + "' lot '" + h.h_lots.front().id +
                          "' is of share class H, but the company has no H listing "
                          "(company.h_listing_date)");
    }
    h_lots += h.HShares();
  }
  if (s.company.HasHListing() && h_lots > s.company.h_shares) {
    return InvalidInput("holders' H-share lots (" + std::to_string(h_lots) +
                        " shares) exceed company.h_shares (" + std::to_string(s.company.h_shares) +
                        ")");
  }
  if (all_lots > s.company.total_shares) {
    return InvalidInput("holders' lots (" + std::to_string(all_lots) +
                        " shares) exceed company.total_shares (" +
                        std::to_string(s.company.total_shares) + ")");
  }
  auto check_holder = [&](const std::string& id, const char* what, size_t i) -> Status {
    if (ledger.holder_index_.count(id) == 0) {
      return InvalidInput(std::string(what) + "[" + std::to_string(i) +
                          "].holder: unknown holder '" + id + "'");
    }
    return Status::Ok();
  };
  auto check_class = [&](const Trade& t, const char* what, size_t i) -> Status {
    if (t.share_class == ShareClass::kH && !s.company.HasHListing()) {
      return InvalidInput(std::string(what) + "[" + std::to_string(i) +
                          "].share_class: H, but the company has no H listing "
                          "(company.h_listing_date)");
    }
    return Status::Ok();
  };
  for (size_t i = 0; i < s.history.sales.size(); ++i) {
    if (Status st = check_holder(s.history.sales[i].holder, "history.sales", i); !st.ok())
      return st;
    if (Status st = check_class(s.history.sales[i], "history.sales", i); !st.ok()) return st;
  }
  for (size_t i = 0; i < s.history.purchases.size(); ++i) {
    if (Status st = check_holder(s.history.purchases[i].holder, "history.purchases", i); !st.ok()) {
      return st;
    }
    if (Status st = check_class(s.history.purchases[i], "history.purchases", i); !st.ok())
      return st;
  }
  for (size_t i = 0; i < s.history.announcements.size(); ++i) {
    if (Status st = check_holder(s.history.announcements[i].holder, "history.announcements", i);
        !st.ok()) {
      return st;
    }
  }
  ledger.Index();
  // The group holding reconstructed backwards must never go negative.
  for (const Group& g : ledger.groups_) {
    for (const HoldingEvent& e : g.events) {
      if (e.before < 0 || e.after < 0) {
        return InvalidInput("history implies a negative holding on " + Iso(e.date) +
                            " (purchases after that date exceed what the lots can explain)");
      }
    }
  }
  return ledger;
}

void Ledger::Index() {
  const Scenario& s = scenario_;
  const size_t n = s.holders.size();
  group_of_.assign(n, -1);
  per_holder_.assign(n, PerHolder{});
  std::unordered_map<std::string, std::int32_t> group_by_name;
  for (size_t i = 0; i < n; ++i) {
    const Holder& h = s.holders[i];
    std::int32_t g;
    if (h.concert_group.empty()) {
      g = static_cast<std::int32_t>(groups_.size());
      groups_.emplace_back();
    } else {
      auto [it, inserted] =
          group_by_name.emplace(h.concert_group, static_cast<std::int32_t>(groups_.size()));
      if (inserted) groups_.emplace_back();
      g = it->second;
    }
    group_of_[i] = g;
    Group& grp = groups_[static_cast<size_t>(g)];
    grp.members.push_back(static_cast<std::int32_t>(i));
    grp.holding += h.AllShares();  // both classes: thresholds count total share capital
  }

  // Trades, tagged with their holder, sorted by date (stable: file order within a day).
  struct Tagged {
    Date date;
    Shares shares;
    Method method;
    bool purchase;
    std::int32_t holder;
    ShareClass share_class;
  };
  std::vector<Tagged> trades;
  trades.reserve(s.history.sales.size() + s.history.purchases.size());
  // In current units: a trade dated before a bonus, conversion or split is restated (rounded up:
  // more shares sold or bought, never fewer).
  auto cu = [&](const Trade& t) { return capital_.ToCurrentUnits(t.shares, t.date, Round::kUp); };
  for (const Trade& t : s.history.sales) {
    trades.push_back({t.date, cu(t), t.method, false, holder_index_.at(t.holder), t.share_class});
  }
  for (const Trade& t : s.history.purchases) {
    trades.push_back({t.date, cu(t), t.method, true, holder_index_.at(t.holder), t.share_class});
  }
  std::stable_sort(trades.begin(), trades.end(),
                   [](const Tagged& a, const Tagged& b) { return a.date < b.date; });

  auto append = [](DatedSum& sum, Date d, Shares v) { sum.Add(d, v); };
  for (const Tagged& t : trades) {
    // H-share trades enter the holding timeline below, not the A-share sold and bought sums.
    if (t.share_class != ShareClass::kA) continue;
    Group& g = groups_[static_cast<size_t>(group_of_[static_cast<size_t>(t.holder)])];
    if (t.purchase) {
      append(g.bought, t.date, t.shares);
    } else {
      const auto m = static_cast<size_t>(t.method);
      append(g.sold[m], t.date, t.shares);
      append(per_holder_[static_cast<size_t>(t.holder)].sold[m], t.date, t.shares);
    }
  }

  // Holding timeline per group: the lots are the holding after all of history.
  for (Group& g : groups_) {
    Shares net_sold = 0;
    for (const Tagged& t : trades) {
      if (group_of_[static_cast<size_t>(t.holder)] != &g - groups_.data()) continue;
      net_sold += t.purchase ? -t.shares : t.shares;
    }
    Shares holding = g.holding + net_sold;
    for (const Tagged& t : trades) {
      if (group_of_[static_cast<size_t>(t.holder)] != &g - groups_.data()) continue;
      HoldingEvent e{t.date,     holding,  holding + (t.purchase ? t.shares : -t.shares),
                     t.purchase, t.holder, t.method};
      holding = e.after;
      g.events.push_back(e);
    }
    for (const HoldingEvent& e : g.events) AddTouches(g, e);
  }

  for (size_t i = 0; i < s.history.announcements.size(); ++i) {
    const Announcement& a = s.history.announcements[i];
    auto& list = per_holder_[static_cast<size_t>(holder_index_.at(a.holder))]
                     .announcements[static_cast<size_t>(a.kind)];
    list.push_back(static_cast<std::int32_t>(i));
  }
  for (PerHolder& p : per_holder_) {
    for (auto& list : p.announcements) {
      std::stable_sort(list.begin(), list.end(), [&](std::int32_t a, std::int32_t b) {
        return s.history.announcements[static_cast<size_t>(a)].published <
               s.history.announcements[static_cast<size_t>(b)].published;
      });
    }
  }
}

// Touches of the grid: a sale touches M when the holding goes from above M% to at most M%;
// a purchase touches M when it goes from below M% to at least M%.
void Ledger::AddTouches(Group& g, const HoldingEvent& e) const {
  // The capital of the trade's day, in the units of the holdings (current units).
  const Shares total = capital_.TotalInCurrentUnits(e.date);
  for (std::int32_t m = touch_step_bp_; m <= 10000; m += touch_step_bp_) {
    if (e.purchase) {
      const Shares at = CeilOfBp(m, total);
      if (e.before < at && e.after >= at)
        g.touches.push_back({e.date, m, true, m == touch_step_bp_});
    } else {
      const Shares at = FloorOfBp(m, total);
      if (e.before > at && e.after <= at) g.touches.push_back({e.date, m, false, false});
    }
  }
}

void Ledger::DatedSum::Add(Date d, Shares v) {
  if (dates.empty() || dates.back() <= d) {
    dates.push_back(d);
    cum.push_back((cum.empty() ? 0 : cum.back()) + v);
    return;
  }
  // Out of date order (rare): insert, then rebuild the prefix sums.
  std::vector<Shares> values(cum.size());
  for (size_t i = 0; i < cum.size(); ++i) values[i] = cum[i] - (i > 0 ? cum[i - 1] : 0);
  const auto pos = std::upper_bound(dates.begin(), dates.end(), d) - dates.begin();
  dates.insert(dates.begin() + pos, d);
  values.insert(values.begin() + pos, v);
  cum.assign(values.size(), 0);
  Shares run = 0;
  for (size_t i = 0; i < values.size(); ++i) cum[i] = (run += values[i]);
}

Status Ledger::ValidateSale(const Trade& sale, std::span<const LotDraw> draws) const {
  const std::int32_t hi = HolderIndex(sale.holder);
  if (hi < 0) return InvalidInput("unknown holder '" + sale.holder + "'");
  const Holder& h = scenario_.holders[static_cast<size_t>(hi)];
  if (sale.share_class == ShareClass::kH && !scenario_.company.HasHListing()) {
    return InvalidInput("a sale of H shares, but the company has no H listing");
  }
  const std::vector<Lot>& lots = h.LotsOf(sale.share_class);
  Shares drawn = 0;
  for (const LotDraw& d : draws) {
    if (d.lot < 0 || static_cast<size_t>(d.lot) >= lots.size() || d.shares <= 0 ||
        d.shares > lots[static_cast<size_t>(d.lot)].shares) {
      return Internal("RecordSale: a lot draw does not fit the holder's lots");
    }
    drawn += d.shares;
  }
  if (drawn != sale.shares) return Internal("RecordSale: lot draws do not add up to the sale");
  if (const std::optional<Date> last = capital_.LastProRata(); last && sale.date < *last) {
    return InvalidInput("a sale dated " + Iso(sale.date) + " is before the bonus, conversion or " +
                        "split of " + Iso(*last) +
                        " (company.corporate_actions): holdings are given after every action");
  }
  const Group& g = groups_[static_cast<size_t>(group_of_[static_cast<size_t>(hi)])];
  if (!g.events.empty() && sale.date < g.events.back().date) {
    return InvalidInput("sales must be recorded in date order: " + Iso(sale.date) +
                        " is before the group's last trade on " + Iso(g.events.back().date));
  }
  return Status::Ok();
}

Status Ledger::RecordSale(const Trade& sale, std::span<const LotDraw> draws) {
  if (Status st = ValidateSale(sale, draws); !st.ok()) return st;
  const std::int32_t hi = HolderIndex(sale.holder);
  Holder& h = scenario_.holders[static_cast<size_t>(hi)];
  Group& g = groups_[static_cast<size_t>(group_of_[static_cast<size_t>(hi)])];
  std::vector<Lot>& lots = h.LotsOf(sale.share_class);
  for (const LotDraw& d : draws) lots[static_cast<size_t>(d.lot)].shares -= d.shares;
  std::erase_if(lots, [](const Lot& l) { return l.shares == 0; });
  scenario_.history.sales.push_back(sale);
  if (sale.share_class == ShareClass::kA) {
    const auto m = static_cast<size_t>(sale.method);
    per_holder_[static_cast<size_t>(hi)].sold[m].Add(sale.date, sale.shares);
    g.sold[m].Add(sale.date, sale.shares);
  }
  const HoldingEvent e{sale.date, g.holding, g.holding - sale.shares, false, hi, sale.method};
  g.holding = e.after;
  g.events.push_back(e);
  AddTouches(g, e);
  return Status::Ok();
}

Status Ledger::ValidatePurchase(const Trade& purchase, const Lot& lot) const {
  const std::int32_t hi = HolderIndex(purchase.holder);
  if (hi < 0) return InvalidInput("unknown holder '" + purchase.holder + "'");
  if (purchase.shares <= 0)
    return InvalidInput("a purchase must be of a positive number of shares");
  if (lot.shares != purchase.shares || !lot.acquired || *lot.acquired != purchase.date) {
    return Internal("RecordPurchase: the lot does not hold the purchase's shares on its date");
  }
  const Holder& h = scenario_.holders[static_cast<size_t>(hi)];
  if (lot.share_class != purchase.share_class) {
    return Internal("RecordPurchase: the lot is not of the purchase's share class");
  }
  if (lot.share_class == ShareClass::kH && !scenario_.company.HasHListing()) {
    return InvalidInput("a purchase of H shares, but the company has no H listing");
  }
  for (const Lot& l : h.LotsOf(lot.share_class)) {
    if (l.id == lot.id) {
      return InvalidInput("holder '" + h.id + "' already has a lot '" + lot.id + "'");
    }
  }
  if (const std::optional<Date> last = capital_.LastProRata(); last && purchase.date < *last) {
    return InvalidInput("a purchase dated " + Iso(purchase.date) +
                        " is before the bonus, conversion or split of " + Iso(*last) +
                        " (company.corporate_actions): holdings are given after every action");
  }
  const Group& g = groups_[static_cast<size_t>(group_of_[static_cast<size_t>(hi)])];
  if (!g.events.empty() && purchase.date < g.events.back().date) {
    return InvalidInput("trades must be recorded in date order: " + Iso(purchase.date) +
                        " is before the group's last trade on " + Iso(g.events.back().date));
  }
  Shares all_lots = 0;
  for (const Holder& other : scenario_.holders) all_lots += other.AllShares();
  if (all_lots > scenario_.company.total_shares - purchase.shares) {
    return InvalidInput("a purchase of " + std::to_string(purchase.shares) +
                        " shares takes the holders' lots past company.total_shares (" +
                        std::to_string(scenario_.company.total_shares) + ")");
  }
  return Status::Ok();
}

Status Ledger::RecordPurchase(const Trade& purchase, Lot lot) {
  if (Status st = ValidatePurchase(purchase, lot); !st.ok()) return st;
  const std::int32_t hi = HolderIndex(purchase.holder);
  Holder& h = scenario_.holders[static_cast<size_t>(hi)];
  Group& g = groups_[static_cast<size_t>(group_of_[static_cast<size_t>(hi)])];
  h.LotsOf(lot.share_class).push_back(std::move(lot));
  scenario_.history.purchases.push_back(purchase);
  if (purchase.share_class == ShareClass::kA) g.bought.Add(purchase.date, purchase.shares);
  const HoldingEvent e{purchase.date, g.holding, g.holding + purchase.shares,
                       true,          hi,        purchase.method};
  g.holding = e.after;
  g.events.push_back(e);
  AddTouches(g, e);
  return Status::Ok();
}

Status Ledger::RecordAnnouncement(Announcement a) {
  const std::int32_t hi = HolderIndex(a.holder);
  if (hi < 0) return InvalidInput("unknown holder '" + a.holder + "'");
  scenario_.history.announcements.push_back(std::move(a));
  const auto idx = static_cast<std::int32_t>(scenario_.history.announcements.size() - 1);
  const Announcement& added = scenario_.history.announcements.back();
  auto& list = per_holder_[static_cast<size_t>(hi)].announcements[static_cast<size_t>(added.kind)];
  const auto& all = scenario_.history.announcements;
  const auto pos = std::upper_bound(
      list.begin(), list.end(), added.published,
      [&](Date d, std::int32_t i) { return d < all[static_cast<size_t>(i)].published; });
  list.insert(pos, idx);
  return Status::Ok();
}

std::int32_t Ledger::HolderIndex(std::string_view id) const {
  const auto it = holder_index_.find(id);
  return it == holder_index_.end() ? -1 : it->second;
}

std::span<const std::int32_t> Ledger::GroupMembers(std::int32_t group) const {
  return groups_[static_cast<size_t>(group)].members;
}

Shares Ledger::GroupSold(std::int32_t group, Method method, Date from, Date to) const {
  return groups_[static_cast<size_t>(group)].sold[static_cast<size_t>(method)].Sum(from, to);
}

std::optional<Date> Ledger::GroupSaleOnOrAfter(std::int32_t group, Method method, Date from) const {
  return groups_[static_cast<size_t>(group)].sold[static_cast<size_t>(method)].FirstOnOrAfter(from);
}

std::optional<Date> Ledger::HolderSaleOnOrAfter(std::int32_t holder, std::optional<Method> method,
                                                Date from) const {
  const PerHolder& p = per_holder_[static_cast<size_t>(holder)];
  if (method) return p.sold[static_cast<size_t>(*method)].FirstOnOrAfter(from);
  std::optional<Date> first;
  for (const DatedSum& d : p.sold) {
    const std::optional<Date> f = d.FirstOnOrAfter(from);
    if (f && (!first || *f < *first)) first = f;
  }
  return first;
}

Shares Ledger::HolderSold(std::int32_t holder, std::optional<Method> method, Date from,
                          Date to) const {
  const PerHolder& p = per_holder_[static_cast<size_t>(holder)];
  if (method) return p.sold[static_cast<size_t>(*method)].Sum(from, to);
  Shares sum = 0;
  for (const DatedSum& d : p.sold) sum += d.Sum(from, to);
  return sum;
}

Shares Ledger::GroupBought(std::int32_t group, Date from, Date to) const {
  return groups_[static_cast<size_t>(group)].bought.Sum(from, to);
}

std::span<const HoldingEvent> Ledger::GroupEvents(std::int32_t group) const {
  return groups_[static_cast<size_t>(group)].events;
}

std::span<const GridTouch> Ledger::GroupTouches(std::int32_t group) const {
  return groups_[static_cast<size_t>(group)].touches;
}

std::span<const std::int32_t> Ledger::HolderAnnouncements(std::int32_t holder,
                                                          AnnouncementKind kind) const {
  return per_holder_[static_cast<size_t>(holder)].announcements[static_cast<size_t>(kind)];
}

}  // namespace reducheck
