#include "report/batch_workbook.h"

#include <xlsxwriter.h>

#include <map>
#include <string_view>
#include <vector>

namespace reducheck::adapters {
namespace {

// Splits RFC 4180 CSV text into rows of cells.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

bool IsWholeNumber(std::string_view s) {
  if (s.empty() || s.size() > 15) return false;  // exact in a double
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Status WriteBatchWorkbook(const std::string& csv, const std::string& path) {
  const std::vector<std::vector<std::string>> rows = ParseCsv(csv);
  if (rows.empty()) return Internal("batch workbook: no rows");
  constexpr size_t kExcelMaxRows = 1048576;
  if (rows.size() > kExcelMaxRows) {
    return InvalidInput("the schedule has more lines than an Excel sheet holds (" +
                        std::to_string(kExcelMaxRows - 1) + "); use --format csv or jsonl");
  }
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return InvalidInput(path + ": cannot create the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet* lines = workbook_add_worksheet(wb, "Lines");
  lxw_worksheet* summary = workbook_add_worksheet(wb, "Summary");

  const std::vector<std::string>& header = rows.front();
  size_t verdict_col = header.size(), rules_col = header.size(), cats_col = header.size();
  for (size_t c = 0; c < header.size(); ++c) {
    if (header[c] == "verdict") verdict_col = c;
    if (header[c] == "rules") rules_col = c;
    if (header[c] == "categories") cats_col = c;
  }
  std::map<std::string, long> by_verdict, by_rule, by_category;
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& cells = rows[r];
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto row = static_cast<lxw_row_t>(r);
      const auto col = static_cast<lxw_col_t>(c);
      if (r > 0 && IsWholeNumber(cells[c]) && c != 1 && c != 3) {  // ids and holders stay text
        worksheet_write_number(lines, row, col, std::stod(cells[c]), nullptr);
      } else {
        worksheet_write_string(lines, row, col, cells[c].c_str(), r == 0 ? bold : nullptr);
      }
    }
    if (r == 0) continue;
    if (verdict_col < cells.size()) ++by_verdict[cells[verdict_col]];
    auto count_list = [&](size_t col, std::map<std::string, long>& into) {
      if (col >= cells.size()) return;
      std::string_view rest(cells[col]);
      while (!rest.empty()) {
        const size_t semi = rest.find(';');
        const std::string_view item = rest.substr(0, semi);
        if (!item.empty()) ++into[std::string(item)];
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
      }
    };
    count_list(rules_col, by_rule);
    count_list(cats_col, by_category);
  }
  worksheet_freeze_panes(lines, 1, 0);
  worksheet_autofilter(lines, 0, 0, static_cast<lxw_row_t>(rows.size() - 1),
                       static_cast<lxw_col_t>(header.size() - 1));

  lxw_row_t s = 0;
  worksheet_write_string(summary, s, 0, "Schedule lines", bold);
  worksheet_write_number(summary, s++, 1, static_cast<double>(rows.size() - 1), nullptr);
  auto section = [&](const char* title, const std::map<std::string, long>& counts) {
    ++s;
    worksheet_write_string(summary, s++, 0, title, bold);
    for (const auto& [key, n] : counts) {
      worksheet_write_string(summary, s, 0, key.c_str(), nullptr);
      worksheet_write_number(summary, s++, 1, static_cast<double>(n), nullptr);
    }
  };
  section("Lines by verdict", by_verdict);
  section("Lines breaking each rule (? = could not decide)", by_rule);
  section("Lines by penalty category", by_category);
  worksheet_set_column(summary, 0, 0, 48, nullptr);

  const lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) return InvalidInput(path + ": " + lxw_strerror(e));
  return Status::Ok();
}

}  // namespace reducheck::adapters
