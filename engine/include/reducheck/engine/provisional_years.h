// ProvisionalYears: the provisional calendar years a piece of reasoning counted a day in.
//
// A trading calendar year is `provisional` when no official holiday notice covers it yet and its
// closures were derived (docs/calendar-format.md). Every answer that counted a day of such a year
// says so (the verdict's calendar caveat). A plain value: recording a year allocates nothing, so
// the pass path can carry it.
#ifndef REDUCHECK_ENGINE_PROVISIONAL_YEARS_H_
#define REDUCHECK_ENGINE_PROVISIONAL_YEARS_H_

#include <cstdint>

namespace reducheck {

struct ProvisionalYears {
  static constexpr int kMaxYears = 64;  // a calendar has at most this many provisional years

  std::int32_t first_year = 0;  // bit i of `bits` stands for first_year + i
  std::uint64_t bits = 0;

  bool empty() const { return bits == 0; }
  bool Contains(int year) const {
    const int i = year - first_year;
    return i >= 0 && i < kMaxYears && ((bits >> i) & 1u) != 0;
  }
  void Clear() { bits = 0; }
  void Merge(const ProvisionalYears& o) {
    if (o.bits == 0) return;
    first_year = o.first_year;  // one calendar: the same first provisional year
    bits |= o.bits;
  }
  // Calls f(year) for each year, ascending.
  template <class F>
  void ForEach(F&& f) const {
    for (int i = 0; i < kMaxYears; ++i) {
      if ((bits >> i) & 1u) f(first_year + i);
    }
  }
  friend bool operator==(const ProvisionalYears& a, const ProvisionalYears& b) {
    return a.bits == b.bits && (a.bits == 0 || a.first_year == b.first_year);
  }
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_PROVISIONAL_YEARS_H_
