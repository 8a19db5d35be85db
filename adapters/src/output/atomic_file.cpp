// AtomicFile (atomic_file.h).
#include "output/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <utility>

namespace reducheck::output {

namespace {

namespace fs = std::filesystem;

// The temporary files a signal must remove: a fixed table of fixed buffers, so the handler
// touches no allocator and calls only unlink(2) (async-signal-safe). A slot is published by
// storing its `used` flag after the path is in place, and retired by clearing it before the
// path is reused.
constexpr int kSlots = 16;
constexpr std::size_t kPathBytes = 4096;
struct Slot {
  std::atomic<bool> used{false};
  char path[kPathBytes];
};
Slot g_slots[kSlots];
std::mutex g_slots_mutex;  // serialises Claim/Release (not the handler)
std::once_flag g_handlers_installed;

extern "C" void RemoveTemporaryFilesAndDie(int sig) {
  for (Slot& s : g_slots) {
    if (s.used.load(std::memory_order_acquire)) ::unlink(s.path);
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void InstallHandlers() {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (::sigaction(sig, nullptr, &current) != 0) continue;
    // Leave a signal alone when someone else handles or ignores it (nohup ignores SIGHUP).
    if (current.sa_handler != SIG_DFL || (current.sa_flags & SA_SIGINFO) != 0) continue;
    struct sigaction action {};
    action.sa_handler = RemoveTemporaryFilesAndDie;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    ::sigaction(sig, &action, nullptr);
  }
}

int Claim(const std::string& path) {
  if (path.size() >= kPathBytes) return -1;
  std::call_once(g_handlers_installed, InstallHandlers);
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  for (int i = 0; i < kSlots; ++i) {
    if (!g_slots[i].used.load(std::memory_order_relaxed)) {
      std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
      g_slots[i].used.store(true, std::memory_order_release);
      return i;
    }
  }
  return -1;  // more than kSlots open at once: still atomic, only not removed on a signal
}

void Release(int slot) {
  if (slot < 0) return;
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  g_slots[slot].used.store(false, std::memory_order_release);
}

std::string Errno(int e) { return std::strerror(e); }

// Syncs the directory holding `path`, so a rename into it survives a power loss.
void SyncDirectoryOf(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: the file itself is already synced
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(std::string target, std::string temp_path, int slot)
    : target_(std::move(target)), temp_path_(std::move(temp_path)), slot_(slot) {}

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& target) {
  const fs::path t(target);
  if (t.filename().empty()) return InvalidInput(target + ": not a file name");
  std::error_code ec;
  if (fs::is_directory(t, ec)) return InvalidInput(target + ": is a directory");
  const fs::path dir = t.parent_path();
  std::string pattern = (dir / ("." + t.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    return InvalidInput(target + ": cannot create a file in " +
                        (dir.empty() ? std::string(".") : dir.string()) + ": " + Errno(e));
  }
  // mkostemp makes the file 0600; give it the mode a new file gets (0666 less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  const int slot = Claim(pattern);
  std::unique_ptr<AtomicFile> file(new AtomicFile(target, pattern, slot));
  file->stream_.open(file->temp_path_, std::ios::binary | std::ios::trunc);
  if (!file->stream_) {
    return InvalidInput(target + ": cannot open " + file->temp_path_ + " for writing");
  }
  return file;
}

AtomicFile::~AtomicFile() { Discard(); }

void AtomicFile::Discard() {
  if (done_) return;
  done_ = true;
  if (stream_.is_open()) stream_.close();
  ::unlink(temp_path_.c_str());
  Release(slot_);
}

Status AtomicFile::Commit() {
  if (done_) return Internal(target_ + ": committed or discarded already");
  if (stream_.is_open()) {
    stream_.flush();
    const bool written = static_cast<bool>(stream_);
    stream_.close();
    if (!written || !stream_) {
      Discard();
      return InvalidInput(target_ + ": could not write the file (nothing was written to it)");
    }
  }
  // Sync the data before the rename makes it visible under the target's name: after a crash
  // the target is the old file or the whole new one.
  const int fd = ::open(temp_path_.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    Discard();
    return InvalidInput(target_ + ": the temporary file " + temp_path_ + " is gone: " + Errno(e));
  }
  if (::fsync(fd) != 0) {
    const int e = errno;
    ::close(fd);
    Discard();
    return InvalidInput(target_ + ": could not write the file: " + Errno(e));
  }
  ::close(fd);
  if (::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    const int e = errno;
    Discard();
    return InvalidInput(target_ + ": could not replace the file: " + Errno(e));
  }
  done_ = true;
  Release(slot_);
  SyncDirectoryOf(target_);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& target, const std::string& content) {
  Result<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(target);
  if (!file.ok()) return file.status();
  file.value()->stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  return file.value()->Commit();
}

}  // namespace reducheck::output
