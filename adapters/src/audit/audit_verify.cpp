#include "audit/audit_verify.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/sha256.h"

namespace reducheck::audit {

namespace {

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string AnchorText(const ChainHead& head) { return std::to_string(head.seq) + " " + head.hash; }

std::optional<ChainHead> ParseAnchor(const std::string& text) {
  std::istringstream in(text);
  ChainHead head;
  if (!(in >> head.seq >> head.hash) || head.seq < 0 || !IsHex64(head.hash)) return std::nullopt;
  return head;
}

VerifyReport VerifyChain(std::istream& log, const std::optional<ChainHead>& anchor) {
  VerifyReport report;
  report.head = ChainHead{0, std::string(kGenesisHash)};
  auto problem = [&](std::int64_t line_no, const std::string& what) {
    ++report.problem_count;
    if (report.problems.size() < VerifyReport::kMaxProblems) {
      report.problems.push_back("line " + std::to_string(line_no) + ": " + what);
    }
  };
  std::optional<std::string> anchored_hash_seen;
  std::string line;
  std::int64_t line_no = 0;
  bool torn_end = false;
  while (std::getline(log, line)) {
    ++line_no;
    torn_end = log.eof();  // getline hit EOF before a '\n': the last line was cut mid-write
    const std::string hash = Sha256Hex(line);
    const auto j = nlohmann::json::parse(line, nullptr, false);
    std::int64_t seq = -1;
    if (j.is_discarded() || !j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() ||
        !j.contains("prev") || !j["prev"].is_string()) {
      problem(line_no,
              "not an audit line (expected a JSON object with an integer seq and a prev "
              "hash); the line was edited or damaged");
    } else {
      seq = j["seq"].get<std::int64_t>();
      const std::string prev = j["prev"].get<std::string>();
      if (seq != report.head.seq + 1) {
        problem(line_no, "seq " + std::to_string(seq) + " follows seq " +
                             std::to_string(report.head.seq) +
                             (seq <= report.head.seq ? ": lines are out of order or repeated"
                                                     : ": lines are missing before it"));
      }
      if (prev != report.head.hash) {
        problem(line_no, "(seq " + std::to_string(seq) +
                             ") prev hash does not match the line "
                             "before it: that line was edited, or lines were removed or reordered");
      }
      if (j.contains("input") && j.contains("input_sha256") && j["input_sha256"].is_string() &&
          Sha256Hex(j["input"].dump()) != j["input_sha256"].get<std::string>()) {
        problem(line_no, "(seq " + std::to_string(seq) +
                             ") input does not match its "
                             "input_sha256: the line was edited");
      }
    }
    if (torn_end) {
      problem(line_no, "the last line has no line end: it was cut in the middle of a write");
    }
    if (anchor && seq == anchor->seq) anchored_hash_seen = hash;
    report.head = ChainHead{seq < 0 ? report.head.seq + 1 : seq, hash};
    report.lines = line_no;
  }
  if (anchor && anchor->seq > 0) {
    if (!anchored_hash_seen) {
      problem(line_no, "the log ends at seq " + std::to_string(report.head.seq) +
                           " but the service recorded its chain head at seq " +
                           std::to_string(anchor->seq) + ": lines were removed from the end");
    } else if (*anchored_hash_seen != anchor->hash) {
      problem(line_no, "the line at seq " + std::to_string(anchor->seq) +
                           " is not the one the service recorded as its chain head: it was edited");
    }
  }
  return report;
}

}  // namespace reducheck::audit
