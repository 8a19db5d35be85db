// JSON rendering of verdicts (contract.md §2) and the value formatting shared by renderers.
//
// Keys are emitted in contract order through nlohmann::ordered_json; the output depends only
// on the verdicts (no clock, no locale, no hash order), so goldens can compare it byte for byte.
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "json/verdict_json_writer.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/rule_info.h"

namespace reducheck::adapters {

namespace {

using Json = nlohmann::ordered_json;
__extension__ typedef __int128 Int128;            // exact ratio arithmetic (g++/clang)
__extension__ typedef unsigned __int128 UInt128;  // NOLINT(runtime/int)

// Decimal digits of a non-negative 128-bit integer.
std::string ToDecimal(UInt128 v) {
  if (v == 0) return "0";
  std::string digits;
  while (v > 0) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return digits;
}

// `v` as exactly `width` digits, left-padded with zeros. REQUIRES: v < 10^width.
std::string ZeroPad(std::uint64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<size_t>(width) - s.size(), '0');
  return s;
}

Json DateOrNull(const std::optional<Date>& d) {
  if (!d || d->is_special()) return Json(nullptr);
  return Json(FormatDate(*d));
}

Json TextJson(const Text& t) {
  Json j = Json::object();
  j["en"] = t.en;
  j["zh"] = t.zh;
  return j;
}

Json RuleIdOrNull(const RuleInfo* rule) {
  if (rule == nullptr) return Json(nullptr);
  return Json(std::string(rule->id));
}

Json FactJson(const FactValue& value) {
  return std::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          return Json(v);
        } else if constexpr (std::is_same_v<T, Date>) {
          return DateOrNull(v);
        } else if constexpr (std::is_same_v<T, DateRange>) {
          Json range = Json::array();
          range.push_back(DateOrNull(v.first));
          range.push_back(DateOrNull(v.last));
          return range;
        } else if constexpr (std::is_same_v<T, Money>) {
          return Json(FormatMoney(v));
        } else if constexpr (std::is_same_v<T, Ratio>) {
          if (v.whole == 0) return Json(nullptr);
          return Json(FormatRatio(v));
        } else if constexpr (std::is_same_v<T, std::string>) {
          return Json(v);
        } else {
          static_assert(std::is_same_v<T, bool>, "unhandled FactValue alternative");
          return Json(v);
        }
      },
      value);
}

Json ViolationJson(const Violation& v) {
  Json j = Json::object();
  j["rule"] = RuleIdOrNull(v.rule);
  j["category"] = static_cast<int>(v.category);
  j["category_name"] = std::string(CategoryName(v.category));
  j["citation"] = v.rule ? Json(std::string(v.rule->citation_zh)) : Json(nullptr);
  j["citation_en"] = v.rule ? Json(std::string(v.rule->citation_en)) : Json(nullptr);
  j["message"] = TextJson(v.message);
  j["shares_in_breach"] = v.shares_in_breach;
  Json facts = Json::object();
  for (const Fact& f : v.facts) facts[std::string(f.key)] = FactJson(f.value);
  j["facts"] = std::move(facts);
  return j;
}

Json UnknownJson(const UnknownFinding& u) {
  Json j = Json::object();
  j["rule"] = RuleIdOrNull(u.rule);
  j["missing"] = TextJson(u.missing);
  return j;
}

Json ObligationJson(const Obligation& o) {
  Json j = Json::object();
  j["kind"] = std::string(o.kind);
  j["rule"] = RuleIdOrNull(o.rule);
  j["due"] = DateOrNull(o.due);
  j["until"] = DateOrNull(o.until);
  j["threshold_pct"] =
      o.threshold_bp != 0 ? Json(FormatBasisPoints(o.threshold_bp)) : Json(nullptr);
  return j;
}

Json MoneyOrNull(const std::optional<Money>& m) {
  return m ? Json(FormatMoney(*m)) : Json(nullptr);
}

// Contract §2 `penalty`: fine_rate as fractions (0.10 = 10%) for the sale-amount basis; amounts
// as decimal strings. Basis points are exact; the fraction is printed from them.
Json PenaltyJson(const PenaltyEstimate& p) {
  Json j = Json::object();
  j["category"] = static_cast<int>(p.category);
  j["category_name"] = std::string(CategoryName(p.category));
  j["shares_in_breach"] = p.shares_in_breach;
  j["sale_amount_rmb"] = MoneyOrNull(p.sale_amount);
  j["basis"] = std::string(p.basis);
  if (p.rate_min_bp && p.rate_max_bp) {
    Json rate = Json::object();
    rate["min"] = static_cast<double>(*p.rate_min_bp) / 10000.0;
    rate["max"] = static_cast<double>(*p.rate_max_bp) / 10000.0;
    j["fine_rate"] = std::move(rate);
  } else {
    j["fine_rate"] = nullptr;
  }
  if (p.multiple_min && p.multiple_max) {
    Json m = Json::object();
    m["min"] = *p.multiple_min;
    m["max"] = *p.multiple_max;
    j["gain_multiple"] = std::move(m);
  }
  if (p.fine_min && p.fine_max) {
    Json f = Json::object();
    f["min"] = FormatMoney(*p.fine_min);
    f["max"] = FormatMoney(*p.fine_max);
    j["fine_rmb"] = std::move(f);
  } else {
    j["fine_rmb"] = nullptr;
  }
  j["circumstance"] = std::string(p.circumstance);
  j["statutory_max_rmb"] = MoneyOrNull(p.statutory_max);
  j["draft"] = p.draft;
  j["note"] = TextJson(p.note);
  return j;
}

