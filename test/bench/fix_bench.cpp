// fix_bench: the FIX gateway's decision for one sell order, in-process (no session): the
// DeskFixCore::CheckSell the gateway calls between receiving a NewOrderSingle and forwarding or
// rejecting it — the rule check on the book, the audit line ("channel":"fix") and, for a
// failing order, the tag-58 text. docs/performance.md#fix-gateway has the figures; the
// QuickFIX side is measured by fix_session_bench.
//
// State: examples/desk_pass.yaml loaded as reference data (the desk_bench world).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "audit/audit_log.h"
#include "fix/desk_fix_core.h"
#include "reducheck/adapters/runtime_data.h"
#include "service/desk.h"
#include "store/state_store.h"

namespace {

using namespace reducheck;

struct World {
  std::string dir;
  adapters::EvaluatorLoad rules;
  std::unique_ptr<store::StateStore> store;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<service::Desk> desk;
  std::unique_ptr<fix::DeskFixCore> core;

  World() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "reducheck-fixbench-XXXXXX").string();
    dir = mkdtemp(pattern.data());
    rules = adapters::LoadEvaluator(REDUCHECK_RULES_DIR);
    store = std::move(store::StateStore::Open(dir + "/s.sqlite")).value();
    audit = std::move(audit::AuditLog::Open(dir + "/audit.jsonl")).value();
    service::DeskOptions options;
    options.token = "bench-token-0123456789";
    desk = std::move(service::Desk::Open(*rules.evaluator, *store, audit.get(), options)).value();
    std::ifstream in(std::string(REDUCHECK_EXAMPLES_DIR) + "/desk_pass.yaml");
    std::stringstream text;
    text << in.rdbuf();
    if (!desk->LoadReference(text.str(), "desk_pass.yaml").ok()) std::abort();
    core = std::make_unique<fix::DeskFixCore>(*desk, options.token, [](int, const std::string&) {});
  }
  ~World() {
    core.reset();
    desk.reset();
    audit->Close();
    std::filesystem::remove_all(dir);
  }
};

fix::SellOrder Sell(std::int64_t shares) {
  fix::SellOrder o;
  o.order_id = "S1";
  o.holder = "DY";
  o.company = "603876";
  o.date = "2026-03-17";
  o.method = "centralized_bidding";
  o.shares = shares;
  o.price = "18.60";
  return o;
}

void Run(benchmark::State& state, std::int64_t shares, bool want_pass) {
  World world;
  const fix::SellOrder order = Sell(shares);
  for (auto _ : state) {
    fix::CheckAnswer answer = world.core->CheckSell(order);
    benchmark::DoNotOptimize(answer);
    if (answer.pass != want_pass) state.SkipWithError("unexpected verdict");
  }
}

// 2,000,000 shares pass (desk_pass.yaml's O1).
void BM_FixCheckSellPass(benchmark::State& state) { Run(state, 2000000, true); }
// 6,000,000 shares fail CAP-CB-1PCT: explained, earliest date searched, tag 58 built.
void BM_FixCheckSellFail(benchmark::State& state) { Run(state, 6000000, false); }

BENCHMARK(BM_FixCheckSellPass)->UseRealTime();
BENCHMARK(BM_FixCheckSellFail)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
