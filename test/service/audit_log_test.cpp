// AuditLog and VerifyChain: the chain is written right, continues across restarts, survives a
// torn write, and verification catches edited, dropped, reordered and cut lines.
#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "audit/audit_verify.h"
#include "audit/chain.h"
#include "audit/segments.h"
#include "audit/sha256.h"
#include "test_dir.h"

namespace reducheck::audit {
namespace {

using testing::ReadAll;
using testing::TestDir;
using testing::WriteAll;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

VerifyReport Verify(const std::string& text, std::optional<ChainHead> anchor = std::nullopt) {
  std::istringstream in(text);
  return VerifyChain(in, anchor);
}

std::string AllProblems(const VerifyReport& r) {
  std::string all;
  for (const auto& p : r.problems) all += p + "\n";
  return all;
}

// Writes n check-like lines (with an input and its digest) and returns the file's text.
ChainHead WriteLines(const std::string& path, int n, int first = 0) {
  auto log = AuditLog::Open(path);
  EXPECT_TRUE(log.ok()) << log.status().message();
  for (int i = first; i < first + n; ++i) {
    const std::string input = "{\"shares\":" + std::to_string(100 + i) + "}";
    log.value()->Append("\"type\":\"check\",\"input_sha256\":\"" + Sha256Hex(input) +
                        "\",\"input\":" + input + ",\"verdict\":{\"verdict\":\"pass\"}");
  }
  return log.value()->Close();
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(AuditLog, LinesAreNumberedTimedAndChained) {
  TestDir dir;
  const ChainHead head = WriteLines(dir.File("a.jsonl"), 3);
  const auto lines = Lines(ReadAll(dir.File("a.jsonl")));
  ASSERT_EQ(lines.size(), 3u);
  std::string prev(kGenesisHash);
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j["seq"], static_cast<int>(i + 1));
    EXPECT_EQ(j["prev"], prev);
    EXPECT_EQ(j["type"], "check");
    EXPECT_EQ(j["time"].get<std::string>().size(), 27u)
        << j["time"];  // 2026-11-22T02:00:00.123456Z
    prev = Sha256Hex(lines[i]);
  }
  EXPECT_EQ(head.seq, 3);
  EXPECT_EQ(head.hash, prev);
  const VerifyReport r = Verify(ReadAll(dir.File("a.jsonl")), head);
  EXPECT_TRUE(r.ok()) << AllProblems(r);
  EXPECT_EQ(r.lines, 3);
}

TEST(AuditLog, ReopeningContinuesTheChain) {
  TestDir dir;
  WriteLines(dir.File("a.jsonl"), 2);
  const ChainHead head = WriteLines(dir.File("a.jsonl"), 2, 2);
  EXPECT_EQ(head.seq, 4);
  const VerifyReport r = Verify(ReadAll(dir.File("a.jsonl")), head);
  EXPECT_TRUE(r.ok()) << AllProblems(r);
  EXPECT_EQ(r.lines, 4);
}

TEST(AuditLog, ManyWritersProduceOneValidChain) {
  TestDir dir;
  auto log = AuditLog::Open(dir.File("a.jsonl"));
  ASSERT_TRUE(log.ok());
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        log.value()->Append("\"type\":\"check\",\"writer\":" + std::to_string(t) +
                            ",\"i\":" + std::to_string(i));
      }
    });
  }
  for (auto& w : writers) w.join();
  const ChainHead head = log.value()->Close();
  EXPECT_EQ(head.seq, 2000);
  const VerifyReport r = Verify(ReadAll(dir.File("a.jsonl")), head);
  EXPECT_TRUE(r.ok()) << AllProblems(r);
  EXPECT_EQ(r.lines, 2000);
}

TEST(AuditLog, ATornLastLineIsKeptInTheNextLineAndTheChainHolds) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  WriteLines(path, 2);
  const std::string torn = "{\"seq\":3,\"prev\":\"ab";  // a crash in the middle of a write
  WriteAll(path, ReadAll(path) + torn);
  EXPECT_FALSE(Verify(ReadAll(path)).ok());  // as the crash left it
  const ChainHead head = WriteLines(path, 1, 2);
  const auto lines = Lines(ReadAll(path));
  ASSERT_EQ(lines.size(), 3u);
  const auto j = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(j["seq"], 3);
  std::string hex;
  for (const unsigned char c : torn) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[c >> 4];
    hex += kHex[c & 0xF];
  }
  EXPECT_EQ(j["torn_tail_hex"], hex);
  const VerifyReport r = Verify(ReadAll(path), head);
  EXPECT_TRUE(r.ok()) << AllProblems(r);
}

