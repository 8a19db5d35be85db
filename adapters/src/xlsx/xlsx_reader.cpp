// .xlsx reader over libzip + expat (xlsx_reader.h).
#include "reducheck/adapters/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <utility>

namespace reducheck::adapters {

namespace {

constexpr std::size_t kMaxRows = 1'048'576;
constexpr std::size_t kMaxCols = 16'384;

// ---- zip ---------------------------------------------------------------------------------

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// The uncompressed bytes of part `name`, or nullopt (with `error`) when it is missing, too
// large or unreadable. `missing_ok`: an absent part is an empty optional without an error.
std::optional<std::string> ReadPart(zip_t* z, const std::string& name, std::string& error,
                                    bool missing_ok = false) {
  const zip_int64_t index = zip_name_locate(z, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) {
    if (!missing_ok) error = "the workbook has no part '" + name + "'";
    return std::nullopt;
  }
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) {
    error = "part '" + name + "' inflates to " + std::to_string(st.size) +
            " bytes, more than the " + std::to_string(kMaxPartBytes) + " accepted";
    return std::nullopt;
  }
  zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
  if (f == nullptr) {
    error = "cannot open part '" + name + "': " + zip_strerror(z);
    return std::nullopt;
  }
  std::string out;
  char buf[1 << 16];
  while (true) {
    const zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      error = "cannot inflate part '" + name + "': " + zip_file_strerror(f);
      zip_fclose(f);
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > kMaxPartBytes) {  // the declared size lied
      error =
          "part '" + name + "' inflates to more than " + std::to_string(kMaxPartBytes) + " bytes";
      zip_fclose(f);
      return std::nullopt;
    }
  }
  zip_fclose(f);
  return out;
}

// ---- expat -------------------------------------------------------------------------------

// Element callbacks with local names (any namespace prefix such as "x:" dropped) and the
// attributes as a small lookup.
struct Attrs {
  const char** raw;
  const char* Get(std::string_view local) const {
    for (const char** a = raw; a && *a; a += 2) {
      std::string_view n(a[0]);
      const std::size_t colon = n.rfind(':');
      if (colon != std::string_view::npos) n.remove_prefix(colon + 1);
      if (n == local) return a[1];
    }
    return nullptr;
  }
};

struct XmlHandlers {
  std::function<void(std::string_view, const Attrs&)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

std::string_view Local(const char* name) {
  std::string_view n(name);
  const std::size_t colon = n.rfind(':');
  if (colon != std::string_view::npos) n.remove_prefix(colon + 1);
  return n;
}

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* h = static_cast<XmlHandlers*>(data);
  if (h->start) h->start(Local(name), Attrs{attrs});
}
void XMLCALL OnEnd(void* data, const XML_Char* name) {
  auto* h = static_cast<XmlHandlers*>(data);
  if (h->end) h->end(Local(name));
}
void XMLCALL OnText(void* data, const XML_Char* s, int len) {
  auto* h = static_cast<XmlHandlers*>(data);
  if (h->text) h->text(std::string_view(s, static_cast<std::size_t>(len)));
}

// Parses `xml`; false with `error` ("part:line: message") on malformed XML or when a handler
// set `stop`.
bool ParseXml(const std::string& xml, const std::string& part, XmlHandlers& h, std::string& error,
              const std::string* stop = nullptr) {
  XML_Parser p = XML_ParserCreate(nullptr);
  if (p == nullptr) {
    error = "cannot create an XML parser";
    return false;
  }
  XML_SetUserData(p, &h);
  XML_SetElementHandler(p, OnStart, OnEnd);
  XML_SetCharacterDataHandler(p, OnText);
  bool ok = true;
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; ok && at <= xml.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, xml.size() - at);
    const bool last = at + n >= xml.size();
    if (XML_Parse(p, xml.data() + at, static_cast<int>(n), last ? 1 : 0) != XML_STATUS_OK) {
      error = "part '" + part + "', line " + std::to_string(XML_GetCurrentLineNumber(p)) +
              ": malformed XML: " + XML_ErrorString(XML_GetErrorCode(p));
      ok = false;
    }
    if (stop != nullptr && !stop->empty()) {
      error = *stop;
      ok = false;
    }
    if (last) break;
  }
  XML_ParserFree(p);
  return ok;
}

