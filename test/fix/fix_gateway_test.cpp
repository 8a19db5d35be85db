// The FIX gateway over real loopback FIX sessions (docs/fix-gateway.md): a QuickFIX test OMS
// (initiator, FIX 4.4) and a QuickFIX test broker (acceptor, FIX 4.2) in this process, and
// `reducheck fix-gateway` as a child process between them, on the desk_pass.yaml example.
// C++14 like the gateway's session layer (QuickFIX 1.15's headers do not compile as C++17).
//
// REDUCHECK_BIN (the reducheck command) and REDUCHECK_EXAMPLES are compiled in by CMake.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <quickfix/Application.h>
#include <quickfix/FileStore.h>
#include <quickfix/Message.h>
#include <quickfix/NullStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/SocketInitiator.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fix/fix_fields.h"

namespace {

using Clock = std::chrono::steady_clock;

// 127.0.0.1:port.
sockaddr_in Loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  return a;
}

// A free TCP port on the loopback for the test's FIX acceptors, drawn below the kernel's ephemeral
// range (ip_local_port_range, 32768-60999 here): a port taken from that range and released could
// be handed by the kernel to the next socket bound to port 0 — the gateway's own HTTP listener
// (`--listen 127.0.0.1:0`) took the OMS acceptor's port that way once ("Address already in use").
// Each port is checked free by binding it, and never handed out twice by this process.
int FreePort() {
  static std::mt19937 rng{std::random_device{}()};
  static std::set<int> given;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int port = 20000 + static_cast<int>(rng() % 12000);
    if (given.count(port) != 0) continue;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in a = Loopback(port);
    const bool free = bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    if (free) {
      given.insert(port);
      return port;
    }
  }
  std::abort();  // no free port in 1,000 draws: the machine is not usable for these tests
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Messages a counterparty received, waited on by the test.
class Inbox {
 public:
  void Push(const FIX::Message& m) {
    std::lock_guard<std::mutex> lock(mu_);
    messages_.push_back(m);
    cv_.notify_all();
  }
  // The first message (removed) that matches, within `seconds`.
  bool Take(const std::function<bool(const FIX::Message&)>& match, FIX::Message& out,
            double seconds = 10) {
    std::unique_lock<std::mutex> lock(mu_);
    const auto until = Clock::now() + std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    for (;;) {
      for (auto it = messages_.begin(); it != messages_.end(); ++it) {
        if (match(*it)) {
          out = *it;
          messages_.erase(it);
          return true;
        }
      }
      if (cv_.wait_until(lock, until) == std::cv_status::timeout) return false;
    }
  }
  std::size_t Count(const std::function<bool(const FIX::Message&)>& match) {
    std::lock_guard<std::mutex> lock(mu_);
    std::size_t n = 0;
    for (const auto& m : messages_) n += match(m) ? 1 : 0;
    return n;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<FIX::Message> messages_;
};

std::string Type(const FIX::Message& m) { return m.getHeader().getField(35); }
std::string Get(const FIX::Message& m, int tag) { return m.isSetField(tag) ? m.getField(tag) : ""; }

class Counterparty : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID& id) override { session = id; }
  void onLogon(const FIX::SessionID&) override {
    std::lock_guard<std::mutex> lock(mu);
    logged_on = true;
    cv.notify_all();
  }
  void onLogout(const FIX::SessionID&) override {
    std::lock_guard<std::mutex> lock(mu);
    logged_on = false;
  }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message& m,
                 const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                              FIX::IncorrectTagValue, FIX::RejectLogon) override {
    if (Type(m) == "3") inbox.Push(m);  // session-level rejects
  }
  void fromApp(const FIX::Message& m,
               const FIX::SessionID&) throw(FIX::FieldNotFound, FIX::IncorrectDataFormat,
                                            FIX::IncorrectTagValue,
                                            FIX::UnsupportedMessageType) override {
    inbox.Push(m);
  }
  bool WaitLogon(double seconds = 15) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::milliseconds(static_cast<int>(seconds * 1000)),
                       [&] { return logged_on; });
  }
  void Send(FIX::Message m) { FIX::Session::sendToTarget(m, session); }

  FIX::SessionID session;
  Inbox inbox;
  std::mutex mu;
  std::condition_variable cv;
  bool logged_on = false;
};

FIX::Message NewOrder(const std::string& id, const std::string& side, long long qty,
                      const std::string& account = "DY",
                      const std::string& transact_time = "20260317-02:00:00.000") {
  FIX::Message m;
  m.getHeader().setField(35, "D");
  m.setField(11, id);
  m.setField(1, account);
  m.setField(21, "1");
  m.setField(55, "603876");
  m.setField(54, side);
  m.setField(60, transact_time);  // 20260317-02:00:00.000: 10:00 in Beijing
  m.setField(38, std::to_string(qty));
  m.setField(40, "2");
  m.setField(44, "18.60");
  return m;
}

