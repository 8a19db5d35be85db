// Disposal schedule CSV reader (docs/batch.md). Strict, streaming, never throws.
#include "reducheck/adapters/schedule_reader.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "input/limits.h"
#include "input/text.h"
#include "reducheck/adapters/sheet_values.h"
#include "reducheck/engine/money.h"
#include "yaml/yaml_fields.h"

namespace reducheck::adapters {

namespace {

// Cells are read as spreadsheets write them (sheet_values.h): surrounding spaces, YYYY/MM/DD
// and YYYY-M-D dates, thousands separators; ambiguous day/month-first dates are refused.
std::optional<Date> ParseIsoDate(std::string_view text, std::string* error) {
  return ParseSheetDate(text, error);
}

using input::kMaxShares;  // as every reader (input/limits.h)
constexpr int kRequiredColumns = 6;
enum Column : int {
  kId,
  kHolder,
  kDate,
  kMethod,
  kShares,
  kPrice,
  kKind,
  kWindowStart,
  kWindowEnd,
  kMaxSharesCol,
  kMethods,
  kShareClass
};

std::string Quote(std::string_view s) { return "'" + input::Printable(s) + "'"; }

std::vector<std::string_view> KindNames() {
  return {"sale",
          Name(AnnouncementKind::kReductionPlan),
          Name(AnnouncementKind::kEquityChangeReport),
          Name(AnnouncementKind::kCompletionReport),
          Name(AnnouncementKind::kProgressReport),
          Name(AnnouncementKind::kOnePercentNotice)};
}

std::vector<std::string_view> MethodNames() {
  return {Name(Method::kCentralizedBidding), Name(Method::kBlockTrade),
          Name(Method::kAgreementTransfer), Name(Method::kInquiryTransfer)};
}

std::string Joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// "unknown method 'x'; did you mean 'y'?" or "...; expected one of: a, b".
std::string UnknownName(std::string_view noun, std::string_view text,
                        const std::vector<std::string_view>& names) {
  std::string msg = "unknown " + std::string(noun) + " " + Quote(text);
  const std::string hint = ClosestMatch(text, names);
  if (!hint.empty()) return msg + "; did you mean " + Quote(hint) + "?";
  return msg + "; expected one of: " + Joined(names);
}

std::optional<Shares> ParseShares(std::string_view text, std::string* error) {
  const std::optional<std::int64_t> v = ParseSheetWholeNumber(text);
  if (!v) {
    *error = "expected a whole number of shares, got " + Quote(text);
  } else if (*v <= 0) {
    *error = "must be a positive number of shares, got " + std::string(text);
  } else if (*v > kMaxShares) {
    *error = "is too large (at most " + std::to_string(kMaxShares) + " shares)";
  } else {
    return v;
  }
  return std::nullopt;
}

}  // namespace

ScheduleReader::ScheduleReader(std::string_view text, std::string display_name,
                               ScheduleFileKind kind)
    : ScheduleReader(std::make_unique<TextLines>(text), nullptr, std::move(display_name), kind) {}

ScheduleReader::ScheduleReader(LineSource& lines, std::string display_name, ScheduleFileKind kind)
    : ScheduleReader(nullptr, &lines, std::move(display_name), kind) {}

ScheduleReader::ScheduleReader(std::unique_ptr<LineSource> owned, LineSource* lines,
                               std::string display_name, ScheduleFileKind kind)
    : owned_lines_(std::move(owned)),
      lines_(owned_lines_ ? owned_lines_.get() : lines),
      file_kind_(kind),
      file_(std::move(display_name)) {
  column_of_.fill(-1);
  ReadHeader();
}

bool ScheduleReader::NextLine(std::string_view& line) {
  if (!lines_->Next(line)) return false;
  ++line_no_;
  if (line_no_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // UTF-8 BOM
  return true;
}

bool ScheduleReader::Split(std::string_view line, std::string* error) {
  cells_.clear();
  {  // fast path, one pass: no quoting
    const char* const begin = line.data();
    const char* const end = begin + line.size();
    const char* start = begin;
    bool quoted = false;
    for (const char* p = begin; p != end; ++p) {
      if (*p == ',') {
        cells_.emplace_back(start, static_cast<std::size_t>(p - start));
        start = p + 1;
      } else if (*p == '"') {
        quoted = true;
        break;
      }
    }
    if (!quoted) {
      cells_.emplace_back(start, static_cast<std::size_t>(end - start));
      return true;
    }
    cells_.clear();
  }
  // RFC 4180 quoting: "a,b" and "" for a quote inside a quoted cell; no line breaks in cells.
  std::size_t used = 0;
  std::size_t i = 0;
  while (true) {
    if (i < line.size() && line[i] == '"') {
      if (used == unquoted_.size()) unquoted_.emplace_back();
      std::string& cell = unquoted_[used++];
      cell.clear();
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        cell += line[i++];
      }
      if (!closed) {
        *error = "unterminated quoted cell (cells may not span lines)";
        return false;
      }
      if (i < line.size() && line[i] != ',') {
        *error = "unexpected text after a closing quote";
        return false;
      }
      cells_.push_back(cell);
    } else {
      const std::size_t comma = line.find(',', i);
      const std::size_t stop = comma == std::string_view::npos ? line.size() : comma;
      const std::string_view cell = line.substr(i, stop - i);
      if (cell.find('"') != std::string_view::npos) {
        *error = "a quote inside an unquoted cell (quote the whole cell and double the quote)";
        return false;
      }
      cells_.push_back(cell);
      i = stop;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
    if (i == line.size()) {
      cells_.push_back(std::string_view());
      return true;
    }
  }
}

void ScheduleReader::ReadHeader() {
  std::string_view line;
  while (NextLine(line)) {
    if (!line.empty()) break;
  }
  const bool orders = file_kind_ == ScheduleFileKind::kOrders;
  // An orders file has the contract's six columns (no announcements, no plan cells) and the
  // optional share_class.
  std::vector<std::string_view> names(
      kScheduleColumns.begin(),
      orders ? kScheduleColumns.begin() + kRequiredColumns : kScheduleColumns.end());
  if (orders) names.push_back(kScheduleColumns[kShareClass]);
  if (line.empty()) {
    header_problems_.push_back({file_, 0, 0, "",
                                std::string(orders ? "the orders file" : "the schedule") +
                                    " is empty; expected a header line with the columns " +
                                    Joined(names)});
    return;
  }
  if (const auto p = input::CheckInputText(line, input::kMaxCsvLineBytes)) {
    header_problems_.push_back({file_, line_no_, p->column, "header", "the line " + p->message});
    return;
  }
  std::string error;
  if (!Split(line, &error)) {
    header_problems_.push_back({file_, line_no_, 0, "header", error});
    return;
  }
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    const std::string_view name = TrimCell(cells_[c]);
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      std::string msg = "unknown column " + Quote(name);
      const std::string hint = ClosestMatch(name, names);
      const bool schedule_only =
          orders && std::find(kScheduleColumns.begin(), kScheduleColumns.end(), name) !=
                        kScheduleColumns.end();
      msg += schedule_only ? " in an orders file (announcements and plans belong in a batch "
                             "schedule); expected columns: " +
                                 Joined(names)
             : hint.empty() ? "; expected columns: " + Joined(names)
                            : "; did you mean " + Quote(hint) + "?";
      header_problems_.push_back({file_, line_no_, static_cast<int>(c + 1), "header", msg});
      continue;
    }
    int& slot = column_of_[static_cast<std::size_t>(
        std::find(kScheduleColumns.begin(), kScheduleColumns.end(), name) -
        kScheduleColumns.begin())];
    if (slot >= 0) {
      header_problems_.push_back(
          {file_, line_no_, static_cast<int>(c + 1), "header", "duplicate column " + Quote(name)});
      continue;
    }
    slot = static_cast<int>(c);
  }
  for (int c = 0; c < kRequiredColumns; ++c) {
    if (column_of_[static_cast<std::size_t>(c)] < 0) {
      header_problems_.push_back({file_, line_no_, 0, "header",
                                  "missing required column " +
                                      Quote(kScheduleColumns[static_cast<std::size_t>(c)]) +
                                      " (required: id,holder,date,method,shares,price)"});
    }
  }
  column_count_ = cells_.size();
}

