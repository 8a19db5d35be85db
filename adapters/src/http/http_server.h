// HttpServer: HTTP/1.1 with keep-alive over Boost.Beast, in front of a service::Desk.
//
// A fixed number of I/O threads run one io_context; each connection's reads and writes form one
// chain, so a connection is never served by two threads at once. Reads (POST /v1/check, GETs)
// are answered on the I/O thread that parsed them: they take microseconds. Writes (executions,
// announcements, reference data) wait for an fsync, so they go to one writer thread and the
// reply is posted back, leaving the I/O threads free for checks.
//
// Limits (docs/security.md#limits): request bodies over max_body_bytes get 413 and the connection
// closes; a header section over 16 KiB gets 431; a chunked request's trailer section is bounded
// by the connection's read buffer (kReadBufferBytes; more gets 431) and a request that sends
// trailer fields at all gets 400 (nothing reducheck reads may come after the body); an idle
// connection is closed after idle_timeout. An exception escaping a handler (a bug, or a library
// throwing on input it should have refused) closes that connection and is logged; the server
// keeps running. Listens where told (the serve command defaults to 127.0.0.1); makes no
// outbound connection of any kind.
#ifndef REDUCHECK_ADAPTERS_HTTP_HTTP_SERVER_H_
#define REDUCHECK_ADAPTERS_HTTP_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "input/limits.h"
#include "reducheck/engine/status.h"
#include "service/desk.h"

namespace reducheck::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int io_threads = 2;
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::seconds idle_timeout{60};
  // Where the server reports what an operator should know (an escaped exception, descriptors
  // exhausted); may be empty.
  std::function<void(std::string_view)> log_warning;
  // Writes (executions, announcements, reference data) run on the I/O thread that parsed them,
  // like reads, instead of on the writer thread. Only for a single-threaded driver of Poll()
  // (the HTTP fuzz target: no thread hand-off, so an input's handling is deterministic); serve
  // keeps the writer thread so that fsyncs never hold up checks.
  bool inline_writes = false;
};

// The header section limit (request line + fields) and the per-connection read buffer, which
// also bounds a chunked request's chunk-size lines and trailer section (input/limits.h).
inline constexpr std::uint32_t kHeaderLimitBytes = input::kMaxHttpHeaderBytes;
inline constexpr std::size_t kReadBufferBytes = input::kHttpReadBufferBytes;

class HttpServer {
 public:
  HttpServer(service::Desk& desk, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. Fails with a message naming the address (in use, not local, ...).
  Status Listen();
  unsigned short port() const;  // the bound port (after Listen)
  // Serves until Stop() or SIGINT/SIGTERM; returns after in-flight writes have finished.
  void Run();
  void Stop();
  // For a driver that owns the calling thread instead of Run() (the HTTP fuzz target): starts
  // accepting on the first call (if listening), then runs the handlers that are ready, without
  // blocking, and returns how many ran. Writes go to the writer thread unless inline_writes. An
  // exception escaping a handler is caught and reported through log_warning, as under Run().
  std::size_t Poll();
  // Serves `fd`, a connected stream socket, exactly as an accepted connection (the HTTP fuzz
  // target passes one end of a socketpair(2): no listener, no loopback TCP). Takes ownership of
  // `fd`. Call it from the thread that calls Poll(), which then runs the connection.
  Status Adopt(int fd);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reducheck::http

#endif  // REDUCHECK_ADAPTERS_HTTP_HTTP_SERVER_H_
