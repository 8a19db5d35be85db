#include "audit/segments.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace reducheck::audit {

namespace fs = std::filesystem;

namespace {

constexpr int kNumberDigits = 6;
constexpr std::size_t kChunk = 1 << 16;

// "<base>.000042" / "<base>.000042.zst" -> 42 (and whether compressed), for `base`.
bool ParseSegmentName(const std::string& name, const std::string& base, std::uint64_t& number,
                      bool& compressed) {
  if (name.size() <= base.size() + 1 || name.compare(0, base.size(), base) != 0 ||
      name[base.size()] != '.') {
    return false;
  }
  std::string rest = name.substr(base.size() + 1);
  compressed = rest.size() > 4 && rest.compare(rest.size() - 4, 4, ".zst") == 0;
  if (compressed) rest.resize(rest.size() - 4);
  if (rest.size() < static_cast<std::size_t>(kNumberDigits) ||
      !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  number = std::stoull(rest);
  return number > 0;
}

bool WriteAll(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

std::string SegmentPath(const std::string& log, std::uint64_t number, bool compressed) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%0*llu", kNumberDigits,
                static_cast<unsigned long long>(number));
  return log + "." + digits + (compressed ? ".zst" : "");
}

std::vector<Segment> ListSegments(const std::string& log) {
  const fs::path p(log);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  const std::string base = p.filename().string();
  std::map<std::uint64_t, Segment> closed;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::uint64_t number = 0;
    bool compressed = false;
    if (!ParseSegmentName(it->path().filename().string(), base, number, compressed)) continue;
    const std::string path = (p.has_parent_path() ? (dir / it->path().filename()).string()
                                                  : it->path().filename().string());
    auto [at, inserted] = closed.try_emplace(number, Segment{path, number, compressed});
    if (!inserted && at->second.compressed && !compressed)
      at->second = Segment{path, number, false};
  }
  std::vector<Segment> out;
  for (auto& [n, s] : closed) out.push_back(std::move(s));
  if (fs::exists(log, ec)) out.push_back(Segment{log, 0, false});
  return out;
}

std::vector<std::string> LogsInDirectory(const std::string& dir) {
  std::set<std::string> bases;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    // "<base>.NNNNNN[.zst]" names its base; anything else ending in .jsonl is an active file.
    const std::size_t zst = name.size() > 4 && name.compare(name.size() - 4, 4, ".zst") == 0
                                ? name.size() - 4
                                : name.size();
    const std::size_t dot = name.rfind('.', zst - 1);
    std::uint64_t number = 0;
    bool compressed = false;
    if (dot != std::string::npos && dot > 0 &&
        ParseSegmentName(name, name.substr(0, dot), number, compressed)) {
      bases.insert((fs::path(dir) / name.substr(0, dot)).string());
    } else if (name.size() > 6 && name.compare(name.size() - 6, 6, ".jsonl") == 0) {
      bases.insert((fs::path(dir) / name).string());
    }
  }
  return {bases.begin(), bases.end()};
}

LineReader::~LineReader() {
  if (fd_ >= 0) close(fd_);
  if (zstd_ != nullptr) ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(zstd_));
}

