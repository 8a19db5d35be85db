#include "audit/audit_log.h"

#include <fcntl.h>
#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "audit/segments.h"
#include "audit/sha256.h"
#include "input/json_depth.h"
#include "input/limits.h"
#include "input/text.h"
#include "store/process_lock.h"

namespace reducheck::audit {

namespace {

constexpr std::size_t kQueueLines = 1024;       // batches, not lines
constexpr std::size_t kBatchBytes = 1 << 20;    // hand a batch on early past this size
constexpr std::size_t kWriteAtBytes = 1 << 18;  // write (without a sync) past this much pending
constexpr int kCompressionLevel = 3;

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

std::string NewLogId() {
  std::random_device rd;
  std::string bytes;
  for (int i = 0; i < 4; ++i) {
    const auto v = rd();
    bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  return Hex(bytes);
}

nlohmann::json ParseLine(const std::string& line) {
  if (input::JsonNestingExceeds(line, input::kMaxNestingDepth)) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return nlohmann::json::parse(line, nullptr, false);
}

struct Tail {
  std::string last_line;  // last complete line, without '\n' ("" if none)
  std::string torn;       // bytes after the last '\n' (a torn write)
  std::uintmax_t complete_size = 0;
  std::string first_line;  // the file's first complete line ("" if none)
};

// Reads the ends of a plain file: its first and last complete lines and any torn bytes.
Result<Tail> ReadTail(const std::string& path) {
  Tail tail;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return tail;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return InvalidInput(path + ": " + ec.message());
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput(path + ": cannot read the audit log");
  {
    std::string head;
    std::getline(in, head);
    if (!in.eof()) tail.first_line = head;
    in.clear();
  }
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

// The first and last lines of a closed segment (plain or compressed), read through.
Result<std::pair<std::string, std::string>> SegmentEnds(const Segment& segment) {
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(segment);
  if (!reader.ok()) return reader.status();
  std::string line;
  std::string first;
  std::string last;
  bool complete = true;
  bool any = false;
  while (reader.value()->Next(line, complete)) {
    if (!complete) break;  // a closed segment ends on a line end; a torn end is not a line
    if (!any) first = line;
    last = line;
    any = true;
  }
  if (!reader.value()->error().empty()) return InvalidInput(reader.value()->error());
  return std::make_pair(first, last);
}

// What a chain-marker line says about its log.
struct Marker {
  bool present = false;
  bool keyed = false;
  std::string key_id;
  std::string log_id;
};

Marker ReadMarker(const std::string& line) {
  Marker m;
  const auto j = ParseLine(line);
  if (j.is_discarded() || !j.is_object() || !j.contains("chain") || !j["chain"].is_string()) {
    return m;
  }
  m.present = true;
  m.keyed = j["chain"] == "hmac-sha256";
  m.key_id = j.value("key_id", "");
  m.log_id = j.value("log_id", "");
  return m;
}

std::string NowUtcSeconds() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
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

// Compresses closed segments one at a time on its own thread, so the log's writer never waits.
class Compressor {
 public:
  explicit Compressor(std::function<void(std::string_view)> warn)
      : warn_(std::move(warn)), thread_([this] { Run(); }) {}
  ~Compressor() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
      queue_.clear();  // a segment left plain is compressed at the next start
    }
    cv_.notify_all();
    thread_.join();
  }
  void Add(std::string plain) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(plain));
    }
    cv_.notify_all();
  }

 private:
  void Run() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      const std::string plain = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      if (Status st = CompressSegment(plain, kCompressionLevel); !st.ok() && warn_) {
        warn_("audit log: " + plain + " stays uncompressed: " + st.message());
      }
      lock.lock();
    }
  }

  std::function<void(std::string_view)> warn_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool stop_ = false;
  std::thread thread_;
};