FIX::Message Fill(const FIX::Message& order, const std::string& exec_id, long long qty) {
  FIX::Message r;
  r.getHeader().setField(35, "8");
  r.setField(37, "BRK-" + order.getField(11));
  r.setField(17, exec_id);
  r.setField(20, "0");
  r.setField(150, "2");
  r.setField(39, "2");
  r.setField(11, order.getField(11));
  r.setField(1, order.getField(1));
  r.setField(55, order.getField(55));
  r.setField(54, order.getField(54));
  r.setField(38, order.getField(38));
  r.setField(32, std::to_string(qty));
  r.setField(31, "18.60");
  r.setField(151, "0");
  r.setField(14, std::to_string(qty));
  r.setField(6, "18.60");
  r.setField(60, "20260317-02:00:05.000");
  return r;
}

class FixGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/reducheck-fix-XXXXXX";
    dir_ = mkdtemp(tmpl);
    oms_port_ = FreePort();
    broker_port_ = FreePort();
    std::ofstream(dir_ + "/token") << "fix-test-token-0123456789\n";
    std::ofstream cfg(dir_ + "/gateway.cfg");
    cfg << "[DEFAULT]\nFileStorePath=" << dir_ << "/gw-store\n";
    if (message_log_) cfg << "FileLogPath=" << dir_ << "/gw-log\n";
    cfg << "StartTime=00:00:00\nEndTime=00:00:00\nUseDataDictionary=N\n"
        << "ReconnectInterval=1\nHeartBtInt=5\nReducheckHolderField=" << holder_field_
        << "\nReducheckCompanyField=" << company_field_
        << "\nReducheckMethod=centralized_bidding\n\n"
        << "[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=RDC\n"
        << "TargetCompID=OMS\nSocketAcceptHost=127.0.0.1\nSocketAcceptPort=" << oms_port_
        << "\n\n[SESSION]\nConnectionType=initiator\nBeginString=FIX.4.2\nSenderCompID=RDC\n"
        << "TargetCompID=BROKER\nSocketConnectHost=127.0.0.1\nSocketConnectPort=" << broker_port_
        << "\n";
    cfg.close();

    std::stringstream broker_cfg;
    broker_cfg << "[DEFAULT]\nFileStorePath=" << dir_ << "/broker-store\nStartTime=00:00:00\n"
               << "EndTime=00:00:00\nUseDataDictionary=N\n\n[SESSION]\nConnectionType=acceptor\n"
               << "BeginString=FIX.4.2\nSenderCompID=BROKER\nTargetCompID=RDC\n"
               << "SocketAcceptHost=127.0.0.1\nSocketAcceptPort=" << broker_port_ << "\n";
    broker_settings_.reset(new FIX::SessionSettings(broker_cfg));
    broker_store_.reset(new FIX::FileStoreFactory(*broker_settings_));
    broker_acceptor_.reset(new FIX::SocketAcceptor(broker_, *broker_store_, *broker_settings_));
    broker_acceptor_->start();

    StartGateway();
    WaitListening(oms_port_);

    std::stringstream oms_cfg;
    oms_cfg << "[DEFAULT]\nFileStorePath=" << dir_ << "/oms-store\nStartTime=00:00:00\n"
            << "EndTime=00:00:00\nUseDataDictionary=N\nReconnectInterval=1\nHeartBtInt=5\n\n"
            << "[SESSION]\nConnectionType=initiator\nBeginString=FIX.4.4\nSenderCompID=OMS\n"
            << "TargetCompID=RDC\nSocketConnectHost=127.0.0.1\nSocketConnectPort=" << oms_port_
            << "\n";
    oms_settings_.reset(new FIX::SessionSettings(oms_cfg));
    oms_store_.reset(new FIX::FileStoreFactory(*oms_settings_));
    oms_initiator_.reset(new FIX::SocketInitiator(oms_, *oms_store_, *oms_settings_));
    oms_initiator_->start();
    ASSERT_TRUE(oms_.WaitLogon()) << "the OMS did not log on to the gateway\n" << GatewayErr();
    ASSERT_TRUE(broker_.WaitLogon()) << "the gateway did not log on to the broker\n"
                                     << GatewayErr();
    // The counterparties see the logon before the gateway has the answer to its own: until then
    // it rightly rejects sells (the broker session is not logged on).
    ASSERT_TRUE(WaitGatewayLogons(1)) << GatewayErr();
  }

  // Until the gateway has logged `n` logons of each session (its stderr accumulates across
  // restarts).
  bool WaitGatewayLogons(int n) {
    auto count = [](const std::string& text, const std::string& what) {
      int c = 0;
      for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++c;
      return c;
    };
    const auto until = Clock::now() + std::chrono::seconds(15);
    while (Clock::now() < until) {
      const std::string err = GatewayErr();
      if (count(err, "FIX logon: FIX.4.4:RDC->OMS") >= n &&
          count(err, "FIX logon: FIX.4.2:RDC->BROKER") >= n) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  void TearDown() override {
    if (oms_initiator_) oms_initiator_->stop(true);
    if (gateway_ > 0) ExpectCleanExit(StopGateway());
    if (broker_acceptor_) broker_acceptor_->stop(true);
    if (!HasFailure()) std::system(("rm -rf " + dir_).c_str());
  }

  void StartGateway(const std::string& exit_after_record = "") {
    gateway_ = fork();
    if (gateway_ == 0) {
      if (!exit_after_record.empty())
        setenv("REDUCHECK_FIX_TEST_EXIT_AFTER_RECORD", exit_after_record.c_str(), 1);
      const std::string err = dir_ + "/gateway.err";
      freopen(err.c_str(), "a", stderr);
      const std::string bin = REDUCHECK_BIN;
      const std::string example = reference_;
      execl(bin.c_str(), bin.c_str(), "fix-gateway", "--config", (dir_ + "/gateway.cfg").c_str(),
            "--db", (dir_ + "/state.sqlite").c_str(), "--load", example.c_str(), "--token-file",
            (dir_ + "/token").c_str(), "--listen", "127.0.0.1:0", static_cast<char*>(nullptr));
      _exit(127);
    }
  }

  // Until something accepts on the port (the gateway's OMS acceptor), so the test OMS's first
  // connection attempt succeeds instead of waiting out a reconnect interval.
  static void WaitListening(int port) {
    const auto until = Clock::now() + std::chrono::seconds(15);
    while (Clock::now() < until) {
      const int fd = socket(AF_INET, SOCK_STREAM, 0);
      const sockaddr_in a = Loopback(port);
      const bool up = connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
      close(fd);
      if (up) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // SIGTERM and wait; the exit status.
  int StopGateway() {
    if (gateway_ <= 0) return -1;
    kill(gateway_, SIGTERM);
    int status = 0;
    waitpid(gateway_, &status, 0);
    gateway_ = -1;
    return status;
  }
  // A gateway stopped with SIGTERM exits 0 (in the sanitizer tree, a sanitizer's report at
  // exit, a leak included, makes it exit otherwise).
  void ExpectCleanExit(int status) {
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "gateway exit status " << status << "\n"
        << GatewayErr();
  }
  // Waits for the gateway to die on its own (the fault injection's _exit(9)).
  int WaitGatewayExit(double seconds = 10) {
    const auto until = Clock::now() + std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    int status = 0;
    while (Clock::now() < until) {
      if (waitpid(gateway_, &status, WNOHANG) == gateway_) {
        gateway_ = -1;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

  std::string GatewayErr() const { return ReadAll(dir_ + "/gateway.err"); }

  // Executions recorded under an idempotency key (the gateway must be stopped: one writer).
  int Recorded(const std::string& key) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2((dir_ + "/state.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
      return -1;
    }
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM events WHERE idempotency_key = ?", -1, &st,
                       nullptr);
    sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    int n = -1;
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  // `failing`: orders of 6,000,000 shares (CAP-CB-1PCT), rejected to the OMS; else 100
  // shares, forwarded to the broker.
  void MeasureLatency(bool failing = false) {
    const int kOrders = 300;
    for (int i = 0; i < kOrders; ++i) {
      const std::string id = "L" + std::to_string(i);
      oms_.Send(NewOrder(id, "2", failing ? 6000000 : 100));
      FIX::Message m;
      if (failing) {
        ASSERT_TRUE(oms_.inbox.Take([&](const FIX::Message& x) { return IsReport(x, id); }, m))
            << GatewayErr();
        ASSERT_EQ(Get(m, 150), "8") << Get(m, 58);
      } else {
        ASSERT_TRUE(broker_.inbox.Take(
            [&](const FIX::Message& x) { return Type(x) == "D" && Get(x, 11) == id; }, m))
            << GatewayErr();
      }
    }
    ExpectCleanExit(StopGateway());
    const std::string err = GatewayErr();
    const std::size_t at = err.find("sell orders judged (");
    ASSERT_NE(at, std::string::npos) << err;
    const std::size_t line_start = err.rfind('\n', at) + 1;
    const std::string line = err.substr(line_start, err.find('\n', at) - line_start);
    std::printf("%s\n", line.c_str());
    EXPECT_NE(line.find("fix-gateway: " + std::to_string(kOrders) + " sell orders judged (" +
                        (failing ? "0" : std::to_string(kOrders)) + " forwarded)"),
              std::string::npos)
        << line;
    EXPECT_NE(line.find("the forward or reject through QuickFIX"), std::string::npos) << line;
  }

  static bool IsReport(const FIX::Message& m, const std::string& cl_ord_id) {
    return Type(m) == "8" && Get(m, 11) == cl_ord_id;
  }

  // The kind of the event recorded under an idempotency key ("" when none).
  std::string RecordedKind(const std::string& key) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2((dir_ + "/state.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
      return "";
    }
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT kind FROM events WHERE idempotency_key = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    std::string kind;
    if (sqlite3_step(st) == SQLITE_ROW)
      kind = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return kind;
  }

  // Sends a sell and returns the gateway's answer: the reject's tag 58, or "forwarded".
  std::string Judge(const FIX::Message& order) {
    const std::string id = order.getField(11);
    oms_.Send(order);
    const auto until = Clock::now() + std::chrono::seconds(10);
    FIX::Message m;
    while (Clock::now() < until) {
      if (oms_.inbox.Take([&](const FIX::Message& x) { return IsReport(x, id); }, m, 0.05))
        return Get(m, 150) == "8" ? Get(m, 58) : "report " + Get(m, 150);
      if (broker_.inbox.Take(
              [&](const FIX::Message& x) { return Type(x) == "D" && Get(x, 11) == id; }, m, 0.05))
        return "forwarded";
    }
    return "no answer";
  }

  std::string holder_field_ = "Account", company_field_ = "Symbol";
  std::string reference_ = std::string(REDUCHECK_EXAMPLES) + "/desk_pass.yaml";  // --load
  bool message_log_ = true;  // the gateway's QuickFIX FileLog (FileLogPath)
  std::string dir_;
  int oms_port_ = 0, broker_port_ = 0;
  pid_t gateway_ = -1;
  Counterparty oms_, broker_;
  std::unique_ptr<FIX::SessionSettings> oms_settings_, broker_settings_;
  std::unique_ptr<FIX::MessageStoreFactory> oms_store_, broker_store_;
  std::unique_ptr<FIX::SocketInitiator> oms_initiator_;
  std::unique_ptr<FIX::SocketAcceptor> broker_acceptor_;
};

TEST_F(FixGatewayTest, AFailingSellIsRejectedUpstreamWithTheRuleInTag58) {
  // 6,000,000 > the 5,000,000 left of the 1% quota (CAP-CB-1PCT).
  oms_.Send(NewOrder("S1", "2", 6000000));
  FIX::Message r;
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return IsReport(m, "S1"); }, r))
      << GatewayErr();
  EXPECT_EQ(Get(r, 150), "8");
  EXPECT_EQ(Get(r, 39), "8");
  EXPECT_EQ(Get(r, 38), "6000000");
  const std::string text = Get(r, 58);
  EXPECT_NE(text.find("CAP-CB-1PCT cat3 procedural"), std::string::npos) << text;
  EXPECT_NE(text.find("max passing qty 5000000"), std::string::npos) << text;
  // Nothing reached the broker.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(broker_.inbox.Count([](const FIX::Message& m) { return Type(m) == "D"; }), 0u);

  // An unknown holder cannot be decided: rejected too, saying why.
  oms_.Send(NewOrder("S2", "2", 100, "NOBODY"));
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return IsReport(m, "S2"); }, r));
  EXPECT_EQ(Get(r, 150), "8");
  EXPECT_NE(Get(r, 58).find("undecidable"), std::string::npos) << Get(r, 58);
}

