#include "service/start_check.h"

#include <nlohmann/json.hpp>

#include "audit/audit_verify.h"
#include "audit/chain.h"
#include "input/json_depth.h"
#include "input/limits.h"

namespace reducheck::service {

namespace {

constexpr std::size_t kMaxListed = 5;

std::string Joined(const std::vector<std::string>& problems, std::int64_t total) {
  std::string out;
  for (std::size_t i = 0; i < problems.size() && i < kMaxListed; ++i) {
    out += (i == 0 ? "" : "; ") + problems[i];
  }
  if (total > static_cast<std::int64_t>(kMaxListed)) {
    out += "; and " + std::to_string(total - static_cast<std::int64_t>(kMaxListed)) + " more";
  }
  return out;
}

// A line's record of something the database must hold, or "" when it holds it.
std::string MissingFromDatabase(const nlohmann::json& j, const store::StateStore& store) {
  const std::string type = j.value("type", "");
  if ((type == "execution" || type == "announcement" || type == "purchase" ||
       type == "execution_retry" || type == "announcement_retry" || type == "purchase_retry") &&
      j.contains("event_seq") && j["event_seq"].is_number_integer()) {
    const auto seq = j["event_seq"].get<std::int64_t>();
    Result<std::optional<store::EventRow>> row = store.EventBySeq(seq);
    if (!row.ok()) return row.status().message();
    if (!row.value()) {
      return "it records " + type + " event " + std::to_string(seq) +
             ", which the database does not have";
    }
    if (j.value("input_sha256", "") != row.value()->input_sha256 ||
        j.value("company", "") != row.value()->company) {
      return "it records " + type + " event " + std::to_string(seq) +
             " with another request than the database's event " + std::to_string(seq);
    }
  } else if (type == "reference" && j.contains("reference_version") &&
             j["reference_version"].is_number_integer()) {
    const std::string company = j.value("company", "");
    const auto version = j["reference_version"].get<std::int64_t>();
    Result<std::optional<store::ReferenceRow>> row = store.Reference(company, version);
    if (!row.ok()) return row.status().message();
    if (!row.value()) {
      return "it records reference version " + std::to_string(version) + " of company " + company +
             ", which the database does not have";
    }
    if (j.value("reference_sha256", "") != row.value()->digest) {
      return "it records reference version " + std::to_string(version) + " of company " + company +
             " with another document than the database's";
    }
  }
  return {};
}

}  // namespace

Result<std::string> VerifyStateAtStart(store::StateStore& store, const audit::AuditLog& log,
                                       const StartCheckOptions& options) {
  const std::string& db = store.path();
  // 1. The database itself.
  Result<store::VerifyResult> checked = store.Verify(options.full_integrity_check);
  if (!checked.ok()) return InvalidInput(db + ": cannot be checked: " + checked.status().message());
  const store::VerifyResult& v = checked.value();
  if (!v.problems.empty()) {
    return InvalidInput(db + ": the database does not verify, so it is not served: " +
                        Joined(v.problems, static_cast<std::int64_t>(v.problems.size())) +
                        ". Restore it from a backup (`reducheck audit verify` and `replay` show "
                        "what its audit log recorded)");
  }

  // 2. Database and log belong together.
  Result<std::optional<std::string>> db_log_id = store.GetMeta(kMetaAuditLogId);
  Result<std::optional<std::string>> anchor_text = store.GetMeta(kMetaAuditHead);
  if (!db_log_id.ok()) return db_log_id.status();
  if (!anchor_text.ok()) return anchor_text.status();
  std::optional<audit::ChainHead> anchor;
  if (anchor_text.value()) {
    anchor = audit::ParseAnchor(*anchor_text.value());
    if (!anchor) {
      return InvalidInput(db + ": the recorded audit chain head '" + *anchor_text.value() +
                          "' is not readable");
    }
  }
  const audit::ChainHead head = log.opened_head();
  const std::string& log_path = log.path();
  const std::string move_aside =
      " If the database is the right one, start with a new --audit-log (keep the old log: it is "
      "the record); if the log is the right one, restore the database that belongs to it";
  if (head.seq == 0) {
    if (anchor && anchor->seq > 0) {
      return InvalidInput(log_path + ": the audit log is empty or missing, but the database " + db +
                          " recorded it up to line " + std::to_string(anchor->seq) +
                          ": the log was removed or replaced. Restore it (with its segments)");
    }
  } else {
    if (!db_log_id.value() && log.log_id_was_recorded()) {
      return InvalidInput(
          db + ": the database has no record of the audit log " + log_path + ", which holds " +
          std::to_string(head.seq) +
          " lines: the database is new, empty or was replaced, and what the log records "
          "(executions included) is not in it, so it is not served." +
          move_aside);
    }
    if (!db_log_id.value() && !anchor) {
      return InvalidInput(db + ": the database has no record of the audit log " + log_path +
                          ", which holds " + std::to_string(head.seq) +
                          " lines: it is new, empty or was replaced." + move_aside);
    }
    if (db_log_id.value() && log.log_id_was_recorded() && *db_log_id.value() != log.log_id()) {
      return InvalidInput(db + ": the database belongs to another audit log (log id " +
                          *db_log_id.value() + "; " + log_path + " is log " + log.log_id() + ")." +
                          move_aside);
    }
    if (anchor && anchor->seq > head.seq) {
      return InvalidInput(log_path + ": the audit log ends at line " + std::to_string(head.seq) +
                          " but the database recorded it up to line " +
                          std::to_string(anchor->seq) +
                          ": lines were cut from its end. Restore the log (with its segments)");
    }
  }

  // 3. The log from the anchor on: its chain, and what it records is in the database.
  std::int64_t after_anchor = 0;
  if (head.seq > 0) {
    const std::int64_t from = anchor ? anchor->seq : 1;
    const std::int64_t check_after = anchor ? anchor->seq : 0;
    audit::LogLines lines(log_path, from);
    audit::ChainVerifier verifier(options.audit_key, lines.starts_later(), anchor);
    std::vector<std::string> missing;
    std::int64_t missing_count = 0;
    std::string line;
    std::string where;
    std::string last_where = log_path;
    bool complete = true;
    while (lines.Next(line, where, complete)) {
      verifier.Feed(line, where, complete);
      last_where = where;
      if (!complete) continue;  // a torn last line is carried over by the log on open
      if (input::JsonNestingExceeds(line, input::kMaxNestingDepth)) continue;
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("seq") ||
          !j["seq"].is_number_integer() || j["seq"].get<std::int64_t>() <= check_after) {
        continue;
      }
      ++after_anchor;
      if (std::string problem = MissingFromDatabase(j, store); !problem.empty()) {
        if (++missing_count <= static_cast<std::int64_t>(kMaxListed)) {
          missing.push_back(where + ": " + problem);
        }
      }
    }
    audit::VerifyReport report = verifier.Finish(last_where);
    // A torn last line is not a problem here: opening the log carried it into a new line.
    std::vector<std::string> problems;
    for (const std::string& p : report.problems) {
      if (p.find("cut in the middle of a write") == std::string::npos) problems.push_back(p);
    }
    if (!lines.error().empty()) problems.push_back(lines.error());
    if (!problems.empty()) {
      return InvalidInput(log_path + ": the audit log does not verify against the database " + db +
                          ": " + Joined(problems, static_cast<std::int64_t>(problems.size())) +
                          ". `reducheck audit verify` shows the whole log");
    }
    if (!missing.empty()) {
      return InvalidInput(db + ": the database lacks what its audit log recorded (" +
                          Joined(missing, missing_count) +
                          "): it is older than the log (restored from a backup?) and is not "
                          "served. Restore the newest database");
    }
  }
  if (!db_log_id.value() || *db_log_id.value() != log.log_id()) {
    if (Status st = store.SetMeta(kMetaAuditLogId, log.log_id()); !st.ok()) return st;
  }
  return "state verified: " +
         std::string(options.full_integrity_check ? "integrity_check" : "quick_check") + " ok, " +
         std::to_string(v.references) + " reference documents and " + std::to_string(v.events) +
         " events re-hashed; audit log " + log.log_id() + " at line " + std::to_string(head.seq) +
         (anchor ? ", anchored line " + std::to_string(anchor->seq) + " matches, " +
                       std::to_string(after_anchor) + " lines after it checked"
                 : "");
}

}  // namespace reducheck::service
