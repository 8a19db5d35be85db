// ProcessLock: an exclusive, advisory lock on a file, held by one process at a time (flock(2) on
// "<path>.lock"; released when the holder exits, however it exits). The lock file names its
// holder (pid, host, start time, what it is), so a refused process can say who holds it.
//
// The service takes one on its database before it opens it (one writer per database: a second
// `serve`, or a FIX gateway in another process, is refused before it touches anything) and one on
// its audit log. Locks are per open file description: a second Acquire in the same process on
// the same path is refused too.
#ifndef REDUCHECK_ADAPTERS_STORE_PROCESS_LOCK_H_
#define REDUCHECK_ADAPTERS_STORE_PROCESS_LOCK_H_

#include <string>

#include "reducheck/engine/status.h"

namespace reducheck::store {

class ProcessLock {
 public:
  ProcessLock() = default;
  ~ProcessLock();
  ProcessLock(ProcessLock&& other) noexcept;
  ProcessLock& operator=(ProcessLock&& other) noexcept;
  ProcessLock(const ProcessLock&) = delete;
  ProcessLock& operator=(const ProcessLock&) = delete;

  // Locks "<path>.lock" (creating it) for `what` ("the database", "the audit log"). Fails
  // without waiting when another process (or another ProcessLock) holds it, with a message
  // naming `path` and the holder: "... is in use by another reducheck process (pid 1234 on
  // host h, since 2026-12-04T09:30:00Z) ...".
  static Result<ProcessLock> Acquire(const std::string& path, const std::string& what);

  bool held() const { return fd_ >= 0; }
  const std::string& lock_path() const { return lock_path_; }

 private:
  int fd_ = -1;
  std::string lock_path_;
};

}  // namespace reducheck::store

#endif  // REDUCHECK_ADAPTERS_STORE_PROCESS_LOCK_H_