TEST_F(FixGatewayTest, APassingSellIsForwardedUnchangedAndItsFillRecordedOnceAcrossARestart) {
  oms_.Send(NewOrder("P1", "2", 100000));
  FIX::Message forwarded;
  ASSERT_TRUE(broker_.inbox.Take([](const FIX::Message& m) { return Type(m) == "D"; }, forwarded))
      << GatewayErr();
  for (const int tag : {11, 1, 55, 54, 38, 44, 60, 40, 21})
    EXPECT_EQ(Get(forwarded, tag), Get(NewOrder("P1", "2", 100000), tag)) << tag;
  EXPECT_EQ(forwarded.getHeader().getField(8), "FIX.4.2");

  // The broker fills it: recorded, then passed upstream.
  broker_.Send(Fill(forwarded, "E1", 100000));
  FIX::Message report;
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Get(m, 17) == "E1"; }, report))
      << GatewayErr();
  EXPECT_EQ(Get(report, 32), "100000");

  // A replace raising the quantity beyond what passes is refused (35=9), lowering goes through.
  FIX::Message raise;
  raise.getHeader().setField(35, "G");
  raise.setField(41, "P1");
  raise.setField(11, "P1-R1");
  raise.setField(1, "DY");
  raise.setField(55, "603876");
  raise.setField(54, "2");
  raise.setField(60, "20260317-02:01:00.000");
  raise.setField(38, "9000000");
  raise.setField(40, "2");
  raise.setField(44, "18.60");
  oms_.Send(raise);
  FIX::Message cancel_reject;
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Type(m) == "9"; }, cancel_reject));
  EXPECT_EQ(Get(cancel_reject, 41), "P1");
  EXPECT_NE(Get(cancel_reject, 58).find("CAP-CB-1PCT"), std::string::npos)
      << Get(cancel_reject, 58);

  // A second order; its fill kills the gateway after the fill is durable and before the report
  // is passed on or its sequence number stored (fault injection).
  oms_.Send(NewOrder("P2", "2", 200000));
  ASSERT_TRUE(broker_.inbox.Take(
      [](const FIX::Message& m) { return Type(m) == "D" && Get(m, 11) == "P2"; }, forwarded));
  ExpectCleanExit(StopGateway());
  StartGateway("E2");
  ASSERT_TRUE(WaitGatewayLogons(2)) << GatewayErr();  // both sessions back
  broker_.Send(Fill(forwarded, "E2", 200000));
  const int status = WaitGatewayExit();
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 9) << status << GatewayErr();
  EXPECT_EQ(oms_.inbox.Count([](const FIX::Message& m) { return Get(m, 17) == "E2"; }), 0u);

  // Restarted, the gateway asks the broker to resend; E2 comes again (PossDup), is found
  // recorded, not counted again, and now reaches the OMS.
  StartGateway();
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Get(m, 17) == "E2"; }, report, 20))
      << GatewayErr();
  EXPECT_EQ(Get(report, 32), "200000");
  ExpectCleanExit(StopGateway());
  EXPECT_EQ(Recorded("fix:E1"), 1);
  EXPECT_EQ(Recorded("fix:E2"), 1);
}

