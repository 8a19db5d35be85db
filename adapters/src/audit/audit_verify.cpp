#include "audit/audit_verify.h"

#include <charconv>
#include <filesystem>

#include "audit/sha256.h"

namespace reducheck::audit {

namespace {

// The seq of a line from its first bytes ({"seq":N,...}), without parsing the rest.
std::int64_t LeadingSeq(const std::string& line) {
  constexpr std::string_view kPrefix = "{\"seq\":";
  if (line.compare(0, kPrefix.size(), kPrefix) != 0) return -1;
  std::int64_t seq = -1;
  const char* begin = line.data() + kPrefix.size();
  std::from_chars(begin, line.data() + line.size(), seq);
  return seq;
}

std::int64_t FirstSeqOf(const Segment& segment) {
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(segment);
  if (!reader.ok()) return -1;
  std::string line;
  bool complete = false;
  if (!reader.value()->Next(line, complete)) return -1;
  return LeadingSeq(line);
}

}  // namespace

LogLines::LogLines(const std::string& log, std::int64_t from_seq) : segments_(ListSegments(log)) {
  if (!segments_.empty() && segments_.front().number > 1) starts_later_ = true;
  if (from_seq > 1) {
    // The last segment whose first line is at or before from_seq.
    std::size_t start = 0;
    for (std::size_t i = 0; i < segments_.size(); ++i) {
      const std::int64_t first = FirstSeqOf(segments_[i]);
      if (first > 0 && first <= from_seq) start = i;
    }
    if (start > 0) starts_later_ = true;
    next_segment_ = start;
  }
}

bool LogLines::Next(std::string& line, std::string& where, bool& complete) {
  for (;;) {
    if (!reader_) {
      if (next_segment_ >= segments_.size()) return false;
      const Segment& s = segments_[next_segment_++];
      Result<std::unique_ptr<LineReader>> r = LineReader::Open(s);
      if (!r.ok()) {
        error_ = r.status().message();
        return false;
      }
      reader_ = std::move(r).value();
      name_ = std::filesystem::path(s.path).filename().string();
      line_no_ = 0;
    }
    if (reader_->Next(line, complete)) {
      ++line_no_;
      where = name_ + ": line " + std::to_string(line_no_);
      return true;
    }
    if (!reader_->error().empty()) {
      error_ = reader_->error();
      return false;
    }
    reader_.reset();
  }
}

VerifyReport VerifyLog(const std::string& log, const LogVerifyOptions& options) {
  LogLines lines(log);
  ChainVerifier verifier(options.key, lines.starts_later(), options.anchor);
  std::string line;
  std::string where = std::filesystem::path(log).filename().string();
  std::string last_where = where;
  bool complete = true;
  while (lines.Next(line, where, complete)) {
    verifier.Feed(line, where, complete);
    last_where = where;
  }
  VerifyReport report = verifier.Finish(last_where);
  if (!lines.error().empty()) {
    ++report.problem_count;
    report.problems.push_back(lines.error());
  }
  if (lines.empty()) {
    ++report.problem_count;
    report.problems.push_back(log + ": no such audit log (no active file, no segments)");
  }
  return report;
}

VerifyReport VerifyChain(std::istream& log, const std::optional<ChainHead>& anchor) {
  ChainVerifier verifier("", false, anchor);
  std::string line;
  std::int64_t line_no = 0;
  std::string where = "line 0";
  while (std::getline(log, line)) {
    ++line_no;
    where = "line " + std::to_string(line_no);
    verifier.Feed(line, where, !log.eof());
  }
  return verifier.Finish(where);
}

}  // namespace reducheck::audit
