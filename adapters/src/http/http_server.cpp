#include "http/http_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "audit/audit_log.h"

namespace reducheck::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, service::Desk& desk, asio::thread_pool& writer,
          const ServerOptions& options)
      : stream_(std::move(socket)), desk_(desk), writer_(writer), options_(options) {}

  void Start() { ReadHeader(); }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(options_.max_body_bytes);
    stream_.expires_after(options_.idle_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& req = parser_->get();
    if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
      if (req.has_content_length() && parser_->content_length() &&
          *parser_->content_length() > options_.max_body_bytes) {
        return SendError(413, "the request body is larger than the limit of " +
                                  std::to_string(options_.max_body_bytes) + " bytes");
      }
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                       req.version());
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code wec, std::size_t) {
                           if (wec) return self->Close();
                           self->ReadBody();
                         });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->OnReadError(ec);
                        self->Dispatch();
                      });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::eof ||
        ec == asio::error::operation_aborted) {
      return Close();
    }
    if (ec == bhttp::error::body_limit) {
      return SendError(413, "the request body is larger than the limit of " +
                                std::to_string(options_.max_body_bytes) + " bytes");
    }
    if (ec == bhttp::error::header_limit) {
      return SendError(431, "the request headers are larger than 16 KiB");
    }
    if (ec == bhttp::error::partial_message) return Close();
    if (ec.category() == beast::error_code(bhttp::error::bad_target).category()) {
      return SendError(400, "malformed HTTP request: " + ec.message());
    }
    Close();
  }

  void Dispatch() {
    const auto& req = parser_->get();
    request_ =
        service::Request{std::string_view(req.method_string().data(), req.method_string().size()),
                         std::string_view(req.target().data(), req.target().size()),
                         std::string_view(req.body()),
                         Header(bhttp::field::content_type),
                         Header(bhttp::field::authorization),
                         Header("Idempotency-Key"),
                         Header("X-Request-Id")};
    keep_alive_ = req.keep_alive();
    version_ = req.version();
    if (service::Desk::IsWrite(request_.method, request_.target)) {
      asio::post(writer_, [self = shared_from_this()] {
        auto reply = std::make_shared<service::Reply>(self->desk_.Handle(self->request_));
        asio::post(self->stream_.get_executor(), [self, reply] { self->Send(std::move(*reply)); });
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

  void Send(service::Reply reply) {
    res_.emplace(static_cast<bhttp::status>(reply.status), version_);
    res_->set(bhttp::field::server, "reducheck");
    res_->set(bhttp::field::content_type,
              beast::string_view(reply.content_type.data(), reply.content_type.size()));
    if (!reply.request_id.empty()) res_->set("X-Request-Id", reply.request_id);
    if (reply.replayed) res_->set("Idempotent-Replayed", "true");
    if (reply.status == 401) res_->set(bhttp::field::www_authenticate, "Bearer");
    if (!reply.allow.empty()) res_->set(bhttp::field::allow, reply.allow);
    res_->keep_alive(keep_alive_);
    res_->body() = std::move(reply.body);
    res_->prepare_payload();
    bhttp::async_write(stream_, *res_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec || !self->keep_alive_) return self->Close();
                         self->res_.reset();
                         self->ReadHeader();
                       });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> res_;
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

  void Accept() {
    acceptor.async_accept(ioc, [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(std::move(socket), desk, writer, options)->Start();
      }
      Accept();
    });
  }

  service::Desk& desk;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool writer;
  asio::steady_timer grace{ioc};
  bool stopping = false;  // touched on I/O threads only, through posts to ioc
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
    threads.emplace_back([this] { impl_->ioc.run(); });
  }
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->writer.join();  // let queued writes finish: each is durable before it is applied
}

void HttpServer::Stop() {
  asio::post(impl_->ioc, [this] {
    if (impl_->stopping) return;
    impl_->stopping = true;
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
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