TEST_F(FixGatewayTest, GarbageAndBadTagsGetSessionRejectsAndNeverACrash) {
  // A non-numeric quantity: a session-level Reject (35=3) naming tag 38.
  FIX::Message bad = NewOrder("B1", "2", 100);
  bad.setField(38, "abc");
  oms_.Send(bad);
  FIX::Message r;
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Type(m) == "3"; }, r))
      << GatewayErr();
  EXPECT_EQ(Get(r, 371), "38");
  // A missing ClOrdID: QuickFIX answers a missing required field of an application message with
  // a BusinessMessageReject (35=j, 380=5) naming tag 11.
  FIX::Message missing = NewOrder("B2", "2", 100);
  missing.removeField(11);
  oms_.Send(missing);
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Type(m) == "j"; }, r));
  EXPECT_EQ(Get(r, 372), "D");
  EXPECT_EQ(Get(r, 380), "5");
  EXPECT_NE(Get(r, 58).find("(11)"), std::string::npos) << Get(r, 58);
  // A TransactTime that is no time at all.
  FIX::Message bad_time = NewOrder("B3", "2", 100);
  bad_time.setField(60, "20260230-02:00:00");
  oms_.Send(bad_time);
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Type(m) == "3"; }, r));
  EXPECT_EQ(Get(r, 371), "60");

  // Raw garbage on a second connection to the OMS port: dropped, the gateway lives on.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in a = Loopback(oms_port_);
  ASSERT_EQ(connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a), 0);
  const char junk[] =
      "8=FIX.4.4\x01"
      "9=5\x01"
      "35=\xff\x01garbage\x01\x01=\x01"
      "10=999\x01";
  ASSERT_GT(write(fd, junk, sizeof junk - 1), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  close(fd);

  // Still alive and judging on the original session.
  oms_.Send(NewOrder("B4", "2", 100));
  ASSERT_TRUE(broker_.inbox.Take(
      [](const FIX::Message& m) { return Type(m) == "D" && Get(m, 11) == "B4"; }, r))
      << GatewayErr();
  EXPECT_EQ(waitpid(gateway_, nullptr, WNOHANG), 0) << "the gateway died";
}

