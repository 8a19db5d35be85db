#include "http/http_server.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audit/audit_log.h"

namespace reducheck::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// The reason phrase of the statuses the service sends.
std::string_view Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

// One connection. Its socket and idle timer live on a strand, so its handlers never run at the
// same time on two I/O threads (the writer thread posts its replies to the strand too).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, service::Desk& desk, asio::thread_pool& writer,
          const ServerOptions& options)
      : socket_(std::move(socket)),
        idle_(socket_.get_executor()),
        desk_(desk),
        writer_(writer),
        options_(options) {}

  void Start() {
    last_active_ = std::chrono::steady_clock::now();
    WatchIdle(options_.idle_timeout);
    ReadHeader();
  }

 private:
  // One timer per connection, re-armed once per idle period rather than per operation: a read
  // that has waited longer than idle_timeout since the last request closes the connection.
  void WatchIdle(std::chrono::steady_clock::duration after) {
    idle_.expires_after(after);
    idle_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->socket_.is_open()) return;
      const auto quiet = std::chrono::steady_clock::now() - self->last_active_;
      if (quiet >= self->options_.idle_timeout) return self->Close();
      self->WatchIdle(self->options_.idle_timeout - quiet);
    });
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimitBytes);
    parser_->body_limit(options_.max_body_bytes);
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    last_active_ = std::chrono::steady_clock::now();
    const auto& req = parser_->get();
    header_fields_ = static_cast<std::size_t>(std::distance(req.begin(), req.end()));
    if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
      if (req.has_content_length() && parser_->content_length() &&
          *parser_->content_length() > options_.max_body_bytes) {
        return SendError(413, "the request body is larger than the limit of " +
                                  std::to_string(options_.max_body_bytes) + " bytes");
      }
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code wec, std::size_t) {
                          if (wec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    // Usually the whole body arrived with the header: parse it from the buffer at once (no
    // socket read, no second trip through the I/O loop).
    if (const auto length = parser_->content_length();
        length && *length <= options_.max_body_bytes && buffer_.size() >= *length) {
      beast::error_code read_ec;
      bhttp::read(socket_, buffer_, *parser_, read_ec);
      if (read_ec) return OnReadError(read_ec);
      return Dispatch();
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->Dispatch();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::operation_aborted ||
        ec == asio::error::bad_descriptor || ec == bhttp::error::partial_message) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      return SendError(413, "the request body is larger than the limit of " +
                                std::to_string(options_.max_body_bytes) + " bytes");
    }
    if (ec == bhttp::error::header_limit) {
      return SendError(431, "the request headers are larger than " +
                                std::to_string(kHeaderLimitBytes / 1024) + " KiB");
    }
    if (ec == bhttp::error::buffer_overflow) {
      // The parser needed more than the read buffer holds without completing a line or a
      // section: an over-long chunk-size line or trailer section.
      return SendError(431, "the request's chunk framing or trailer section is larger than " +
                                std::to_string(kReadBufferBytes / 1024) + " KiB");
    }
    if (ec.category() == beast::error_code(bhttp::error::bad_target).category()) {
      return SendError(400, "malformed HTTP request: " + ec.message());
    }
    Close();
  }

  void Dispatch() {
    const auto& req = parser_->get();
    if (static_cast<std::size_t>(std::distance(req.begin(), req.end())) != header_fields_) {
      // Trailer fields (after a chunked body) would be merged into the header fields; nothing
      // reducheck reads (authorization, content type, keys) may arrive after the body.
      return SendError(400, "trailer fields are not accepted: send every header before the body");
    }
    request_ =
        service::Request{std::string_view(req.method_string().data(), req.method_string().size()),
                         std::string_view(req.target().data(), req.target().size()),
                         std::string_view(req.body()),
                         Header(bhttp::field::content_type),
                         Header(bhttp::field::authorization),
                         Header("Idempotency-Key"),
                         Header("X-Request-Id"),
                         Header(bhttp::field::accept)};
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    if (!options_.inline_writes && service::Desk::IsWrite(request_.method, request_.target)) {
      asio::post(writer_, [self = shared_from_this()] {
        auto reply = std::make_shared<service::Reply>(self->desk_.Handle(self->request_));
        asio::post(self->socket_.get_executor(), [self, reply] { self->Send(std::move(*reply)); });
      });
      return;
    }
    Send(desk_.Handle(request_));
  }

  std::string_view Header(bhttp::field f) const {
    const auto v = parser_->get()[f];
    return {v.data(), v.size()};
  }
  std::string_view Header(std::string_view name) const {
    const auto v = parser_->get()[beast::string_view(name.data(), name.size())];
    return {v.data(), v.size()};
  }

  void SendError(int status, const std::string& message) {
    keep_alive_ = false;
    version_ = 11;
    service::Reply reply;
    reply.status = status;
    const char* code = status == 413   ? "payload_too_large"
                       : status == 431 ? "headers_too_large"
                                       : "bad_request";
    reply.body =
        std::string("{\"error\":\"") + code + "\",\"message\":" + audit::JsonString(message) + "}";
    reply.request_id = desk_.NextRequestId({});
    desk_.RecordTransportRefusal(status);
    Send(std::move(reply));
  }

  // Serialises the reply by hand (a handful of fixed headers): cheaper than a beast::response.
  void Send(service::Reply reply) {
    out_.clear();
    out_ += version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out_ += std::to_string(reply.status);
    out_ += ' ';
    out_ += Reason(reply.status);
    out_ += "\r\nServer: reducheck\r\nContent-Type: ";
    out_ += reply.content_type;
    out_ += "\r\nContent-Length: ";
    out_ += std::to_string(reply.body.size());
    if (!reply.request_id.empty()) {
      out_ += "\r\nX-Request-Id: ";
      out_ += reply.request_id;
    }
    if (reply.replayed) out_ += "\r\nIdempotent-Replayed: true";
    if (reply.status == 401) out_ += "\r\nWWW-Authenticate: Bearer";
    if (!reply.allow.empty()) {
      out_ += "\r\nAllow: ";
      out_ += reply.allow;
    }
    if (!keep_alive_) {
      out_ += "\r\nConnection: close";
    } else if (version_ == 10) {
      out_ += "\r\nConnection: keep-alive";
    }
    out_ += "\r\n\r\n";
    out_ += reply.body;
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->Close();
                        if (!self->keep_alive_) return self->Linger();
                        self->ReadHeader();
                      });
  }

  // After a reply that closes the connection (a 413 in particular, sent while the client may
  // still be sending its body): stop sending, then read and discard what the client still
  // sends, for at most 2 s and 16 MiB, before closing. Closing with unread data would make the
  // kernel reset the connection, and the client could lose the reply.
  void Linger() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    idle_.expires_after(std::chrono::seconds(2));
    idle_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->Close();
    });
    Drain();
  }

  void Drain() {
    socket_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > (16u << 20)) return self->Close();
                              self->Drain();
                            });
  }

  void Close() {
    beast::error_code ignored;
    idle_.cancel();
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  asio::steady_timer idle_;
  std::chrono::steady_clock::time_point last_active_;
  beast::flat_buffer buffer_{kReadBufferBytes};  // bounds unparsed bytes (see the header)
  std::size_t header_fields_ = 0;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string out_;
  std::array<char, 16384> drain_{};
  std::size_t drained_ = 0;
  service::Request request_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  service::Desk& desk_;
  asio::thread_pool& writer_;
  const ServerOptions& options_;
};

}  // namespace