// ---- number formats ----------------------------------------------------------------------

bool BuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// True when a custom format code shows a date or time: a y, m, d, h or s outside quoted
// literals, escapes, the word General and [...] sections (colours, locales, conditions) —
// "[h]" elapsed hours count.
bool CustomDateFormat(std::string_view code) {
  // Only the first section (positive numbers) decides.
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if ((c == 'G' || c == 'g') && code.size() - i >= 7 &&
               (code.substr(i, 7) == "General" || code.substr(i, 7) == "GENERAL" ||
                code.substr(i, 7) == "general")) {
      i += 6;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // escaped or padding character
    } else if (c == '[') {
      const std::size_t close = code.find(']', i);
      if (close == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                              inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S')) {
        bool all = true;
        for (char x : inside) all = all && (x == inside[0] || x == (inside[0] ^ 0x20));
        if (all) return true;
      }
      i = close;
    } else if (c == ';') {
      return false;
    } else {
      switch (c) {
        case 'y':
        case 'Y':
        case 'm':
        case 'M':
        case 'd':
        case 'D':
        case 'h':
        case 'H':
        case 's':
        case 'S':
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

// ---- cell references ---------------------------------------------------------------------

// "B7" -> (6, 1). False on anything else.
bool ParseRef(std::string_view ref, std::size_t& row, std::size_t& col) {
  std::size_t i = 0;
  std::size_t c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    c = c * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (c > kMaxCols) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  std::size_t r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r == 0) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

// Target of a relationship, resolved against the folder of the part that owns it.
std::string ResolveTarget(const std::string& owner_dir, std::string target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string path = owner_dir + target;
  // Collapse "dir/../x".
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string piece =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::map<std::string, std::pair<std::string, std::string>> ReadRels(zip_t* z,
                                                                    const std::string& rels_part,
                                                                    const std::string& owner_dir,
                                                                    std::string& error) {
  std::map<std::string, std::pair<std::string, std::string>> out;  // id -> (type, target)
  std::optional<std::string> xml = ReadPart(z, rels_part, error, /*missing_ok=*/true);
  if (!xml) return out;
  XmlHandlers h;
  h.start = [&](std::string_view name, const Attrs& a) {
    if (name != "Relationship") return;
    const char* id = a.Get("Id");
    const char* target = a.Get("Target");
    const char* type = a.Get("Type");
    if (id && target) {
      out[id] = {type ? type : "", ResolveTarget(owner_dir, target)};
    }
  };
  ParseXml(*xml, rels_part, h, error);
  return out;
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

const SheetCell* Sheet::At(std::size_t row, std::size_t col) const {
  if (row >= rows.size() || col >= rows[row].size()) return nullptr;
  return &rows[row][col];
}

std::string CellRef(std::size_t row, std::size_t col) {
  std::string letters;
  std::size_t c = col + 1;
  while (c > 0) {
    const std::size_t rem = (c - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    c = (c - 1) / 26;
  }
  return letters + std::to_string(row + 1);
}

std::optional<std::int64_t> ExactScaled(std::string_view s, int decimals) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  std::string mantissa;
  int exponent = 0;
  std::size_t i = 0;
  int frac_digits = 0;
  bool dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      mantissa += c;
      if (dot) ++frac_digits;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (mantissa.empty()) return std::nullopt;
  if (i < s.size()) {
    if (s[i] != 'E' && s[i] != 'e') return std::nullopt;
    ++i;
    bool exp_neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_neg = s[i++] == '-';
    if (i == s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9' || exponent > 400) return std::nullopt;
      exponent = exponent * 10 + (s[i] - '0');
    }
    if (exp_neg) exponent = -exponent;
  }
  // value = mantissa * 10^(exponent - frac_digits); scaled = value * 10^decimals.
  int shift = exponent - frac_digits + decimals;
  while (shift < 0 && !mantissa.empty() && mantissa.back() == '0') {
    mantissa.pop_back();
    ++shift;
  }
  if (shift < 0) return std::nullopt;  // more fraction digits than allowed
  if (shift > 30) return std::nullopt;
  mantissa.append(static_cast<std::size_t>(shift), '0');
  std::int64_t v = 0;
  for (char c : mantissa) {
    if (v > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

std::optional<Date> SerialToDate(std::string_view number_text, bool date1904) {
  // Whole days: the integer part of the stored number (a time of day is the fraction).
  std::string_view s = number_text;
  const std::optional<std::int64_t> scaled = ExactScaled(s, 0);
  std::int64_t days = 0;
  if (scaled) {
    days = *scaled;
  } else {
    // A fraction: keep the digits before the point (no exponent forms for dates).
    const std::size_t dot = s.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::optional<std::int64_t> whole = ExactScaled(s.substr(0, dot), 0);
    if (!whole) return std::nullopt;
    days = *whole;
  }
  if (days < 1 || days > 2'958'465) return std::nullopt;  // 9999-12-31
  try {
    if (date1904) return Date(1904, 1, 1) + boost::gregorian::days(days);
    // 1900 system: serial 1 = 1900-01-01; Excel counts a 1900-02-29 that never was (serial 60).
    if (days == 60) return std::nullopt;
    if (days < 60) return Date(1899, 12, 31) + boost::gregorian::days(days);
    return Date(1899, 12, 30) + boost::gregorian::days(days);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

WorkbookLoad ReadXlsxFile(const std::string& path) {
  WorkbookLoad load;
  const auto fail = [&](std::string message) {
    load.problems.push_back(Diagnostic{path, 0, 0, "", std::move(message)});
    load.workbook.reset();
    return load;
  };
  int zerr = 0;
  ZipPtr z(zip_open(path.c_str(), ZIP_RDONLY, &zerr));
  if (!z) {
    zip_error_t e;
    zip_error_init_with_code(&e, zerr);
    std::string why = zip_error_strerror(&e);
    zip_error_fini(&e);
    return fail("cannot open the workbook (" + why +
                "): is it an .xlsx file? (an old .xls must be saved as .xlsx first)");
  }
  std::string error;

  // The workbook part, from the package relationships (usually xl/workbook.xml).
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, rel] : ReadRels(z.get(), "_rels/.rels", "", error)) {
    if (EndsWith(rel.first, "/officeDocument")) workbook_part = rel.second;
  }
  const std::size_t slash = workbook_part.rfind('/');
  const std::string wb_dir = slash == std::string::npos ? "" : workbook_part.substr(0, slash + 1);
  const std::string wb_rels = wb_dir + "_rels/" +
                              workbook_part.substr(slash == std::string::npos ? 0 : slash + 1) +
                              ".rels";
  error.clear();
  const auto rels = ReadRels(z.get(), wb_rels, wb_dir, error);
  if (!error.empty()) return fail(error);

  std::optional<std::string> wb_xml = ReadPart(z.get(), workbook_part, error);
  if (!wb_xml) return fail(error);
  Workbook wb;
  std::vector<std::pair<std::string, std::string>> sheet_parts;  // name, part
  {
    XmlHandlers h;
    h.start = [&](std::string_view name, const Attrs& a) {
      if (name == "workbookPr") {
        const char* d = a.Get("date1904");
        wb.date1904 = d != nullptr && (std::string_view(d) == "1" || std::string_view(d) == "true");
      } else if (name == "sheet") {
        const char* sheet_name = a.Get("name");
        const char* rid = a.Get("id");  // r:id
        std::string part;
        if (rid != nullptr) {
          if (auto it = rels.find(rid); it != rels.end()) part = it->second.second;
        }
        sheet_parts.emplace_back(sheet_name ? sheet_name : "", part);
      }
    };
    if (!ParseXml(*wb_xml, workbook_part, h, error)) return fail(error);
  }
  std::string shared_part = wb_dir + "sharedStrings.xml";
  std::string styles_part = wb_dir + "styles.xml";
  for (const auto& [id, rel] : rels) {
    if (EndsWith(rel.first, "/sharedStrings")) shared_part = rel.second;
    if (EndsWith(rel.first, "/styles")) styles_part = rel.second;
  }

  // Shared strings: <si> of <t> or rich runs <r><t>; phonetic runs (<rPh>) are not the text.
  std::vector<std::string> shared;
  if (std::optional<std::string> xml = ReadPart(z.get(), shared_part, error, true)) {
    bool in_si = false;
    bool in_t = false;
    int in_rph = 0;
    std::string current;
    XmlHandlers h;
    h.start = [&](std::string_view name, const Attrs&) {
      if (name == "si") {
        in_si = true;
        current.clear();
      } else if (name == "rPh") {
        ++in_rph;
      } else if (name == "t") {
        in_t = in_si && in_rph == 0;
      }
    };
    h.end = [&](std::string_view name) {
      if (name == "si") {
        shared.push_back(std::move(current));
        current.clear();
        in_si = false;
      } else if (name == "rPh") {
        --in_rph;
      } else if (name == "t") {
        in_t = false;
      }
    };
    h.text = [&](std::string_view s) {
      if (in_t) current.append(s);
    };
    if (!ParseXml(*xml, shared_part, h, error)) return fail(error);
  } else if (!error.empty()) {
    return fail(error);
  }

  // Styles: which cell formats (cellXfs, by index) show dates.
  std::vector<bool> xf_is_date;
  if (std::optional<std::string> xml = ReadPart(z.get(), styles_part, error, true)) {
    std::map<int, bool> custom;  // numFmtId -> is a date format
    bool in_cell_xfs = false;
    XmlHandlers h;
    h.start = [&](std::string_view name, const Attrs& a) {
      if (name == "numFmt") {
        const char* id = a.Get("numFmtId");
        const char* code = a.Get("formatCode");
        if (id && code) custom[std::atoi(id)] = CustomDateFormat(code);
      } else if (name == "cellXfs") {
        in_cell_xfs = true;
      } else if (name == "xf" && in_cell_xfs) {
        const char* id = a.Get("numFmtId");
        const int n = id ? std::atoi(id) : 0;
        const auto it = custom.find(n);
        xf_is_date.push_back(it != custom.end() ? it->second : BuiltinDateFormat(n));
      }
    };
    h.end = [&](std::string_view name) {
      if (name == "cellXfs") in_cell_xfs = false;
    };
    if (!ParseXml(*xml, styles_part, h, error)) return fail(error);
  } else if (!error.empty()) {
    return fail(error);
  }

  // Worksheets. (Named references, not a structured binding: the handlers below capture the
  // name, which clang before 16 does not allow for a binding.)
  for (const auto& sheet_entry : sheet_parts) {
    const std::string& sheet_name = sheet_entry.first;
    const std::string& part = sheet_entry.second;
    Sheet sheet;
    sheet.name = sheet_name;
    if (part.empty()) return fail("sheet '" + sheet_name + "' has no part in the workbook");
    std::optional<std::string> xml = ReadPart(z.get(), part, error);
    if (!xml) return fail(error);
    std::size_t row = 0;
    std::size_t next_row = 0;
    std::size_t col = 0;
    std::size_t next_col = 0;
    std::size_t cells = 0;
    std::string type;
    int style = 0;
    bool in_v = false;
    bool in_is = false;
    bool in_t = false;
    int in_rph = 0;
    bool in_cell = false;
    std::string value;
    std::string stop;
    XmlHandlers h;
    h.start = [&](std::string_view name, const Attrs& a) {
      if (!stop.empty()) return;
      if (name == "row") {
        const char* r = a.Get("r");
        row = r ? static_cast<std::size_t>(std::atol(r)) - 1 : next_row;
        if (r && (std::atol(r) < 1 || static_cast<std::size_t>(std::atol(r)) > kMaxRows)) {
          stop = "sheet '" + sheet_name + "': row number '" + r + "' outside 1.." +
                 std::to_string(kMaxRows);
          return;
        }
        next_row = row + 1;
        next_col = 0;
      } else if (name == "c") {
        in_cell = true;
        const char* r = a.Get("r");
        if (r != nullptr) {
          std::size_t rr = 0;
          if (!ParseRef(r, rr, col)) {
            stop = "sheet '" + sheet_name + "': bad cell reference '" + r + "'";
            return;
          }
          row = rr;
        } else {
          col = next_col;
        }
        next_col = col + 1;
        const char* t = a.Get("t");
        type = t ? t : "n";
        const char* s = a.Get("s");
        style = s ? std::atoi(s) : 0;
        value.clear();
      } else if (name == "v" && in_cell) {
        in_v = true;
      } else if (name == "is" && in_cell) {
        in_is = true;
      } else if (name == "rPh") {
        ++in_rph;
      } else if (name == "t" && in_is) {
        in_t = in_rph == 0;
      }
    };
    h.end = [&](std::string_view name) {
      if (!stop.empty()) return;
      if (name == "v") {
        in_v = false;
      } else if (name == "t") {
        in_t = false;
      } else if (name == "rPh") {
        --in_rph;
      } else if (name == "is") {
        in_is = false;
      } else if (name == "c") {
        in_cell = false;
        SheetCell cell;
        if (type == "s") {
          const std::optional<std::int64_t> i = ExactScaled(value, 0);
          if (!i || *i < 0 || static_cast<std::size_t>(*i) >= shared.size()) {
            stop = "sheet '" + sheet_name + "', cell " + CellRef(row, col) +
                   ": shared string index '" + value + "' out of range";
            return;
          }
          cell.kind = SheetCell::Kind::kText;
          cell.text = shared[static_cast<std::size_t>(*i)];
        } else if (type == "inlineStr" || type == "str") {
          cell.kind = SheetCell::Kind::kText;
          cell.text = value;
        } else if (type == "b") {
          cell.kind = SheetCell::Kind::kBool;
          cell.text = value == "1" ? "TRUE" : "FALSE";
        } else if (type == "e") {
          cell.kind = SheetCell::Kind::kError;
          cell.text = value;
        } else if (type == "d") {  // ISO 8601 date (Strict OOXML): keep the day
          cell.kind = SheetCell::Kind::kText;
          cell.text = value.substr(0, value.find('T'));
        } else if (!value.empty()) {
          cell.kind = SheetCell::Kind::kNumber;
          cell.text = value;
          cell.date_format = style >= 0 && static_cast<std::size_t>(style) < xf_is_date.size() &&
                             xf_is_date[static_cast<std::size_t>(style)];
        }
        if (cell.kind == SheetCell::Kind::kEmpty) return;
        if (++cells > kMaxCells) {
          stop = "sheet '" + sheet_name + "' has more than " + std::to_string(kMaxCells) + " cells";
          return;
        }
        if (sheet.rows.size() <= row) sheet.rows.resize(row + 1);
        auto& cells_of_row = sheet.rows[row];
        if (cells_of_row.size() <= col) cells_of_row.resize(col + 1);
        cells_of_row[col] = std::move(cell);
      }
    };
    h.text = [&](std::string_view s) {
      if (in_v || in_t) value.append(s);
    };
    if (!ParseXml(*xml, part, h, error, &stop)) return fail(error);
    wb.sheets.push_back(std::move(sheet));
  }
  if (wb.sheets.empty()) return fail("the workbook has no sheets");
  load.workbook = std::move(wb);
  return load;
}

}  // namespace reducheck::adapters