std::string_view ScheduleReader::Cell(int column) const {
  const int at = column_of_[static_cast<std::size_t>(column)];
  return at < 0 ? std::string_view() : TrimCell(cells_[static_cast<std::size_t>(at)]);
}

void ScheduleReader::Fail(ScheduleRow& row, std::string_view field, std::string message) {
  if (row.bad) return;  // the first problem of a line is the one reported
  row.bad = true;
  row.problem = Diagnostic{file_, row.line, 0, std::string(field), std::move(message)};
}

bool ScheduleReader::Next(ScheduleRow& row) {
  if (!header_problems_.empty()) return false;
  std::string_view line;
  do {
    if (!NextLine(line)) return false;
  } while (line.empty());

  row.line = line_no_;
  row.bad = false;
  row.kind = ScheduleLineKind::kSale;
  row.kind_name = "sale";
  row.id.clear();
  row.holder.clear();
  row.date_text.clear();
  row.method_text.clear();
  row.shares_text.clear();

  // UTF-8, no control characters, bounded length (input/): a bad line is reported, the batch
  // goes on with the next one.
  if (const auto p = input::CheckInputText(line, input::kMaxCsvLineBytes)) {
    Fail(row, "line", "the line " + p->message);
    row.problem.column = p->column;
    return true;
  }
  std::string error;
  if (!Split(line, &error)) {
    Fail(row, "line", error);
    return true;
  }
  if (cells_.size() != column_count_) {
    Fail(row, "line",
         "expected " + std::to_string(column_count_) + " cells as in the header, got " +
             std::to_string(cells_.size()));
    return true;
  }
  row.id.assign(Cell(kId));
  row.holder.assign(Cell(kHolder));
  row.date_text.assign(Cell(kDate));
  row.method_text.assign(Cell(kMethod));
  row.shares_text.assign(Cell(kShares));

  if (row.id.empty()) Fail(row, "id", "is required (a non-empty id for the line)");
  if (row.holder.empty()) Fail(row, "holder", "is required (a holder id of the scenario)");
  if (std::string problem = input::IdProblem(row.id); !row.id.empty() && !problem.empty()) {
    Fail(row, "id", std::move(problem));
  }
  if (std::string problem = input::IdProblem(row.holder); !row.holder.empty() && !problem.empty()) {
    Fail(row, "holder", std::move(problem));
  }
  std::optional<Date> date = ParseIsoDate(row.date_text, &error);
  if (!date) Fail(row, "date", row.date_text.empty() ? "is required (YYYY-MM-DD)" : error);

  const std::string_view kind = Cell(kKind);
  std::optional<AnnouncementKind> announcement;
  if (!kind.empty() && kind != "sale") {
    announcement = ParseAnnouncementKind(kind);
    if (!announcement) {
      row.kind_name.assign(kind);
      Fail(row, "kind", UnknownName("kind", kind, KindNames()));
    } else {
      row.kind = ScheduleLineKind::kAnnouncement;
      row.kind_name.assign(kind);
    }
  }
  if (date) {
    if (row.kind == ScheduleLineKind::kSale) row.order.date = *date;
    row.announcement.published = *date;
  }
  if (row.kind == ScheduleLineKind::kSale) {
    ParseSale(row);
  } else if (announcement) {
    ParseAnnouncement(row, *announcement);
  }

  if (file_kind_ == ScheduleFileKind::kOrders) return true;  // alternatives: any order, any id
  if (date && !row.bad && last_date_ && *date < *last_date_) {
    Fail(row, "date",
         "is before " + boost::gregorian::to_iso_extended_string(*last_date_) + " on line " +
             std::to_string(last_date_line_) + "; lines must be in date order");
  }
  if (!row.bad) {
    const auto [it, inserted] = ids_.try_emplace(row.id, row.line);
    if (!inserted) {
      Fail(row, "id",
           "duplicate id " + Quote(row.id) + " (first on line " + std::to_string(it->second) + ")");
    }
  }
  if (!row.bad && date) {
    last_date_ = date;
    last_date_line_ = row.line;
  }
  return true;
}

