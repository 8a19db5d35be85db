// The batch workbook (batch_workbook.h).
#include "report/batch_workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace reducheck::adapters {
namespace {

constexpr std::size_t kExcelMaxRows = 1048576;

bool Zh(Lang lang) { return lang == Lang::kZh; }
const char* L(Lang lang, const char* en, const char* zh) { return Zh(lang) ? zh : en; }

std::string VerdictName(std::string_view v, Lang lang) {
  if (!Zh(lang)) return std::string(v);
  if (v == "pass") return "通过";
  if (v == "fail") return "不通过";
  if (v == "unknown") return "无法判断";
  if (v == "announcement") return "公告";
  if (v == "error") return "错误";
  return std::string(v);
}

std::string MethodName(std::string_view m, Lang lang) {
  if (!Zh(lang)) return std::string(m);
  if (m == "centralized_bidding") return "集中竞价";
  if (m == "block_trade") return "大宗交易";
  if (m == "agreement_transfer") return "协议转让";
  if (m == "inquiry_transfer") return "询价转让";
  return std::string(m);
}

std::string KindName(std::string_view k, Lang lang) {
  if (!Zh(lang)) return std::string(k);
  if (k == "sale") return "卖出";
  if (k == "reduction_plan") return "减持计划";
  if (k == "equity_change_report") return "权益变动报告书";
  if (k == "completion_report") return "减持计划完成公告";
  if (k == "progress_report") return "减持进展公告";
  if (k == "one_percent_notice") return "1%变动公告";
  return std::string(k);
}

// A worksheet name Excel accepts: no []:*?/\, at most 31 characters (counted in UTF-8 code
// points), unique in the workbook (case-insensitively).
std::string SheetName(const std::string& wanted, std::set<std::string>& used) {
  std::string base;
  for (char c : wanted) {
    base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  }
  const auto cut = [](const std::string& s, std::size_t max_points) {
    std::size_t points = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
        if (points == max_points) break;
        ++points;
      }
    }
    return s.substr(0, i);
  };
  base = cut(base, 31);
  if (base.empty() || base == "History") base = "holder";
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  };
  std::string name = base;
  for (int n = 2; used.count(lower(name)); ++n) {
    const std::string suffix = "~" + std::to_string(n);
    name = cut(base, 31 - suffix.size()) + suffix;
  }
  used.insert(lower(name));
  return name;
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* date = nullptr;
  lxw_format* number = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* fail = nullptr;
  lxw_format* pass = nullptr;
  lxw_format* bold = nullptr;
};

void Header(lxw_worksheet* ws, const std::vector<std::pair<const char*, double>>& cols,
            const Formats& f) {
  for (std::size_t c = 0; c < cols.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cols[c].first, f.header);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), cols[c].second,
                         nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
}

void WriteDate(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const WorkbookLine& l,
               const Formats& f) {
  if (l.date) {
    lxw_datetime dt = {l.date->year(), l.date->month(), l.date->day(), 0, 0, 0};
    worksheet_write_datetime(ws, r, c, &dt, f.date);
  } else {
    worksheet_write_string(ws, r, c, l.date_text.c_str(), nullptr);
  }
}

void WriteShares(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::optional<Shares> v,
                 const std::string& text, const Formats& f) {
  if (v && *v < (Shares{1} << 53)) {  // exact in a double
    worksheet_write_number(ws, r, c, static_cast<double>(*v), f.number);
  } else if (!text.empty()) {
    worksheet_write_string(ws, r, c, text.c_str(), nullptr);
  }
}

std::string Joined(const std::vector<WorkbookViolation>& vs, bool citations,
                   const std::vector<std::string>& unknown) {
  std::string out;
  for (const WorkbookViolation& v : vs) {
    if (!out.empty()) out += "\n";
    out += v.rule + ": " + (citations ? v.citation : v.message);
  }
  if (!citations) {
    for (const std::string& u : unknown) {
      if (!out.empty()) out += "\n";
      out += u;
    }
  }
  return out;
}

}  // namespace

