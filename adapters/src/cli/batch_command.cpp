// The `batch` subcommand (contract.md §3, docs/batch.md).
#include "cli/batch_command.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/session.h"
#include "output/atomic_file.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/generation_time.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/schedule_reader.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/rule_info.h"
#include "report/batch_workbook.h"

namespace reducheck::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kCsvHeader =
    "line,id,kind,holder,date,method,shares,verdict,categories,rules,max_compliant_shares,"
    "binding_rule,recorded,error,provisional_calendar_years\n";
constexpr std::size_t kFlushBytes = 1 << 20;
constexpr std::size_t kProgressMinLines = 10'000;

// Appends one CSV cell, quoted (RFC 4180) only when it holds a comma, quote or line break.
void Cell(std::string& out, std::string_view v) {
  bool plain = true;
  for (char c : v) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      plain = false;
      break;
    }
  }
  if (plain) {
    out.append(v.data(), v.size());
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void Number(std::string& out, long long v) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(end - buf));
}

// Output of one line, whatever its format.
struct LineResult {
  std::string_view verdict;  // pass | fail | unknown | announcement | error
  bool recorded = false;
  Verdict* judged = nullptr;                      // sale lines that were judged
  const adapters::Diagnostic* problem = nullptr;  // error lines
};

void CsvRow(std::string& out, const adapters::ScheduleRow& row, const LineResult& r) {
  Number(out, row.line);
  out += ',';
  Cell(out, row.id);
  out += ',';
  Cell(out, row.kind_name);
  out += ',';
  Cell(out, row.holder);
  out += ',';
  Cell(out, row.date_text);
  out += ',';
  Cell(out, row.method_text);
  out += ',';
  Cell(out, row.shares_text);
  out += ',';
  out += r.verdict;
  out += ',';
  if (r.judged != nullptr) {
    const Verdict& v = *r.judged;
    bool seen[8] = {};
    for (const Violation& x : v.violations) seen[static_cast<int>(x.category) & 7] = true;
    bool first = true;
    for (int c = 0; c < 8; ++c) {
      if (!seen[c]) continue;
      if (!first) out += ';';
      first = false;
      Number(out, c);
    }
    out += ',';
    first = true;
    for (const Violation& x : v.violations) {
      if (!first) out += ';';
      first = false;
      if (x.rule != nullptr) out += x.rule->id;
    }
    for (const UnknownFinding& u : v.unknown) {
      if (!first) out += ';';
      first = false;
      if (u.rule != nullptr) out += u.rule->id;
      out += '?';
    }
    out += ',';
    Number(out, v.max_compliant_shares);
    out += ',';
    out += v.binding_rule;
    out += ',';
  } else {
    out += ",,,,";
  }
  out += r.recorded ? "yes" : "no";
  out += ',';
  if (r.problem != nullptr) {
    std::string msg = r.problem->field.empty() ? r.problem->message
                                               : r.problem->field + ": " + r.problem->message;
    Cell(out, msg);
  }
  out += ',';
  // The calendar caveat: provisional calendar years the verdict counted a day in ("2027;2028").
  if (r.judged != nullptr && !r.judged->calendar_provisional.empty()) {
    bool first = true;
    r.judged->calendar_provisional.ForEach([&](int y) {
      if (!first) out += ';';
      first = false;
      Number(out, y);
    });
  }
  out += '\n';
}

// "1;3" and "LOCK-CTRL-36M;PRE-15TD;CTRL-DIV?" as in the CSV.
void CategoriesAndRules(const Verdict& v, std::string& categories, std::string& rules) {
  bool seen[8] = {};
  for (const Violation& x : v.violations) seen[static_cast<int>(x.category) & 7] = true;
  for (int c = 0; c < 8; ++c) {
    if (!seen[c]) continue;
    if (!categories.empty()) categories += ';';
    categories += std::to_string(c);
  }
  for (const Violation& x : v.violations) {
    if (!rules.empty()) rules += ';';
    if (x.rule != nullptr) rules += x.rule->id;
  }
  for (const UnknownFinding& u : v.unknown) {
    if (!rules.empty()) rules += ';';
    if (u.rule != nullptr) rules += u.rule->id;
    rules += '?';
  }
}

