// desk_bench: where the desk service's time goes for one POST /v1/check, in-process (no
// socket): the whole handler with and without the audit line, and its parts (request parsing,
// the verdict JSON, the canonical input). docs/performance.md has the figures.
//
// State: examples/desk_pass.yaml loaded as reference data; the order is that file's passing
// order. The audit log goes to a temporary file; its worker thread chains and writes lines in
// the background, so BM_DeskCheck measures what the request thread pays.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "audit/audit_log.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/verdict_render.h"
#include "service/desk.h"
#include "service/request_json.h"
#include "store/state_store.h"

namespace {

using namespace reducheck;

constexpr const char* kOrder =
    R"({"id":"O1","holder":"DY","date":"2026-03-17","method":"centralized_bidding","shares":2000000,"price":"18.60"})";

struct World {
  std::string dir;
  adapters::EvaluatorLoad rules;
  std::unique_ptr<store::StateStore> store;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<service::Desk> desk;

  explicit World(bool with_audit) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "reducheck-bench-XXXXXX").string();
    dir = mkdtemp(pattern.data());
    rules = adapters::LoadEvaluator(REDUCHECK_RULES_DIR);
    store = std::move(store::StateStore::Open(dir + "/s.sqlite")).value();
    if (with_audit) audit = std::move(audit::AuditLog::Open(dir + "/audit.jsonl")).value();
    desk = std::move(service::Desk::Open(*rules.evaluator, *store, audit.get(), {})).value();
    std::ifstream in(std::string(REDUCHECK_EXAMPLES_DIR) + "/desk_pass.yaml");
    std::stringstream text;
    text << in.rdbuf();
    if (!desk->LoadReference(text.str(), "desk_pass.yaml").ok()) std::abort();
  }
  ~World() {
    desk.reset();
    if (audit) audit->Close();
    std::filesystem::remove_all(dir);
  }
};

service::Request CheckRequest() {
  service::Request r;
  r.method = "POST";
  r.target = "/v1/check";
  r.body = kOrder;
  r.content_type = "application/json";
  return r;
}

void RunDesk(benchmark::State& state, bool with_audit) {
  World world(with_audit);
  const service::Request req = CheckRequest();
  for (auto _ : state) {
    service::Reply reply = world.desk->Handle(req);
    benchmark::DoNotOptimize(reply);
    if (reply.status != 200) state.SkipWithError("check did not return 200");
  }
}

void BM_DeskCheck(benchmark::State& state) { RunDesk(state, true); }
void BM_DeskCheckNoAudit(benchmark::State& state) { RunDesk(state, false); }

void BM_ParseOrderRequest(benchmark::State& state) {
  for (auto _ : state) {
    auto parsed = service::ParseOrderRequest(kOrder, service::OrderKind::kCheck);
    benchmark::DoNotOptimize(parsed);
  }
}

void BM_CanonicalOrder(benchmark::State& state) {
  const auto parsed = service::ParseOrderRequest(kOrder, service::OrderKind::kCheck);
  for (auto _ : state) {
    std::string c = service::CanonicalOrder("603876", parsed.value->order);
    benchmark::DoNotOptimize(c);
  }
}

void BM_RenderPassVerdict(benchmark::State& state) {
  const auto parsed = service::ParseOrderRequest(kOrder, service::OrderKind::kCheck);
  adapters::CheckedOrder checked{&parsed.value->order, {}};
  // The passing verdict the desk returns for this order.
  Verdict& v = checked.verdict;
  v.outcome = Outcome::kPass;
  v.max_compliant_shares = 5000000;
  v.binding_rule = "CAP-CB-1PCT";
  v.earliest_full_date = Date(2026, 3, 17);
  v.rule_pack = "cn-2024";
  v.calendar = "cn-a-share-2021-2026";
  for (auto _ : state) {
    std::string json = adapters::RenderVerdictJsonCompact(checked);
    benchmark::DoNotOptimize(json);
  }
}

BENCHMARK(BM_DeskCheck)->UseRealTime();
BENCHMARK(BM_DeskCheckNoAudit);
BENCHMARK(BM_ParseOrderRequest);
BENCHMARK(BM_CanonicalOrder);
BENCHMARK(BM_RenderPassVerdict);

}  // namespace

BENCHMARK_MAIN();