TEST(AuditLog, RefusesToAppendToAFileThatIsNotAnAuditLog) {
  TestDir dir;
  WriteAll(dir.File("notes.txt"), "hello\nworld\n");
  auto log = AuditLog::Open(dir.File("notes.txt"));
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("notes.txt"), std::string::npos);
  EXPECT_EQ(ReadAll(dir.File("notes.txt")), "hello\nworld\n");  // untouched
}

class VerifyTampering : public ::testing::Test {
 protected:
  void SetUp() override {
    head_ = WriteLines(dir_.File("a.jsonl"), 6);
    lines_ = Lines(ReadAll(dir_.File("a.jsonl")));
    ASSERT_EQ(lines_.size(), 6u);
  }
  TestDir dir_;
  ChainHead head_;
  std::vector<std::string> lines_;
};

TEST_F(VerifyTampering, UntouchedLogVerifies) {
  const VerifyReport r = Verify(Join(lines_), head_);
  EXPECT_TRUE(r.ok()) << AllProblems(r);
}

TEST_F(VerifyTampering, AnEditedVerdictBreaksTheNextLine) {
  const size_t at = lines_[2].find("\"pass\"");
  ASSERT_NE(at, std::string::npos);
  lines_[2].replace(at, 6, "\"fail\"");
  const VerifyReport r = Verify(Join(lines_));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.problems[0].find("line 4"), std::string::npos) << AllProblems(r);
  EXPECT_NE(r.problems[0].find("prev hash"), std::string::npos) << AllProblems(r);
}

TEST_F(VerifyTampering, AnEditedInputIsCaughtOnItsOwnLineEvenAtTheEnd) {
  const size_t at = lines_[5].find("\"shares\":105");
  ASSERT_NE(at, std::string::npos);
  lines_[5].replace(at, 12, "\"shares\":999");
  const VerifyReport r = Verify(Join(lines_));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("line 6: (seq 6) input does not match its input_sha256"),
            std::string::npos)
      << AllProblems(r);
}

TEST_F(VerifyTampering, ADroppedLineIsCaught) {
  lines_.erase(lines_.begin() + 3);
  const VerifyReport r = Verify(Join(lines_));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("line 4: seq 5 follows seq 3: lines are missing"),
            std::string::npos)
      << AllProblems(r);
}

TEST_F(VerifyTampering, ReorderedLinesAreCaught) {
  std::swap(lines_[1], lines_[2]);
  const VerifyReport r = Verify(Join(lines_));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("line 2: seq 3 follows seq 1"), std::string::npos)
      << AllProblems(r);
  EXPECT_NE(AllProblems(r).find("out of order"), std::string::npos) << AllProblems(r);
}

TEST_F(VerifyTampering, ADroppedFirstLineIsCaught) {
  lines_.erase(lines_.begin());
  EXPECT_FALSE(Verify(Join(lines_)).ok());
}

TEST_F(VerifyTampering, ACutAtTheEndIsCaughtAgainstTheAnchor) {
  lines_.pop_back();
  EXPECT_TRUE(Verify(Join(lines_)).ok());  // the chain alone cannot see a clean cut
  const VerifyReport r = Verify(Join(lines_), head_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("removed from the end"), std::string::npos) << AllProblems(r);
}

TEST_F(VerifyTampering, AnEditedLastLineIsCaughtAgainstTheAnchor) {
  const size_t at = lines_[5].find("\"pass\"");
  lines_[5].replace(at, 6, "\"fail\"");
  EXPECT_TRUE(Verify(Join(lines_)).ok());
  const VerifyReport r = Verify(Join(lines_), head_);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("is not the one the service recorded"), std::string::npos)
      << AllProblems(r);
}

