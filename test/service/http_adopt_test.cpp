// HttpServer driven on the caller's thread (HttpServer::Adopt, Poll, ServerOptions::inline_writes),
// as the HTTP fuzz target drives it: a connection handed over as one end of a socketpair, served
// to the end without a listener, a writer thread or a sleep, and the server still serving the
// next connection after the last one closed.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "desk_fixture.h"
#include "http/http_server.h"

namespace reducheck::testing {
namespace {

class HttpAdoptTest : public DeskTest {
 protected:
  void SetUp() override {
    DeskTest::SetUp();
    http::ServerOptions options;
    options.io_threads = 1;
    options.inline_writes = true;
    options.log_warning = [this](std::string_view m) { warnings_ += std::string(m) + "\n"; };
    server_ = std::make_unique<http::HttpServer>(*desk_, options);
  }

  // Sends `bytes` on a new connection, shuts the client's side and returns everything the
  // server wrote until it closed the connection. Fails if the server stops making progress
  // before closing (every handler runs in Poll, so nothing else could move it on).
  std::string Exchange(const std::string& bytes) {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    EXPECT_EQ(::send(fds[0], bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
    ::shutdown(fds[0], SHUT_WR);
    ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    const Status adopted = server_->Adopt(fds[1]);
    EXPECT_TRUE(adopted.ok()) << adopted.message();
    std::string out;
    char buffer[4096];
    for (int idle = 0; idle < 3;) {
      const bool ran = server_->Poll() > 0;
      const ssize_t got = ::recv(fds[0], buffer, sizeof buffer, MSG_DONTWAIT);
      if (got == 0) break;
      if (got > 0) out.append(buffer, static_cast<std::size_t>(got));
      if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;
      idle = (ran || got > 0) ? 0 : idle + 1;
      if (idle == 3) ADD_FAILURE() << "the server stalled; so far it sent:\n" << out;
    }
    ::close(fds[0]);
    return out;
  }

  std::unique_ptr<http::HttpServer> server_;
  std::string warnings_;
};

std::string Post(std::string_view target, std::string_view body, std::string_view extra = {}) {
  return std::string("POST ") + std::string(target) + " HTTP/1.1\r\nHost: t\r\n" +
         std::string(extra) +
         "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + std::string(body);
}

int Count(const std::string& text, std::string_view what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(HttpAdoptTest, ServesPipelinedReadsAndInlineWritesOnTheCallersThread) {
  const std::string out =
      Exchange(Post("/v1/check", kPassOrder) +
               Post("/v1/executions", kFill,
                    "Authorization: " + bearer_ + "\r\nIdempotency-Key: adopt-1\r\n") +
               "GET /v1/companies/603876/events HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(Count(out, "HTTP/1.1 200 OK"), 2) << out;
  EXPECT_EQ(Count(out, "HTTP/1.1 201 Created"), 1) << out;
  EXPECT_NE(out.find("\"verdict\":\"pass\""), std::string::npos) << out;
  // The execution was recorded before the events listing that follows it was answered.
  EXPECT_NE(out.find("adopt-1"), std::string::npos) << out;
  EXPECT_EQ(warnings_, "");
}

TEST_F(HttpAdoptTest, ServesTheNextConnectionAfterTheLastOneClosed) {
  const std::string get = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Exchange(get).rfind("HTTP/1.1 200 OK", 0), 0u) << "connection " << i;
  }
}

TEST_F(HttpAdoptTest, RefusesBadFramingAndClosesTheConnection) {
  const std::string out = Exchange("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n");
  EXPECT_EQ(out.rfind("HTTP/1.1 400 Bad Request", 0), 0u) << out;
  EXPECT_NE(out.find("Connection: close"), std::string::npos) << out;
}

}  // namespace
}  // namespace reducheck::testing
