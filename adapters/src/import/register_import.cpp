// Register -> scenario (register_import.h, docs/import.md).
#include "import/register_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "reducheck/adapters/sheet_values.h"
#include "reducheck/adapters/xlsx_reader.h"

namespace reducheck::adapters {

namespace {

constexpr int kHeaderScanRows = 40;

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

std::string Grouped(Shares n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

struct HeaderMatch {
  std::size_t row = 0;
  std::map<RegisterField, std::size_t> col;
  std::map<RegisterField, std::int64_t> scale;  // from "(万股)" in the header text
};

// Which field a header cell names, by the mapping's names (user's first).
std::optional<RegisterField> FieldOf(const ImportMapping& m, const std::string& normalised) {
  if (normalised.empty()) return std::nullopt;
  for (RegisterField f : kAllRegisterFields) {
    const auto it = m.columns.find(f);
    if (it == m.columns.end()) continue;
    for (const std::string& name : it->second) {
      if (name == normalised) return f;
    }
  }
  return std::nullopt;
}

std::optional<HeaderMatch> MatchHeader(const RegisterTable& t, const ImportMapping& m,
                                       std::size_t row) {
  HeaderMatch h;
  h.row = row;
  for (std::size_t c = 0; c < t.rows[row].size(); ++c) {
    std::int64_t scale = 1;
    const std::string norm = NormaliseHeader(t.rows[row][c].text, &scale);
    const std::optional<RegisterField> f = FieldOf(m, norm);
    if (!f || h.col.count(*f)) continue;
    h.col[*f] = c;
    h.scale[*f] = scale;
  }
  if (!h.col.count(RegisterField::kName) || !h.col.count(RegisterField::kTotal)) {
    return std::nullopt;
  }
  return h;
}

// "证券代码：688123" in one cell, or "证券代码" then the value in the next non-empty cell.
std::string PreambleValue(const RegisterTable& t, std::size_t upto,
                          std::initializer_list<std::string_view> labels) {
  for (std::size_t r = 0; r < upto && r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& text = row[c].text;
      for (std::string_view label : labels) {
        const std::size_t at = text.find(label);
        if (at == std::string::npos) continue;
        std::string rest = text.substr(at + label.size());
        for (std::string_view sep : {"：", ":"}) {
          if (rest.rfind(sep, 0) == 0) rest = rest.substr(sep.size());
        }
        // Stop at the next label in the same cell ("证券代码:688123 证券简称:XX").
        std::string_view v = TrimCell(rest);
        for (std::string_view stop : {" ", "\xE3\x80\x80", "，", ",", "；", ";"}) {
          const std::size_t s = v.find(stop);
          if (s != std::string_view::npos) v = v.substr(0, s);
        }
        if (!v.empty()) return std::string(v);
        for (std::size_t k = c + 1; k < row.size(); ++k) {
          if (!TrimCell(row[k].text).empty()) return std::string(TrimCell(row[k].text));
        }
      }
    }
  }
  return "";
}

// Exchange and board from a six-digit A-share code (SSE 60x main, 688/689 STAR; SZSE 000-003
// main, 300-302 ChiNext; BSE 8xxxxx, 920xxx, 43xxxx).
bool BoardFromCode(std::string_view code, std::string& exchange, std::string& board) {
  if (code.size() != 6) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  const std::string_view p3 = code.substr(0, 3);
  if (p3 == "688" || p3 == "689") {
    exchange = "SSE", board = "star";
  } else if (code[0] == '6' && code[1] == '0') {
    exchange = "SSE", board = "main";
  } else if (p3 == "000" || p3 == "001" || p3 == "002" || p3 == "003") {
    exchange = "SZSE", board = "main";
  } else if (p3 == "300" || p3 == "301" || p3 == "302") {
    exchange = "SZSE", board = "chinext";
  } else if (code[0] == '8' || p3 == "920" || code.substr(0, 2) == "43") {
    exchange = "BSE", board = "bse";
  } else {
    return false;
  }
  return true;
}

// A share count in a register cell: whole shares, or 万股 (scale 10000, up to 4 decimals).
std::optional<Shares> CellShares(const TableCell& cell, std::int64_t scale) {
  if (cell.number) return ExactScaled(cell.text, scale == 10000 ? 4 : 0);
  const std::string_view text = TrimCell(cell.text);
  if (text.empty()) return Shares{0};
  if (scale == 10000) return ParseSheetScaled(text, 4);
  return ParseSheetWholeNumber(text);
}

// At most `max_points` code points of UTF-8 `s`, "…" appended when cut.
std::string Clip(std::string_view s, std::size_t max_points) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && points++ == max_points) {
      return std::string(s.substr(0, i)) + "…";
    }
  }
  return std::string(s);
}