Result<std::unique_ptr<LineReader>> LineReader::Open(const Segment& segment) {
  std::unique_ptr<LineReader> r(new LineReader());
  r->path_ = segment.path;
  bool compressed = segment.compressed;
  r->fd_ = open(segment.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (r->fd_ < 0 && errno == ENOENT && !compressed && segment.number > 0) {
    // A closed plain segment listed a moment ago can have been compressed since (the service's
    // compressor renames "<segment>.zst" in before it unlinks the plain file, e.g. while the
    // start check reads the log of a service that was killed mid-compression): read the
    // compressed copy, which holds the same lines.
    const std::string zst = segment.path + ".zst";
    r->fd_ = open(zst.c_str(), O_RDONLY | O_CLOEXEC);
    if (r->fd_ >= 0) {
      r->path_ = zst;
      compressed = true;
    } else {
      errno = ENOENT;
    }
  }
  if (r->fd_ < 0) {
    return InvalidInput(segment.path + ": cannot read the audit log: " + std::strerror(errno));
  }
  if (compressed) r->zstd_ = ZSTD_createDCtx();
  return r;
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  char raw[kChunk];
  const ssize_t n = read(fd_, raw, sizeof raw);
  if (n < 0) {
    if (errno == EINTR) return true;
    error_ = path_ + ": read error: " + std::strerror(errno);
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    if (zstd_ != nullptr && frame_open_) {
      error_ = path_ + ": the compressed segment ends in the middle of a frame (cut short)";
    }
    return false;
  }
  if (zstd_ == nullptr) {
    buf_.append(raw, static_cast<std::size_t>(n));
    return true;
  }
  ZSTD_inBuffer in{raw, static_cast<std::size_t>(n), 0};
  while (in.pos < in.size) {
    char out_raw[kChunk];
    ZSTD_outBuffer out{out_raw, sizeof out_raw, 0};
    const std::size_t rc = ZSTD_decompressStream(static_cast<ZSTD_DCtx*>(zstd_), &out, &in);
    if (ZSTD_isError(rc)) {
      error_ = path_ + ": not a valid zstd segment: " + ZSTD_getErrorName(rc);
      eof_ = true;
      return false;
    }
    frame_open_ = rc != 0;
    buf_.append(out_raw, out.pos);
  }
  return true;
}

bool LineReader::Next(std::string& line, bool& complete) {
  for (;;) {
    const std::size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      line.assign(buf_, pos_, nl - pos_);
      pos_ = nl + 1;
      complete = true;
      return true;
    }
    if (!Fill()) {
      if (!error_.empty()) return false;
      if (pos_ < buf_.size()) {
        line.assign(buf_, pos_, std::string::npos);
        pos_ = buf_.size();
        complete = false;
        return true;
      }
      return false;
    }
  }
}

void SyncDirectoryOf(const std::string& path) {
  const fs::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)fsync(fd);
  close(fd);
}

Status CompressSegment(const std::string& plain, int level) {
  const std::string target = plain + ".zst";
  const std::string tmp = target + ".tmp";
  const int in = open(plain.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return Internal(plain + ": cannot read: " + std::strerror(errno));
  const int out = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) {
    const int err = errno;
    close(in);
    return Internal(tmp + ": cannot create: " + std::strerror(err));
  }
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
  std::string failure;
  char raw[kChunk];
  char packed[kChunk];
  for (bool last = false; !last && failure.empty();) {
    const ssize_t n = read(in, raw, sizeof raw);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure = plain + ": read error: " + std::strerror(errno);
      break;
    }
    last = n == 0;
    ZSTD_inBuffer input{raw, static_cast<std::size_t>(n), 0};
    const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
    for (bool done = false; !done;) {
      ZSTD_outBuffer output{packed, sizeof packed, 0};
      const std::size_t remaining = ZSTD_compressStream2(cctx, &output, &input, mode);
      if (ZSTD_isError(remaining)) {
        failure = std::string("zstd: ") + ZSTD_getErrorName(remaining);
        break;
      }
      if (!WriteAll(out, packed, output.pos)) {
        failure = tmp + ": write error: " + std::strerror(errno);
        break;
      }
      done = last ? remaining == 0 : input.pos == input.size;
    }
  }
  ZSTD_freeCCtx(cctx);
  close(in);
  if (failure.empty() && fsync(out) != 0) failure = tmp + ": fsync: " + std::strerror(errno);
  close(out);
  if (failure.empty() && rename(tmp.c_str(), target.c_str()) != 0) {
    failure = target + ": rename: " + std::strerror(errno);
  }
  if (!failure.empty()) {
    unlink(tmp.c_str());
    return Internal(failure);
  }
  SyncDirectoryOf(target);
  unlink(plain.c_str());  // the compressed copy is durable; the plain one may go
  SyncDirectoryOf(plain);
  return Status::Ok();
}

}  // namespace reducheck::audit
