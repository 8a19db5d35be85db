// Reads the orders of `reducheck check --orders FILE` one at a time, in constant memory
// (docs/check.md).
//
// Two formats: CSV with the header `id,holder,date,method,shares,price` (the schedule's sale
// columns, parsed by the schedule reader's rules), and JSON lines: one order object per line, the
// object `POST /v1/check` takes (docs/service.md). A line that cannot be read is a bad line with a
// Diagnostic (file, line, field, what was expected); the reader goes on with the next. The reader
// knows nothing of the scenario: holders, holdings and the calendar are the caller's to check.
#ifndef REDUCHECK_ADAPTERS_ORDER_FILE_READER_H_
#define REDUCHECK_ADAPTERS_ORDER_FILE_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/line_source.h"
#include "reducheck/adapters/schedule_reader.h"
#include "reducheck/engine/order.h"

namespace reducheck::adapters {

enum class OrderFileFormat : std::uint8_t { kCsv, kJsonl };

// The format a path's extension names: .csv -> CSV; .jsonl or .ndjson -> JSON lines (any case).
std::optional<OrderFileFormat> OrderFileFormatFromExtension(std::string_view path);
// "csv" or "jsonl" -> the format.
std::optional<OrderFileFormat> ParseOrderFileFormat(std::string_view name);

// One order line. Reused across Next() calls.
struct OrderLine {
  int line = 0;                        // 1-based line number in the file
  bool bad = false;                    // true: `problem` says why and `order` is not usable
  Diagnostic problem;                  // when bad
  std::string id;                      // the order's id as written ("" when unreadable)
  Order order;                         // when not bad
  std::optional<std::string> company;  // JSON lines: the object's optional "company"
};

class OrderFileReader {
 public:
  // Opens `path` ("-": standard input). On failure returns nullptr and appends to `problems`
  // (the file cannot be read, a CSV header is bad).
  static std::unique_ptr<OrderFileReader> Open(const std::string& path, OrderFileFormat format,
                                               std::vector<Diagnostic>* problems);

  // The next non-blank line, or false at the end (or a read error: see read_error()).
  bool Next(OrderLine& out);
  // Why reading stopped early ("" at a normal end).
  const std::string& read_error() const { return lines_->error(); }
  // True when the input is a regular file (not a pipe): output may be batched.
  bool regular_file() const { return lines_->regular_file(); }

 private:
  OrderFileReader(std::unique_ptr<FileLines> lines, std::string path, OrderFileFormat format);
  bool NextJson(OrderLine& out);

  std::unique_ptr<FileLines> lines_;
  std::string path_;
  OrderFileFormat format_;
  std::optional<ScheduleReader> csv_;  // CSV: the schedule reader in orders mode
  ScheduleRow row_;
  int line_no_ = 0;  // JSON lines
};

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_ORDER_FILE_READER_H_