// On test/fix/shortswing.yaml: desk_pass.yaml with a second reduction plan, so that DY's sells
// in September are judged by a plan in force.
class FixGatewayShortSwingTest : public FixGatewayTest {
 protected:
  void SetUp() override {
    reference_ = std::string(REDUCHECK_FIX_TESTDATA) + "/shortswing.yaml";
    FixGatewayTest::SetUp();
  }
};

// Securities Law Art.44 (DIR-SHORTSWING): a sale within six months after a purchase. The buy
// goes through the gateway unjudged; its fill is recorded as a purchase, durably, so a later
// sell (also after a restart) fails the rule, and passes from six months + 1 day on.
TEST_F(FixGatewayShortSwingTest, ABuyFillIsRecordedSoASellWithinSixMonthsFailsShortSwing) {
  // Before the buy, DY (a 7.30% holder: Art.44 binds it) may sell 100 shares.
  EXPECT_EQ(Judge(NewOrder("S0", "2", 100)), "forwarded") << GatewayErr();

  oms_.Send(NewOrder("B1", "1", 100));
  FIX::Message forwarded;
  ASSERT_TRUE(broker_.inbox.Take(
      [](const FIX::Message& m) { return Type(m) == "D" && Get(m, 11) == "B1"; }, forwarded))
      << GatewayErr();
  broker_.Send(Fill(forwarded, "EB1", 100));
  FIX::Message report;
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Get(m, 17) == "EB1"; }, report))
      << GatewayErr();
  EXPECT_EQ(Get(report, 54), "1");

  // The same day, after the recorded buy: DIR-SHORTSWING.
  const std::string same_day = Judge(NewOrder("S1", "2", 100));
  EXPECT_NE(same_day.find("DIR-SHORTSWING"), std::string::npos) << same_day;
  // A second report of the same buy (the broker's duplicate) is not a second purchase.
  broker_.Send(Fill(forwarded, "EB1", 100));
  ASSERT_TRUE(oms_.inbox.Take([](const FIX::Message& m) { return Get(m, 17) == "EB1"; }, report))
      << GatewayErr();

  // Durable: after a restart the purchase is still there. The period runs 2026-03-18 ..
  // 2026-09-17 (Civil Code: six months after the purchase day, on the corresponding day).
  ExpectCleanExit(StopGateway());
  EXPECT_EQ(Recorded("fix:EB1"), 1);
  EXPECT_EQ(RecordedKind("fix:EB1"), "purchase");
  StartGateway();
  ASSERT_TRUE(WaitGatewayLogons(2)) << GatewayErr();
  // The period's last day: DIR-SHORTSWING is the only rule broken.
  const std::string last_day = Judge(NewOrder("S2", "2", 100, "DY", "20260917-02:00:00.000"));
  EXPECT_EQ(last_day.rfind("reducheck fail: DIR-SHORTSWING cat5 short_swing; max passing qty 0", 0),
            0u)
      << last_day;
  // 2026-09-18: the purchase is out of the period; the order passes and is forwarded.
  EXPECT_EQ(Judge(NewOrder("S3", "2", 100, "DY", "20260918-02:00:00.000")), "forwarded")
      << GatewayErr();
}

