// Line sources over a text in memory and over a file read through a fixed buffer.
#include "reducheck/adapters/line_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reducheck::adapters {

namespace {

// `line` without a trailing carriage return (CRLF line ends).
std::string_view WithoutCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

bool TextLines::Next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  const std::size_t end = text_.find('\n', pos_);
  const std::size_t stop = end == std::string_view::npos ? text_.size() : end;
  line = WithoutCr(text_.substr(pos_, stop - pos_));
  pos_ = end == std::string_view::npos ? text_.size() : end + 1;
  return true;
}

std::unique_ptr<FileLines> FileLines::Open(const std::string& path, std::string* error) {
  if (path == "-") {
    struct stat st {};
    const bool regular = ::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
    return std::unique_ptr<FileLines>(new FileLines(STDIN_FILENO, false, regular));
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = errno == ENOENT
                 ? "cannot read the file: no such file"
                 : std::string("cannot open the file for reading: ") + std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    *error = std::string("cannot read the file: ") + std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  if (S_ISDIR(st.st_mode)) {
    *error = "is a directory, not a file";
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<FileLines>(new FileLines(fd, true, S_ISREG(st.st_mode)));
}

FileLines::FileLines(int fd, bool owned, bool regular)
    : fd_(fd), owned_(owned), regular_(regular), buffer_(kBufferBytes) {}

FileLines::~FileLines() {
  if (owned_) ::close(fd_);
}

bool FileLines::Fill() {
  if (eof_ || !error_.empty()) return false;
  if (begin_ > 0) {  // keep the unconsumed tail at the front
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= kMaxLineBytes) {
      error_ = "a line is longer than " + std::to_string(kMaxLineBytes >> 20) +
               " MiB (is this the right file?)";
      return false;
    }
    buffer_.resize(buffer_.size() * 2);
  }
  while (true) {
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    error_ = std::string("read error: ") + std::strerror(errno);
    return false;
  }
}

bool FileLines::Next(std::string_view& line) {
  std::size_t scanned = begin_;  // bytes before this offset hold no line break
  while (true) {
    const void* nl = std::memchr(buffer_.data() + scanned, '\n', end_ - scanned);
    if (nl != nullptr) {
      const std::size_t at =
          static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data());
      line = WithoutCr(std::string_view(buffer_.data() + begin_, at - begin_));
      begin_ = at + 1;
      return true;
    }
    const std::size_t pending = end_ - begin_;
    if (!Fill()) {
      if (!error_.empty() || pending == 0) return false;
      // The last line has no line break.
      line = WithoutCr(std::string_view(buffer_.data() + begin_, end_ - begin_));
      begin_ = end_;
      return true;
    }
    scanned = begin_ + pending;  // Fill moved the pending bytes to the front
  }
}

}  // namespace reducheck::adapters
