// A small, strict reader of Office Open XML workbooks (.xlsx) over libzip and expat (both
// Debian), for `reducheck import` (issue 13 item 1; docs/design.md says why not a bigger
// library). It reads what registrars' and counsel's workbooks hold: cell values (shared
// strings, inline strings, rich text runs, numbers, booleans, errors, formula results), which
// cells carry a date number format (built-in and custom codes, CJK built-ins 27-36 and 50-58),
// the 1900/1904 date systems, and sheet names in workbook order. It does not evaluate formulas
// (it reads the cached result Excel stored), merge cells, or read charts, comments or styles
// beyond number formats.
//
// Safety: the archive is opened read-only; every part is size-checked before it is inflated
// (at most kMaxPartBytes uncompressed: a zip bomb is refused, not inflated), cell references
// are bounds-checked against Excel's grid (1,048,576 rows × 16,384 columns) and a sheet may
// hold at most kMaxCells cells. Never throws; every problem is a Diagnostic naming the file and
// the part.
#ifndef REDUCHECK_ADAPTERS_XLSX_READER_H_
#define REDUCHECK_ADAPTERS_XLSX_READER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

struct SheetCell {
  enum class Kind : std::uint8_t { kEmpty, kText, kNumber, kBool, kError };
  Kind kind = Kind::kEmpty;
  // kText: the string. kNumber: the number exactly as stored in the file ("1000000", "45658",
  // "1.5E+7"): never converted through a double here. kBool: "TRUE" / "FALSE". kError: "#N/A".
  std::string text;
  bool date_format = false;  // kNumber: the cell's number format shows a date or time
};

struct Sheet {
  std::string name;
  std::vector<std::vector<SheetCell>> rows;  // rows[r][c], 0-based; a row ends at its last cell

  const SheetCell* At(std::size_t row, std::size_t col) const;
};

struct Workbook {
  std::vector<Sheet> sheets;  // workbook order
  bool date1904 = false;      // the 1904 date system (old Mac Excel)
};

struct WorkbookLoad {
  std::optional<Workbook> workbook;  // set iff problems is empty
  std::vector<Diagnostic> problems;
};

inline constexpr std::size_t kMaxPartBytes = 256u << 20;  // uncompressed, per part
inline constexpr std::size_t kMaxCells = 20'000'000;

WorkbookLoad ReadXlsxFile(const std::string& path);

// "B7" for (row 6, col 1), 0-based.
std::string CellRef(std::size_t row, std::size_t col);

// The calendar day of an Excel serial date number (its time of day dropped), in the 1900
// system (with Excel's fictitious 1900-02-29 as serial 60) or the 1904 system. nullopt for a
// negative, non-numeric or out-of-range value.
std::optional<Date> SerialToDate(std::string_view number_text, bool date1904);

// The value of a number as stored ("1000000", "1E+6", "12.50") scaled by 10^decimals, exactly;
// nullopt when it has more fraction digits than `decimals` or overflows.
std::optional<std::int64_t> ExactScaled(std::string_view number_text, int decimals);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_XLSX_READER_H_