// One line of the workbook (batch_workbook.h), in the workbook's language.
adapters::WorkbookLine WorkbookRow(const adapters::ScheduleRow& row, const LineResult& r,
                                   adapters::Lang lang) {
  const bool zh = lang == adapters::Lang::kZh;
  adapters::WorkbookLine l;
  l.line = row.line;
  l.id = row.id;
  l.kind = row.kind_name;
  l.holder = row.holder;
  l.date_text = row.date_text;
  l.method = row.method_text;
  l.shares_text = row.shares_text;
  if (r.problem == nullptr || !row.bad) {
    if (!row.bad) {
      l.date = row.kind == adapters::ScheduleLineKind::kSale ? row.order.date
                                                             : row.announcement.published;
      if (row.kind == adapters::ScheduleLineKind::kSale) l.shares = row.order.shares;
    }
  }
  l.verdict = std::string(r.verdict);
  l.recorded = r.recorded;
  if (r.problem != nullptr) {
    l.error = r.problem->field.empty() ? r.problem->message
                                       : r.problem->field + ": " + r.problem->message;
  }
  if (r.judged != nullptr) {
    const Verdict& v = *r.judged;
    v.calendar_provisional.ForEach([&](int y) {
      if (!l.provisional_years.empty()) l.provisional_years += ';';
      l.provisional_years += std::to_string(y);
    });
    CategoriesAndRules(v, l.categories, l.rules);
    l.headroom = v.max_compliant_shares;
    l.binding = v.binding_rule;
    for (const Violation& x : v.violations) {
      adapters::WorkbookViolation w;
      if (x.rule != nullptr) {
        w.rule = std::string(x.rule->id);
        w.citation = std::string(zh || x.rule->citation_en.empty() ? x.rule->citation_zh
                                                                   : x.rule->citation_en);
      }
      w.category = static_cast<int>(x.category);
      w.shares_in_breach = x.shares_in_breach;
      w.message = zh ? x.message.zh : x.message.en;
      l.violations.push_back(std::move(w));
    }
    for (const UnknownFinding& u : v.unknown) {
      l.unknown.push_back((u.rule != nullptr ? std::string(u.rule->id) : std::string()) +
                          "?: " + (zh ? u.missing.zh : u.missing.en));
    }
  }
  return l;
}

void JsonlRow(std::string& out, const adapters::ScheduleRow& row, const LineResult& r) {
  Json j = Json::object();
  j["line"] = row.line;
  j["id"] = row.id;
  j["kind"] = row.kind_name;
  j["holder"] = row.holder;
  j["date"] = row.date_text;
  j["result"] = std::string(r.verdict);
  j["recorded"] = r.recorded;
  if (r.problem != nullptr) {
    j["error"] = Json{{"field", r.problem->field}, {"message", r.problem->message}};
  }
  std::string s = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (r.judged != nullptr) {
    s.pop_back();  // the closing brace
    s += ",\"verdict\":";
    // The order object is only needed for its id; the verdict is lent, not copied.
    adapters::CheckedOrder checked{&row.order, {}};
    std::swap(checked.verdict, *r.judged);
    adapters::AppendVerdictJsonCompact(checked, s);
    std::swap(checked.verdict, *r.judged);
    s += '}';
  }
  out += s;
  out += '\n';
}

class Progress {
 public:
  Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}
  void Update(std::size_t done) {
    if (!enabled_ || total_ == 0) return;
    const std::size_t pct = done * 100 / total_;
    if (pct == last_pct_) return;
    last_pct_ = pct;
    const std::size_t width = 40;
    const std::size_t fill = std::min(width, done * width / total_);
    std::string bar(fill, '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\rbatch [%s] %3zu%% (%zu/%zu lines)", bar.c_str(), pct, done, total_);
    std::fflush(stderr);
  }
  void Finish() {
    if (enabled_ && last_pct_ != kNone) std::fprintf(stderr, "\n");
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t total_;
  bool enabled_;
  std::size_t last_pct_ = kNone;
};

std::optional<BatchFormat> FormatByName(std::string_view name) {
  if (name == "csv") return BatchFormat::kCsv;
  if (name == "jsonl") return BatchFormat::kJsonl;
  if (name == "json") return BatchFormat::kJson;
  if (name == "xlsx") return BatchFormat::kXlsx;
  return std::nullopt;
}

// The format an output file's extension names, as its --format name ("" for none).
std::string_view ExtensionFormat(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string::npos || dot == 0) return "";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "csv") return "csv";
  if (ext == "jsonl" || ext == "ndjson") return "jsonl";
  if (ext == "json") return "json";
  if (ext == "xlsx") return "xlsx";
  return "";
}

}  // namespace

std::optional<BatchFormat> ResolveBatchFormat(const std::string& out_path, const std::string& flag,
                                              std::ostream& err) {
  const std::string_view by_extension = out_path.empty() ? "" : ExtensionFormat(out_path);
  if (!flag.empty() && !by_extension.empty() && flag != by_extension) {
    err << "reducheck batch: --format " << flag << " contradicts --out " << out_path << " (a "
        << by_extension << " file name); drop --format or name the file ." << flag << '\n';
    return std::nullopt;
  }
  const std::string_view name = !flag.empty() ? std::string_view(flag) : by_extension;
  if (name.empty()) return BatchFormat::kCsv;
  if (std::optional<BatchFormat> f = FormatByName(name)) return f;
  err << "reducheck batch: --format: expected csv, jsonl, json or xlsx, got '" << flag << "'\n";
  return std::nullopt;
}

