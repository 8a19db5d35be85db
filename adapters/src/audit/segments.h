// The files of one audit log: the active file (the --audit-log path) and its closed segments
// beside it, "<path>.000001", "<path>.000002", ... in the order they were closed, each
// optionally compressed ("<path>.000001.zst", zstd). Segments continue one chain: the first line
// of a segment names the last line of the one before as its predecessor. reducheck never
// deletes a segment; retention is the operator's (docs/service.md#audit-trail).
#ifndef REDUCHECK_ADAPTERS_AUDIT_SEGMENTS_H_
#define REDUCHECK_ADAPTERS_AUDIT_SEGMENTS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reducheck/engine/status.h"

namespace reducheck::audit {

struct Segment {
  std::string path;
  std::uint64_t number = 0;  // 1, 2, ...; 0 for the active file
  bool compressed = false;
};

// "<log>.000042" or "<log>.000042.zst".
std::string SegmentPath(const std::string& log, std::uint64_t number, bool compressed);

// The closed segments of `log` in order, then the active file when it exists. A segment present
// both plain and compressed is listed plain (a compression that did not finish).
std::vector<Segment> ListSegments(const std::string& log);

// The logs whose files are in `dir` (active files and segment families), sorted.
std::vector<std::string> LogsInDirectory(const std::string& dir);

// Reads a segment line by line, plain or zstd-compressed, in bounded memory.
class LineReader {
 public:
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  static Result<std::unique_ptr<LineReader>> Open(const Segment& segment);
  // The next line without its '\n'; `complete` is false for a last line that has none. False at
  // the end of the file or on an error (then error() says what).
  bool Next(std::string& line, bool& complete);
  const std::string& error() const { return error_; }

 private:
  LineReader() = default;
  bool Fill();  // reads more into buf_; false at the end or on an error

  std::string path_;
  int fd_ = -1;
  void* zstd_ = nullptr;  // ZSTD_DCtx* for a compressed segment
  bool frame_open_ = false;
  bool eof_ = false;
  std::string buf_;
  std::size_t pos_ = 0;
  std::string error_;
};

// Compresses the closed segment `plain` to "<plain>.zst" (through a temporary file, synced and
// renamed), then removes `plain`. On failure nothing is removed and the plain file stays.
Status CompressSegment(const std::string& plain, int level);

// fsync of the directory holding `path`, so a rename or a new file there is durable.
void SyncDirectoryOf(const std::string& path);

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_SEGMENTS_H_
