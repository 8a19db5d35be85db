#include "audit/audit_log.h"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "audit/sha256.h"
#include "input/text.h"
#include "store/process_lock.h"

namespace reducheck::audit {

namespace {

constexpr size_t kQueueLines = 1024;     // batches, not lines
constexpr size_t kBatchBytes = 1 << 20;  // hand a batch on early past this size

// "2026-11-22T02:00:00.123456Z"
std::string UtcTimestamp(std::chrono::system_clock::time_point t) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(micros % 1000000));
  return buf;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

struct Tail {
  std::string last_line;  // last complete line, without '\n' ("" if none)
  std::string torn;       // bytes after the last '\n' (a torn write)
  std::uintmax_t complete_size = 0;
};

// Reads the end of the file: its last complete line and any torn bytes after it.
Result<Tail> ReadTail(const std::string& path) {
  Tail tail;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return tail;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return InvalidInput(path + ": " + ec.message());
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput(path + ": cannot read the audit log");
  std::string buf;
  std::uintmax_t window = 1 << 16;
  for (;;) {
    const std::uintmax_t start = size > window ? size - window : 0;
    buf.assign(static_cast<size_t>(size - start), '\0');
    in.seekg(static_cast<std::streamoff>(start));
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const size_t last_nl = buf.rfind('\n');
    if (last_nl == std::string::npos && start > 0) {
      window *= 4;
      continue;
    }
    const size_t torn_from = last_nl == std::string::npos ? 0 : last_nl + 1;
    tail.torn = buf.substr(torn_from);
    tail.complete_size = start + torn_from;
    if (last_nl == std::string::npos) return tail;  // no complete line at all
    const size_t prev_nl = last_nl == 0 ? std::string::npos : buf.rfind('\n', last_nl - 1);
    if (prev_nl == std::string::npos && start > 0) {
      window *= 4;
      continue;
    }
    const size_t line_from = prev_nl == std::string::npos ? 0 : prev_nl + 1;
    tail.last_line = buf.substr(line_from, last_nl - line_from);
    return tail;
  }
}

}  // namespace

std::string JsonString(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  AppendJsonString(out, text);
  return out;
}

void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Valid UTF-8 is copied as it is (as nlohmann does); a byte that is not UTF-8 becomes
      // U+FFFD, so a line is always valid JSON whatever reached it.
      char32_t cp = 0;
      const std::size_t n = input::DecodeUtf8(text, i, cp);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(text.substr(i, n));
        i += n - 1;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out.push_back(kHex[(c >> 4) & 0xF]);
          out.push_back(kHex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

// Runs on the async logger's single worker thread: numbers, chains and writes each line.
class ChainSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ChainSink(std::FILE* file, ChainHead head, std::string torn)
      : file_(file), head_(std::move(head)), torn_(std::move(torn)) {}
  ~ChainSink() override {
    if (file_ != nullptr) std::fclose(file_);
  }

  // Blocks until a flush requested after `ticket` was taken has completed.
  std::uint64_t FlushTicket() {
    std::lock_guard lock(flush_mu_);
    return flushes_;
  }
  ChainHead WaitFlushedAfter(std::uint64_t ticket) {
    std::unique_lock lock(flush_mu_);
    flushed_cv_.wait(lock, [&] { return flushes_ > ticket; });
    return flushed_head_;
  }

 protected:
  // One message is a batch of records "<micros since epoch>\t<members>\n" (AuditLog::Append);
  // each record becomes one chained line.
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::string_view batch(msg.payload.data(), msg.payload.size());
    while (!batch.empty()) {
      const size_t nl = batch.find('\n');
      const std::string_view record = batch.substr(0, nl);
      batch.remove_prefix(nl == std::string_view::npos ? batch.size() : nl + 1);
      const size_t tab = record.find('\t');
      std::int64_t micros = 0;
      std::from_chars(record.data(), record.data() + tab, micros);
      WriteLine(std::chrono::system_clock::time_point(std::chrono::microseconds(micros)),
                record.substr(tab + 1));
    }
  }

  void WriteLine(std::chrono::system_clock::time_point time, std::string_view members) {
    line_.clear();
    line_ += "{\"seq\":";
    line_ += std::to_string(head_.seq + 1);
    line_ += ",\"prev\":\"";
    line_ += head_.hash;
    line_ += "\",\"time\":\"";
    line_ += UtcTimestamp(time);
    line_ += "\",";
    if (!torn_.empty()) {
      line_ += "\"torn_tail_hex\":\"" + Hex(torn_) + "\",";
      torn_.clear();
    }
    line_ += members;
    line_ += '}';
    head_.seq += 1;
    head_.hash = Sha256Hex(line_);
    line_ += '\n';
    if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size()) {
      // The service cannot decide without its audit trail: fail loudly rather than go on.
      std::fprintf(stderr, "reducheck: audit log write failed: %s\n", std::strerror(errno));
      std::abort();
    }
  }
  void flush_() override {
    std::fflush(file_);
    ::fsync(fileno(file_));
    std::lock_guard lock(flush_mu_);
    ++flushes_;
    flushed_head_ = head_;
    flushed_cv_.notify_all();
  }

 private:
  std::FILE* file_;
  ChainHead head_;
  std::string torn_;
  std::string line_;
  std::mutex flush_mu_;
  std::condition_variable flushed_cv_;
  std::uint64_t flushes_ = 0;
  ChainHead flushed_head_;
};