int RunBatch(const BatchOptions& options, std::ostream& out, std::ostream& err) {
  // ---- the scenario, the rules, the ledger: any problem is fatal, nothing is written ----
  const std::string& path = options.scenario_path;
  Session session;
  if (const int code = OpenSession(path, options.rules_dir, err, session, options.encoding);
      code != 0)
    return code;
  const Evaluator& evaluator = session.evaluator();
  Ledger& ledger = *session.ledger;
  const std::string pinned = session.pinned_pack;

  // ---- the schedule header ----
  // Read and, under --encoding gb18030, converted to UTF-8 (text_encoding.h).
  adapters::DecodedText decoded = adapters::ReadTextFile(options.schedule_path, options.encoding);
  if (decoded.problem) {
    err << adapters::Format(*decoded.problem) << '\n';
    return kExitBadInput;
  }
  const std::string text = std::move(*decoded.text);
  adapters::ScheduleReader reader(text, options.schedule_path);
  if (!reader.header_problems().empty()) {
    for (const adapters::Diagnostic& d : reader.header_problems()) {
      err << adapters::Format(d) << '\n';
    }
    return kExitBadInput;
  }

  const bool xlsx = options.format == BatchFormat::kXlsx;
  if (xlsx && options.out_path.empty()) {
    err << "reducheck batch: --format xlsx writes a workbook: give --out FILE.xlsx\n";
    return kExitBadInput;
  }
  // The --out file is written whole or not at all (output/atomic_file.h).
  std::unique_ptr<output::AtomicFile> file_out;
  std::ostringstream discard;  // xlsx: the rows go to `workbook_lines` instead
  std::vector<adapters::WorkbookLine> workbook_lines;
  std::map<std::string, Shares, std::less<>> sold_in_schedule;  // xlsx: per holder
  std::ostream* sink = &out;
  if (xlsx) {
    sink = &discard;
  }
  if (!options.out_path.empty()) {
    Result<std::unique_ptr<output::AtomicFile>> created =
        output::AtomicFile::Create(options.out_path);
    if (!created.ok()) {
      err << adapters::Format({options.out_path, 0, 0, "--out", created.status().message()})
          << '\n';
      return kExitBadInput;
    }
    file_out = std::move(created).value();
    if (!xlsx) sink = &file_out->stream();
  }

  std::vector<std::string_view> holder_ids;
  for (const Holder& h : ledger.holders()) holder_ids.push_back(h.id);

  const bool json_array = options.format == BatchFormat::kJson;
  const bool jsonl = options.format == BatchFormat::kJsonl || json_array;
  // The workbook shows the violations' messages: explained, without the earliest-date search.
  const reducheck::CheckOptions check_options =
      jsonl  ? reducheck::CheckOptions{}
      : xlsx ? reducheck::CheckOptions{/*explain=*/true, /*earliest_date=*/false}
             : reducheck::CheckOptions{/*explain=*/false, /*earliest_date=*/false};
  const std::size_t total_lines =
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  Progress progress(total_lines, &err == &std::cerr && total_lines > kProgressMinLines &&
                                     ::isatty(STDERR_FILENO) == 1);

  std::string buffer;
  buffer.reserve(kFlushBytes + 4096);
  if (!jsonl) buffer += kCsvHeader;

  bool any_bad = false;
  bool any_fail = false;
  bool first_row = true;
  adapters::ScheduleRow row;
  Verdict verdict;
  Evaluator::Scratch scratch;
  adapters::Diagnostic problem;
  while (reader.Next(row)) {
    LineResult result;
    const adapters::Diagnostic* bad = nullptr;
    auto fail_line = [&](std::string field, std::string message) {
      problem = adapters::Diagnostic{options.schedule_path, row.line, 0, std::move(field),
                                     std::move(message)};
      bad = &problem;
    };
    std::int32_t hi = -1;
    if (row.bad) {
      bad = &row.problem;
    } else if ((hi = ledger.HolderIndex(row.holder)) < 0) {
      std::string msg = "unknown holder '" + row.holder + "'";
      const std::string hint = adapters::ClosestMatch(row.holder, holder_ids);
      msg += hint.empty() ? " (not in the scenario's holders)" : "; did you mean '" + hint + "'?";
      fail_line("holder", msg);
    } else if (row.kind == adapters::ScheduleLineKind::kAnnouncement) {
      if (Status st = ledger.RecordAnnouncement(row.announcement); !st.ok()) {
        fail_line("line", st.message());
      } else {
        result.verdict = "announcement";
        result.recorded = true;
      }
    } else {
      const Order& order = row.order;
      // The order's market: A shares on the A-share calendar, H shares on the HKEX's and
      // within the H lots (docs/markets.md).
      const bool h = order.share_class == ShareClass::kH;
      const Shares held = h ? ledger.holder(hi).HShares() : ledger.holder(hi).TotalShares();
      const TradingCalendar* of_market = evaluator.CalendarOf(MarketOf(order.share_class));
      if (h && !ledger.company().HasHListing()) {
        fail_line("share_class", "H, but the company has no H listing (company.h_listing_date)");
      } else if (of_market == nullptr) {
        fail_line("share_class", "no trading calendar of market '" +
                                     std::string(MarketOf(order.share_class)) + "' is loaded");
      } else if (const TradingCalendar& calendar = *of_market; !calendar.Covers(order.date)) {
        fail_line("date", "date " + row.date_text + " is outside the trading calendar " +
                              calendar.id() + " (" + adapters::FormatDate(calendar.first_day()) +
                              " to " + adapters::FormatDate(calendar.last_day()) + ")");
      } else if (!of_market->IsTradingDay(order.date)) {
        fail_line("date",
                  row.date_text + " is not a trading day (calendar " + of_market->id() + ")");
      } else if (order.shares > held) {
        fail_line("shares", "sales exceeding holdings: the line sells " + row.shares_text +
                                (h ? " H shares" : " shares") + " but holder '" + row.holder +
                                "' holds " + std::to_string(held) + " after the earlier lines");
      } else if (Status st =
                     evaluator.Check(order, ledger, verdict, scratch, pinned, check_options);
                 !st.ok()) {
        if (st.code() == StatusCode::kInternal) {
          err << "internal error: " << options.schedule_path << ":" << row.line << ": "
              << st.message() << '\n';
          return kExitInternal;
        }
        fail_line("line", st.message());
      } else {
        result.judged = &verdict;
        result.verdict = OutcomeName(verdict.outcome);
        if (verdict.outcome == Outcome::kPass) {
          if (Status rec = evaluator.Record(order, ledger, pinned); !rec.ok()) {
            if (rec.code() == StatusCode::kInternal) {
              err << "internal error: " << options.schedule_path << ":" << row.line << ": "
                  << rec.message() << '\n';
              return kExitInternal;
            }
            fail_line("line", "passed but could not be recorded: " + rec.message());
            result.judged = nullptr;
          } else {
            result.recorded = true;
          }
        } else {
          any_fail = true;
        }
      }
    }
    if (bad != nullptr) {
      any_bad = true;
      result = LineResult{};
      result.verdict = "error";
      result.problem = bad;
      err << adapters::Format(*bad) << '\n';
    }
    if (xlsx) {
      adapters::WorkbookLine wl = WorkbookRow(row, result, options.lang);
      if (hi >= 0) {
        Shares& sold = sold_in_schedule[row.holder];
        if (result.recorded && row.kind == adapters::ScheduleLineKind::kSale) {
          sold += row.order.shares;
        }
        wl.sold_so_far = sold;
        wl.holding_after = ledger.holder(hi).TotalShares();
      }
      workbook_lines.push_back(std::move(wl));
    } else if (jsonl) {
      if (json_array) buffer += first_row ? "[\n" : ",\n";
      first_row = false;
      JsonlRow(buffer, row, result);
      if (json_array) buffer.pop_back();  // the line break: ",\n" or "\n]\n" follows
    } else {
      CsvRow(buffer, row, result);
    }
    if (buffer.size() >= kFlushBytes) {
      sink->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
    progress.Update(static_cast<std::size_t>(row.line));
  }
  progress.Finish();
  if (json_array) buffer += first_row ? "[]\n" : "\n]\n";
  sink->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  sink->flush();
  if (!*sink) {
    err << adapters::Format(
               {options.out_path.empty() ? "<stdout>" : options.out_path, 0, 0, "", "write error"})
        << '\n';
    return kExitBadInput;
  }
  if (xlsx) {
    adapters::WorkbookInfo info;
    info.lang = options.lang;
    info.scenario = options.scenario_path;
    info.schedule = options.schedule_path;
    info.generated_at = adapters::GenerationTimeUtc();
    info.tool = std::string("reducheck ") + kVersion;
    for (const Holder& h : ledger.holders()) info.holder_names.emplace_back(h.id, h.name);
    if (Status st = adapters::WriteBatchWorkbook(workbook_lines, info, file_out->temp_path());
        !st.ok()) {
      err << adapters::Format({options.out_path, 0, 0, "--out", st.message()}) << '\n';
      return kExitBadInput;
    }
  }
  if (file_out) {
    if (Status st = file_out->Commit(); !st.ok()) {
      err << adapters::Format({options.out_path, 0, 0, "--out", st.message()}) << '\n';
      return kExitBadInput;
    }
  }
  if (any_bad) return kExitBadInput;
  return any_fail ? kExitFail : kExitPass;
}

}  // namespace reducheck::cli
