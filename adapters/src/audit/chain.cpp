#include "audit/chain.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/sha256.h"
#include "input/json_depth.h"
#include "input/limits.h"

namespace reducheck::audit {

namespace {

std::string Hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0xF];
  }
  return out;
}

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string LinkHash(std::string_view line, const std::string& key) {
  if (key.empty()) return Sha256Hex(line);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(line.data()), line.size(), mac.data(), &n);
  return Hex(mac.data(), n);
}

std::string KeyId(const std::string& key) {
  if (key.empty()) return {};
  return Sha256Hex("reducheck-audit-key:" + key).substr(0, 16);
}

Result<std::string> ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidInput(path + ": cannot read the audit key file");
  std::ostringstream s;
  s << in.rdbuf();
  std::string key = s.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  constexpr std::size_t kMinKeyBytes = 32;
  if (key.size() < kMinKeyBytes) {
    return InvalidInput(path + ": an audit key must be at least " + std::to_string(kMinKeyBytes) +
                        " bytes (e.g. `head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n'`)");
  }
  return key;
}

std::string AnchorText(const ChainHead& head) { return std::to_string(head.seq) + " " + head.hash; }

std::optional<ChainHead> ParseAnchor(const std::string& text) {
  std::istringstream in(text);
  ChainHead head;
  if (!(in >> head.seq >> head.hash) || head.seq < 0 || !IsHex64(head.hash)) return std::nullopt;
  return head;
}

ChainVerifier::ChainVerifier(std::string key, bool may_start_later, std::optional<ChainHead> anchor)
    : key_(std::move(key)), may_start_later_(may_start_later), anchor_(std::move(anchor)) {
  report_.head = ChainHead{0, std::string(kGenesisHash)};
}

void ChainVerifier::Problem(const std::string& where, const std::string& what) {
  ++report_.problem_count;
  if (report_.problems.size() < VerifyReport::kMaxProblems) {
    report_.problems.push_back(where + ": " + what);
  }
}

void ChainVerifier::Feed(std::string_view line, const std::string& where, bool complete) {
  ++report_.lines;
  const std::string link = LinkHash(line, key_);
  nlohmann::json j;
  // Nesting is checked before parsing: dump() below must not recurse over a crafted line.
  if (!input::JsonNestingExceeds(line, input::kMaxNestingDepth)) {
    j = nlohmann::json::parse(line, nullptr, false);
  } else {
    j = nlohmann::json(nlohmann::json::value_t::discarded);
  }
  std::int64_t seq = -1;
  if (j.is_discarded() || !j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() ||
      !j.contains("prev") || !j["prev"].is_string()) {
    Problem(where,
            "not an audit line (expected a JSON object with an integer seq and a prev hash); the "
            "line was edited or damaged");
  } else {
    seq = j["seq"].get<std::int64_t>();
    const std::string prev = j["prev"].get<std::string>();
    if (j.contains("chain") && j["chain"].is_string()) {
      const bool keyed = j["chain"] == "hmac-sha256";
      report_.keyed = report_.keyed || keyed;
      const std::string id = j.value("key_id", "");
      if (keyed && key_.empty() && !links_unverifiable_) {
        links_unverifiable_ = true;
        Problem(where, "the log is keyed (hmac-sha256, key id " + id +
                           "): give its key (--key-file) to check the links between lines");
      } else if (keyed && !key_.empty() && id != KeyId(key_)) {
        Problem(where, "(seq " + std::to_string(seq) + ") the log is keyed with key id " + id +
                           ", not with the key given (key id " + KeyId(key_) + ")");
      } else if (!keyed && !key_.empty()) {
        Problem(where, "(seq " + std::to_string(seq) +
                           ") this part of the log is not keyed, but a key was given");
      }
    }
    if (!started_ && may_start_later_ && seq > 1) {
      report_.notes.push_back(where + ": the chain is checked from seq " + std::to_string(seq) +
                              "; the segments before it are not here (archived?)");
      report_.head = ChainHead{seq - 1, prev};
    }
    if (!started_) report_.first_seq = seq;
    if (seq != report_.head.seq + 1) {
      Problem(where, "seq " + std::to_string(seq) + " follows seq " +
                         std::to_string(report_.head.seq) +
                         (seq <= report_.head.seq ? ": lines are out of order or repeated"
                                                  : ": lines are missing before it"));
    }
    if (prev != report_.head.hash && !links_unverifiable_) {
      Problem(where, "(seq " + std::to_string(seq) +
                         ") prev hash does not match the line before it: that line was edited, "
                         "or lines were removed or reordered");
    }
    if (j.contains("input") && j.contains("input_sha256") && j["input_sha256"].is_string() &&
        Sha256Hex(j["input"].dump()) != j["input_sha256"].get<std::string>()) {
      Problem(where, "(seq " + std::to_string(seq) +
                         ") input does not match its input_sha256: the line was edited");
    }
  }
  if (!complete) {
    Problem(where, "the last line has no line end: it was cut in the middle of a write");
  }
  started_ = true;
  if (anchor_ && seq == anchor_->seq) anchored_link_ = link;
  report_.head = ChainHead{seq < 0 ? report_.head.seq + 1 : seq, link};
}

VerifyReport ChainVerifier::Finish(const std::string& where) {
  if (anchor_ && anchor_->seq > 0) {
    if (!anchored_link_) {
      if (report_.head.seq < anchor_->seq) {
        Problem(where, "the log ends at seq " + std::to_string(report_.head.seq) +
                           " but the service recorded its chain head at seq " +
                           std::to_string(anchor_->seq) + ": lines were removed from the end");
      } else {
        Problem(where, "the line at seq " + std::to_string(anchor_->seq) +
                           ", the chain head the service recorded, is not in the log");
      }
    } else if (*anchored_link_ != anchor_->hash && !links_unverifiable_) {
      Problem(where, "the line at seq " + std::to_string(anchor_->seq) +
                         " is not the one the service recorded as its chain head: it was edited");
    }
  }
  return std::move(report_);
}

}  // namespace reducheck::audit