void ScheduleReader::ParseSale(ScheduleRow& row) {
  Order& o = row.order;
  o.id = row.id;
  o.holder = row.holder;
  o.price.reset();
  o.gain_estimate.reset();
  o.share_class = ShareClass::kA;
  std::string error;
  if (const std::string_view c = Cell(kShareClass); !c.empty()) {
    if (std::optional<ShareClass> parsed = ParseShareClass(c)) {
      o.share_class = *parsed;  // H needs the company's H listing: checked when judged
    } else {
      Fail(row, "share_class", "expected A or H (empty: A), got " + Quote(c));
    }
  }
  if (row.method_text.empty()) {
    Fail(row, "method", "is required on a sale line; expected one of: " + Joined(MethodNames()));
  } else if (std::optional<Method> m = ParseMethod(row.method_text)) {
    o.method = *m;
  } else {
    Fail(row, "method", UnknownName("method", row.method_text, MethodNames()));
  }
  if (row.shares_text.empty()) {
    Fail(row, "shares", "is required on a sale line (a whole number of shares)");
  } else if (std::optional<Shares> s = ParseShares(row.shares_text, &error)) {
    o.shares = *s;
  } else {
    Fail(row, "shares", error);
  }
  if (const std::string_view price = Cell(kPrice); !price.empty()) {
    std::optional<Money> m = ParseSheetAmount(price);
    if (!m) {
      Fail(row, "price",
           "expected an amount in RMB like 25.00 (at most 4 decimals), got " + Quote(price));
    } else if (m->units() <= 0) {
      Fail(row, "price", "must be greater than 0, got " + std::string(price));
    } else {
      o.price = m;
    }
  }
  for (int c : {kWindowStart, kWindowEnd, kMaxSharesCol, kMethods}) {
    if (!Cell(c).empty()) {
      Fail(row, kScheduleColumns[static_cast<std::size_t>(c)],
           "is only for reduction_plan lines; leave it empty on a sale line");
    }
  }
}