TEST_F(VerifyTampering, AGarbageLineIsCaught) {
  lines_.insert(lines_.begin() + 2, "not json");
  const VerifyReport r = Verify(Join(lines_));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(AllProblems(r).find("line 3: not an audit line"), std::string::npos) << AllProblems(r);
}

TEST(AuditAnchor, RoundTrips) {
  const ChainHead h{42, Sha256Hex("x")};
  const auto parsed = ParseAnchor(AnchorText(h));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->seq, 42);
  EXPECT_EQ(parsed->hash, h.hash);
  EXPECT_FALSE(ParseAnchor("12 nothex").has_value());
  EXPECT_FALSE(ParseAnchor("").has_value());
}

// ---- The audit log as a durable product (issue 14) ----

std::string CheckRecord(int i) {
  const std::string input = "{\"shares\":" + std::to_string(100 + i) + "}";
  return "\"type\":\"check\",\"input_sha256\":\"" + Sha256Hex(input) + "\",\"input\":" + input +
         ",\"verdict\":{\"verdict\":\"pass\"}";
}

std::vector<std::string> AllLines(const std::string& log) {
  LogLines lines(log);
  std::vector<std::string> out;
  std::string line;
  std::string where;
  bool complete = true;
  while (lines.Next(line, where, complete)) out.push_back(line);
  EXPECT_EQ(lines.error(), "");
  return out;
}

bool WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 200; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return done();
}

// 60 check records into a log rotating at 2,000 bytes (several closed plain segments and the
// active file); *head: the chain head at close.
void WriteRotatedLog(const std::string& path, ChainHead* head) {
  AuditOptions options;
  options.rotate_bytes = 2000;
  auto log = AuditLog::Open(path, options);
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (int i = 0; i < 60; ++i) {
    log.value()->Append(CheckRecord(i));
    if (i % 10 == 9) log.value()->Flush();  // rotation happens at a sync
  }
  *head = log.value()->Close();
}

TEST(AuditSegments, RotationBySizeContinuesOneChainAcrossNumberedSegments) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  ChainHead head;
  ASSERT_NO_FATAL_FAILURE(WriteRotatedLog(path, &head));
  const std::vector<Segment> segments = ListSegments(path);
  ASSERT_GE(segments.size(), 3u);
  EXPECT_EQ(segments.front().path, SegmentPath(path, 1, false));
  EXPECT_EQ(segments.back().number, 0u);  // the active file last
  // Each segment after the first opens with a segment_start line naming the one before.
  for (std::size_t i = 1; i < segments.size(); ++i) {
    Result<std::unique_ptr<LineReader>> r = LineReader::Open(segments[i]);
    ASSERT_TRUE(r.ok());
    std::string first;
    bool complete = false;
    ASSERT_TRUE(r.value()->Next(first, complete));
    const auto j = nlohmann::json::parse(first);
    EXPECT_EQ(j["type"], "segment_start") << first;
    EXPECT_EQ(j["chain"], "sha256");
    EXPECT_EQ(j["previous_segment"],
              "a.jsonl." + std::string(6 - std::to_string(i).size(), '0') + std::to_string(i));
    EXPECT_EQ(j["previous_last_seq"].get<std::int64_t>() + 1, j["seq"].get<std::int64_t>());
  }
  const VerifyReport report = VerifyLog(path, {"", head});
  EXPECT_TRUE(report.ok()) << AllProblems(report);
  EXPECT_EQ(report.first_seq, 1);
  EXPECT_EQ(report.head.seq, head.seq);
  EXPECT_EQ(head.seq, 60 + static_cast<std::int64_t>(segments.size()) - 1);
  // Reopening continues the chain in the active file.
  WriteLines(path, 3);
  EXPECT_TRUE(VerifyLog(path, {}).ok());
}

