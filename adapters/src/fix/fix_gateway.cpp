// The QuickFIX side of the gateway (C++14: QuickFIX 1.15's headers do not compile as C++17).
// docs/fix-gateway.md describes the flows implemented here.
#include "fix/fix_gateway.h"

#include <quickfix/Application.h>
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/SocketInitiator.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "fix/fix_fields.h"

namespace reducheck {
namespace fix {

namespace {

// Tags (FIX 4.2 and 4.4 agree on all of them).
constexpr int kAccount = 1, kAvgPx = 6, kClOrdID = 11, kCumQty = 14, kExecID = 17,
              kExecTransType = 20, kIDSource = 22, kLastPx = 31, kLastShares = 32, kMsgSeqNum = 34,
              kMsgType = 35, kOrderID = 37, kOrderQty = 38, kOrdStatus = 39, kOrigClOrdID = 41,
              kPossDupFlag = 43, kPrice = 44, kSecurityID = 48, kSide = 54, kSymbol = 55,
              kText = 58, kTransactTime = 60, kPossResend = 97, kOrdRejReason = 103,
              kCxlRejReason = 102, kExecType = 150, kLeavesQty = 151, kCxlRejResponseTo = 434,
              kPartyID = 448;

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string UtcNow() { return FIX::UtcTimeStampConvertor::convert(FIX::UtcTimeStamp(), 3); }

// No FIX message log (FileLogPath not set): the decisions are in the audit log anyway.
class NullLogFactory : public FIX::LogFactory {
 public:
  FIX::Log* create() override { return new FIX::NullLog(); }
  FIX::Log* create(const FIX::SessionID&) override { return new FIX::NullLog(); }
  void destroy(FIX::Log* log) override { delete log; }
};

// One sell order's time in the gateway, in nanoseconds (-1: the part did not happen).
struct Timing {
  std::int64_t total, read, check, send;
  bool forwarded;
};

struct OrderState {
  std::string holder, company, date, side, symbol;
  std::int64_t quantity = 0;
  std::int64_t filled = 0;
};

class Gateway : public FIX::Application, public FixGateway {
 public:
  Gateway(FixCore& core, const FIX::SessionSettings& settings) : core_(core), settings_(settings) {
    const FIX::Dictionary& defaults = settings.get();
    auto get = [&](const char* key, const char* fallback) {
      return defaults.has(key) ? defaults.getString(key) : std::string(fallback);
    };
    holder_field_ = get("ReducheckHolderField", "Account");
    company_field_ = get("ReducheckCompanyField", "Symbol");
    method_ = get("ReducheckMethod", "centralized_bidding");
    if (const char* v = std::getenv("REDUCHECK_FIX_TEST_EXIT_AFTER_RECORD")) exit_after_ = v;
    timings_.reserve(1 << 16);
  }

  std::string Validate() const {
    if (holder_field_ != "Account" && holder_field_ != "PartyID")
      return "ReducheckHolderField: expected Account or PartyID, got \"" + holder_field_ + "\"";
    if (company_field_ != "Symbol" && company_field_ != "SecurityID")
      return "ReducheckCompanyField: expected Symbol or SecurityID, got \"" + company_field_ + "\"";
    static const std::set<std::string> methods = {"centralized_bidding", "block_trade",
                                                  "agreement_transfer", "inquiry_transfer"};
    if (methods.count(method_) == 0)
      return "ReducheckMethod: expected centralized_bidding, block_trade, agreement_transfer or "
             "inquiry_transfer, got \"" +
             method_ + "\"";
    int acceptors = 0, initiators = 0;
    for (const FIX::SessionID& id : settings_.getSessions()) {
      const std::string type = settings_.get(id).getString("ConnectionType");
      if (type == "acceptor") ++acceptors;
      if (type == "initiator") ++initiators;
    }
    if (acceptors != 1 || initiators != 1)
      return "expected exactly one acceptor session (the OMS) and one initiator session (the "
             "broker), found " +
             std::to_string(acceptors) + " and " + std::to_string(initiators);
    return "";
  }

  void Begin(std::unique_ptr<FIX::MessageStoreFactory> store,
             std::unique_ptr<FIX::LogFactory> log) {
    store_ = std::move(store);
    log_ = std::move(log);
    // QuickFIX's socket acceptor and initiator each read their own socket settings from every
    // session they are given: each gets only its side.
    acceptor_settings_ = Side("acceptor");
    initiator_settings_ = Side("initiator");
    acceptor_.reset(new FIX::SocketAcceptor(*this, *store_, acceptor_settings_, *log_));
    initiator_.reset(new FIX::SocketInitiator(*this, *store_, initiator_settings_, *log_));
    acceptor_->start();
    initiator_->start();
  }