// A fill that cannot be recorded (here: the gateway's files may not grow, as on a full disk) is
// not passed upstream and not consumed; sells are refused meanwhile; once the store can be
// written again the broker's redelivery is recorded, exactly once, and only then reaches the OMS.
TEST_F(FixGatewayTest, AFillThatCannotBeRecordedIsHeldAndRecordedOnceWhenTheStoreIsBack) {
  oms_.Send(NewOrder("H1", "2", 100000));
  FIX::Message forwarded;
  ASSERT_TRUE(broker_.inbox.Take(
      [](const FIX::Message& m) { return Type(m) == "D" && Get(m, 11) == "H1"; }, forwarded))
      << GatewayErr();
  // The file size limit (RLIMIT_FSIZE) at the size of the database's WAL: its next commit fails
  // (SQLite: EFBIG). The gateway ignores SIGXFSZ, as serve does.
  struct stat wal {};
  ASSERT_EQ(stat((dir_ + "/state.sqlite-wal").c_str(), &wal), 0);
  struct rlimit limit {};
  limit.rlim_cur = static_cast<rlim_t>(wal.st_size);
  limit.rlim_max = RLIM_INFINITY;
  ASSERT_EQ(prlimit(gateway_, RLIMIT_FSIZE, &limit, nullptr), 0);
  broker_.Send(Fill(forwarded, "EH1", 100000));
  // Held: not passed on (several redeliveries fail meanwhile, one a second).
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(oms_.inbox.Count([](const FIX::Message& m) { return Get(m, 17) == "EH1"; }), 0u)
      << GatewayErr();
  // A sell meanwhile is refused, saying why: the broker session is down (held), or, in the
  // moment it is up again before the redelivered fill is recorded, the fill is held.
  const std::string held = Judge(NewOrder("H2", "2", 100));
  EXPECT_TRUE(held == "reducheck undecidable: the broker session is not logged on" ||
              held.rfind("reducheck undecidable: fill EH1 could not be recorded (503 ", 0) == 0)
      << held;

  limit.rlim_cur = RLIM_INFINITY;
  ASSERT_EQ(prlimit(gateway_, RLIMIT_FSIZE, &limit, nullptr), 0);
  FIX::Message report;
  ASSERT_TRUE(
      oms_.inbox.Take([](const FIX::Message& m) { return Get(m, 17) == "EH1"; }, report, 20))
      << GatewayErr();
  EXPECT_EQ(Get(report, 32), "100000");
  // Sells are judged again, against a ledger that has the fill.
  EXPECT_EQ(Judge(NewOrder("H3", "2", 100)), "forwarded") << GatewayErr();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(oms_.inbox.Count([](const FIX::Message& m) { return Get(m, 17) == "EH1"; }), 0u);
  ExpectCleanExit(StopGateway());
  EXPECT_EQ(Recorded("fix:EH1"), 1);
  const std::string err = GatewayErr();
  EXPECT_NE(err.find("fill EH1 NOT recorded"), std::string::npos) << err;
  EXPECT_NE(err.find("fill EH1 recorded on redelivery: hold released"), std::string::npos) << err;
}

