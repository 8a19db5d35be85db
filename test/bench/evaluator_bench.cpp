// engine_bench: how long Evaluator::Check takes, and how many heap allocations it makes, on a
// realistic ledger (docs/performance.md).
//
// State (built once, shared by every benchmark): an SSE main-board company listed 2020-01-10
// with 1,000,000,000 shares; one concert group of 5 holders (holder-1 declared
// major_shareholder, the others without a role; nobody controlling, D&O or actual controller)
// holding 12.31% together in 50 lots (pre-IPO shares long unlocked, an old private placement,
// market purchases); 500 past sales spread over the trading days of 2025 (centralized bidding
// and block trades, small sizes); and a reduction plan by holder-1 published 2025-11-03 covering
// both methods. Orders are dated 2025-12-10.
//
// Allocations are counted by replacing the global operator new/delete in this translation unit;
// `allocs_per_check` = allocations made inside the timed loop / iterations. Set
// REDUCHECK_BENCH_TRACE_ALLOCS=pass (or =fail, =never, =fresh) to print a backtrace (stderr) for
// every allocation of one warm check before the benchmarks run.
#include <benchmark/benchmark.h>
#include <execinfo.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/adapters/calendar_reader.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/pack_reader.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/rule_info.h"
#include "reducheck/rules/cn_rule_set.h"

// ---------------------------------------------------------------------------------------------
// Allocation counting: every replaceable global allocation function funnels through here.
namespace {

std::atomic<std::uint64_t> g_allocs{0};
thread_local bool t_trace = false;  // REDUCHECK_BENCH_TRACE_ALLOCS: backtrace per allocation

void TraceAlloc(std::size_t n) {
  t_trace = false;  // backtrace() itself may allocate; do not recurse
  char line[64];
  const int len = std::snprintf(line, sizeof line, "--- allocation of %zu bytes:\n", n);
  if (len > 0) (void)!write(2, line, static_cast<std::size_t>(len));
  void* frames[48];
  const int k = backtrace(frames, 48);
  backtrace_symbols_fd(frames, k, 2);
  t_trace = true;
}

inline void Note(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (t_trace) TraceAlloc(n);
}

void* Allocate(std::size_t n) {
  Note(n);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}

void* AllocateAligned(std::size_t n, std::align_val_t align) {
  Note(n);
  std::size_t a = static_cast<std::size_t>(align);
  if (a < sizeof(void*)) a = sizeof(void*);
  const std::size_t size = n == 0 ? a : (n + a - 1) / a * a;  // aligned_alloc: size % a == 0
  if (void* p = std::aligned_alloc(a, size)) return p;
  throw std::bad_alloc();
}

std::uint64_t Allocs() { return g_allocs.load(std::memory_order_relaxed); }

}  // namespace

