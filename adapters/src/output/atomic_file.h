// AtomicFile: an output file that appears whole or not at all (issue 14, item 6).
//
// Every file a command writes (batch --out, plan --out, lockup --html/--csv/--pdf, import --out)
// is written to a temporary file in the same directory (".<name>.tmp-XXXXXX", so the rename
// never crosses a file system), synced, and renamed over the target only when the command has
// written all of it (Commit). Until then the target is untouched: a run that fails (a write
// error, a full disk, a file size limit) or is killed leaves no file that looks complete, and an
// older file of the same name stays as it was.
//
// Clean-up: a failed or abandoned AtomicFile removes its temporary file (destructor). SIGINT,
// SIGTERM and SIGHUP remove the temporary files still open and then end the process as the
// signal would have (the handler is installed by the first AtomicFile; it only calls unlink(2)
// and re-raises). A process killed by a signal it cannot catch (SIGKILL) leaves its temporary
// file behind, under its temporary name — never the target.
#ifndef REDUCHECK_ADAPTERS_OUTPUT_ATOMIC_FILE_H_
#define REDUCHECK_ADAPTERS_OUTPUT_ATOMIC_FILE_H_

#include <fstream>
#include <memory>
#include <string>

#include "reducheck/engine/status.h"

namespace reducheck::output {

class AtomicFile {
 public:
  // Creates the temporary file beside `target` (failing with a message naming the target when
  // its directory cannot be written). Nothing is written to `target` yet.
  static Result<std::unique_ptr<AtomicFile>> Create(const std::string& target);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // A stream on the temporary file, for callers that write through an ostream.
  std::ostream& stream() { return stream_; }
  // The temporary file's path, for a library or program that writes a file by name (the
  // workbook writer, the PDF printer). It exists (empty) when Create returns.
  const std::string& temp_path() const { return temp_path_; }
  const std::string& target() const { return target_; }

  // Flushes and closes the stream, syncs the temporary file, renames it to the target and syncs
  // the directory. On failure the temporary file is removed and the target left as it was; the
  // message names the target and the reason ("No space left on device").
  Status Commit();
  // Removes the temporary file now (what the destructor does for an uncommitted file).
  void Discard();

 private:
  AtomicFile(std::string target, std::string temp_path, int slot);
  std::string target_;
  std::string temp_path_;
  int slot_;  // its entry in the signal handler's table, or -1
  std::ofstream stream_;
  bool done_ = false;
};

// Writes `content` to `target` through an AtomicFile.
Status WriteFileAtomically(const std::string& target, const std::string& content);

}  // namespace reducheck::output

#endif  // REDUCHECK_ADAPTERS_OUTPUT_ATOMIC_FILE_H_
