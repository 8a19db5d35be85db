#include "purchases.h"

#include <algorithm>

namespace reducheck::rules_internal {
namespace {

bool InRange(Date d, Date from, Date to) { return from <= d && d <= to; }

// A history trade's shares in current units (lots are; ledger.h), rounded up.
Shares Cu(const Ledger& ledger, const Trade& t) {
  return ledger.capital().ToCurrentUnits(t.shares, t.date, Round::kUp);
}

// A purchase price per current-unit share: the price divided by the restatement factor, rounded
// down (a lower cost, a larger short-swing profit: conservative).
std::optional<Money> CuPrice(const Ledger& ledger, const Trade& t) {
  if (!t.price) return std::nullopt;
  const Factor f = ledger.capital().FactorBetween(t.date, Date(boost::gregorian::max_date_time));
  if (f.is_one()) return t.price;
  return Money::FromUnits(Apply(t.price->units(), Factor{f.den, f.num}, Round::kDown));
}

bool PurchaseLot(const Lot& l, Date from, Date to) {
  return IsPurchaseSource(l.source) && l.acquired && InRange(*l.acquired, from, to);
}

// History's purchases by `id` on day d.
Shares HistoryOn(const Ledger& ledger, const std::string& id, Date d) {
  Shares s = 0;
  for (const Trade& t : ledger.scenario().history.purchases) {
    if (t.date == d && t.holder == id) s += Cu(ledger, t);
  }
  return s;
}

// Calls f(day, lot shares beyond history that day) once per distinct purchase-lot day in range
// whose lots hold more than history records for it.
template <typename F>
void ForEachLotSurplus(const Ledger& ledger, const Holder& h, Date from, Date to, F&& f) {
  for (size_t i = 0; i < h.lots.size(); ++i) {
    const Lot& l = h.lots[i];
    if (!PurchaseLot(l, from, to)) continue;
    const Date d = *l.acquired;
    bool seen = false;  // an earlier lot of the same day already handled it
    for (size_t j = 0; j < i && !seen; ++j) {
      seen = PurchaseLot(h.lots[j], d, d);
    }
    if (seen) continue;
    Shares on_day = 0;
    for (size_t j = i; j < h.lots.size(); ++j) {
      if (PurchaseLot(h.lots[j], d, d)) on_day += h.lots[j].shares;
    }
    const Shares surplus = on_day - HistoryOn(ledger, h.id, d);
    if (surplus > 0) f(d, surplus);
  }
}

}  // namespace

bool IsPurchaseSource(Source s) {
  switch (s) {
    case Source::kSecondaryBidding:
    case Source::kBlockTradePurchase:
    case Source::kAgreementTransferPurchase:
    case Source::kInquiryTransferPurchase:
    case Source::kIpoSubscribed:
    case Source::kPublicOffering:
    case Source::kPrivatePlacement:
    case Source::kEquityIncentive:
      return true;
    case Source::kIpoOriginal:
    case Source::kOther:
      return false;
  }
  return false;
}

std::optional<Date> FirstPurchaseAfter(const Ledger& ledger, std::int32_t holder, Date d) {
  const Holder& h = ledger.holder(holder);
  std::optional<Date> first;
  auto note = [&](Date x) {
    if (x > d && (!first || x < *first)) first = x;
  };
  for (const Trade& t : ledger.scenario().history.purchases) {
    if (t.holder == h.id) note(t.date);
  }
  for (const Lot& l : h.lots) {
    if (IsPurchaseSource(l.source) && l.acquired) note(*l.acquired);
  }
  return first;
}

Purchases HolderPurchases(const Ledger& ledger, std::int32_t holder, Date from, Date to) {
  Purchases p;
  const Holder& h = ledger.holder(holder);
  auto note = [&](Date d, Shares s) {
    p.shares += s;
    if (!p.latest || d > *p.latest) p.latest = d;
  };
  for (const Trade& t : ledger.scenario().history.purchases) {
    if (t.holder == h.id && InRange(t.date, from, to)) note(t.date, Cu(ledger, t));
  }
  ForEachLotSurplus(ledger, h, from, to, note);
  return p;
}

void HolderPurchaseEntries(const Ledger& ledger, std::int32_t holder, Date from, Date to,
                           std::vector<PurchaseEntry>& out) {
  const Holder& h = ledger.holder(holder);
  for (const Trade& t : ledger.scenario().history.purchases) {
    if (t.holder == h.id && InRange(t.date, from, to)) {
      out.push_back({t.date, Cu(ledger, t), CuPrice(ledger, t), false});
    }
  }
  ForEachLotSurplus(ledger, h, from, to, [&](Date d, Shares s) {
    out.push_back({d, s, std::nullopt, true});
  });
}

}  // namespace reducheck::rules_internal