  ~Gateway() override { Stop(); }

  FIX::SessionSettings Side(const std::string& type) const {
    FIX::SessionSettings side;
    side.set(settings_.get());
    for (const FIX::SessionID& id : settings_.getSessions()) {
      if (settings_.get(id).getString("ConnectionType") == type) side.set(id, settings_.get(id));
    }
    return side;
  }

  void Stop() override {
    if (stopped_.exchange(true)) return;
    // Each side logs out and joins its thread (which polls once a second): both at once.
    std::thread broker_side([this] {
      if (initiator_) initiator_->stop();
    });
    if (acceptor_) acceptor_->stop();
    broker_side.join();
  }

  LatencySummary Latency() const override {
    std::vector<Timing> v;
    {
      std::lock_guard<std::mutex> lock(latency_mu_);
      v = timings_;
    }
    // Nearest-rank percentiles of one part (orders without it, e.g. no check, left out).
    auto part = [&v](std::int64_t Timing::*field) {
      std::vector<std::int64_t> x;
      x.reserve(v.size());
      for (const Timing& t : v)
        if (t.*field >= 0) x.push_back(t.*field);
      LatencyPart out;
      if (x.empty()) return out;
      std::sort(x.begin(), x.end());
      auto rank = [&x](std::size_t pct) {
        const std::size_t r = (x.size() * pct + 99) / 100;
        return x[r == 0 ? 0 : r - 1];
      };
      out.p50_ns = rank(50);
      out.p99_ns = rank(99);
      out.max_ns = x.back();
      return out;
    };
    LatencySummary s;
    s.orders = v.size();
    for (const Timing& t : v) s.forwarded += t.forwarded ? 1 : 0;
    s.total = part(&Timing::total);
    s.read = part(&Timing::read);
    s.check = part(&Timing::check);
    s.send = part(&Timing::send);
    return s;
  }

  // ---- FIX::Application ----
  void onCreate(const FIX::SessionID& id) override {
    if (settings_.get(id).getString("ConnectionType") == "acceptor") {
      oms_ = id;
    } else {
      broker_ = id;
    }
  }
  void onLogon(const FIX::SessionID& id) override { core_.Log(0, "FIX logon: " + id.toString()); }
  void onLogout(const FIX::SessionID& id) override { core_.Log(0, "FIX logout: " + id.toString()); }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message&,
                 const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                              FIX::IncorrectTagValue, FIX::RejectLogon) override {}

  void fromApp(const FIX::Message& message,
               const FIX::SessionID& id) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                               FIX::IncorrectTagValue,
                                               FIX::UnsupportedMessageType) override {
    if (id == oms_) {
      FromOms(message);
    } else {
      FromBroker(message);
    }
  }

 private:
  void FromOms(const FIX::Message& m) {
    const std::string& type = m.getHeader().getField(kMsgType);
    if (type == "D") return NewOrder(m);
    if (type == "G") return Replace(m);
    Forward(m, broker_);  // cancels (F) and anything else go through unchanged
  }

  void NewOrder(const FIX::Message& m) {
    const std::int64_t t0 = NowNs();
    const std::string& cl_ord_id = m.getField(kClOrdID);
    const std::string& side = m.getField(kSide);
    const std::int64_t quantity = Quantity(m, kOrderQty);
    const std::string price = PriceText(m, kPrice);
    OrderState state;
    state.side = side;
    state.quantity = quantity;
    state.symbol = m.isSetField(kSymbol) ? m.getField(kSymbol) : "";
    state.date = CstDate(m);
    state.holder = Holder(m);
    state.company = Company(m);
    if (!IsSell(side)) {
      // Buys pass through unjudged; their fills are recorded as purchases (RecordFill).
      Remember(cl_ord_id, state);
      Forward(m, broker_);
      return;
    }
    // Orders that cannot be judged: "reducheck undecidable: <why>" (docs/fix-gateway.md).
    std::string refusal;
    if (state.holder.empty()) refusal = "no holder: " + HolderFieldName() + " is missing";
    if (state.company.empty()) {
      refusal += (refusal.empty() ? "" : "; ") + std::string("no company: ") + CompanyFieldName() +
                 " is missing";
    }
    if (refusal.empty() && !BrokerUp()) refusal = "the broker session is not logged on";
    if (refusal.empty() && held_.load(std::memory_order_acquire)) refusal = HeldRefusal();
    if (!refusal.empty()) refusal = "reducheck undecidable: " + refusal;
    if (refusal.empty()) {
      SellOrder order;
      order.order_id = cl_ord_id;
      order.holder = state.holder;
      order.company = state.company;
      order.date = state.date;
      order.method = method_;
      order.shares = quantity;
      order.price = price;
      const std::int64_t c0 = NowNs();
      const CheckAnswer answer = core_.CheckSell(order);
      const std::int64_t c1 = NowNs();
      if (answer.pass) {
        Remember(cl_ord_id, state);
        Forward(m, broker_);
        const std::int64_t end = NowNs();
        RecordLatency(Timing{end - t0, c0 - t0, c1 - c0, end - c1, true});
        return;
      }
      Reject(m, answer.text);
      const std::int64_t end = NowNs();
      RecordLatency(Timing{end - t0, c0 - t0, c1 - c0, end - c1, false});
      return;
    }
    const std::int64_t r0 = NowNs();
    Reject(m, refusal);
    const std::int64_t end = NowNs();
    RecordLatency(Timing{end - t0, r0 - t0, -1, end - r0, false});
  }