struct HttpServer::Impl {
  Impl(service::Desk& d, ServerOptions o)
      : desk(d),
        options(std::move(o)),
        ioc(options.io_threads),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        writer(1) {}

  // Runs the I/O loop on this thread until it stops. A handler that throws (Beast throws
  // std::length_error for a field value over 64 KiB, for one) loses its connection, not the
  // server: the exception is logged and the loop resumes.
  void RunLoop() {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        Warn(std::string("HTTP: an exception escaped a connection handler; the connection was "
                         "dropped and the server goes on: ") +
             e.what());
      } catch (...) {
        Warn(
            "HTTP: an unknown exception escaped a connection handler; the connection was "
            "dropped and the server goes on");
      }
    }
  }

  void Warn(std::string_view message) const {
    if (options.log_warning) options.log_warning(message);
  }

  // Accepts connections one at a time. When accept(2) fails for want of a resource — the
  // process's or the system's descriptors (EMFILE, ENFILE), kernel memory (ENOBUFS, ENOMEM) —
  // the listener backs off (10 ms, doubling to 1 s) instead of retrying at once: the pending
  // connection stays in the listen queue, so retrying at once would spin at full CPU. It says so
  // once when it starts backing off and once when it accepts again.
  void Accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
        if (IsResourceExhaustion(ec)) return BackOff(ec);
        // Anything else concerns one connection (ECONNABORTED, a reset before accept): go on.
      } else {
        if (backoff_since) Recovered();
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), desk, writer, options)->Start();
      }
      Accept();
    });
  }

  static bool IsResourceExhaustion(const beast::error_code& ec) {
    if (ec.category() != boost::system::system_category()) return false;
    const int e = ec.value();
    return e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM;
  }

  void BackOff(const beast::error_code& ec) {
    const auto now = std::chrono::steady_clock::now();
    if (!backoff_since) {
      backoff_since = now;
      backoff_delay = std::chrono::milliseconds(10);
      Warn("HTTP: cannot accept a connection: " + ec.message() +
           "; new connections wait in the listen queue while the listener retries every "
           "10 ms to 1 s (raise the descriptor limit, ulimit -n, if this recurs)");
    } else {
      backoff_delay = std::min(backoff_delay * 2, std::chrono::milliseconds(1000));
    }
    ++backoff_failures;
    accept_retry.expires_after(backoff_delay);
    accept_retry.async_wait([this](beast::error_code wait_ec) {
      if (wait_ec || !acceptor.is_open()) return;
      Accept();
    });
  }

  void Recovered() {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - *backoff_since);
    Warn("HTTP: accepting connections again after " + std::to_string(ms.count()) + " ms (" +
         std::to_string(backoff_failures) + " failed accepts)");
    backoff_since.reset();
    backoff_failures = 0;
  }

  service::Desk& desk;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool writer;
  asio::steady_timer grace{ioc};
  // Accept back-off (Accept): touched only by the one pending accept's handler chain.
  asio::steady_timer accept_retry{ioc};
  std::optional<std::chrono::steady_clock::time_point> backoff_since;
  std::chrono::milliseconds backoff_delay{10};
  std::uint64_t backoff_failures = 0;
  bool stopping = false;  // touched on I/O threads only, through posts to ioc
  bool polling = false;   // Poll() has started accepting
  // Held while a driver polls: without it the context would stop (and every later poll return
  // at once) when its last connection closes and no accept is pending (Adopt without Listen).
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> poll_work;
};