Json StringOrNull(std::string_view s) {
  if (s.empty()) return Json(nullptr);
  return Json(std::string(s));
}

Json CheckedOrderJson(const CheckedOrder& c) {
  const Verdict& v = c.verdict;
  Json j = Json::object();
  j["order"] = c.order != nullptr ? Json(c.order->id) : Json(nullptr);
  j["verdict"] = std::string(OutcomeName(v.outcome));
  Json violations = Json::array();
  for (const Violation& x : v.violations) violations.push_back(ViolationJson(x));
  j["violations"] = std::move(violations);
  Json unknown = Json::array();
  for (const UnknownFinding& u : v.unknown) unknown.push_back(UnknownJson(u));
  j["unknown"] = std::move(unknown);
  j["max_compliant_shares"] = v.max_compliant_shares;
  j["binding_rule"] = StringOrNull(v.binding_rule);
  j["earliest_full_date"] = DateOrNull(v.earliest_full_date);
  const bool has_reason =
      !v.earliest_full_date_reason.en.empty() || !v.earliest_full_date_reason.zh.empty();
  j["earliest_full_date_reason"] =
      has_reason ? TextJson(v.earliest_full_date_reason) : Json(nullptr);
  Json obligations = Json::array();
  for (const Obligation& o : v.obligations) obligations.push_back(ObligationJson(o));
  j["obligations"] = std::move(obligations);
  j["penalty"] = v.penalties.empty() ? Json(nullptr) : PenaltyJson(v.penalties.front());
  if (v.penalties.size() > 1) {
    Json all = Json::array();
    for (const PenaltyEstimate& p : v.penalties) all.push_back(PenaltyJson(p));
    j["penalty_by_category"] = std::move(all);
  }
  j["rule_pack"] = StringOrNull(v.rule_pack);
  j["calendar"] = StringOrNull(v.calendar);
  // An A+H issuer's order only: other verdicts keep their exact keys.
  if (!v.cross_market_pack.empty()) j["cross_market_pack"] = std::string(v.cross_market_pack);
  if (!v.calendar_provisional.empty()) {  // only then: other verdicts keep their exact keys
    Json caveat = Json::object();
    Json years = Json::array();
    v.calendar_provisional.ForEach([&](int y) { years.push_back(y); });
    caveat["provisional_years"] = std::move(years);
    const Text t = ProvisionalCaveat(v.calendar_provisional, v.calendar);
    caveat["en"] = t.en;
    caveat["zh"] = t.zh;
    j["calendar_caveat"] = std::move(caveat);
  }
  return j;
}

}  // namespace

std::string FormatDate(Date d) {
  if (d.is_special()) return "";
  return boost::gregorian::to_iso_extended_string(d);
}

std::string FormatMoney(Money m) {
  const std::int64_t units = m.units();
  // Magnitude as unsigned, safe for INT64_MIN.
  const std::uint64_t mag =
      units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  const auto per_yuan = static_cast<std::uint64_t>(Money::kUnitsPerYuan);
  const std::uint64_t yuan = mag / per_yuan;
  const std::uint64_t frac = mag % per_yuan;  // 0..9999, in 1/100 fen
  std::string out = units < 0 ? "-" : "";
  out += std::to_string(yuan);
  out += '.';
  if (frac % 100 == 0) {
    out += ZeroPad(frac / 100, 2);
  } else {
    out += ZeroPad(frac, 4);
  }
  return out;
}

std::string FormatRatio(Ratio r) {
  if (r.whole == 0) return "";
  // Percentage times 10^4, truncated toward zero (C++ integer division truncates).
  const Int128 scaled = static_cast<Int128>(r.part) * 1000000 / static_cast<Int128>(r.whole);
  const UInt128 mag = scaled < 0 ? static_cast<UInt128>(-scaled) : static_cast<UInt128>(scaled);
  std::string out = scaled < 0 ? "-" : "";
  out += ToDecimal(mag / 10000);
  out += '.';
  out += ZeroPad(static_cast<std::uint64_t>(mag % 10000), 4);
  out += '%';
  return out;
}

std::string ProvisionalYearList(const ProvisionalYears& years) {
  std::string out;
  years.ForEach([&](int y) {
    if (!out.empty()) out += ", ";
    out += std::to_string(y);
  });
  return out;
}

