// libFuzzer target: HTTP request handling of `reducheck serve`, end to end in one process. The
// real HttpServer (Boost.Beast parser, limits, sessions) in front of a real Desk (routing, auth,
// JSON readers, the store) listens on a loopback port; each input is sent as the raw bytes of a
// connection, the write side is shut, and the reply is read to the end. The fuzzer's thread runs
// the server's handlers itself (HttpServer::Poll), so an input costs no thread hand-offs; writes
// go to the server's writer thread as in production. A crash, undefined behaviour or an
// exception escaping a handler (which the server would survive, but is a bug) aborts and is
// reported; a connection the server never finishes within 10 s aborts too.
//
// The store lives in a fresh temporary folder (on /dev/shm when there is one: the writes' fsyncs
// cost nothing there); the desk has no audit log (its bounds are tested in service_test), and
// its write token is "fuzz-token-0123456789abcdef" (in the dictionary, so writes are reached).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
  std::unique_ptr<reducheck::store::StateStore> store;
  std::unique_ptr<reducheck::service::Desk> desk;
  std::unique_ptr<reducheck::http::HttpServer> http;
  unsigned short port = 0;
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
  auto* s = new Server;  // lives for the whole process
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
  server_options.host = "127.0.0.1";
  server_options.port = 0;
  server_options.io_threads = 1;
  server_options.max_body_bytes = 64 << 10;
  server_options.idle_timeout = std::chrono::seconds(5);
  // The server survives an exception escaping a handler (it drops that connection), but one is
  // a bug: abort, so that libFuzzer reports the input.
  server_options.log_warning = [](std::string_view message) {
    if (message.find("exception") != std::string_view::npos) {
      Die(std::string(message));
    }
  };
  s->http = std::make_unique<reducheck::http::HttpServer>(*s->desk, server_options);
  if (const auto status = s->http->Listen(); !status.ok()) Die(status.message());
  s->port = s->http->port();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Server* server = Start();
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) Die("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server->port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // Loopback: the kernel completes the connection in the listen queue, before any accept.
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    Die("cannot connect to the server");
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::size_t sent = 0;
  bool write_open = true;
  char buffer[16384];
  for (;;) {
    if (write_open && sent < size) {
      const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        write_open = false;  // the server closed early (a refusal): fine
      }
    }
    if (write_open && sent == size) {
      ::shutdown(fd, SHUT_WR);
      write_open = false;
    }
    const std::size_t ran = server->http->Poll();
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (got == 0) break;  // the server closed the connection: done
    if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;  // reset: done too
    if (std::chrono::steady_clock::now() > deadline) {
      Die("the server did not finish the connection within 10 s");
    }
    if (ran == 0 && got < 0) {
      pollfd p{fd, POLLIN, 0};
      ::poll(&p, 1, 1);  // waiting for the writer thread (a write's fsync) or the kernel
    }
  }
  ::close(fd);
  return 0;
}