namespace {

// Hands the pending records to the logger every millisecond (one spdlog message per batch, so
// the request threads never wake the writer one line at a time) and flushes once a second
// (bounds what a crash can lose), until stopped.
class Batcher {
 public:
  Batcher(std::function<void()> hand_off, std::shared_ptr<spdlog::logger> logger)
      : thread_([this, hand_off = std::move(hand_off), logger] {
          std::unique_lock lock(mu_);
          auto last_flush = std::chrono::steady_clock::now();
          while (!cv_.wait_for(lock, std::chrono::milliseconds(1), [this] { return stop_; })) {
            lock.unlock();
            hand_off();
            if (std::chrono::steady_clock::now() - last_flush >= std::chrono::seconds(1)) {
              logger->flush();
              last_flush = std::chrono::steady_clock::now();
            }
            lock.lock();
          }
        }) {}
  ~Batcher() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

struct AuditLog::Impl {
  store::ProcessLock file_lock;  // one writer per log
  std::shared_ptr<spdlog::details::thread_pool> pool;
  std::shared_ptr<ChainSink> sink;
  std::shared_ptr<spdlog::logger> logger;
  std::mutex pending_mu;  // guards pending; held while a batch is handed on, to keep order
  std::string pending;    // records not yet given to the logger

  void HandOff() {
    std::lock_guard lock(pending_mu);
    if (pending.empty()) return;
    logger->log(spdlog::level::info, spdlog::string_view_t(pending.data(), pending.size()));
    pending.clear();
  }
  std::unique_ptr<Batcher> batcher;
  bool closed = false;
};

AuditLog::AuditLog(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}

AuditLog::~AuditLog() { Close(); }

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path) {
  // One writer per log, as per database: two services on different databases but one log
  // would break its chain.
  Result<store::ProcessLock> lock = store::ProcessLock::Acquire(path, "the audit log");
  if (!lock.ok()) return lock.status();
  Result<Tail> tail = ReadTail(path);
  if (!tail.ok()) return tail.status();
  ChainHead head{0, std::string(kGenesisHash)};
  if (!tail.value().last_line.empty()) {
    const auto line = nlohmann::json::parse(tail.value().last_line, nullptr, false);
    if (line.is_discarded() || !line.is_object() || !line.contains("seq") ||
        !line["seq"].is_number_integer() || !line.contains("prev")) {
      return InvalidInput(path +
                          ": the last line is not an audit line (expected a JSON object "
                          "with seq and prev); refusing to append to this file");
    }
    head.seq = line["seq"].get<std::int64_t>();
    head.hash = Sha256Hex(tail.value().last_line);
  }
  if (!tail.value().torn.empty()) {
    std::error_code ec;
    std::filesystem::resize_file(path, tail.value().complete_size, ec);
    if (ec) return InvalidInput(path + ": cannot cut the torn last line: " + ec.message());
  }
  std::FILE* file = std::fopen(path.c_str(), "ab");
  if (file == nullptr) {
    return InvalidInput(path +
                        ": cannot open the audit log for appending: " + std::strerror(errno));
  }
  auto sink = std::make_shared<ChainSink>(file, head, tail.value().torn);
  auto pool = std::make_shared<spdlog::details::thread_pool>(kQueueLines, 1);
  auto logger = std::make_shared<spdlog::async_logger>("audit", sink, pool,
                                                       spdlog::async_overflow_policy::block);
  logger->set_level(spdlog::level::info);
  auto impl = std::make_unique<Impl>();
  impl->pool = std::move(pool);
  impl->sink = std::move(sink);
  impl->logger = logger;
  impl->file_lock = std::move(lock).value();
  Impl* raw = impl.get();
  impl->batcher = std::make_unique<Batcher>([raw] { raw->HandOff(); }, std::move(logger));
  return std::unique_ptr<AuditLog>(new AuditLog(path, std::move(impl)));
}

void AuditLog::Append(std::string_view members) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  char stamp[24];
  const auto [end, ec] = std::to_chars(stamp, stamp + sizeof stamp, micros);
  (void)ec;
  std::lock_guard lock(impl_->pending_mu);
  impl_->pending.append(stamp, end);
  impl_->pending += '\t';
  impl_->pending += members;
  impl_->pending += '\n';
  if (impl_->pending.size() >= kBatchBytes) {  // a burst: do not wait for the batcher's tick
    impl_->logger->log(spdlog::level::info,
                       spdlog::string_view_t(impl_->pending.data(), impl_->pending.size()));
    impl_->pending.clear();
  }
}

ChainHead AuditLog::Flush() {
  impl_->HandOff();
  const std::uint64_t ticket = impl_->sink->FlushTicket();
  impl_->logger->flush();
  return impl_->sink->WaitFlushedAfter(ticket);
}

ChainHead AuditLog::Close() {
  if (impl_->closed) return impl_->sink->WaitFlushedAfter(0);
  const ChainHead head = Flush();
  impl_->closed = true;
  impl_->batcher.reset();
  impl_->HandOff();
  impl_->logger.reset();
  impl_->pool.reset();  // joins the worker; the queue is already empty
  return head;
}

}  // namespace reducheck::audit
