#include "store/process_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <utility>

namespace reducheck::store {

namespace {

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string HostName() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "?";
  return buf;
}

// "pid 1234 on host h, since 2026-12-04T09:30:00Z" from the lock file's "key value" lines.
std::string DescribeHolder(int fd) {
  char buf[512] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "a process that has not yet written its name";
  std::string text(buf, static_cast<std::size_t>(n));
  auto value = [&](const std::string& key) -> std::string {
    const std::size_t at = text.find(key + " ");
    if (at == std::string::npos) return "?";
    const std::size_t from = at + key.size() + 1;
    return text.substr(from, text.find('\n', from) - from);
  };
  return "pid " + value("pid") + " on host " + value("host") + ", since " + value("since") + ", " +
         value("what");
}

}  // namespace

ProcessLock::~ProcessLock() {
  if (fd_ >= 0) close(fd_);  // releases the flock
}

ProcessLock::ProcessLock(ProcessLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), lock_path_(std::move(other.lock_path_)) {}

ProcessLock& ProcessLock::operator=(ProcessLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    lock_path_ = std::move(other.lock_path_);
  }
  return *this;
}

Result<ProcessLock> ProcessLock::Acquire(const std::string& path, const std::string& what) {
  ProcessLock lock;
  lock.lock_path_ = path + ".lock";
  lock.fd_ = open(lock.lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock.fd_ < 0) {
    return InvalidInput(path + ": cannot create the lock file " + lock.lock_path_ + ": " +
                        std::strerror(errno));
  }
  if (flock(lock.fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    if (err == EWOULDBLOCK) {
      return InvalidInput(path + ": " + what + " is in use by another reducheck process (" +
                          DescribeHolder(lock.fd_) + "; lock file " + lock.lock_path_ +
                          "). One process at a time writes it: stop that process first, or "
                          "give this one another file");
    }
    return InvalidInput(path + ": cannot lock " + lock.lock_path_ + ": " + std::strerror(err));
  }
  const std::string holder = "pid " + std::to_string(getpid()) + "\nhost " + HostName() +
                             "\nsince " + NowUtc() + "\nwhat reducheck, writing " + what + "\n";
  if (ftruncate(lock.fd_, 0) != 0 ||
      pwrite(lock.fd_, holder.data(), holder.size(), 0) != static_cast<ssize_t>(holder.size())) {
    // The lock is held; only the holder's description is missing. Not worth refusing to start.
  }
  return lock;
}

}  // namespace reducheck::store