// Runs on the async logger's single worker thread: numbers, chains, writes, syncs and rotates.
class ChainSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  struct State {
    std::string path;
    int fd = -1;
    ChainHead head;
    std::string torn;
    std::uint64_t next_segment = 1;
    std::uint64_t segment_bytes = 0;
    std::int64_t segment_lines = 0;
    std::chrono::system_clock::time_point segment_started;
    std::string marker;  // "\"chain\":...,\"log_id\":..." for chain-marker lines
  };

  ChainSink(State state, const AuditOptions& options, Compressor* compressor)
      : s_(std::move(state)), options_(options), compressor_(compressor), durable_head_(s_.head) {}
  ~ChainSink() override {
    if (s_.fd >= 0) close(s_.fd);
  }

  std::uint64_t FlushTicket() {
    std::lock_guard lock(flush_mu_);
    return flushes_;
  }
  ChainHead WaitFlushedAfter(std::uint64_t ticket) {
    std::unique_lock lock(flush_mu_);
    flushed_cv_.wait(lock, [&] { return flushes_ > ticket; });
    return durable_head_;
  }
  ChainHead durable_head() {
    std::lock_guard lock(flush_mu_);
    return durable_head_;
  }
  AuditHealth health() const {
    std::lock_guard lock(health_mu_);
    return health_;
  }
  bool writable() const { return writable_.load(std::memory_order_acquire); }
  void CloseFile() {
    std::lock_guard lock(mutex_);
    if (s_.fd >= 0) close(s_.fd);
    s_.fd = -1;
  }
  std::string TakeUnwritten() {
    std::lock_guard lock(mutex_);
    std::string rest = out_.substr(written_);
    out_.clear();
    written_ = 0;
    return rest;
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
    if (out_.size() - written_ >= kWriteAtBytes) WritePending(false);
  }

  void flush_() override {
    const bool ok = WritePending(true);
    if (ok) {
      {
        std::lock_guard lock(flush_mu_);
        durable_head_ = s_.head;
      }
      if (options_.on_durable && s_.head.seq > anchored_seq_) {
        options_.on_durable(s_.head);
        anchored_seq_ = s_.head.seq;
      }
      MaybeRotate();
    }
    std::lock_guard lock(flush_mu_);
    ++flushes_;
    flushed_cv_.notify_all();
  }

 private:
  void WriteLine(std::chrono::system_clock::time_point time, std::string_view members) {
    line_.clear();
    line_ += "{\"seq\":";
    line_ += std::to_string(s_.head.seq + 1);
    line_ += ",\"prev\":\"";
    line_ += s_.head.hash;
    line_ += "\",\"time\":\"";
    line_ += UtcTimestamp(time);
    line_ += "\",";
    if (!s_.marker.empty()) {  // the first line after opening or rotating names the chain
      line_ += s_.marker;
      line_ += ',';
      s_.marker.clear();
    }
    if (!s_.torn.empty()) {
      line_ += "\"torn_tail_hex\":\"" + Hex(s_.torn) + "\",";
      s_.torn.clear();
    }
    line_ += members;
    line_ += '}';
    s_.head.seq += 1;
    s_.head.hash = LinkHash(line_, options_.key);
    line_ += '\n';
    out_ += line_;
    s_.segment_bytes += line_.size();
    ++s_.segment_lines;
  }

  // Writes every pending byte (and syncs when `sync`); on failure keeps what is not written,
  // marks the log unwritable and returns false. Partial writes continue where they stopped.
  bool WritePending(bool sync) {
    if (s_.fd < 0) {
      s_.fd = open(s_.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
      if (s_.fd < 0) return Fail("cannot open " + s_.path, errno);
      SyncDirectoryOf(s_.path);
    }
    while (written_ < out_.size()) {
      const ssize_t n = write(s_.fd, out_.data() + written_, out_.size() - written_);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Fail("cannot write " + s_.path, errno);
      }
      written_ += static_cast<std::size_t>(n);
    }
    out_.clear();
    written_ = 0;
    if (sync && fsync(s_.fd) != 0) return Fail("cannot sync " + s_.path, errno);
    if (!writable_.load(std::memory_order_acquire)) {
      writable_.store(true, std::memory_order_release);
      std::string was;
      {
        std::lock_guard lock(health_mu_);
        was = health_.reason;
        health_ = AuditHealth{};
      }
      Warn("audit log writable again (" + was + "); decisions are served again");
    }
    return true;
  }

  bool Fail(const std::string& what, int err) {
    const std::string reason = what + ": " + std::strerror(err);
    if (writable_.load(std::memory_order_acquire)) {
      {
        std::lock_guard lock(health_mu_);
        health_ = AuditHealth{false, reason, NowUtcSeconds()};
      }
      writable_.store(false, std::memory_order_release);
      Warn("audit log NOT writable: " + reason + "; decisions are refused (503) until it is; " +
           std::to_string(out_.size() - written_) + " bytes kept in memory, retried every " +
           std::to_string(options_.sync_interval.count()) + " ms");
    } else {
      std::lock_guard lock(health_mu_);
      health_.reason = reason;
    }
    return false;
  }

  void MaybeRotate() {
    const bool by_size = options_.rotate_bytes > 0 && s_.segment_bytes >= options_.rotate_bytes;
    const bool by_age =
        options_.rotate_age.count() > 0 &&
        std::chrono::system_clock::now() - s_.segment_started >= options_.rotate_age;
    if ((!by_size && !by_age) || s_.segment_lines == 0) return;
    const std::string closed = SegmentPath(s_.path, s_.next_segment, false);
    close(s_.fd);
    s_.fd = -1;
    if (rename(s_.path.c_str(), closed.c_str()) != 0) {
      Warn("audit log: cannot rotate " + s_.path + " to " + closed + ": " + std::strerror(errno) +
           "; it goes on growing");
      return;  // WritePending reopens the active file
    }
    SyncDirectoryOf(s_.path);
    const std::uint64_t closed_number = s_.next_segment++;
    s_.segment_bytes = 0;
    s_.segment_lines = 0;
    s_.segment_started = std::chrono::system_clock::now();
    s_.marker = marker_;
    WriteLine(s_.segment_started,
              "\"type\":\"segment_start\",\"segment\":" + std::to_string(closed_number + 1) +
                  ",\"previous_segment\":" +
                  JsonString(std::filesystem::path(closed).filename().string()) +
                  ",\"previous_last_seq\":" + std::to_string(s_.head.seq));
    if (WritePending(true)) {
      std::lock_guard lock(flush_mu_);
      durable_head_ = s_.head;
    }
    if (compressor_ != nullptr) compressor_->Add(closed);
  }

  void Warn(const std::string& message) {
    if (options_.log_warning) options_.log_warning(message);
  }

 public:
  std::string marker_;  // the chain marker written after each rotation

 private:
  State s_;
  const AuditOptions& options_;
  Compressor* compressor_;
  std::string line_;
  std::string out_;          // lines not yet written
  std::size_t written_ = 0;  // bytes of out_ already written
  std::int64_t anchored_seq_ = 0;
  std::mutex flush_mu_;
  std::condition_variable flushed_cv_;
  std::uint64_t flushes_ = 0;
  ChainHead durable_head_;
  mutable std::mutex health_mu_;
  AuditHealth health_;
  std::atomic<bool> writable_{true};
};