bool IsTotalsRow(std::string_view name) {
  std::string n(name);
  for (std::string_view sp : {" ", "\xE3\x80\x80"}) {
    for (std::size_t at = n.find(sp); at != std::string::npos; at = n.find(sp)) {
      n.erase(at, sp.size());
    }
  }
  return n == "合计" || n == "总计" || n == "小计" || n == "总股本" || n == "股份总数" ||
         n == "合计数" || Contains(n, "合计") || n == "Total" || n == "TOTAL";
}

bool IsPublicRow(std::string_view name) {
  return Contains(name, "社会公众") || Contains(name, "本次发行") || Contains(name, "公众股东") ||
         Contains(name, "其他股东") || Contains(name, "其他流通股东");
}

}  // namespace

ImportResult ImportRegister(const std::vector<RegisterTable>& tables, ImportMapping& m,
                            std::vector<Diagnostic>& problems) {
  ImportResult out;
  if (tables.empty()) {
    problems.push_back({"", 0, 0, "", "the register holds no table"});
    return out;
  }
  // The table: the mapping's sheet, else the first with a recognisable header.
  const RegisterTable* table = nullptr;
  std::optional<HeaderMatch> header;
  for (const RegisterTable& t : tables) {
    if (!m.sheet.empty() && t.sheet != m.sheet) continue;
    if (m.header_row > 0) {
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (t.row_numbers[r] == m.header_row) {
          header = MatchHeader(t, m, r);
          if (!header) {
            problems.push_back(t.Where(r, 0, "header_row",
                                       "row " + std::to_string(m.header_row) +
                                           " names no holder-name column and no share-count "
                                           "column (see docs/import.md for the names read)"));
            return out;
          }
          break;
        }
      }
    } else {
      for (std::size_t r = 0; r < t.rows.size() && r < kHeaderScanRows; ++r) {
        if ((header = MatchHeader(t, m, r))) break;
      }
    }
    if (header) {
      table = &t;
      break;
    }
  }
  if (table == nullptr) {
    const std::string file = tables.front().file;
    if (!m.sheet.empty()) {
      bool found = false;
      std::string names;
      for (const RegisterTable& t : tables) {
        found = found || t.sheet == m.sheet;
        names += (names.empty() ? "" : ", ") + t.sheet;
      }
      if (!found) {
        problems.push_back({file, 0, 0, "sheet",
                            "no sheet named '" + m.sheet + "' (the workbook has: " + names + ")"});
        return out;
      }
    }
    problems.push_back(
        {file, 0, 0, "",
         "no header row found: no row in the first " + std::to_string(kHeaderScanRows) +
             " names both a holder column (e.g. 股东名称, 证券账户名称) and a share-count column "
             "(e.g. 持有数量, 持股数量); name them under `columns:` in a mapping file "
             "(docs/import.md)"});
    return out;
  }
  const RegisterTable& t = *table;
  out.file = t.file;
  out.sheet = t.sheet;
  out.header_row = t.row_numbers[header->row];
  for (std::size_t c = 0; c < t.rows[header->row].size(); ++c) {
    const std::string& text = t.rows[header->row][c].text;
    bool used = false;
    for (const auto& [field, col] : header->col) {
      if (col != c) continue;
      used = true;
      out.columns_used.push_back(std::string(Name(field)) + ": " + std::string(TrimCell(text)) +
                                 " (" +
                                 (t.xlsx ? CellRef(0, c).substr(0, CellRef(0, c).size() - 1)
                                         : "column " + std::to_string(c + 1)) +
                                 ")");
    }
    if (!used && !TrimCell(text).empty()) out.columns_unused.push_back(std::string(TrimCell(text)));
  }
  const auto col_of = [&](RegisterField f) -> std::optional<std::size_t> {
    const auto it = header->col.find(f);
    if (it == header->col.end()) return std::nullopt;
    return it->second;
  };
  const auto scale_of = [&](RegisterField f) -> std::int64_t {
    if (m.shares_scale) return *m.shares_scale;
    const auto it = header->scale.find(f);
    return it == header->scale.end() ? 1 : it->second;
  };
  const auto text_at = [&](std::size_t r, std::optional<std::size_t> c) -> std::string {
    if (!c) return "";
    const TableCell* cell = t.At(r, *c);
    return cell ? std::string(TrimCell(cell->text)) : std::string();
  };

  // ---- company ----
  std::string code = PreambleValue(t, header->row, {"证券代码", "股票代码", "公司代码"});
  std::string short_name = PreambleValue(t, header->row, {"证券简称", "股票简称", "公司简称"});
  const std::string full_name = PreambleValue(t, header->row, {"公司名称", "发行人名称"});
  out.register_date =
      PreambleValue(t, header->row, {"权益登记日", "股权登记日", "登记日期", "截止日期"});
  if (!out.register_date.empty()) {
    std::string error;
    if (auto d = ParseSheetDate(out.register_date, &error)) {
      out.register_date = boost::gregorian::to_iso_extended_string(*d);
    }
  }
  std::map<std::string, std::string> given(m.company.begin(), m.company.end());
  const auto add = [&](const std::string& key, std::string value, std::string note, bool guessed,
                       bool required) {
    if (const auto it = given.find(key); it != given.end()) {
      out.company.push_back({key, it->second, "from the mapping file", false});
      return;
    }
    if (value.empty()) {
      if (!required) return;
      ++out.fill_in;
    }
    out.company.push_back({key, std::move(value), std::move(note), guessed});
  };
  add("code", code, code.empty() ? "" : "from the register's heading", false, false);
  add("name", !full_name.empty() ? full_name : short_name,
      full_name.empty() && !short_name.empty() ? "the register's 证券简称 (short name)"
      : full_name.empty()                      ? ""
                                               : "from the register's heading",
      false, false);
  std::string exchange;
  std::string board;
  const std::string code_for_board = given.count("code") ? given["code"] : code;
  const bool board_known = BoardFromCode(code_for_board, exchange, board);
  add("exchange", board_known ? exchange : "",
      board_known ? "REVIEW: guessed from the stock code " + code_for_board
                  : "FILL IN: SSE, SZSE or BSE",
      board_known, true);
  add("board", board_known ? board : "",
      board_known ? "REVIEW: guessed from the stock code " + code_for_board
                  : "FILL IN: main, star, chinext or bse",
      board_known, true);
  add("listing_date", "", "FILL IN: first trading day (YYYY-MM-DD); lock-ups count from it", false,
      true);
  add("total_shares", "",
      "FILL IN: total share capital on the register date (the denominator of every percentage); "
      "a top-N register does not hold it",
      false, true);
  for (const auto& [key, value] : m.company) {
    if (key == "issue_price" || key == "profitable_at_listing") {
      out.company.push_back({key, value, "from the mapping file", false});
    }
  }

  // ---- rows ----
  const std::optional<std::size_t> c_name = col_of(RegisterField::kName);
  const std::optional<std::size_t> c_total = col_of(RegisterField::kTotal);
  const std::optional<std::size_t> c_restricted = col_of(RegisterField::kRestricted);
  const std::optional<std::size_t> c_nature = col_of(RegisterField::kNature);
  const std::optional<std::size_t> c_account = col_of(RegisterField::kAccount);
  const std::optional<std::size_t> c_idno = col_of(RegisterField::kIdNumber);
  const std::optional<std::size_t> c_frozen = col_of(RegisterField::kFrozen);
  const std::optional<std::size_t> c_type = col_of(RegisterField::kHolderType);
  const std::string total_header = text_at(header->row, c_total);

  std::map<std::string, std::size_t> by_key;  // merge key -> holders index
  for (std::size_t r = header->row + 1; r < t.rows.size(); ++r) {
    const int row_no = t.row_numbers[r];
    const std::string name = text_at(r, c_name);
    const auto skip = [&](std::size_t col, std::string field, std::string why) {
      out.unmapped.push_back(t.Where(r, col, std::move(field), std::move(why)));
    };
    const std::size_t name_col = *c_name;
    if (name.empty()) {
      std::string first;
      for (const TableCell& c : t.rows[r]) {
        if (!TrimCell(c.text).empty()) {
          first = std::string(TrimCell(c.text));
          break;
        }
      }
      skip(name_col, "name",
           "no holder name in " + t.CellName(r, name_col) + "; row not imported (it reads '" +
               Clip(first, 40) + "')");
      continue;
    }
    const TableCell* total_cell = t.At(r, *c_total);
    std::optional<Shares> total =
        total_cell ? CellShares(*total_cell, scale_of(RegisterField::kTotal)) : Shares{0};
    if (IsTotalsRow(name)) {
      skip(name_col, "name",
           "a totals row ('" + name + "'" +
               (total && *total > 0 ? ", " + Grouped(*total) + " shares" : std::string()) +
               "), not a holder; not imported");
      continue;
    }
    if (IsPublicRow(name)) {
      skip(name_col, "name", "'" + name + "' is not a named holder (public float); not imported");
      continue;
    }
    if (!total) {
      skip(*c_total, "total",
           "'" + (total_cell ? total_cell->text : std::string()) + "' in " +
               t.CellName(r, *c_total) + " is not a whole number of shares" +
               (scale_of(RegisterField::kTotal) == 10000 ? " in 万股 (at most 4 decimals)" : "") +
               "; row not imported");
      continue;
    }
    if (*total <= 0) {
      skip(*c_total, "total",
           "holder '" + name + "' holds no shares (" + t.CellName(r, *c_total) +
               "); row not imported");
      continue;
    }
    Shares restricted = 0;
    if (c_restricted) {
      const TableCell* cell = t.At(r, *c_restricted);
      std::optional<Shares> v =
          cell ? CellShares(*cell, scale_of(RegisterField::kRestricted)) : Shares{0};
      if (!v || *v < 0) {
        skip(*c_restricted, "restricted",
             "'" + (cell ? cell->text : std::string()) + "' in " + t.CellName(r, *c_restricted) +
                 " is not a whole number of shares; row not imported");
        continue;
      }
      if (*v > *total) {
        skip(*c_restricted, "restricted",
             "restricted shares " + Grouped(*v) + " exceed the holding " + Grouped(*total) +
                 "; row not imported");
        continue;
      }
      restricted = *v;
    }
    std::optional<ShareKind> kind;
    std::string nature_text;
    if (c_nature) {
      nature_text = text_at(r, c_nature);
      if (!nature_text.empty()) {
        const auto it = m.share_kinds.find(NormaliseHeader(nature_text));
        if (it == m.share_kinds.end()) {
          skip(*c_nature, "nature",
               "unknown share kind '" + nature_text + "' in " + t.CellName(r, *c_nature) +
                   "; row not imported: map it under share_kinds in a mapping file (e.g. '" +
                   nature_text + ": ipo_original', or 'unrestricted' for free float)");
          continue;
        }
        kind = it->second;
      }
    }
    Shares frozen = 0;
    if (c_frozen) {
      const TableCell* cell = t.At(r, *c_frozen);
      if (std::optional<Shares> v =
              cell ? CellShares(*cell, scale_of(RegisterField::kFrozen)) : std::nullopt) {
        frozen = *v;
      }
    }

    // Merge rows of one holder: same id number, else same name. An id number a spreadsheet
    // stored as a number ("1.10101197001011E+17") has lost digits: never a merge key.
    std::string idno = text_at(r, c_idno);
    bool idno_lossy = false;
    if (c_idno) {
      const TableCell* cell = t.At(r, *c_idno);
      if (cell != nullptr && cell->number &&
          (idno.find_first_of("Ee.") != std::string::npos || idno.size() > 15)) {
        idno_lossy = true;
        idno.clear();
      }
    }
    const std::string key = !idno.empty() ? "id:" + idno : "name:" + name;
    std::size_t hi = 0;
    if (const auto it = by_key.find(key); it != by_key.end()) {
      hi = it->second;
      out.holders[hi].notes.push_back("row " + std::to_string(row_no) +
                                      " merged into this holder (same " +
                                      (idno.empty() ? std::string("name") : "证件号码") + ")");
    } else {
      hi = out.holders.size();
      by_key.emplace(key, hi);
      ImportedHolder h;
      h.name = name;
      h.account = text_at(r, c_account);
      h.id_number = idno;
      h.holder_type = text_at(r, c_type);
      out.holders.push_back(std::move(h));
    }
    ImportedHolder& h = out.holders[hi];
    if (idno_lossy) {
      h.notes.push_back("REVIEW: row " + std::to_string(row_no) + ": the 证件号码 in " +
                        t.CellName(r, *c_idno) +
                        " was stored as a number and has lost digits; rows were matched by name");
    }
    h.rows.push_back(row_no);
    h.total += *total;
    h.frozen += frozen;
    const std::string origin = "row " + std::to_string(row_no);

    const auto add_lot = [&](Shares shares, bool is_restricted, Source source, bool guessed,
                             std::string note, std::string why) {
      ImportedLot lot;
      lot.shares = shares;
      lot.restricted = is_restricted;
      lot.source = source;
      lot.source_guessed = guessed;
      lot.note = std::move(note);
      lot.origin = origin + (why.empty() ? "" : ", " + why);
      h.lots.push_back(std::move(lot));
    };
    const std::string free_note =
        m.unrestricted_source_set
            ? ""
            : "REVIEW: the register does not say where free-float shares came from; ipo_original "
              "(pre-IPO shares) is the conservative reading (caps and pre-announcement apply); "
              "use secondary_bidding for shares bought on the market";
    const std::string restricted_note =
        m.restricted_source_set
            ? ""
            : "REVIEW: restricted shares of an unnamed kind; ipo_original (首发前限售股) assumed";
    const std::string nature_why = kind ? t.CellName(r, *c_nature) + " " + nature_text : "";
    if (c_restricted) {
      const Shares free = *total - restricted;
      if (restricted > 0) {
        if (kind && !kind->unrestricted) {
          add_lot(restricted, true, kind->source, kind->guessed,
                  kind->guessed ? "REVIEW: " + kind->note : "", "restricted, " + nature_why);
        } else {
          add_lot(restricted, true, m.restricted_source, !m.restricted_source_set, restricted_note,
                  "restricted " + t.CellName(r, *c_restricted));
        }
      }
      if (free > 0) {
        add_lot(free, false, m.unrestricted_source, !m.unrestricted_source_set, free_note,
                "free float (" + total_header + " - restricted)");
      }
    } else if (kind) {
      if (kind->unrestricted) {
        add_lot(*total, false, m.unrestricted_source, !m.unrestricted_source_set, free_note,
                nature_why);
      } else {
        add_lot(*total, true, kind->source, kind->guessed,
                kind->guessed ? "REVIEW: " + kind->note : "", nature_why);
      }
    } else {
      add_lot(*total, false, m.unrestricted_source, !m.unrestricted_source_set,
              "REVIEW: the register says neither the share kind nor the restricted part; " +
                  std::string(Name(m.unrestricted_source)) +
                  " assumed (the conservative reading: pre-IPO shares are capped and need "
                  "pre-announcement)",
              "");
    }
  }

  // ---- ids, reviewer's overrides, roles ----
  int next = 1;
  for (ImportedHolder& h : out.holders) {
    HolderOverride* o = nullptr;
    for (HolderOverride& cand : m.holders) {
      if (cand.match == h.name || (!h.account.empty() && cand.match == h.account) ||
          (!h.id_number.empty() && cand.match == h.id_number)) {
        o = &cand;
        break;
      }
    }
    if (o != nullptr) {
      o->used = true;
      h.reviewed = true;
      h.id = o->id;
      h.roles = o->roles;
      h.concert_group = o->concert_group;
      for (ImportedLot& l : h.lots) {
        l.acquired = o->acquired;
        if (!l.restricted && o->unrestricted_source) {
          l.source = *o->unrestricted_source;
          l.source_guessed = false;
          l.note = "free-float origin from the mapping file";
        }
      }
    }
    if (h.id.empty()) h.id = "H" + std::to_string(next);
    ++next;
    int lot_no = 1;
    for (ImportedLot& l : h.lots) l.id = "L" + std::to_string(lot_no++);
  }
  // Holder ids must be unique: a mapping id that repeats is a problem for the reviewer.
  std::map<std::string, int> seen;
  for (const ImportedHolder& h : out.holders) {
    if (++seen[h.id] == 2) {
      problems.push_back(
          {t.file, 0, 0, "holders", "holder id '" + h.id + "' is given to more than one holder"});
    }
  }
  for (const HolderOverride& o : m.holders) {
    if (!o.used) {
      out.mapping_notes.push_back("mapping holders entry '" + o.match +
                                  "' matched no holder of the register");
    }
  }
  return out;
}