HttpServer::HttpServer(service::Desk& desk, ServerOptions options)
    : impl_(std::make_unique<Impl>(desk, std::move(options))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return InvalidInput("--listen: \"" + impl_->options.host + "\" is not an IP address");
  const tcp::endpoint endpoint(address, impl_->options.port);
  const std::string where = impl_->options.host + ":" + std::to_string(impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return InvalidInput("cannot listen on " + where + ": " + ec.message());
  return Status::Ok();
}

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) Stop();
  });
  impl_->Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    threads.emplace_back([this] { impl_->RunLoop(); });
  }
  impl_->RunLoop();
  for (auto& t : threads) t.join();
  impl_->writer.join();  // let queued writes finish: each is durable before it is applied
}

std::size_t HttpServer::Poll() {
  if (!impl_->polling) {
    impl_->polling = true;
    impl_->poll_work.emplace(impl_->ioc.get_executor());
    if (impl_->acceptor.is_open()) impl_->Accept();
  }
  try {
    return impl_->ioc.poll();
  } catch (const std::exception& e) {
    impl_->Warn(std::string("HTTP: an exception escaped a connection handler; the connection "
                            "was dropped and the server goes on: ") +
                e.what());
  } catch (...) {
    impl_->Warn(
        "HTTP: an unknown exception escaped a connection handler; the connection was dropped "
        "and the server goes on");
  }
  return 1;
}

Status HttpServer::Adopt(int fd) {
  tcp::socket socket(asio::make_strand(impl_->ioc));
  beast::error_code ec;
  socket.assign(tcp::v4(), fd, ec);
  if (ec) {
    ::close(fd);
    return InvalidInput("cannot serve descriptor " + std::to_string(fd) + ": " + ec.message());
  }
  std::make_shared<Session>(std::move(socket), impl_->desk, impl_->writer, impl_->options)->Start();
  return Status::Ok();
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [this] {
    if (impl_->stopping) return;
    impl_->stopping = true;
    impl_->poll_work.reset();
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->accept_retry.cancel();
    impl_->signals.cancel(ignored);
    // Let the writes already queued finish and their replies go out: the writer runs tasks in
    // order, so this one runs after them; their replies were posted to the I/O context before
    // it, and get a short grace to be written.
    asio::post(impl_->writer, [this] {
      asio::post(impl_->ioc, [this] {
        impl_->grace.expires_after(std::chrono::milliseconds(250));
        impl_->grace.async_wait([this](beast::error_code) { impl_->ioc.stop(); });
      });
    });
  });
}

}  // namespace reducheck::http