Status WriteBatchWorkbook(const std::vector<WorkbookLine>& lines, const WorkbookInfo& info,
                          const std::string& path) {
  if (lines.size() + 1 > kExcelMaxRows) {
    return InvalidInput("the schedule has more lines than an Excel sheet holds (" +
                        std::to_string(kExcelMaxRows - 1) + "); use --format csv or jsonl");
  }
  const Lang lang = info.lang;
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return InvalidInput(path + ": cannot create the workbook");
  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xF1F3F6);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "yyyy-mm-dd");
  f.number = workbook_add_format(wb);
  format_set_num_format(f.number, "#,##0");
  f.wrap = workbook_add_format(wb);
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  f.fail = workbook_add_format(wb);
  format_set_font_color(f.fail, 0xB03030);
  format_set_bold(f.fail);
  f.pass = workbook_add_format(wb);
  format_set_font_color(f.pass, 0x1B6E1B);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);

  std::set<std::string> used;
  lxw_worksheet* ws_lines =
      workbook_add_worksheet(wb, SheetName(L(lang, "Lines", "明细"), used).c_str());
  lxw_worksheet* ws_viol =
      workbook_add_worksheet(wb, SheetName(L(lang, "Violations", "违规"), used).c_str());
  lxw_worksheet* ws_sum =
      workbook_add_worksheet(wb, SheetName(L(lang, "Summary", "汇总"), used).c_str());

  // ---- Lines ----
  Header(ws_lines,
         {{L(lang, "Line", "行号"), 7},
          {L(lang, "ID", "编号"), 10},
          {L(lang, "Kind", "类型"), 14},
          {L(lang, "Holder", "股东"), 12},
          {L(lang, "Date", "日期"), 11},
          {L(lang, "Method", "方式"), 18},
          {L(lang, "Shares", "股数"), 13},
          {L(lang, "Verdict", "结论"), 10},
          {L(lang, "Categories", "违规类别"), 10},
          {L(lang, "Rules", "规则"), 26},
          {L(lang, "Max compliant shares", "最多可合规卖出"), 14},
          {L(lang, "Binding rule", "约束规则"), 16},
          {L(lang, "Recorded", "已记入"), 9},
          {L(lang, "Violations and what could not be decided", "违规说明及无法判断事项"), 70},
          {L(lang, "Citations", "法律依据"), 50},
          {L(lang, "Error", "错误"), 40},
          {L(lang, "Provisional calendar years counted", "所计交易日属临时日历年份"), 14}},
         f);
  lxw_row_t r = 1;
  for (const WorkbookLine& l : lines) {
    worksheet_write_number(ws_lines, r, 0, l.line, nullptr);
    worksheet_write_string(ws_lines, r, 1, l.id.c_str(), nullptr);
    worksheet_write_string(ws_lines, r, 2, KindName(l.kind, lang).c_str(), nullptr);
    worksheet_write_string(ws_lines, r, 3, l.holder.c_str(), nullptr);
    WriteDate(ws_lines, r, 4, l, f);
    worksheet_write_string(ws_lines, r, 5, MethodName(l.method, lang).c_str(), nullptr);
    WriteShares(ws_lines, r, 6, l.shares, l.shares_text, f);
    worksheet_write_string(ws_lines, r, 7, VerdictName(l.verdict, lang).c_str(),
                           l.verdict == "fail" || l.verdict == "error" ? f.fail
                           : l.verdict == "pass"                       ? f.pass
                                                                       : nullptr);
    worksheet_write_string(ws_lines, r, 8, l.categories.c_str(), nullptr);
    worksheet_write_string(ws_lines, r, 9, l.rules.c_str(), nullptr);
    WriteShares(ws_lines, r, 10, l.headroom, "", f);
    worksheet_write_string(ws_lines, r, 11, l.binding.c_str(), nullptr);
    worksheet_write_string(ws_lines, r, 12, l.recorded ? L(lang, "yes", "是") : L(lang, "no", "否"),
                           nullptr);
    const std::string messages = Joined(l.violations, false, l.unknown);
    const std::string citations = Joined(l.violations, true, {});
    if (!messages.empty()) worksheet_write_string(ws_lines, r, 13, messages.c_str(), f.wrap);
    if (!citations.empty()) worksheet_write_string(ws_lines, r, 14, citations.c_str(), f.wrap);
    if (!l.error.empty()) worksheet_write_string(ws_lines, r, 15, l.error.c_str(), f.wrap);
    if (!l.provisional_years.empty()) {
      worksheet_write_string(ws_lines, r, 16, l.provisional_years.c_str(), nullptr);
    }
    ++r;
  }
  worksheet_autofilter(ws_lines, 0, 0, r - 1, 16);

  // ---- Violations ----
  Header(ws_viol,
         {{L(lang, "Line", "行号"), 7},
          {L(lang, "ID", "编号"), 10},
          {L(lang, "Holder", "股东"), 12},
          {L(lang, "Date", "日期"), 11},
          {L(lang, "Rule", "规则"), 16},
          {L(lang, "Category", "类别"), 9},
          {L(lang, "Shares in breach", "违规股数"), 13},
          {L(lang, "Message", "说明"), 90},
          {L(lang, "Citation", "法律依据"), 60}},
         f);
  lxw_row_t vr = 1;
  for (const WorkbookLine& l : lines) {
    for (const WorkbookViolation& v : l.violations) {
      if (vr >= kExcelMaxRows) break;
      worksheet_write_number(ws_viol, vr, 0, l.line, nullptr);
      worksheet_write_string(ws_viol, vr, 1, l.id.c_str(), nullptr);
      worksheet_write_string(ws_viol, vr, 2, l.holder.c_str(), nullptr);
      WriteDate(ws_viol, vr, 3, l, f);
      worksheet_write_string(ws_viol, vr, 4, v.rule.c_str(), nullptr);
      worksheet_write_number(ws_viol, vr, 5, v.category, nullptr);
      worksheet_write_number(ws_viol, vr, 6, static_cast<double>(v.shares_in_breach), f.number);
      worksheet_write_string(ws_viol, vr, 7, v.message.c_str(), f.wrap);
      worksheet_write_string(ws_viol, vr, 8, v.citation.c_str(), f.wrap);
      ++vr;
    }
  }
  if (vr > 1) worksheet_autofilter(ws_viol, 0, 0, vr - 1, 8);

  // ---- One sheet per holder: its running quota ----
  std::map<std::string, std::vector<const WorkbookLine*>> by_holder;
  for (const WorkbookLine& l : lines) by_holder[l.holder].push_back(&l);
  std::vector<std::string> order;
  for (const auto& [id, name] : info.holder_names) {
    if (by_holder.count(id)) order.push_back(id);
  }
  for (const auto& [id, ls] : by_holder) {
    if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
  }
  const bool holder_sheets = order.size() <= kMaxHolderSheets;
  if (holder_sheets) {
    for (const std::string& id : order) {
      lxw_worksheet* ws =
          workbook_add_worksheet(wb, SheetName(id.empty() ? "_" : id, used).c_str());
      Header(ws,
             {{L(lang, "Line", "行号"), 7},
              {L(lang, "ID", "编号"), 10},
              {L(lang, "Date", "日期"), 11},
              {L(lang, "Kind", "类型"), 14},
              {L(lang, "Method", "方式"), 18},
              {L(lang, "Shares", "股数"), 13},
              {L(lang, "Verdict", "结论"), 10},
              {L(lang, "Max compliant shares on the line", "当行最多可合规卖出"), 16},
              {L(lang, "Binding rule", "约束规则"), 16},
              {L(lang, "Recorded", "已记入"), 9},
              {L(lang, "Sold so far in the schedule", "本计划累计已卖出"), 15},
              {L(lang, "Holding after the line", "该行后持股"), 15}},
             f);
      lxw_row_t hr = 1;
      for (const WorkbookLine* l : by_holder[id]) {
        worksheet_write_number(ws, hr, 0, l->line, nullptr);
        worksheet_write_string(ws, hr, 1, l->id.c_str(), nullptr);
        WriteDate(ws, hr, 2, *l, f);
        worksheet_write_string(ws, hr, 3, KindName(l->kind, lang).c_str(), nullptr);
        worksheet_write_string(ws, hr, 4, MethodName(l->method, lang).c_str(), nullptr);
        WriteShares(ws, hr, 5, l->shares, l->shares_text, f);
        worksheet_write_string(ws, hr, 6, VerdictName(l->verdict, lang).c_str(),
                               l->verdict == "fail" || l->verdict == "error" ? f.fail : nullptr);
        WriteShares(ws, hr, 7, l->headroom, "", f);
        worksheet_write_string(ws, hr, 8, l->binding.c_str(), nullptr);
        worksheet_write_string(ws, hr, 9, l->recorded ? L(lang, "yes", "是") : L(lang, "no", "否"),
                               nullptr);
        worksheet_write_number(ws, hr, 10, static_cast<double>(l->sold_so_far), f.number);
        WriteShares(ws, hr, 11, l->holding_after, "", f);
        ++hr;
      }
    }
  }

  // ---- Summary ----
  std::map<std::string, long> by_verdict, by_rule, by_category;
  for (const WorkbookLine& l : lines) {
    ++by_verdict[VerdictName(l.verdict, lang)];
    for (const WorkbookViolation& v : l.violations) {
      ++by_rule[v.rule];
      ++by_category[std::to_string(v.category)];
    }
    std::string_view rest(l.rules);
    while (!rest.empty()) {  // rules that could not decide, marked '?'
      const std::size_t semi = rest.find(';');
      const std::string_view item = rest.substr(0, semi);
      if (!item.empty() && item.back() == '?') ++by_rule[std::string(item)];
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  lxw_row_t s = 0;
  const auto kv = [&](const char* key, const std::string& value) {
    worksheet_write_string(ws_sum, s, 0, key, f.bold);
    worksheet_write_string(ws_sum, s++, 1, value.c_str(), nullptr);
  };
  kv(L(lang, "Scenario", "情景文件"), info.scenario);
  kv(L(lang, "Schedule", "减持计划表"), info.schedule);
  kv(L(lang, "Generated (UTC)", "生成时间（UTC）"), info.generated_at);
  kv(L(lang, "Tool version", "工具版本"), info.tool);
  worksheet_write_string(ws_sum, s, 0, L(lang, "Schedule lines", "计划行数"), f.bold);
  worksheet_write_number(ws_sum, s++, 1, static_cast<double>(lines.size()), nullptr);
  const auto section = [&](const char* title, const std::map<std::string, long>& counts) {
    ++s;
    worksheet_write_string(ws_sum, s++, 0, title, f.bold);
    for (const auto& [key, n] : counts) {
      worksheet_write_string(ws_sum, s, 0, key.c_str(), nullptr);
      worksheet_write_number(ws_sum, s++, 1, static_cast<double>(n), nullptr);
    }
  };
  section(L(lang, "Lines by verdict", "各结论行数"), by_verdict);
  section(
      L(lang, "Lines breaking each rule (? = could not decide)", "各规则违规行数（? = 无法判断）"),
      by_rule);
  section(L(lang, "Violations by penalty category", "各处罚类别违规数"), by_category);
  if (!holder_sheets) {
    ++s;
    worksheet_write_string(
        ws_sum, s++, 0,
        (std::string(L(lang, "More than ", "股东超过 ")) + std::to_string(kMaxHolderSheets) +
         L(lang, " holders: no sheet per holder (filter the Lines sheet by holder)",
           " 名：未按股东分表（请在明细表中按股东筛选）"))
            .c_str(),
        nullptr);
  }
  worksheet_set_column(ws_sum, 0, 0, 44, nullptr);
  worksheet_set_column(ws_sum, 1, 1, 40, nullptr);

  const lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) return InvalidInput(path + ": " + lxw_strerror(e));
  return Status::Ok();
}

}  // namespace reducheck::adapters