namespace {

// Hands the pending records to the logger every millisecond (one spdlog message per batch, so
// the request threads never wake the writer one line at a time) and syncs once per interval
// (bounds what a crash can lose, retries an unwritable log), until stopped.
class Batcher {
 public:
  Batcher(std::function<void()> hand_off, std::shared_ptr<spdlog::logger> logger,
          std::chrono::milliseconds interval)
      : thread_([this, hand_off = std::move(hand_off), logger, interval] {
          std::unique_lock lock(mu_);
          auto last_flush = std::chrono::steady_clock::now();
          while (!cv_.wait_for(lock, std::chrono::milliseconds(1), [this] { return stop_; })) {
            lock.unlock();
            hand_off();
            if (std::chrono::steady_clock::now() - last_flush >= interval) {
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
  AuditOptions options;
  store::ProcessLock file_lock;  // one writer per log
  ChainHead opened_head;
  std::string log_id;
  bool log_id_recorded = false;
  std::unique_ptr<Compressor> compressor;
  std::shared_ptr<spdlog::details::thread_pool> pool;
  std::shared_ptr<ChainSink> sink;
  std::shared_ptr<spdlog::logger> logger;
  std::mutex pending_mu;  // guards pending; held while a batch is handed on, to keep order
  std::string pending;    // records not yet given to the logger
  std::string unwritten;  // what Close could not write

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

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path, AuditOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  const AuditOptions& opts = impl->options;
  // One writer per log, as per database: two services on different databases but one log
  // would break its chain.
  Result<store::ProcessLock> lock = store::ProcessLock::Acquire(path, "the audit log");
  if (!lock.ok()) return lock.status();
  impl->file_lock = std::move(lock).value();

  // Leftovers of an interrupted compression: a temporary file, or a segment both plain and
  // compressed (the plain one is authoritative; it is compressed again).
  std::vector<Segment> segments = ListSegments(path);
  std::uint64_t last_closed = 0;
  for (const Segment& s : segments) {
    if (s.number == 0) continue;
    last_closed = s.number;
    const std::string zst = SegmentPath(path, s.number, true);
    std::error_code ec;
    std::filesystem::remove(zst + ".tmp", ec);
    if (!s.compressed && std::filesystem::exists(zst, ec)) std::filesystem::remove(zst, ec);
  }

  Result<Tail> tail = ReadTail(path);
  if (!tail.ok()) return tail.status();
  std::string last_line = tail.value().last_line;
  std::string first_line = tail.value().first_line;
  if (last_line.empty() && last_closed > 0) {
    // Killed between closing a segment and writing the new file's first line: continue from
    // the last closed segment.
    const Segment& closed = segments[segments.size() - (segments.back().number == 0 ? 2 : 1)];
    Result<std::pair<std::string, std::string>> ends = SegmentEnds(closed);
    if (!ends.ok()) return ends.status();
    first_line = ends.value().first;
    last_line = ends.value().second;
  }
  ChainHead head{0, std::string(kGenesisHash)};
  if (!last_line.empty()) {
    const auto line = ParseLine(last_line);
    if (line.is_discarded() || !line.is_object() || !line.contains("seq") ||
        !line["seq"].is_number_integer() || !line.contains("prev")) {
      return InvalidInput(path +
                          ": the last line is not an audit line (expected a JSON object "
                          "with seq and prev); refusing to append to this file");
    }
    head.seq = line["seq"].get<std::int64_t>();
    head.hash = LinkHash(last_line, opts.key);
  }
  // The chain's kind and identity, from the newest segment's first line (or, in a log written
  // before lines carried them, from the last line that does).
  Marker marker = ReadMarker(first_line);
  if (!marker.present && !last_line.empty()) {
    const std::vector<Segment> now = ListSegments(path);
    for (auto it = now.rbegin(); it != now.rend() && !marker.present; ++it) {
      Result<std::unique_ptr<LineReader>> reader = LineReader::Open(*it);
      if (!reader.ok()) break;
      std::string line;
      bool complete = false;
      while (reader.value()->Next(line, complete)) {
        if (complete && line.find("\"log_id\":") != std::string::npos) {
          if (Marker m = ReadMarker(line); m.present) marker = m;
        }
      }
    }
  }
  const bool nonempty = head.seq > 0;
  if (nonempty && marker.keyed && opts.key.empty()) {
    return InvalidInput(path + ": the audit log is keyed (hmac-sha256, key id " + marker.key_id +
                        "): give its key with --audit-key-file");
  }
  if (nonempty && marker.keyed && marker.key_id != KeyId(opts.key)) {
    return InvalidInput(path + ": the audit log is keyed with key id " + marker.key_id +
                        ", not with the key given (key id " + KeyId(opts.key) + ")");
  }
  if (nonempty && !marker.keyed && !opts.key.empty()) {
    return InvalidInput(path +
                        ": the audit log is not keyed; a key applies to a new log: start "
                        "with another --audit-log (keep this one)");
  }
  impl->log_id_recorded = marker.present && !marker.log_id.empty();
  impl->log_id = impl->log_id_recorded  ? marker.log_id
                 : !opts.log_id.empty() ? opts.log_id
                                        : NewLogId();
  impl->opened_head = head;

  if (!tail.value().torn.empty()) {
    std::error_code ec;
    std::filesystem::resize_file(path, tail.value().complete_size, ec);
    if (ec) return InvalidInput(path + ": cannot cut the torn last line: " + ec.message());
  }
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return InvalidInput(path +
                        ": cannot open the audit log for appending: " + std::strerror(errno));
  }
  SyncDirectoryOf(path);
  struct stat st {};
  fstat(fd, &st);

  std::string marker_members =
      opts.key.empty() ? "\"chain\":\"sha256\""
                       : "\"chain\":\"hmac-sha256\",\"key_id\":\"" + KeyId(opts.key) + "\"";
  marker_members += ",\"log_id\":" + JsonString(impl->log_id);

  ChainSink::State state;
  state.path = path;
  state.fd = fd;
  state.head = head;
  state.torn = tail.value().torn;
  state.next_segment = last_closed + 1;
  state.segment_bytes = static_cast<std::uint64_t>(st.st_size);
  state.segment_lines = st.st_size > 0 ? 1 : 0;
  state.segment_started = std::chrono::system_clock::now();
  state.marker = marker_members;

  if (opts.compress) {
    impl->compressor = std::make_unique<Compressor>(opts.log_warning);
    for (const Segment& s : segments) {
      if (s.number > 0 && !s.compressed) impl->compressor->Add(s.path);
    }
  }
  auto sink = std::make_shared<ChainSink>(std::move(state), impl->options, impl->compressor.get());
  sink->marker_ = marker_members;
  auto pool = std::make_shared<spdlog::details::thread_pool>(kQueueLines, 1);
  auto logger = std::make_shared<spdlog::async_logger>("audit", sink, pool,
                                                       spdlog::async_overflow_policy::block);
  logger->set_level(spdlog::level::info);
  impl->pool = std::move(pool);
  impl->sink = std::move(sink);
  impl->logger = logger;
  Impl* raw = impl.get();
  impl->batcher =
      std::make_unique<Batcher>([raw] { raw->HandOff(); }, std::move(logger), opts.sync_interval);
  return std::unique_ptr<AuditLog>(new AuditLog(path, std::move(impl)));
}

void AuditLog::Append(std::string_view members) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  char stamp[24];
  const auto [end, ec] = std::to_chars(stamp, stamp + sizeof stamp, micros);
  (void)ec;
  std::string oversized;
  if (members.size() > impl_->options.max_record_bytes) {
    // Inputs are bounded far below this; should a record grow past it anyway, its digest is
    // kept instead of megabytes of it.
    std::string type = "unknown";
    if (members.rfind("\"type\":\"", 0) == 0) {
      const std::size_t end_quote = members.find('"', 8);
      if (end_quote != std::string_view::npos && end_quote - 8 < 64) {
        type = std::string(members.substr(8, end_quote - 8));
      }
    }
    oversized = "\"type\":" + JsonString(type) +
                ",\"oversized\":true,\"bytes\":" + std::to_string(members.size()) +
                ",\"sha256\":\"" + Sha256Hex(members) + "\"";
    members = oversized;
  }
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
  if (impl_->closed) return impl_->sink->durable_head();
  const ChainHead head = Flush();
  impl_->closed = true;
  impl_->batcher.reset();
  impl_->HandOff();
  impl_->logger.reset();
  impl_->pool.reset();  // joins the worker; the queue is already empty
  impl_->compressor.reset();
  impl_->unwritten = impl_->sink->TakeUnwritten();
  impl_->sink->CloseFile();
  impl_->file_lock = store::ProcessLock();  // another writer may open the log now
  return head;
}

std::string AuditLog::TakeUnwritten() { return std::move(impl_->unwritten); }

AuditHealth AuditLog::health() const { return impl_->sink->health(); }
bool AuditLog::writable() const { return impl_->sink->writable(); }
ChainHead AuditLog::opened_head() const { return impl_->opened_head; }
std::string AuditLog::log_id() const { return impl_->log_id; }
bool AuditLog::log_id_was_recorded() const { return impl_->log_id_recorded; }

}  // namespace reducheck::audit
