// fix_session_bench: QuickFIX's share of the gateway's work for one order, without sockets: the
// incoming NewOrderSingle parsed from its wire form, and the forward (the message copied, its
// header rewritten and encoded to the wire form, as FixGateway::Forward does before QuickFIX
// stores and writes it). C++14, like the gateway's session layer. docs/performance.md#fix-gateway.
#include <benchmark/benchmark.h>
#include <quickfix/Message.h>

#include <string>

namespace {

const char kWire[] =
    "8=FIX.4.4\x01"
    "9=148\x01"
    "35=D\x01"
    "34=3\x01"
    "49=OMS\x01"
    "52=20260317-02:00:00.000\x01"
    "56=RDC\x01"
    "1=DY\x01"
    "11=P1\x01"
    "21=1\x01"
    "38=100000\x01"
    "40=2\x01"
    "44=18.60\x01"
    "54=2\x01"
    "55=603876\x01"
    "60=20260317-02:00:00.000\x01"
    "10=000\x01";

void BM_ParseNewOrderSingle(benchmark::State& state) {
  const std::string wire(kWire);
  for (auto _ : state) {
    FIX::Message m(wire, false);
    benchmark::DoNotOptimize(m);
  }
}

void BM_ForwardEncode(benchmark::State& state) {
  const FIX::Message in(std::string(kWire), false);
  std::string out;
  for (auto _ : state) {
    FIX::Message m(in);
    m.getHeader().clear();
    m.getTrailer().clear();
    m.getHeader().setField(8, "FIX.4.2");
    m.getHeader().setField(35, "D");
    m.getHeader().setField(49, "RDC");
    m.getHeader().setField(56, "BROKER");
    m.getHeader().setField(34, "42");
    m.getHeader().setField(52, "20260317-02:00:00.001");
    m.toString(out);
    benchmark::DoNotOptimize(out);
  }
}

BENCHMARK(BM_ParseNewOrderSingle);
BENCHMARK(BM_ForwardEncode);

}  // namespace

BENCHMARK_MAIN();