Text ProvisionalCaveat(const ProvisionalYears& years, std::string_view calendar) {
  Text t;
  if (years.empty()) return t;
  const std::string list = ProvisionalYearList(years);
  const bool one = (years.bits & (years.bits - 1)) == 0;
  if (calendar.starts_with("hkex")) {  // rules/calendars/hkex.yaml
    t.en = std::string("counts trading days of the provisional HKEX calendar ") +
           (one ? "year " : "years ") + list + ": " + (one ? "its" : "their") +
           " closures are derived from the General Holidays Ordinance (Cap. 149) (the gazetted "
           "list was not read) and may change when it is";
    t.zh = "本结论计算了港交所临时交易日历年份 " + list +
           " 的交易日：其休市日依《公众假期条例》（第149章）推算（未核对宪报公布的假期表），"
           "核对后可能变化";
    return t;
  }
  t.en = std::string("counts trading days of the provisional calendar ") +
         (one ? "year " : "years ") + list + ": " + (one ? "its" : "their") +
         " closures are derived from the Holiday Regulations (no official notice yet) and may "
         "change when the State Council and the exchanges publish " +
         (one ? "it" : "them");
  t.zh = "本结论计算了临时交易日历年份 " + list +
         " 的交易日：其休市日依《全国年节及纪念日放假办法》推算（尚无正式公告），"
         "国务院及交易所公告发布后可能变化";
  return t;
}

std::string FormatBasisPoints(std::int32_t bp) {
  const std::int64_t wide = bp;
  const std::uint64_t mag = static_cast<std::uint64_t>(wide < 0 ? -wide : wide);
  std::string out = wide < 0 ? "-" : "";
  out += std::to_string(mag / 100);
  const std::uint64_t frac = mag % 100;
  if (frac != 0) {
    out += '.';
    out += frac % 10 == 0 ? std::to_string(frac / 10) : ZeroPad(frac, 2);
  }
  out += '%';
  return out;
}

std::string RenderJson(const std::vector<CheckedOrder>& results) {
  Json all = Json::array();
  for (const CheckedOrder& c : results) all.push_back(CheckedOrderJson(c));
  // ensure_ascii off: Chinese text stays readable; invalid UTF-8 is replaced, never thrown.
  std::string out = all.dump(2, ' ', false, Json::error_handler_t::replace);
  out += '\n';
  return out;
}

namespace {

// Printable ASCII that JSON writes as is (no quote, backslash or control character).
bool PlainAscii(std::string_view s) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
  }
  return true;
}

void AppendStringOrNull(std::string& out, std::string_view s) {
  if (s.empty()) {
    out += "null";
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

// The desk's common answer — nothing violated, unknown, owed or explained — written directly,
// byte for byte what the general path writes (verdict_render_test checks it on every example),
// at a fraction of the cost. nullopt when the verdict has any other shape.
std::optional<std::string> PlainVerdictJson(const CheckedOrder& c) {
  const Verdict& v = c.verdict;
  if (!v.violations.empty() || !v.unknown.empty() || !v.obligations.empty() ||
      !v.penalties.empty() || !v.earliest_full_date_reason.en.empty() ||
      !v.earliest_full_date_reason.zh.empty() || !v.calendar_provisional.empty() ||
      !v.cross_market_pack.empty()) {
    return std::nullopt;
  }
  if ((c.order != nullptr && !PlainAscii(c.order->id)) || !PlainAscii(v.binding_rule) ||
      !PlainAscii(v.rule_pack) || !PlainAscii(v.calendar)) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(320);
  out += "{\"order\":";
  if (c.order != nullptr) {
    out += '"';
    out += c.order->id;
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"verdict\":\"";
  out += OutcomeName(v.outcome);
  out += "\",\"violations\":[],\"unknown\":[],\"max_compliant_shares\":";
  out += std::to_string(v.max_compliant_shares);
  out += ",\"binding_rule\":";
  AppendStringOrNull(out, v.binding_rule);
  out += ",\"earliest_full_date\":";
  AppendStringOrNull(out, v.earliest_full_date && !v.earliest_full_date->is_special()
                              ? FormatDate(*v.earliest_full_date)
                              : std::string());
  out += ",\"earliest_full_date_reason\":null,\"obligations\":[],\"penalty\":null,\"rule_pack\":";
  AppendStringOrNull(out, v.rule_pack);
  out += ",\"calendar\":";
  AppendStringOrNull(out, v.calendar);
  out += '}';
  return out;
}

}  // namespace

std::string RenderVerdictJsonCompact(const CheckedOrder& result) {
  if (std::optional<std::string> plain = PlainVerdictJson(result)) return std::move(*plain);
  std::string out;
  out.reserve(2048);
  AppendVerdictJsonCompact(result, out);
  return out;
}

void AppendVerdictJsonCompact(const CheckedOrder& result, std::string& out) {
  if (AppendVerdictJsonDirect(result, out)) return;
  out += CheckedOrderJson(result).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace reducheck::adapters