// A reader that listed the segments while the compressor was at work: a plain segment it listed
// is gone (compressed since) by the time it opens it. It reads the compressed copy instead of
// reporting the log cut short (the service's start check reads the log while the compressor
// of the same start finishes a segment the killed process left plain).
TEST(AuditSegments, APlainSegmentCompressedAfterTheListingIsReadFromItsCopy) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  ChainHead head;
  ASSERT_NO_FATAL_FAILURE(WriteRotatedLog(path, &head));
  const std::vector<std::string> before = AllLines(path);
  ASSERT_EQ(static_cast<std::int64_t>(before.size()), head.seq);

  LogLines lines(path);  // lists the plain segments
  const std::vector<Segment> segments = ListSegments(path);
  ASSERT_GE(segments.size(), 3u);
  for (const Segment& s : segments) {
    if (s.number == 0) continue;
    ASSERT_FALSE(s.compressed);
    ASSERT_TRUE(CompressSegment(s.path, 3).ok());  // renames .zst in, unlinks the plain file
    ASSERT_FALSE(std::filesystem::exists(s.path));
  }
  std::vector<std::string> after;
  std::string line;
  std::string where;
  bool complete = true;
  while (lines.Next(line, where, complete)) after.push_back(line);
  EXPECT_EQ(lines.error(), "");
  EXPECT_EQ(after, before);
  // A segment gone in both forms is still an error, not a silent end of the log.
  LogLines gone(path);
  std::filesystem::remove(SegmentPath(path, 1, true));
  while (gone.Next(line, where, complete)) {
  }
  EXPECT_NE(gone.error().find("cannot read the audit log"), std::string::npos) << gone.error();
}

TEST(AuditSegments, ClosedSegmentsAreCompressedAndVerifyAsBefore) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  AuditOptions options;
  options.rotate_bytes = 1500;
  options.compress = true;
  auto log = AuditLog::Open(path, options);
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (int i = 0; i < 40; ++i) {
    log.value()->Append(CheckRecord(i));
    if (i % 8 == 7) log.value()->Flush();
  }
  log.value()->Flush();
  ASSERT_TRUE(WaitFor([&] {
    for (const Segment& s : ListSegments(path)) {
      if (s.number > 0 && !s.compressed) return false;
    }
    return true;
  }));
  const ChainHead head = log.value()->Close();
  const std::vector<Segment> segments = ListSegments(path);
  ASSERT_GE(segments.size(), 3u);
  for (const Segment& s : segments) {
    if (s.number > 0) {
      EXPECT_TRUE(s.compressed) << s.path;
      EXPECT_FALSE(std::filesystem::exists(SegmentPath(path, s.number, false)));
    }
  }
  const VerifyReport report = VerifyLog(path, {"", head});
  EXPECT_TRUE(report.ok()) << AllProblems(report);
  EXPECT_EQ(static_cast<std::int64_t>(AllLines(path).size()), head.seq);
  // A compressed segment cut short is an error, not a shorter log.
  const std::string first = SegmentPath(path, 1, true);
  const std::string bytes = ReadAll(first);
  WriteAll(first, bytes.substr(0, bytes.size() / 2));
  const VerifyReport cut = VerifyLog(path, {});
  EXPECT_FALSE(cut.ok());
}

TEST(AuditSegments, AProcessKilledMidRotationReopensWhereItLeftOff) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  const ChainHead first = WriteLines(path, 5);
  // Killed after the active file was renamed, before the new one had a line.
  std::filesystem::rename(path, SegmentPath(path, 1, false));
  // ... and an earlier compression of another segment interrupted half way.
  WriteAll(SegmentPath(path, 1, true) + ".tmp", "partial");
  auto log = AuditLog::Open(path);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ(log.value()->opened_head().seq, first.seq);
  EXPECT_EQ(log.value()->opened_head().hash, first.hash);
  log.value()->Append(CheckRecord(9));
  const ChainHead head = log.value()->Close();
  EXPECT_EQ(head.seq, 6);
  EXPECT_FALSE(std::filesystem::exists(SegmentPath(path, 1, true) + ".tmp"));
  const VerifyReport report = VerifyLog(path, {"", head});
  EXPECT_TRUE(report.ok()) << AllProblems(report);
  // Killed after compressing but before removing the plain segment: the plain one stands.
  WriteAll(SegmentPath(path, 1, true), "not even zstd");
  auto again = AuditLog::Open(path);
  ASSERT_TRUE(again.ok()) << again.status().message();
  again.value()->Close();
  EXPECT_FALSE(std::filesystem::exists(SegmentPath(path, 1, true)));
  EXPECT_TRUE(VerifyLog(path, {}).ok());
}