  void Replace(const FIX::Message& m) {
    const std::string& orig = m.getField(kOrigClOrdID);
    const std::string& cl_ord_id = m.getField(kClOrdID);
    const std::int64_t quantity = Quantity(m, kOrderQty);
    OrderState state;
    bool known = false;
    {
      std::lock_guard<std::mutex> lock(orders_mu_);
      auto it = orders_.find(orig);
      if (it != orders_.end()) {
        state = it->second;
        known = true;
      }
    }
    if (known && IsSell(state.side) && quantity > state.quantity) {
      // Raising a sell: the rest of the new quantity is judged again (the fills so far are
      // recorded already and count against it), unless a fill is held (the ledger lacks it).
      if (held_.load(std::memory_order_acquire))
        return CancelReject(m, "reducheck undecidable: " + HeldRefusal());
      SellOrder order;
      order.order_id = cl_ord_id;
      order.holder = state.holder;
      order.company = state.company;
      order.date = m.isSetField(kTransactTime) ? CstDate(m) : state.date;
      order.method = method_;
      order.shares = quantity - state.filled;
      order.price = PriceText(m, kPrice);
      const CheckAnswer answer = core_.CheckSell(order);
      if (!answer.pass) return CancelReject(m, answer.text);
    } else if (!known && m.isSetField(kSide) && IsSell(m.getField(kSide))) {
      return CancelReject(m, "reducheck: unknown order " + orig +
                                 " (not seen since the gateway started): a replace of a sell "
                                 "order the gateway cannot re-check is refused");
    }
    state.quantity = quantity;
    Remember(cl_ord_id, state);
    Forward(m, broker_);
  }

  void FromBroker(const FIX::Message& m) {
    const std::string& type = m.getHeader().getField(kMsgType);
    if (type == "8" && m.isSetField(kExecType)) {
      const std::string& exec_type = m.getField(kExecType);
      if ((exec_type == "F" || exec_type == "1" || exec_type == "2") && m.isSetField(kLastShares)) {
        if (!RecordFill(m)) return;  // held: neither passed on nor consumed
      }
    }
    Forward(m, oms_);
  }

