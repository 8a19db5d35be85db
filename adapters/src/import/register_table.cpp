// Registers as tables (register_table.h).
#include "import/register_table.h"

#include <fstream>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/adapters/xlsx_reader.h"

namespace reducheck::adapters {

namespace {

bool LooksLikeZip(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

TableCell FromSheetCell(const SheetCell& c, bool date1904) {
  TableCell out;
  out.text = c.text;
  if (c.kind == SheetCell::Kind::kNumber) {
    out.number = true;
    if (c.date_format) {
      out.date = SerialToDate(c.text, date1904);
      if (out.date) out.text = FormatDate(*out.date);
    }
  }
  return out;
}

}  // namespace

const TableCell* RegisterTable::At(std::size_t row, std::size_t col) const {
  if (row >= rows.size() || col >= rows[row].size()) return nullptr;
  return &rows[row][col];
}

std::string RegisterTable::CellName(std::size_t row, std::size_t col) const {
  if (xlsx) return CellRef(static_cast<std::size_t>(row_numbers[row] - 1), col);
  return "line " + std::to_string(row_numbers[row]) + ", column " + std::to_string(col + 1);
}

Diagnostic RegisterTable::Where(std::size_t row, std::size_t col, std::string field,
                                std::string message) const {
  Diagnostic d;
  d.file = xlsx ? file + "[" + sheet + "]" : file;
  d.line = row < row_numbers.size() ? row_numbers[row] : 0;
  d.column = static_cast<int>(col) + 1;
  d.field = std::move(field);
  d.message = std::move(message);
  return d;
}

RegisterTable CsvTable(const std::string& raw, const std::string& file,
                       std::vector<Diagnostic>& problems) {
  RegisterTable t;
  t.file = file;
  std::string_view text(raw);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<TableCell> row;
  std::string cell;
  bool quoted = false;
  bool was_quoted = false;
  int line = 1;
  int row_start = 1;
  const auto end_cell = [&]() {
    TableCell c;
    c.text = std::move(cell);
    row.push_back(std::move(c));
    cell.clear();
    was_quoted = false;
  };
  const auto end_row = [&]() {
    end_cell();
    bool blank = true;
    for (const TableCell& c : row) blank = blank && c.text.empty();
    if (!blank) {
      t.rows.push_back(std::move(row));
      t.row_numbers.push_back(row_start);
    }
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
    } else if (c == '"') {
      problems.push_back({file, line, 0, "",
                          "a quote inside an unquoted cell (quote the whole cell and double the "
                          "quote)"});
      cell += c;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n') {
      end_row();
      ++line;
      row_start = line;
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (quoted) problems.push_back({file, row_start, 0, "", "unterminated quoted cell"});
  if (!cell.empty() || !row.empty()) end_row();
  return t;
}

TablesLoad ReadRegisterFile(const std::string& path, InputEncoding encoding) {
  TablesLoad out;
  if (LooksLikeZip(path)) {
    WorkbookLoad wb = ReadXlsxFile(path);
    if (!wb.workbook) {
      out.problems = std::move(wb.problems);
      return out;
    }
    for (const Sheet& s : wb.workbook->sheets) {
      RegisterTable t;
      t.file = path;
      t.sheet = s.name;
      t.xlsx = true;
      for (std::size_t r = 0; r < s.rows.size(); ++r) {
        std::vector<TableCell> cells;
        bool blank = true;
        for (const SheetCell& c : s.rows[r]) {
          cells.push_back(FromSheetCell(c, wb.workbook->date1904));
          blank = blank && cells.back().text.empty();
        }
        if (blank) continue;
        t.rows.push_back(std::move(cells));
        t.row_numbers.push_back(static_cast<int>(r) + 1);
      }
      out.tables.push_back(std::move(t));
    }
    return out;
  }
  DecodedText text = ReadTextFile(path, encoding);
  if (text.problem) {
    out.problems.push_back(*text.problem);
    return out;
  }
  out.tables.push_back(CsvTable(*text.text, path, out.problems));
  return out;
}

}  // namespace reducheck::adapters