// ReducheckHolderField=PartyID, ReducheckCompanyField=SecurityID: the holder is the first
// PartyID (448), the company the SecurityID (48); Account and Symbol are ignored.
class FixGatewayPartyAndSecurityIdTest : public FixGatewayTest {
 protected:
  void SetUp() override {
    holder_field_ = "PartyID";
    company_field_ = "SecurityID";
    FixGatewayTest::SetUp();
  }
  static FIX::Message Order(const std::string& id, long long qty, const std::string& party,
                            const std::string& security) {
    FIX::Message m = NewOrder(id, "2", 100, "ACCT-7");
    m.setField(55, "RFJM");  // a ticker-like Symbol that is no company code
    m.setField(38, std::to_string(qty));
    if (!security.empty()) {
      m.setField(48, security);
      m.setField(22, "8");  // exchange symbol
    }
    if (!party.empty()) {
      FIX::Group g(453, 448);
      g.setField(448, party);
      g.setField(447, "D");
      g.setField(452, "3");
      m.addGroup(g);
    }
    return m;
  }
};

TEST_F(FixGatewayPartyAndSecurityIdTest, TheHolderIsThePartyIdAndTheCompanyTheSecurityId) {
  // Judged as DY of 603876: 6,000,000 breaks the 1% cap, 100 passes.
  const std::string fail = Judge(Order("M1", 6000000, "DY", "603876"));
  EXPECT_NE(fail.find("CAP-CB-1PCT cat3 procedural"), std::string::npos) << fail;
  EXPECT_EQ(Judge(Order("M2", 100, "DY", "603876")), "forwarded") << GatewayErr();
}

TEST_F(FixGatewayPartyAndSecurityIdTest, AMissingOrUnknownMappingIsRejectedSayingWhich) {
  EXPECT_EQ(Judge(Order("U1", 100, "", "603876")),
            "reducheck undecidable: no holder: PartyID (448) is missing");
  EXPECT_EQ(Judge(Order("U2", 100, "DY", "")),
            "reducheck undecidable: no company: SecurityID (48) is missing");
  EXPECT_EQ(Judge(Order("U3", 100, "NOBODY", "603876")),
            "reducheck undecidable: holder: \"NOBODY\" is not a holder of company 603876");
  const std::string unknown_company = Judge(Order("U4", 100, "DY", "999999"));
  EXPECT_EQ(unknown_company.rfind("reducheck undecidable: company: no reference data for company "
                                  "\"999999\"",
                                  0),
            0u)
      << unknown_company;
  // The Account (1) and Symbol (55) of the order are not used: an order naming DY and 603876
  // only there is refused for want of a PartyID and a SecurityID.
  EXPECT_EQ(Judge(NewOrder("U5", "2", 100, "DY")),
            "reducheck undecidable: no holder: PartyID (448) is missing; no company: SecurityID "
            "(48) is missing");
}

// A mapping the gateway does not know is refused at start, naming the setting.
TEST(FixGatewayConfig, AnUnknownFieldMappingIsRefusedAtStart) {
  char tmpl[] = "/tmp/reducheck-fixcfg-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  std::ofstream(dir + "/token") << "fix-test-token-0123456789\n";
  for (const std::string& bad :
       {std::string("ReducheckHolderField=Acount"), std::string("ReducheckCompanyField=ISIN")}) {
    std::ofstream cfg(dir + "/gateway.cfg");
    cfg << "[DEFAULT]\nFileStorePath=" << dir << "/store\nStartTime=00:00:00\nEndTime=00:00:00\n"
        << bad << "\n\n[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\n"
        << "SenderCompID=RDC\nTargetCompID=OMS\nSocketAcceptPort=" << FreePort()
        << "\n\n[SESSION]\nConnectionType=initiator\nBeginString=FIX.4.2\nSenderCompID=RDC\n"
        << "TargetCompID=BROKER\nSocketConnectHost=127.0.0.1\nSocketConnectPort=" << FreePort()
        << "\n";
    cfg.close();
    const std::string cmd = std::string(REDUCHECK_BIN) + " fix-gateway --config " + dir +
                            "/gateway.cfg --db " + dir + "/state.sqlite --load " +
                            REDUCHECK_EXAMPLES + "/desk_pass.yaml --token-file " + dir +
                            "/token --listen 127.0.0.1:0 2>" + dir + "/err";
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << bad << ": " << status;
    const std::string err = ReadAll(dir + "/err");
    const std::string key = bad.substr(0, bad.find('='));
    EXPECT_NE(err.find(key + ": expected"), std::string::npos) << err;
    EXPECT_NE(err.find("gateway.cfg"), std::string::npos) << err;
  }
  std::system(("rm -rf " + dir).c_str());
}