  // False when the fill could not be recorded for a passing reason and the broker session is
  // held (Hold): the report must not go upstream.
  bool RecordFill(const FIX::Message& m) {
    Fill fill;
    fill.exec_id = m.getField(kExecID);
    fill.shares = Quantity(m, kLastShares);
    fill.price = PriceText(m, kLastPx);
    fill.method = method_;
    OrderState state;
    bool known = false;
    const std::string cl_ord_id = m.isSetField(kClOrdID) ? m.getField(kClOrdID) : "";
    {
      std::lock_guard<std::mutex> lock(orders_mu_);
      auto it = orders_.find(cl_ord_id);
      if (it != orders_.end()) {
        it->second.filled += fill.shares;
        state = it->second;
        known = true;
      }
    }
    fill.holder = known ? state.holder : Holder(m);
    fill.company = known ? state.company : Company(m);
    fill.sell = known ? IsSell(state.side) : (m.isSetField(kSide) && IsSell(m.getField(kSide)));
    fill.date = m.isSetField(kTransactTime) ? CstDate(m) : state.date;
    if (fill.date.empty()) {
      core_.Log(2,
                "fill " + fill.exec_id + " has no TransactTime and no known order: not recorded");
      return true;
    }
    const FillAnswer answer = core_.RecordFill(fill);
    if (!answer.recorded && answer.retry) {
      if (known) {  // not filled after all, for now: it comes again
        std::lock_guard<std::mutex> lock(orders_mu_);
        auto it = orders_.find(cl_ord_id);
        if (it != orders_.end()) it->second.filled -= fill.shares;
      }
      Hold(m, fill.exec_id, answer.error);
      return false;
    }
    if (!answer.recorded) {
      // About the fill itself (an unknown holder, more shares than held, ...): it will not
      // record on a retry either. It happened, so the OMS is told; the error is logged.
      core_.Log(2, "fill " + fill.exec_id + " NOT recorded: " + answer.error +
                       "; passed upstream (it happened): record it by hand");
      return true;
    }
    if (held_.load(std::memory_order_acquire)) {
      std::lock_guard<std::mutex> lock(held_mu_);
      if (held_exec_id_ == fill.exec_id) {
        held_.store(false, std::memory_order_release);
        core_.Log(1, "fill " + fill.exec_id + " recorded on redelivery: hold released");
      }
    }
    if (!exit_after_.empty() && exit_after_ == fill.exec_id) {
      // Fault injection for the restart test (test/fix): die after the fill is durable and
      // before the report goes upstream or its sequence number is stored.
      std::fflush(nullptr);
      _exit(9);
    }
    return true;
  }

  // A fill that could not be recorded (the database or the audit log cannot be written) is not
  // passed upstream and not consumed: QuickFIX counts a message as received when fromApp
  // returns (it then raises the expected sequence number), so the expected number is set one
  // below this report's, making it this report's again after the return, and the broker
  // session is disconnected. The gateway reconnects (ReconnectInterval); the broker's logon
  // shows the gap and the gateway asks for a resend from this report, which is then recorded
  // (or held again). A gateway that dies meanwhile finds the same gap at its restart. Until
  // the report is recorded, sells are refused: the ledger lacks a fill that happened.
  void Hold(const FIX::Message& m, const std::string& exec_id, const std::string& why) {
    {
      std::lock_guard<std::mutex> lock(held_mu_);
      held_exec_id_ = exec_id;
      held_reason_ = why;
    }
    held_.store(true, std::memory_order_release);
    core_.Log(2, "fill " + exec_id + " NOT recorded (" + why +
                     "): not passed upstream; the broker session is held until the broker "
                     "redelivers it and it is recorded; sells are refused meanwhile");
    FIX::Session* session = FIX::Session::lookupSession(broker_);
    if (session == nullptr) return;
    const int seq = std::atoi(m.getHeader().getField(kMsgSeqNum).c_str());
    if (seq > 1) session->setNextTargetMsgSeqNum(seq - 1);
    session->disconnect();
  }

  std::string HeldRefusal() {
    std::lock_guard<std::mutex> lock(held_mu_);
    return "fill " + held_exec_id_ + " could not be recorded (" + held_reason_ +
           "); sells are refused until the broker redelivers it and it is";
  }

  std::string HolderFieldName() const {
    return holder_field_ == "Account" ? "Account (1)" : "PartyID (448)";
  }
  std::string CompanyFieldName() const {
    return company_field_ == "Symbol" ? "Symbol (55)" : "SecurityID (48)";
  }
  std::string Holder(const FIX::Message& m) const {
    const int tag = holder_field_ == "Account" ? kAccount : kPartyID;
    return m.isSetField(tag) ? m.getField(tag) : "";
  }
  std::string Company(const FIX::Message& m) const {
    const int tag = company_field_ == "Symbol" ? kSymbol : kSecurityID;
    return m.isSetField(tag) ? m.getField(tag) : "";
  }

  bool BrokerUp() const {
    FIX::Session* s = FIX::Session::lookupSession(broker_);
    return s != nullptr && s->isLoggedOn();
  }

  void Remember(const std::string& cl_ord_id, const OrderState& state) {
    std::lock_guard<std::mutex> lock(orders_mu_);
    orders_[cl_ord_id] = state;
  }

  void RecordLatency(const Timing& t) {
    std::lock_guard<std::mutex> lock(latency_mu_);
    timings_.push_back(t);
  }