void ScheduleReader::ParseAnnouncement(ScheduleRow& row, AnnouncementKind kind) {
  Announcement& a = row.announcement;
  a.holder = row.holder;
  a.kind = kind;
  a.window_start.reset();
  a.window_end.reset();
  a.max_shares.reset();
  a.methods.clear();
  for (int c : {kMethod, kShares, kPrice, kShareClass}) {
    if (!Cell(c).empty()) {
      Fail(row, kScheduleColumns[static_cast<std::size_t>(c)],
           "is only for sale lines; leave it empty on a " + row.kind_name +
               " line (a plan's methods go in 'methods')");
    }
  }
  std::string error;
  if (kind != AnnouncementKind::kReductionPlan) {
    for (int c : {kWindowStart, kWindowEnd, kMaxSharesCol, kMethods}) {
      if (!Cell(c).empty()) {
        Fail(row, kScheduleColumns[static_cast<std::size_t>(c)],
             "is only for reduction_plan lines; leave it empty on a " + row.kind_name + " line");
      }
    }
    return;
  }
  for (int c : {kWindowStart, kWindowEnd}) {
    const std::string_view text = Cell(c);
    if (text.empty()) continue;
    std::optional<Date> d = ParseIsoDate(text, &error);
    if (!d) {
      Fail(row, kScheduleColumns[static_cast<std::size_t>(c)], error);
    } else {
      (c == kWindowStart ? a.window_start : a.window_end) = d;
    }
  }
  if (a.window_start && a.window_end && *a.window_end < *a.window_start) {
    Fail(row, "window_end",
         "window_end " + std::string(Cell(kWindowEnd)) + " is before window_start " +
             std::string(Cell(kWindowStart)));
  }
  const std::string_view max = Cell(kMaxSharesCol);
  if (max.empty()) {
    Fail(row, "max_shares", "is required on a reduction_plan line (a whole number of shares)");
  } else if (std::optional<Shares> s = ParseShares(max, &error)) {
    a.max_shares = s;
  } else {
    Fail(row, "max_shares", error);
  }
  const std::string_view methods = Cell(kMethods);
  if (methods.empty()) {
    Fail(row, "methods",
         "is required on a reduction_plan line: methods separated by ';', e.g. "
         "centralized_bidding;block_trade");
    return;
  }
  std::size_t start = 0;
  while (start <= methods.size()) {
    const std::size_t semi = methods.find(';', start);
    const std::size_t stop = semi == std::string_view::npos ? methods.size() : semi;
    const std::string_view name = methods.substr(start, stop - start);
    if (name.empty()) {
      Fail(row, "methods", "empty method name in " + Quote(methods) + " (separate names by ';')");
    } else if (std::optional<Method> m = ParseMethod(name)) {
      if (std::find(a.methods.begin(), a.methods.end(), *m) == a.methods.end()) {
        a.methods.push_back(*m);
      }
    } else {
      Fail(row, "methods", UnknownName("method", name, MethodNames()));
    }
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
}

ScheduleLoad ReadScheduleText(std::string_view text, const std::string& display_name) {
  ScheduleLoad load;
  ScheduleReader reader(text, display_name);
  load.header_problems = reader.header_problems();
  ScheduleRow row;
  while (reader.Next(row)) load.rows.push_back(row);
  return load;
}

}  // namespace reducheck::adapters