TEST(AuditSegments, ArchivedOldSegmentsLeaveAVerifiableSuffix) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  AuditOptions options;
  options.rotate_bytes = 1000;
  auto log = AuditLog::Open(path, options);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 30; ++i) {
    log.value()->Append(CheckRecord(i));
    if (i % 5 == 4) log.value()->Flush();
  }
  const ChainHead head = log.value()->Close();
  ASSERT_GE(ListSegments(path).size(), 4u);
  // Dropping a segment in the middle is caught.
  const std::string second = ReadAll(SegmentPath(path, 2, false));
  std::filesystem::remove(SegmentPath(path, 2, false));
  const VerifyReport gap = VerifyLog(path, {});
  EXPECT_FALSE(gap.ok());
  EXPECT_NE(AllProblems(gap).find("lines are missing before it"), std::string::npos);
  WriteAll(SegmentPath(path, 2, false), second);
  // The oldest segments archived elsewhere: what is left verifies, from where it starts.
  std::filesystem::remove(SegmentPath(path, 1, false));
  const VerifyReport report = VerifyLog(path, {"", head});
  EXPECT_TRUE(report.ok()) << AllProblems(report);
  EXPECT_GT(report.first_seq, 1);
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("segments before it are not here"), std::string::npos);
}

TEST(AuditKeyedChain, AnEditedLineReChainedWithoutTheKeyIsCaught) {
  TestDir dir;
  const std::string path = dir.File("k.jsonl");
  const std::string key(32, 'k');
  AuditOptions options;
  options.key = key;
  auto log = AuditLog::Open(path, options);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 4; ++i) log.value()->Append(CheckRecord(i));
  const ChainHead head = log.value()->Close();
  EXPECT_TRUE(VerifyLog(path, {key, head}).ok());
  const auto first = nlohmann::json::parse(Lines(ReadAll(path))[0]);
  EXPECT_EQ(first["chain"], "hmac-sha256");
  EXPECT_EQ(first["key_id"], KeyId(key));
  // Without the key the links cannot be checked, and the report says so.
  const VerifyReport no_key = VerifyLog(path, {});
  EXPECT_FALSE(no_key.ok());
  EXPECT_NE(AllProblems(no_key).find("give its key"), std::string::npos) << AllProblems(no_key);
  // An attacker edits line 2's verdict and re-chains the rest with plain SHA-256.
  std::vector<std::string> lines = Lines(ReadAll(path));
  lines[1].replace(lines[1].find("\"pass\""), 6, "\"fail\"");
  for (std::size_t i = 2; i < lines.size(); ++i) {
    auto j = nlohmann::json::parse(lines[i]);
    const std::size_t at = lines[i].find(j["prev"].get<std::string>());
    lines[i].replace(at, 64, Sha256Hex(lines[i - 1]));
  }
  WriteAll(path, Join(lines));
  const VerifyReport edited = VerifyLog(path, {key, std::nullopt});
  EXPECT_FALSE(edited.ok());
  EXPECT_NE(AllProblems(edited).find("prev hash does not match"), std::string::npos);
  EXPECT_FALSE(VerifyLog(path, {std::string(32, 'x'), std::nullopt}).ok());  // another key
}

TEST(AuditKeyedChain, TheKeyMustBeTheLogs) {
  TestDir dir;
  const std::string path = dir.File("k.jsonl");
  AuditOptions keyed;
  keyed.key = std::string(32, 'k');
  ASSERT_TRUE(AuditLog::Open(path, keyed).ok());  // creates and closes an empty log
  {
    auto log = AuditLog::Open(path, keyed);
    log.value()->Append(CheckRecord(1));
  }
  auto without = AuditLog::Open(path);
  ASSERT_FALSE(without.ok());
  EXPECT_NE(without.status().message().find("the audit log is keyed"), std::string::npos);
  AuditOptions other;
  other.key = std::string(32, 'o');
  auto wrong = AuditLog::Open(path, other);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("not with the key given"), std::string::npos);
  WriteLines(dir.File("plain.jsonl"), 2);
  auto late = AuditLog::Open(dir.File("plain.jsonl"), keyed);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("is not keyed"), std::string::npos);
}

