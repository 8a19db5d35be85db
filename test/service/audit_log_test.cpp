// AuditLog and VerifyChain: the chain is written right, continues across restarts, survives a
// torn write, and verification catches edited, dropped, reordered and cut lines.
#include "audit/audit_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "audit/audit_verify.h"
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

}  // namespace
}  // namespace reducheck::audit
