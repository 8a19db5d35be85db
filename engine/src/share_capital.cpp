#include "reducheck/engine/share_capital.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "reducheck/engine/date_math.h"
#include "reducheck/engine/int128.h"

namespace reducheck {
namespace {

constexpr std::int64_t kPer10Den = 100000;  // per_10_units are x 10000 per 10 shares
// Products of factors are kept below this so that n * num stays exact in 128 bits.
constexpr Int128 kMaxFactorPart = static_cast<Int128>(1) << 62;

Int128 Gcd(Int128 a, Int128 b) {
  while (b != 0) {
    const Int128 t = a % b;
    a = b;
    b = t;
  }
  return a < 0 ? -a : a;
}

Factor Reduced(Int128 num, Int128 den) {
  const Int128 g = Gcd(num, den);
  return Factor{static_cast<std::int64_t>(num / g), static_cast<std::int64_t>(den / g)};
}

std::string Iso(Date d) { return ToIso(d); }

Date FarFuture() { return Date(boost::gregorian::max_date_time); }

}  // namespace

Factor Multiply(Factor a, Factor b) {
  return Reduced(static_cast<Int128>(a.num) * b.num, static_cast<Int128>(a.den) * b.den);
}

Shares Apply(Shares n, Factor f, Round r) {
  if (f.is_one()) return n;
  const Int128 p = static_cast<Int128>(n) * f.num;
  switch (r) {
    case Round::kDown:
      return static_cast<Shares>(p / f.den);
    case Round::kUp:
      return static_cast<Shares>((p + f.den - 1) / f.den);
    case Round::kNearest:
      return static_cast<Shares>((2 * p + f.den) / (2 * static_cast<Int128>(f.den)));
  }
  return static_cast<Shares>(p / f.den);
}

std::string FactorText(Factor f) {
  if (f.den == 1) return std::to_string(f.num);
  // A terminating decimal when the denominator is 2^a 5^b (10送3 -> 1.3); else a fraction.
  std::int64_t d = f.den;
  int twos = 0, fives = 0;
  while (d % 2 == 0) d /= 2, ++twos;
  while (d % 5 == 0) d /= 5, ++fives;
  if (d != 1) return std::to_string(f.num) + "/" + std::to_string(f.den);
  const int places = std::max(twos, fives);
  Int128 scaled = static_cast<Int128>(f.num);
  for (int i = 0; i < places; ++i) scaled *= 10;
  scaled /= f.den;
  std::string digits = std::to_string(static_cast<std::int64_t>(scaled));
  while (static_cast<int>(digits.size()) <= places) digits.insert(digits.begin(), '0');
  std::string out = digits.substr(0, digits.size() - static_cast<size_t>(places)) + "." +
                    digits.substr(digits.size() - static_cast<size_t>(places));
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

std::optional<CapitalProblem> ShareCapital::Check(Shares current_total,
                                                  std::span<const CorporateAction> actions) {
  ShareCapital c;
  return c.Index(current_total, actions);
}

Result<ShareCapital> ShareCapital::Build(Shares current_total,
                                         std::span<const CorporateAction> actions) {
  ShareCapital c;
  if (std::optional<CapitalProblem> p = c.Index(current_total, actions)) {
    if (p->action < 0) return InvalidInput(p->message);
    return InvalidInput("company.corporate_actions[" + std::to_string(p->action) +
                        "]: " + p->message);
  }
  return c;
}

std::optional<CapitalProblem> ShareCapital::Index(Shares current_total,
                                                  std::span<const CorporateAction> actions) {
  ShareCapital& c = *this;
  c = ShareCapital();
  c.current_total_ = current_total;
  if (actions.empty()) return std::nullopt;
  auto at = [](size_t i, const std::string& msg) {
    return CapitalProblem{static_cast<std::int32_t>(i), msg};
  };
  if (current_total <= 0) return CapitalProblem{-1, "company.total_shares must be positive"};
  std::vector<size_t> order(actions.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return actions[a].date < actions[b].date; });
  std::vector<size_t> first_of_step;  // input index of the first action of each step
  Int128 all_num = 1, all_den = 1;
  for (size_t k = 0; k < order.size();) {
    const Date d = actions[order[k]].date;
    if (d.is_special()) return at(order[k], "date is missing");
    Step s;
    s.date = d;
    std::int64_t per_10 = 0;
    std::optional<size_t> split;
    std::optional<size_t> pro_rata;  // the first bonus or conversion of the date
    Int128 delta = 0;
    const size_t first = order[k];
    for (; k < order.size() && actions[order[k]].date == d; ++k) {
      const size_t i = order[k];
      const CorporateAction& a = actions[i];
      switch (a.kind) {
        case CorporateActionKind::kBonus:
        case CorporateActionKind::kConversion:
          if (a.per_10_units <= 0) return at(i, "per_10 must be positive");
          if (split) {
            return at(i, "a split and a bonus or conversion on the same date " + Iso(d) +
                             " cannot be ordered; give each its own date");
          }
          if (per_10 > std::numeric_limits<std::int64_t>::max() - a.per_10_units) {
            return at(i, "per_10 is too large");
          }
          per_10 += a.per_10_units;
          if (!pro_rata) pro_rata = i;
          break;
        case CorporateActionKind::kSplit:
          if (a.split_from <= 0 || a.split_to <= 0) return at(i, "from and to must be positive");
          if (a.split_from == a.split_to) return at(i, "from and to are equal: no split");
          if (split || pro_rata) {
            return at(i, "a split and another bonus, conversion or split on the same date " +
                             Iso(d) + " cannot be ordered; give each its own date");
          }
          split = i;
          s.factor = Reduced(a.split_to, a.split_from);
          break;
        case CorporateActionKind::kIssuance:
          if (a.shares <= 0) return at(i, "shares must be positive");
          delta += a.shares;
          break;
        case CorporateActionKind::kCancellation:
          if (a.shares <= 0) return at(i, "shares must be positive");
          delta -= a.shares;
          break;
      }
    }
    if (per_10 > 0) s.factor = Reduced(static_cast<Int128>(kPer10Den) + per_10, kPer10Den);
    if (delta > static_cast<Int128>(std::numeric_limits<Shares>::max()) ||
        delta < -static_cast<Int128>(std::numeric_limits<Shares>::max())) {
      return at(first, "shares out of range");
    }
    s.delta = static_cast<Shares>(delta);
    all_num *= s.factor.num;
    all_den *= s.factor.den;
    if (all_num > kMaxFactorPart || all_den > kMaxFactorPart) {
      return at(split.value_or(pro_rata.value_or(first)),
                "the bonus, conversion and split ratios multiply beyond exact arithmetic");
    }
    c.steps_.push_back(s);
    first_of_step.push_back(split.value_or(pro_rata.value_or(first)));
    if (!s.factor.is_one()) c.last_pro_rata_ = d;
  }
  // Totals backwards from the current one.
  Shares t = current_total;
  for (size_t i = c.steps_.size(); i-- > 0;) {
    Step& s = c.steps_[i];
    s.total_after = t;
    const Int128 post = static_cast<Int128>(t) - s.delta;  // after the pro-rata part
    if (post <= 0) {
      return at(first_of_step[i], "company.total_shares " + std::to_string(current_total) +
                                      " (after every action) and the actions imply no shares "
                                      "before the issuances of " +
                                      Iso(s.date) + ": more shares issued than there are now?");
    }
    const Factor inv{s.factor.den, s.factor.num};
    s.total_before = Apply(static_cast<Shares>(post), inv, Round::kNearest);
    if (s.total_before <= 0) {
      return at(first_of_step[i],
                "company.total_shares and the actions imply no shares before " + Iso(s.date));
    }
    t = s.total_before;
  }
  // The same totals in current units.
  Factor later{1, 1};  // factors of the steps from i on
  for (size_t i = c.steps_.size(); i-- > 0;) {
    later = Multiply(c.steps_[i].factor, later);
    c.steps_[i].cu_before = Apply(c.steps_[i].total_before, later, Round::kNearest);
  }
  return std::nullopt;
}

Shares ShareCapital::TotalOn(Date d) const {
  if (steps_.empty()) return current_total_;
  const auto it = std::upper_bound(steps_.begin(), steps_.end(), d,
                                   [](Date x, const Step& s) { return x < s.date; });
  if (it == steps_.begin()) return steps_.front().total_before;
  return std::prev(it)->total_after;
}

Shares ShareCapital::TotalInCurrentUnits(Date d) const {
  const auto it = std::upper_bound(steps_.begin(), steps_.end(), d,
                                   [](Date x, const Step& s) { return x < s.date; });
  return it == steps_.end() ? current_total_ : it->cu_before;
}

Shares ShareCapital::MinTotalInCurrentUnits(Date from, Date to) const {
  Shares m = TotalInCurrentUnits(from);
  for (const Step& s : steps_) {
    if (s.date > from && s.date <= to) m = std::min(m, TotalInCurrentUnits(s.date));
  }
  return m;
}

std::optional<Date> ShareCapital::NextActionAfter(Date d) const {
  for (const Step& s : steps_) {
    if (s.date > d) return s.date;
  }
  return std::nullopt;
}

Factor ShareCapital::FactorBetween(Date from, Date to) const {
  Factor f{1, 1};
  for (const Step& s : steps_) {
    if (s.date > from && s.date <= to && !s.factor.is_one()) f = Multiply(f, s.factor);
  }
  return f;
}

Shares ShareCapital::Restate(Shares n, Date from, Date to, Round r) const {
  if (from <= to) return Apply(n, FactorBetween(from, to), r);
  const Factor f = FactorBetween(to, from);
  return Apply(n, Factor{f.den, f.num}, r);
}

Shares ShareCapital::ToCurrentUnits(Shares n, Date from, Round r) const {
  if (!last_pro_rata_ || from >= *last_pro_rata_) return n;
  return Apply(n, FactorBetween(from, FarFuture()), r);
}

}  // namespace reducheck