  // The body unchanged; the session writes its own header (BeginString, CompIDs, MsgSeqNum,
  // SendingTime). A message the counterparty resent is marked PossResend.
  void Forward(const FIX::Message& m, const FIX::SessionID& to) {
    FIX::Message out(m);
    const bool resent =
        m.getHeader().isSetField(kPossDupFlag) && m.getHeader().getField(kPossDupFlag) == "Y";
    out.getHeader().clear();
    out.getTrailer().clear();
    out.getHeader().setField(kMsgType, m.getHeader().getField(kMsgType));
    if (resent) out.getHeader().setField(kPossResend, "Y");
    if (!FIX::Session::sendToTarget(out, to))
      core_.Log(2, "could not send to " + to.toString() + " (session not found)");
  }

  void Reject(const FIX::Message& order, const std::string& text) {
    FIX::Message r;
    r.getHeader().setField(kMsgType, "8");
    r.setField(kOrderID, "NONE");
    r.setField(kExecID, NextExecId());
    if (oms_.getBeginString() == "FIX.4.2") r.setField(kExecTransType, "0");
    r.setField(kExecType, "8");
    r.setField(kOrdStatus, "8");
    r.setField(kClOrdID, order.getField(kClOrdID));
    for (const int tag : {kAccount, kSymbol, kSecurityID, kIDSource, kSide, kOrderQty, kPrice}) {
      if (order.isSetField(tag)) r.setField(tag, order.getField(tag));
    }
    r.setField(kLeavesQty, "0");
    r.setField(kCumQty, "0");
    r.setField(kAvgPx, "0");
    r.setField(kOrdRejReason, "99");
    r.setField(kTransactTime, UtcNow());
    r.setField(kText, text.substr(0, 1000));
    FIX::Session::sendToTarget(r, oms_);
  }

  void CancelReject(const FIX::Message& request, const std::string& text) {
    FIX::Message r;
    r.getHeader().setField(kMsgType, "9");
    r.setField(kOrderID, request.isSetField(kOrderID) ? request.getField(kOrderID) : "NONE");
    r.setField(kClOrdID, request.getField(kClOrdID));
    r.setField(kOrigClOrdID, request.getField(kOrigClOrdID));
    r.setField(kOrdStatus, "0");  // the original order stands as it was
    r.setField(kCxlRejResponseTo, "2");
    r.setField(kCxlRejReason, "99");
    r.setField(kText, text.substr(0, 1000));
    FIX::Session::sendToTarget(r, oms_);
  }

  std::string NextExecId() {
    return "RDC-" + std::to_string(start_ns_) + "-" + std::to_string(++exec_counter_);
  }

  FixCore& core_;
  FIX::SessionSettings settings_;
  FIX::SessionSettings acceptor_settings_, initiator_settings_;
  std::string holder_field_, company_field_, method_, exit_after_;
  FIX::SessionID oms_, broker_;
  std::unique_ptr<FIX::MessageStoreFactory> store_;
  std::unique_ptr<FIX::LogFactory> log_;
  std::unique_ptr<FIX::SocketAcceptor> acceptor_;
  std::unique_ptr<FIX::SocketInitiator> initiator_;
  std::atomic<bool> stopped_{false};
  std::mutex orders_mu_;
  std::unordered_map<std::string, OrderState> orders_;
  mutable std::mutex latency_mu_;
  std::vector<Timing> timings_;
  const std::int64_t start_ns_ = std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
  std::atomic<std::uint64_t> exec_counter_{0};
  // A fill not recorded and held (Hold): sells are refused until it is recorded.
  std::atomic<bool> held_{false};
  std::mutex held_mu_;
  std::string held_exec_id_, held_reason_;
};

}  // namespace

std::unique_ptr<FixGateway> FixGateway::Start(const std::string& config_path, FixCore& core,
                                              std::string& error) {
  try {
    FIX::SessionSettings settings(config_path);
    std::unique_ptr<Gateway> gateway(new Gateway(core, settings));
    const std::string problem = gateway->Validate();
    if (!problem.empty()) {
      error = config_path + ": " + problem;
      return nullptr;
    }
    std::unique_ptr<FIX::MessageStoreFactory> store(new FIX::FileStoreFactory(settings));
    std::unique_ptr<FIX::LogFactory> log;
    if (settings.get().has("FileLogPath")) {
      log.reset(new FIX::FileLogFactory(settings));
    } else {
      log.reset(new NullLogFactory());
    }
    gateway->Begin(std::move(store), std::move(log));
    return std::unique_ptr<FixGateway>(gateway.release());
  } catch (const FIX::ConfigError& e) {
    error = config_path + ": " + e.what();
  } catch (const FIX::RuntimeError& e) {
    error = config_path + ": " + e.what();
  } catch (const std::exception& e) {
    error = config_path + ": " + e.what();
  }
  return nullptr;
}

}  // namespace fix
}  // namespace reducheck
