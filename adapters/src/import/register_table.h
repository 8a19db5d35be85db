// A register as a grid of cells, whatever file it came from: an .xlsx sheet (xlsx_reader.h) or
// a CSV file (RFC 4180, quoted cells may span lines, as registrars' addresses do). Each cell
// keeps where it was, so every message names FILE:ROW:COLUMN.
#ifndef REDUCHECK_ADAPTERS_IMPORT_REGISTER_TABLE_H_
#define REDUCHECK_ADAPTERS_IMPORT_REGISTER_TABLE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/text_encoding.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

struct TableCell {
  std::string text;          // text as shown (numbers: as stored; dates: YYYY-MM-DD when known)
  bool number = false;       // an .xlsx number cell (text is its exact stored form)
  std::optional<Date> date;  // an .xlsx cell with a date format
};

struct RegisterTable {
  std::string file;   // as the user named it
  std::string sheet;  // .xlsx: the sheet's name; CSV: empty
  bool xlsx = false;
  std::vector<std::vector<TableCell>> rows;
  std::vector<int> row_numbers;  // 1-based: the sheet row, or the CSV line the record starts on

  const TableCell* At(std::size_t row, std::size_t col) const;
  // "register.xlsx:7:3" style position (row number, 1-based column).
  Diagnostic Where(std::size_t row, std::size_t col, std::string field, std::string message) const;
  // "C7" on a sheet, "line 7, column 3" in a CSV.
  std::string CellName(std::size_t row, std::size_t col) const;
};

struct TablesLoad {
  std::vector<RegisterTable> tables;  // one per sheet (CSV: one)
  std::vector<Diagnostic> problems;
};

// Reads `path`: .xlsx by its contents (a zip archive), anything else as CSV text in `encoding`.
TablesLoad ReadRegisterFile(const std::string& path, InputEncoding encoding);

// CSV text (UTF-8; a byte order mark skipped) as a table. Exposed for tests.
RegisterTable CsvTable(const std::string& text, const std::string& file,
                       std::vector<Diagnostic>& problems);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_IMPORT_REGISTER_TABLE_H_
