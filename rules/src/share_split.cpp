#include <algorithm>

#include "judge_context.h"
#include "reducheck/engine/int128.h"

namespace reducheck::rules_internal {

Shares BpOf(std::int64_t bp, Shares total) {
  return static_cast<Shares>(static_cast<Int128>(bp) * total / 10000);
}

Shares CeilBp(std::int64_t bp, Shares total) {
  return static_cast<Shares>((static_cast<Int128>(bp) * total + 9999) / 10000);
}

Shares CappedPart(const ShareSplit& s, Shares quota, Shares n) {
  const Shares q = std::max<Shares>(quota, 0);
  const Shares a1 = std::min({n, s.capped_free, q});
  Shares rest = n - a1;
  const Shares a2 = std::min(rest, s.exempt_free);
  rest -= a2;
  const Shares a3 = std::min(rest, s.capped_free - a1);
  rest -= a3;
  const Shares a4e = std::min(rest, s.exempt_locked);
  rest -= a4e;
  return a1 + a3 + rest;  // rest: capped locked shares
}

Shares MaxWithCappedAtMost(const ShareSplit& s, Shares quota, Shares r) {
  r = std::max<Shares>(r, 0);
  const Shares m1 = std::min(s.capped_free, std::max<Shares>(quota, 0));
  if (r < m1) return r;
  Shares n = m1 + s.exempt_free;
  Shares extra = r - m1;
  const Shares over_quota = s.capped_free - m1;
  if (extra < over_quota) return n + extra;
  n += over_quota + s.exempt_locked;
  extra -= over_quota;
  return n + std::min(extra, s.capped_locked);
}

}  // namespace reducheck::rules_internal