void* operator new(std::size_t n) { return Allocate(n); }
void* operator new[](std::size_t n) { return Allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return Allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return Allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t n, std::align_val_t a) { return AllocateAligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return AllocateAligned(n, a); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return AllocateAligned(n, a);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return AllocateAligned(n, a);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

// ---------------------------------------------------------------------------------------------
namespace reducheck {
namespace {

Date D(const char* iso) { return boost::gregorian::from_simple_string(iso); }

// Concatenation by appending only: GCC 12 at -O3 reports a false -Wrestrict (-Werror) on
// `"literal" + std::string&&`.
template <typename... Parts>
std::string Cat(const Parts&... parts) {
  std::string s;
  (s.append(parts), ...);
  return s;
}

constexpr Shares kTotalShares = 1'000'000'000;
constexpr const char* kOrderDate = "2025-12-10";
constexpr const char* kSeller = "holder-1";

struct World {
  std::unique_ptr<Evaluator> evaluator;
  std::unique_ptr<Evaluator> day_by_day;  // the reference earliest-date search (issue 11)
  std::unique_ptr<Ledger> ledger;
  std::string error;  // set when the state could not be built
  Shares group_holding = 0;
  Shares pass_headroom = 0;  // max_compliant_shares of the passing order
};

std::unique_ptr<Evaluator> ShippedEvaluator(
    std::string& error, EvaluatorOptions::Search search = EvaluatorOptions::Search::kJump) {
  auto cal =
      adapters::ReadCalendarFile(std::string(REDUCHECK_RULES_DIR) + "/calendars/cn-a-share.yaml");
  if (!cal.calendar) {
    error = Cat("calendar: ", adapters::FormatAll(cal.problems));
    return nullptr;
  }
  auto packs = adapters::ReadPackDir(std::string(REDUCHECK_RULES_DIR) + "/packs");
  if (!packs.problems.empty()) {
    error = Cat("packs: ", adapters::FormatAll(packs.problems));
    return nullptr;
  }
  EvaluatorBuilder b(std::move(*cal.calendar));
  for (auto& p : packs.packs) {
    if (p.market != "cn") continue;  // the cn packs: these scenarios list A shares only
    auto rs = rules::MakeCnRuleSet(p);
    if (!rs.ok()) {
      error = Cat("pack ", p.id, ": ", rs.status().message());
      return nullptr;
    }
    b.AddPack(rs.value());
  }
  EvaluatorOptions options;
  options.earliest_date_search = search;
  b.SetOptions(options);
  auto built = std::move(b).Build();
  if (!built.ok()) {
    error = built.status().message();
    return nullptr;
  }
  return std::make_unique<Evaluator>(std::move(built).value());
}

Scenario MakeScenario(const TradingCalendar& cal) {
  Scenario s;
  s.company.code = "600999";
  s.company.name = "Bench Co";
  s.company.exchange = Exchange::kSse;
  s.company.board = Board::kMain;
  s.company.listing_date = D("2020-01-10");
  s.company.total_shares = kTotalShares;

  // 5 holders acting in concert, 10 lots each (50 lots).
  for (int i = 0; i < 5; ++i) {
    Holder& h = s.holders.emplace_back();
    h.id = Cat("holder-", std::to_string(i + 1));
    h.name = Cat("Holder ", std::to_string(i + 1));
    h.roles = i == 0 ? static_cast<RoleSet>(Role::kMajorShareholder) : RoleSet{0};
    h.concert_group = "group-A";
    for (int j = 0; j < 10; ++j) {
      Lot& l = h.lots.emplace_back();
      l.id = Cat(h.id, "-lot-", std::to_string(j + 1));
      switch (j % 5) {
        case 0:
        case 1:
        case 2:  // pre-IPO shares; LOCK-IPO-12M ended 2021-01-10
          l.source = Source::kIpoOriginal;
          l.shares = i == 0 ? 4'500'000 : 1'900'000 + 13'579 * j + 2'468 * i;
          break;
        case 3:  // private placement long past its 6-month lock
          l.source = Source::kPrivatePlacement;
          l.acquired = D("2022-03-15") + boost::gregorian::days(j + i);
          l.shares = i == 0 ? 5'000'000 : 2'100'000 + 7'531 * j;
          break;
        default:  // bought by centralized bidding (outside the caps for a major shareholder)
          l.source = Source::kSecondaryBidding;
          l.acquired = D("2023-06-01") + boost::gregorian::days(7 * j + i);
          l.shares = i == 0 ? 3'000'000 : 2'000'000 + 1'234 * j;
          break;
      }
    }
  }

  // 500 past sales over the trading days of 2025 before the order date.
  std::vector<Date> days;
  for (Date d = D("2025-01-02"); d < D(kOrderDate); d += boost::gregorian::days(1)) {
    if (cal.Covers(d) && cal.IsTradingDay(d)) days.push_back(d);
  }
  std::uint32_t rng = 12345;
  for (int k = 0; k < 500; ++k) {
    rng = rng * 1664525u + 1013904223u;
    Trade t;
    t.holder = Cat("holder-", std::to_string(k % 5 + 1));
    t.date = days[static_cast<size_t>(k) * days.size() / 500];
    t.method = k % 10 < 7 ? Method::kCentralizedBidding : Method::kBlockTrade;
    t.shares = 5'000 + static_cast<Shares>((rng >> 16) % 36) * 1'000;  // 5,000..40,000
    s.history.sales.push_back(std::move(t));
  }

  // holder-1's reduction plan: 15 trading days run out on 2025-11-24; interval to 2026-02-24.
  Announcement plan;
  plan.holder = kSeller;
  plan.kind = AnnouncementKind::kReductionPlan;
  plan.published = D("2025-11-03");
  plan.max_shares = 30'000'000;
  plan.methods = {Method::kCentralizedBidding, Method::kBlockTrade};
  s.history.announcements.push_back(std::move(plan));
  return s;
}

Order MakeOrder(const char* id, Method m, Shares shares) {
  Order o;
  o.id = id;
  o.holder = kSeller;
  o.date = D(kOrderDate);
  o.method = m;
  o.shares = shares;
  return o;
}

const World& GetWorld() {
  static const World* world = [] {
    auto* w = new World;
    w->evaluator = ShippedEvaluator(w->error);
    if (!w->evaluator) return w;
    w->day_by_day = ShippedEvaluator(w->error, EvaluatorOptions::Search::kDayByDay);
    if (!w->day_by_day) return w;
    auto ledger = Ledger::Build(MakeScenario(w->evaluator->calendar()));
    if (!ledger.ok()) {
      w->error = Cat("ledger: ", ledger.status().message());
      return w;
    }
    w->ledger = std::make_unique<Ledger>(std::move(ledger).value());
    w->group_holding = w->ledger->GroupHolding(w->ledger->GroupOf(w->ledger->HolderIndex(kSeller)));
    // About 12.3%: between the 10% and 15% multiples (the orders below touch neither), and the
    // passing order stays above 12% (no 1% notice either).
    if (w->group_holding * 100 <= 12 * kTotalShares + 100 * 1'000'000 ||
        w->group_holding * 100 >= 13 * kTotalShares) {
      w->error = Cat("group holding ", std::to_string(w->group_holding), " is not around 12%");
      return w;
    }
    auto v =
        w->evaluator->Check(MakeOrder("probe", Method::kCentralizedBidding, 1'000'000), *w->ledger);
    if (!v.ok()) {
      w->error = Cat("probe: ", v.status().message());
      return w;
    }
    w->pass_headroom = v.value().max_compliant_shares;
    return w;
  }();
  return *world;
}

std::string Describe(const Verdict& v) {
  std::string s(OutcomeName(v.outcome));
  for (const Violation& x : v.violations) s.append(" ").append(x.rule->id);
  for (const UnknownFinding& u : v.unknown) s.append(" ?").append(u.rule->id);
  s.append(" obligations=").append(std::to_string(v.obligations.size()));
  s.append(" earliest=");
  s.append(v.earliest_full_date ? boost::gregorian::to_iso_extended_string(*v.earliest_full_date)
                                : std::string("none"));
  return s;
}

// Checks `order` in the timed loop with one reused Verdict and Scratch; the first checks (outside
// the loop) warm them and verify the outcome.
void RunCheck(benchmark::State& state, const Order& order, Outcome expected, bool expect_earliest,
              bool day_by_day = false) {
  const World& w = GetWorld();
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  const Evaluator& ev = day_by_day ? *w.day_by_day : *w.evaluator;
  const Ledger& ledger = *w.ledger;
  Verdict verdict;
  Evaluator::Scratch scratch;
  for (int i = 0; i < 3; ++i) {
    if (Status st = ev.Check(order, ledger, verdict, scratch); !st.ok()) {
      state.SkipWithError(Cat("check failed: ", st.message()).c_str());
      return;
    }
  }
  if (verdict.outcome != expected || verdict.earliest_full_date.has_value() != expect_earliest) {
    state.SkipWithError(Cat("unexpected verdict: ", Describe(verdict)).c_str());
    return;
  }
  state.SetLabel(Describe(verdict));

  const std::uint64_t before = Allocs();
  for (auto _ : state) {
    Status st = ev.Check(order, ledger, verdict, scratch);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(verdict.outcome);
    benchmark::ClobberMemory();
  }
  const std::uint64_t allocs = Allocs() - before;
  state.counters["allocs_per_check"] =
      static_cast<double>(allocs) /
      static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

// 1,000,000 shares by centralized bidding: inside the plan, the 1% quota and every lock; the
// group goes from 12.31% to 12.21% (no 1% or 5% multiple touched, no obligation).
void BM_CheckPass(benchmark::State& state) {
  RunCheck(state, MakeOrder("pass", Method::kCentralizedBidding, 1'000'000), Outcome::kPass, true);
}

// Just over the 1% quota left (CAP-CB-1PCT): fails with messages and facts, and the earliest-date
// search finds a date a few trading days later, when older 2025 sales leave the 90-day window.
void BM_CheckFailCap(benchmark::State& state) {
  const World& w = GetWorld();
  RunCheck(state, MakeOrder("over-cap", Method::kCentralizedBidding, w.pass_headroom + 300'000),
           Outcome::kFail, true);
}

// More capped shares than a whole 1% quota: never passes. The search jumps between the dates on
// which an answer can change (the plan's end, a new plan's first day and end), twice (as filed,
// then with a new plan).
void BM_CheckFailNoEarliest(benchmark::State& state) {
  RunCheck(state, MakeOrder("never", Method::kCentralizedBidding, 18'000'000), Outcome::kFail,
           false);
}

// The two failing orders with the reference search (EvaluatorOptions::Search::kDayByDay): every
// trading day to the earliest date, or to the calendar's end (2026-12-31) twice. What the
// jumping search saves; the same verdicts.
void BM_CheckFailCapDayByDay(benchmark::State& state) {
  const World& w = GetWorld();
  RunCheck(state, MakeOrder("over-cap", Method::kCentralizedBidding, w.pass_headroom + 300'000),
           Outcome::kFail, true, true);
}
void BM_CheckFailNoEarliestDayByDay(benchmark::State& state) {
  RunCheck(state, MakeOrder("never", Method::kCentralizedBidding, 18'000'000), Outcome::kFail,
           false, true);
}

// The convenience overload (fresh Verdict and Scratch per call): what reuse saves.
void BM_CheckPassFreshVerdict(benchmark::State& state) {
  const World& w = GetWorld();
  if (!w.error.empty()) {
    state.SkipWithError(w.error.c_str());
    return;
  }
  const Order order = MakeOrder("pass", Method::kCentralizedBidding, 1'000'000);
  auto first = w.evaluator->Check(order, *w.ledger);
  if (!first.ok() || first.value().outcome != Outcome::kPass) {
    state.SkipWithError("the passing order does not pass");
    return;
  }
  const std::uint64_t before = Allocs();
  for (auto _ : state) {
    auto v = w.evaluator->Check(order, *w.ledger);
    benchmark::DoNotOptimize(v);
  }
  state.counters["allocs_per_check"] =
      static_cast<double>(Allocs() - before) /
      static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

BENCHMARK(BM_CheckPass);
BENCHMARK(BM_CheckFailCap);
BENCHMARK(BM_CheckFailNoEarliest);
BENCHMARK(BM_CheckPassFreshVerdict);
BENCHMARK(BM_CheckFailCapDayByDay);
BENCHMARK(BM_CheckFailNoEarliestDayByDay);

// REDUCHECK_BENCH_TRACE_ALLOCS=pass|fail|never|fresh: one warm check of the passing, over-cap or
// never-passing order, or of the passing order through the convenience overload, with a
// backtrace per allocation on stderr.
void TraceOneCheck(std::string_view which) {
  const World& w = GetWorld();
  if (!w.error.empty()) {
    std::fprintf(stderr, "trace: %s\n", w.error.c_str());
    return;
  }
  const Order order =
      which == "fail"
          ? MakeOrder("over-cap", Method::kCentralizedBidding, w.pass_headroom + 300'000)
      : which == "never" ? MakeOrder("never", Method::kCentralizedBidding, 18'000'000)
                         : MakeOrder("pass", Method::kCentralizedBidding, 1'000'000);
  Verdict v;
  Evaluator::Scratch scratch;
  for (int i = 0; i < 3; ++i) (void)w.evaluator->Check(order, *w.ledger, v, scratch);
  void* warm[4];
  backtrace(warm, 4);  // loads the unwinder before tracing
  const std::uint64_t before = Allocs();
  t_trace = true;
  Status st;
  if (which == "fresh") {  // the convenience overload: new Verdict and Scratch
    auto r = w.evaluator->Check(order, *w.ledger);
    t_trace = false;
    st = r.ok() ? Status::Ok() : r.status();
    if (r.ok()) v = std::move(r).value();
  } else {
    st = w.evaluator->Check(order, *w.ledger, v, scratch);
  }
  t_trace = false;
  const std::uint64_t allocs = Allocs() - before;
  const std::string what = st.ok() ? Describe(v) : st.message();
  std::fprintf(stderr, "trace: %llu allocation(s) in one warm check (%s)\n",
               static_cast<unsigned long long>(allocs), what.c_str());
}

}  // namespace
}  // namespace reducheck

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (const char* t = std::getenv("REDUCHECK_BENCH_TRACE_ALLOCS"); t != nullptr && *t != '\0') {
    reducheck::TraceOneCheck(t);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
