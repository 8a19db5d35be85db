// libFuzzer target: HTTP request handling of `reducheck serve`, end to end in one process and on
// one thread. The real HttpServer (Boost.Beast parser, limits, sessions, replies) in front of a
// real Desk (routing, auth, JSON readers, the store). Each input is the raw bytes a client sends
// on one connection: the target writes them into one end of a socketpair(2), shuts that end for
// writing, hands the other end to the server as an accepted connection (HttpServer::Adopt) and
// runs the server's handlers on the fuzzer's thread (HttpServer::Poll) while reading the replies,
// until the server closes the connection. No listener, no loopback TCP, no writer thread
// (ServerOptions::inline_writes), no sleep: an input's handling does not depend on timing.
//
// Findings: a crash, undefined behaviour, an exception escaping a handler (the server would
// survive it, but it is a bug), and a connection the server does not finish although the client
// has sent everything and closed its side (the server waits on nothing but a timer: it would
// hold the connection until its idle timeout).
//
// State: one store and desk for the whole process, so recorded executions and announcements
// accumulate across inputs (a later input sees the state earlier ones left; a crash that needs
// that state may not reproduce from its input alone). The store lives in a fresh temporary
// folder (on /dev/shm when there is one), removed at exit; the desk has no audit log (its bounds
// are tested in service_test); its write token is "fuzz-token-0123456789abcdef" (in http.dict,
// so writes are reached).
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_rules.h"
#include "http/http_server.h"
#include "service/desk.h"
#include "store/state_store.h"

namespace {

struct Server {
  std::string dir;
  std::unique_ptr<reducheck::store::StateStore> store;
  std::unique_ptr<reducheck::service::Desk> desk;
  std::unique_ptr<reducheck::http::HttpServer> http;
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "fuzz_http: %s\n", message.c_str());
  std::abort();
}

Server* Start() {
  const char* shm = "/dev/shm";
  struct stat st {};
  std::string dir = (::stat(shm, &st) == 0 && S_ISDIR(st.st_mode)) ? shm : "/tmp";
  dir += "/reducheck-fuzz-http-XXXXXX";
  if (::mkdtemp(dir.data()) == nullptr) Die("cannot make a temporary folder");
  static Server* s = new Server;  // lives for the whole process
  s->dir = dir;
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(s->dir, ignored);
  });
  auto store = reducheck::store::StateStore::Open(dir + "/state.sqlite");
  if (!store.ok()) Die(store.status().message());
  s->store = std::move(store).value();
  reducheck::service::DeskOptions options;
  options.token = "fuzz-token-0123456789abcdef";
  options.rules_digest = "fuzz";
  options.calendar_id = reducheck::fuzz::ShippedRules().calendar().id();
  options.today = [] { return reducheck::Date(2026, 3, 17); };
  auto desk =
      reducheck::service::Desk::Open(reducheck::fuzz::ShippedRules(), *s->store, nullptr, options);
  if (!desk.ok()) Die(desk.status().message());
  s->desk = std::move(desk).value();
  std::ifstream in(std::string(REDUCHECK_EXAMPLES_DIR) + "/desk_pass.yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto loaded = s->desk->LoadReference(text.str(), "desk_pass.yaml");
  if (!loaded.ok()) Die(loaded.status().message());
  reducheck::http::ServerOptions server_options;
  server_options.io_threads = 1;
  server_options.max_body_bytes = 64 << 10;
  server_options.idle_timeout = std::chrono::seconds(5);
  server_options.inline_writes = true;
  // The server survives an exception escaping a handler (it drops that connection), but one is
  // a bug: abort, so that libFuzzer reports the input.
  server_options.log_warning = [](std::string_view message) {
    if (message.find("exception") != std::string_view::npos) {
      Die(std::string(message));
    }
  };
  s->http = std::make_unique<reducheck::http::HttpServer>(*s->desk, server_options);
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Server* server = Start();
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) Die("socketpair");
  const int client = fds[0];
  ::fcntl(client, F_SETFL, ::fcntl(client, F_GETFL) | O_NONBLOCK);
  // The client sends what the socket buffer takes (any input up to -max_len) and shuts its side,
  // then the server takes the connection; the rest of a larger input is sent as it reads.
  std::size_t sent = 0;
  bool write_open = true;
  const auto send_more = [&] {
    if (!write_open) return false;
    bool moved = false;
    if (sent < size) {
      const ssize_t n = ::send(client, data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
        moved = true;
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        write_open = false;  // the server closed early (a refusal): fine
        return true;
      }
    }
    if (sent == size) {
      ::shutdown(client, SHUT_WR);
      write_open = false;
      moved = true;
    }
    return moved;
  };
  while (send_more()) {
  }
  if (const auto status = server->http->Adopt(fds[1]); !status.ok()) Die(status.message());
  char buffer[16384];
  for (;;) {
    bool progress = send_more();
    if (server->http->Poll() > 0) progress = true;
    bool closed = false;
    for (;;) {  // read what the server wrote (it may be waiting for room to write more)
      const ssize_t got = ::recv(client, buffer, sizeof buffer, MSG_DONTWAIT);
      if (got > 0) {
        progress = true;
        continue;
      }
      // 0: the server closed the connection; an error other than EAGAIN: reset. Done either way.
      closed = got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
      break;
    }
    if (closed) break;
    // A socketpair delivers at once and every handler runs here, so nothing can happen later
    // that has not happened now, except timers firing: the server neither reads what the client
    // sends nor finishes the connection the client has shut.
    if (!progress) {
      Die("the server stalls on a connection (" + std::to_string(sent) + " of " +
          std::to_string(size) + " bytes sent" + (write_open ? "" : ", client side shut") +
          "): it waits on a timer");
    }
  }
  ::close(client);
  while (server->http->Poll() > 0) {
    // the closed session's last handlers (its timer's cancellation)
  }
  return 0;
}