// ---- the scenario YAML -------------------------------------------------------------------

namespace {

std::string Q(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\t') {
      out += "\\t";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// A comment line's text: one line, no control characters.
std::string C(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out;
}

bool Numeric(std::string_view key) {
  return key == "total_shares" || key == "issue_price" || key == "listing_date" ||
         key == "exchange" || key == "board" || key == "profitable_at_listing";
}

}  // namespace

std::string RenderImportedScenario(const ImportResult& r, const std::string& generated_at,
                                   const std::string& tool) {
  std::ostringstream o;
  o << "# Scenario imported by `reducheck import` (" << tool << ") on " << generated_at << "\n";
  o << "# from " << C(r.file) << (r.sheet.empty() ? "" : ", sheet " + C(r.sheet)) << ", header row "
    << r.header_row << ".\n";
  if (!r.register_date.empty()) {
    o << "# Register date (权益登记日) " << r.register_date
      << ": the lots below are the holdings on that day; add every sale, purchase and\n"
         "# announcement since then under history, or the checks judge a stale state.\n";
  }
  o << "#\n# Columns read: ";
  for (std::size_t i = 0; i < r.columns_used.size(); ++i)
    o << (i ? "; " : "") << C(r.columns_used[i]);
  o << "\n";
  if (!r.columns_unused.empty()) {
    o << "# Columns not read: ";
    for (std::size_t i = 0; i < r.columns_unused.size(); ++i) {
      o << (i ? ", " : "") << C(r.columns_unused[i]);
    }
    o << "\n";
  }
  o << "#\n# Review before use. Lines marked REVIEW are readings the register cannot confirm;\n"
       "# values marked FILL IN are required and left null, so `reducheck check` refuses this\n"
       "# file, naming each line, until they are filled ("
    << r.fill_in << " to fill).\n";
  if (!r.unmapped.empty()) {
    o << "# " << r.unmapped.size()
      << " register row(s) were NOT imported; they are listed at the end of this file.\n";
  }
  o << "\n";

  o << "company:\n";
  for (const CompanyValue& v : r.company) {
    o << "  " << v.key << ": ";
    if (v.value.empty()) {
      o << "null";
    } else if (Numeric(v.key)) {
      o << v.value;
    } else {
      o << Q(v.value);
    }
    if (!v.note.empty()) o << "  # " << C(v.note);
    o << "\n";
  }
  o << "\n# REVIEW roles: the register does not say who is the controlling shareholder, actual\n"
       "# controller, director, supervisor, senior manager, core technical staff or strategic\n"
       "# investor, nor who acts in concert (concert_group): add them (docs/input-format.md).\n";
  o << "holders:\n";
  for (const ImportedHolder& h : r.holders) {
    o << "  - id: " << Q(h.id);
    std::string rows;
    for (int row : h.rows) rows += (rows.empty() ? "" : ", ") + std::to_string(row);
    o << "  # register row" << (h.rows.size() > 1 ? "s " : " ") << rows;
    if (!h.account.empty()) o << ", account " << C(h.account);
    if (!h.holder_type.empty()) o << ", " << C(h.holder_type);
    o << "\n";
    o << "    name: " << Q(h.name) << "\n";
    if (h.reviewed) {
      o << "    roles: [";
      for (std::size_t i = 0; i < h.roles.size(); ++i) o << (i ? ", " : "") << h.roles[i];
      o << "]  # from the mapping file\n";
      if (!h.concert_group.empty()) o << "    concert_group: " << Q(h.concert_group) << "\n";
    } else {
      bool pre_ipo = false;
      for (const ImportedLot& l : h.lots) pre_ipo = pre_ipo || l.source == Source::kIpoOriginal;
      if (pre_ipo) {
        o << "    roles: [pre_ipo_shareholder]  # REVIEW: holds ipo_original lots; add other "
             "roles\n";
      } else {
        o << "    roles: []  # REVIEW: add roles\n";
      }
    }
    for (const std::string& note : h.notes) o << "    # " << C(note) << "\n";
    if (h.frozen > 0) {
      o << "    # " << Grouped(h.frozen)
        << " shares frozen or pledged in the register (not modelled: they cannot be sold while "
           "frozen)\n";
    }
    o << "    lots:\n";
    for (const ImportedLot& l : h.lots) {
      o << "      - id: " << Q(l.id) << "  # " << C(l.origin) << "\n";
      o << "        shares: " << l.shares << "\n";
      o << "        source: " << Name(l.source);
      if (!l.note.empty()) o << "  # " << C(l.note);
      o << "\n";
      if (!l.acquired.empty()) {
        o << "        acquired: " << l.acquired << "  # from the mapping file\n";
      } else if (l.source != Source::kIpoOriginal) {
        o << "        # acquired: YYYY-MM-DD  # REVIEW: when the lot was acquired; rules that "
             "count from it report unknown without it\n";
      }
    }
  }
  o << "\n# orders:  # add the orders to judge, e.g.\n"
       "#   - {id: O1, holder: H1, date: 2026-03-10, method: centralized_bidding, shares: "
       "100000}\n";
  if (!r.unmapped.empty() || !r.mapping_notes.empty()) {
    o << "\n# ---- Register rows NOT imported (nothing is dropped silently) ----\n";
    for (const Diagnostic& d : r.unmapped) o << "# " << C(Format(d)) << "\n";
    for (const std::string& n : r.mapping_notes) o << "# " << C(n) << "\n";
  }
  return o.str();
}

}  // namespace reducheck::adapters