TEST(AuditLog, ARecordLargerThanTheBoundIsKeptAsItsDigest) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  AuditOptions options;
  options.max_record_bytes = 1000;
  auto log = AuditLog::Open(path, options);
  ASSERT_TRUE(log.ok());
  const std::string big = "\"type\":\"check\",\"input\":\"" + std::string(5000, 'x') + "\"";
  log.value()->Append(big);
  log.value()->Close();
  const std::vector<std::string> lines = Lines(ReadAll(path));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_LT(lines[0].size(), 400u);
  const auto j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["type"], "check");
  EXPECT_EQ(j["oversized"], true);
  EXPECT_EQ(j["bytes"], big.size());
  EXPECT_EQ(j["sha256"], Sha256Hex(big));
}

TEST(AuditLog, TheDurableHeadIsReportedAfterEachSync) {
  TestDir dir;
  std::mutex mu;
  std::vector<ChainHead> heads;
  AuditOptions options;
  options.on_durable = [&](const ChainHead& h) {
    std::lock_guard lock(mu);
    heads.push_back(h);
  };
  options.sync_interval = std::chrono::milliseconds(50);
  auto log = AuditLog::Open(dir.File("a.jsonl"), options);
  ASSERT_TRUE(log.ok());
  log.value()->Append(CheckRecord(1));
  log.value()->Append(CheckRecord(2));
  // No explicit flush: the periodic sync reports it (the service anchors it once a second).
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard lock(mu);
    return !heads.empty() && heads.back().seq == 2;
  }));
  const ChainHead closed = log.value()->Close();
  std::lock_guard lock(mu);
  EXPECT_EQ(heads.back().hash, closed.hash);
}

TEST(AuditLog, AnUnwritableLogIsReportedKeptInMemoryAndRecovers) {
  // A file size limit stands in for a full disk: writes past it fail with EFBIG (SIGXFSZ is
  // ignored, as `serve` does). Nothing is lost, nothing aborts, and the log recovers.
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto log = AuditLog::Open(path);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 5; ++i) log.value()->Append(CheckRecord(i));
  log.value()->Flush();
  ASSERT_TRUE(log.value()->writable());
  const auto size = std::filesystem::file_size(path);
  rlimit tight = saved;
  tight.rlim_cur = size + 100;  // room for part of one more line
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tight), 0);
  for (int i = 5; i < 25; ++i) log.value()->Append(CheckRecord(i));
  log.value()->Flush();
  EXPECT_FALSE(log.value()->writable());
  const AuditHealth h = log.value()->health();
  EXPECT_NE(h.reason.find("cannot write " + path + ": File too large"), std::string::npos)
      << h.reason;
  EXPECT_FALSE(h.since.empty());
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &saved), 0);  // space returns
  log.value()->Flush();
  EXPECT_TRUE(log.value()->writable());
  const ChainHead head = log.value()->Close();
  EXPECT_EQ(head.seq, 25);
  const VerifyReport report = VerifyLog(path, {"", head});
  EXPECT_TRUE(report.ok()) << AllProblems(report);  // the partial write was continued, not redone
  EXPECT_EQ(report.lines, 25);
}

TEST(AuditLog, WhatCannotBeWrittenByCloseIsHandedBack) {
  TestDir dir;
  const std::string path = dir.File("a.jsonl");
  signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  auto log = AuditLog::Open(path);
  ASSERT_TRUE(log.ok());
  log.value()->Append(CheckRecord(1));
  log.value()->Flush();
  rlimit none = saved;
  none.rlim_cur = std::filesystem::file_size(path);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &none), 0);
  log.value()->Append(CheckRecord(2));
  log.value()->Close();
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &saved), 0);
  const std::string rest = log.value()->TakeUnwritten();
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(nlohmann::json::parse(rest)["seq"], 2);
}

TEST(AuditLog, ASecondWriterOfTheSameLogIsRefused) {
  TestDir dir;
  auto first = AuditLog::Open(dir.File("a.jsonl"));
  ASSERT_TRUE(first.ok());
  auto second = AuditLog::Open(dir.File("a.jsonl"));
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("the audit log is in use by another reducheck process"),
            std::string::npos);
}

}  // namespace
}  // namespace reducheck::audit