// Orders one after another (a desk's stream); the gateway reports p50/p99 at its stop.
TEST_F(FixGatewayTest, MeasuresTheLatencyTheGatewayAddsPerOrder) { MeasureLatency(); }

// The same without the gateway's QuickFIX message log (no FileLogPath).
class FixGatewayWithoutMessageLogTest : public FixGatewayTest {
 protected:
  void SetUp() override {
    message_log_ = false;
    FixGatewayTest::SetUp();
  }
};
TEST_F(FixGatewayWithoutMessageLogTest, MeasuresTheLatencyTheGatewayAddsPerOrder) {
  MeasureLatency();
}
// Rejected orders: the decision explains the failure and searches the earliest date; the
// reject goes to the OMS.
TEST_F(FixGatewayWithoutMessageLogTest, MeasuresTheLatencyTheGatewayAddsPerRejectedOrder) {
  MeasureLatency(/*failing=*/true);
}

// ----- the field mapping, without sessions (fix/fix_fields.h) -----

FIX::Message WithField(int tag, const std::string& value) {
  FIX::Message m;
  m.setField(tag, value);
  return m;
}

std::string Date60(const std::string& transact_time) {
  return reducheck::fix::CstDate(WithField(60, transact_time));
}

TEST(FixFields, TransactTimeIsTheTradingDateInChinaStandardTime) {
  EXPECT_EQ(Date60("20260317-01:30:00"), "2026-03-17");      // 09:30 in Beijing
  EXPECT_EQ(Date60("20260317-15:59:59.999"), "2026-03-17");  // 23:59:59 in Beijing
  EXPECT_EQ(Date60("20260317-16:00:00"), "2026-03-18");      // midnight in Beijing
  EXPECT_EQ(Date60("20261231-16:00:00.000"), "2027-01-01");
  EXPECT_EQ(Date60("20240228-16:30:00"), "2024-02-29");  // leap day
  EXPECT_EQ(Date60("20250228-16:30:00"), "2025-03-01");
  EXPECT_EQ(Date60("20260316-23:59:59"), "2026-03-17");
  for (const char* bad : {"20260230-02:00:00", "20261301-02:00:00", "20260317-24:00:00",
                          "2026031702:00:00", "20260317-02:00", "2026-03-17T02:00:00", ""}) {
    EXPECT_THROW(Date60(bad), FIX::IncorrectDataFormat) << bad;
  }
  EXPECT_THROW(reducheck::fix::CstDate(FIX::Message()), FIX::FieldNotFound);
}

TEST(FixFields, QuantitiesAreWholeSharesAndPricesDecimalText) {
  using reducheck::fix::PriceText;
  using reducheck::fix::Quantity;
  EXPECT_EQ(Quantity(WithField(38, "100"), 38), 100);
  EXPECT_EQ(Quantity(WithField(38, "100.0"), 38), 100);
  EXPECT_EQ(Quantity(WithField(38, "999999999999999"), 38), 999999999999999LL);
  for (const char* bad : {"100.5", "abc", "1e5", "-5", ".5", "1,000", "1000000000000000"}) {
    EXPECT_THROW(Quantity(WithField(38, bad), 38), FIX::IncorrectDataFormat) << bad;
  }
  EXPECT_THROW(Quantity(WithField(38, "0"), 38), FIX::IncorrectTagValue);
  EXPECT_EQ(PriceText(WithField(44, "18.60"), 44), "18.60");
  EXPECT_EQ(PriceText(FIX::Message(), 44), "");  // a market order
  for (const char* bad : {"1,5", "1.2.3", "abc", "-1", "."}) {
    EXPECT_THROW(PriceText(WithField(44, bad), 44), FIX::IncorrectDataFormat) << bad;
  }
  EXPECT_TRUE(reducheck::fix::IsSell("2"));
  EXPECT_TRUE(reducheck::fix::IsSell("5"));
  EXPECT_FALSE(reducheck::fix::IsSell("1"));
}

}  // namespace
