// Reads a disposal schedule CSV (contract.md §3, docs/batch.md) for `reducheck batch`.
//
// The reader is a stream over lines (a text the caller keeps alive, or any LineSource, such as a
// file read through a fixed buffer): the header is checked once (a bad header is fatal: nothing
// is read), then Next() yields one row per non-blank line. A row whose
// cells break the format carries a Diagnostic (file, line, field = column name, message) and
// is otherwise unusable; the reader goes on with the next line. Cells are read as spreadsheets
// write them (sheet_values.h: surrounding spaces trimmed, YYYY/MM/DD and YYYY-M-D dates,
// thousands separators) but never guessed: day/month-first dates are refused, share counts are
// whole numbers 1..10^15, prices have at most 4 decimals, enum names are spelled exactly. The
// reader knows nothing of the scenario: holders, holdings and the trading calendar are checked
// by the batch command.
#ifndef REDUCHECK_ADAPTERS_SCHEDULE_READER_H_
#define REDUCHECK_ADAPTERS_SCHEDULE_READER_H_

#include <array>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/line_source.h"
#include "reducheck/engine/history.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

enum class ScheduleLineKind : std::uint8_t { kSale, kAnnouncement };

// One line of the schedule. Reused across Next() calls (strings keep their capacity).
struct ScheduleRow {
  int line = 0;                  // 1-based physical line number in the file
  bool bad = false;              // true: `problem` says why; nothing else is reliable
  adapters::Diagnostic problem;  // set when bad
  ScheduleLineKind kind = ScheduleLineKind::kSale;
  std::string kind_name;  // "sale" or the announcement kind's contract name
  // Raw cells as written (for echoing a line, good or bad, in the output).
  std::string id, holder, date_text, method_text, shares_text;
  Order order;                // sale lines: id, holder, date, method, shares, price
  Announcement announcement;  // announcement lines (holder, kind, published = date, plan)
};

// The columns a schedule may have; the first six are required (contract.md §3).
// `share_class` (A | H, optional in both kinds of file; docs/markets.md) is last: the first six
// are the contract's.
inline constexpr std::array<std::string_view, 12> kScheduleColumns = {
    "id",   "holder",       "date",       "method",     "shares",  "price",
    "kind", "window_start", "window_end", "max_shares", "methods", "share_class"};

// What the file is. A schedule (batch) has sales and announcements in date order with unique ids.
// An orders file (`check --orders`) has the six contract columns and `share_class` only, and sales
// only: its orders are alternatives judged against the same state, so they need no date order, and
// their ids are not checked for uniqueness (that would need memory growing with the file; each
// output line follows its input line, so a repeated id is still unambiguous).
enum class ScheduleFileKind : std::uint8_t { kSchedule, kOrders };

class ScheduleReader {
 public:
  // `text` must outlive the reader. A UTF-8 byte order mark at the start is skipped; lines may
  // end in LF or CRLF. `display_name` names the file in diagnostics.
  ScheduleReader(std::string_view text, std::string display_name,
                 ScheduleFileKind kind = ScheduleFileKind::kSchedule);
  // The same over `lines`, which must outlive the reader. A read error ends the rows early:
  // check lines.error() after Next() returns false.
  ScheduleReader(LineSource& lines, std::string display_name,
                 ScheduleFileKind kind = ScheduleFileKind::kSchedule);

  // Problems with the header (missing, unknown, duplicate or missing required columns). When
  // not empty the reader yields no rows.
  const std::vector<Diagnostic>& header_problems() const { return header_problems_; }

  // The next non-blank line after the header, or false at the end of the text.
  bool Next(ScheduleRow& row);

 private:
  ScheduleReader(std::unique_ptr<LineSource> owned, LineSource* lines, std::string display_name,
                 ScheduleFileKind kind);
  void ReadHeader();
  bool NextLine(std::string_view& line);
  // Splits `line` into cells_; false with `error` on an unterminated quote.
  bool Split(std::string_view line, std::string* error);
  void Fail(ScheduleRow& row, std::string_view field, std::string message);
  void ParseSale(ScheduleRow& row);
  void ParseAnnouncement(ScheduleRow& row, AnnouncementKind kind);
  std::string_view Cell(int column) const;  // "" for an absent optional column

  std::unique_ptr<LineSource> owned_lines_;  // the text constructor's
  LineSource* lines_;
  ScheduleFileKind file_kind_;
  int line_no_ = 0;
  std::string file_;
  std::vector<Diagnostic> header_problems_;
  std::array<int, kScheduleColumns.size()> column_of_{};  // column index per name; -1 absent
  std::size_t column_count_ = 0;
  std::vector<std::string_view> cells_;
  std::deque<std::string> unquoted_;  // storage for quoted cells (stable addresses)
  std::optional<Date> last_date_;     // date of the latest good line (lines in date order)
  int last_date_line_ = 0;
  std::unordered_map<std::string, int> ids_;  // id -> first line, for duplicates
};

// Convenience for tests and small files: every row (bad ones included) and the header problems.
struct ScheduleLoad {
  std::vector<ScheduleRow> rows;
  std::vector<Diagnostic> header_problems;
};
ScheduleLoad ReadScheduleText(std::string_view text, const std::string& display_name);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_SCHEDULE_READER_H_
