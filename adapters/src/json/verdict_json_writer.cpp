// The compact verdict JSON written directly into a string (no JSON tree): the bulk and desk hot
// path. Byte for byte what the general renderer (verdict_json.cpp, nlohmann ordered_json)
// writes: same keys in the same order, same escaping (ensure_ascii off), same number forms.
// test/adapters/verdict_compact_test.cpp compares the two on every order of every example.
// A verdict this writer cannot reproduce exactly (text that is not valid UTF-8, which the
// general path replaces; a fact key given twice) is left to the general path.
#include "json/verdict_json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/rule_info.h"

namespace reducheck::adapters {

namespace {

// The length of the well-formed UTF-8 sequence starting at s[i] (a lead byte >= 0x80), or 0 when
// it is not well-formed (what nlohmann's serializer would replace).
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  const bool overlong =
      (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Whether one of the 8 bytes of `w` needs a closer look in Writer::String: a control byte
// (< 0x20), '"', '\\' or a byte >= 0x80. Exact for "any byte" (the classic has-less-than and
// has-zero-byte tests: a borrow only sets bits above a byte that does match).
bool NeedsLook(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  const std::uint64_t quote = has_zero(w ^ (kOnes * '"'));
  const std::uint64_t backslash = has_zero(w ^ (kOnes * '\\'));
  return (below_space | quote | backslash | (w & kHigh)) != 0;
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  bool ok() const { return ok_; }

  void Raw(std::string_view s) { out_.append(s.data(), s.size()); }
  void Key(std::string_view k) {
    String(k);
    out_ += ':';
  }
  // A JSON string, escaped as nlohmann does with ensure_ascii off.
  void String(std::string_view s) {
    out_ += '"';
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      // Eight plain ASCII bytes at a time (most of a message's English text).
      while (i + 8 <= s.size()) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, sizeof w);
        if (NeedsLook(w)) break;
        i += 8;
      }
      if (i >= s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      // Most Chinese text: a three-byte sequence whose lead (E1..EC, EE, EF) puts no extra limit
      // on its second byte is well-formed when both following bytes are continuation bytes
      // (never overlong, never a surrogate: those need E0 or ED).
      if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < s.size() &&
          (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
          (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      if (c >= 0x80) {  // one pass: validate multi-byte sequences as they come
        const std::size_t len = Utf8Length(s, i);
        if (len == 0) {
          ok_ = false;
          break;
        }
        i += len - 1;
        continue;
      }
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 0xF];
        }
      }
    }
    out_.append(s.data() + plain, s.size() - plain);
    out_ += '"';
  }
  void StringOrNull(std::string_view s) {
    if (s.empty()) {
      Raw("null");
    } else {
      String(s);
    }
  }
  void Int(std::int64_t v) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(end - buf));
  }
  void Bool(bool b) { Raw(b ? "true" : "false"); }
  void DateOrNull(const std::optional<Date>& d) {
    if (!d || d->is_special()) {
      Raw("null");
    } else {
      DateValue(*d);
    }
  }
  void DateValue(Date d) {
    if (d.is_special()) {
      Raw("null");
      return;
    }
    const auto ymd = d.year_month_day();
    char buf[12];
    const int y = ymd.year;
    const int m = ymd.month;
    const int day = ymd.day;
    buf[0] = '"';
    buf[1] = static_cast<char>('0' + y / 1000 % 10);
    buf[2] = static_cast<char>('0' + y / 100 % 10);
    buf[3] = static_cast<char>('0' + y / 10 % 10);
    buf[4] = static_cast<char>('0' + y % 10);
    buf[5] = '-';
    buf[6] = static_cast<char>('0' + m / 10);
    buf[7] = static_cast<char>('0' + m % 10);
    buf[8] = '-';
    buf[9] = static_cast<char>('0' + day / 10);
    buf[10] = static_cast<char>('0' + day % 10);
    buf[11] = '"';
    out_.append(buf, sizeof buf);
  }
  void RuleIdOrNull(const RuleInfo* rule) {
    if (rule == nullptr) {
      Raw("null");
    } else {
      String(rule->id);
    }
  }
  void TextObject(const Text& t) {
    Raw("{\"en\":");
    String(t.en);
    Raw(",\"zh\":");
    String(t.zh);
    out_ += '}';
  }
  void MoneyOrNull(const std::optional<Money>& m) {
    if (m) {
      String(FormatMoney(*m));
    } else {
      Raw("null");
    }
  }
  // A double as nlohmann prints it (shortest round trip, "1.0" for whole numbers).
  void Double(double v) { Raw(nlohmann::ordered_json(v).dump()); }

  void Fact(const FactValue& value) {
    std::visit(
        [this](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::int64_t>) {
            Int(v);
          } else if constexpr (std::is_same_v<T, Date>) {
            DateValue(v);
          } else if constexpr (std::is_same_v<T, DateRange>) {
            out_ += '[';
            DateValue(v.first);
            out_ += ',';
            DateValue(v.last);
            out_ += ']';
          } else if constexpr (std::is_same_v<T, Money>) {
            String(FormatMoney(v));
          } else if constexpr (std::is_same_v<T, Ratio>) {
            if (v.whole == 0) {
              Raw("null");
            } else {
              String(FormatRatio(v));
            }
          } else if constexpr (std::is_same_v<T, std::string>) {
            String(v);
          } else {
            static_assert(std::is_same_v<T, bool>, "unhandled FactValue alternative");
            Bool(v);
          }
        },
        value);
  }

  void Violation(const reducheck::Violation& v) {
    Raw("{\"rule\":");
    RuleIdOrNull(v.rule);
    Raw(",\"category\":");
    Int(static_cast<int>(v.category));
    Raw(",\"category_name\":");
    String(CategoryName(v.category));
    Raw(",\"citation\":");
    if (v.rule != nullptr) {
      String(v.rule->citation_zh);
    } else {
      Raw("null");
    }
    Raw(",\"citation_en\":");
    if (v.rule != nullptr) {
      String(v.rule->citation_en);
    } else {
      Raw("null");
    }
    Raw(",\"message\":");
    TextObject(v.message);
    Raw(",\"shares_in_breach\":");
    Int(v.shares_in_breach);
    Raw(",\"facts\":{");
    for (std::size_t i = 0; i < v.facts.size(); ++i) {
      for (std::size_t k = 0; k < i; ++k) {
        if (v.facts[k].key == v.facts[i].key) ok_ = false;  // the general path merges them
      }
      if (i > 0) out_ += ',';
      Key(v.facts[i].key);
      Fact(v.facts[i].value);
    }
    Raw("}}");
  }

  void Penalty(const PenaltyEstimate& p) {
    Raw("{\"category\":");
    Int(static_cast<int>(p.category));
    Raw(",\"category_name\":");
    String(CategoryName(p.category));
    Raw(",\"shares_in_breach\":");
    Int(p.shares_in_breach);
    Raw(",\"sale_amount_rmb\":");
    MoneyOrNull(p.sale_amount);
    Raw(",\"basis\":");
    String(p.basis);
    Raw(",\"fine_rate\":");
    if (p.rate_min_bp && p.rate_max_bp) {
      Raw("{\"min\":");
      Double(static_cast<double>(*p.rate_min_bp) / 10000.0);
      Raw(",\"max\":");
      Double(static_cast<double>(*p.rate_max_bp) / 10000.0);
      out_ += '}';
    } else {
      Raw("null");
    }
    if (p.multiple_min && p.multiple_max) {
      Raw(",\"gain_multiple\":{\"min\":");
      Int(*p.multiple_min);
      Raw(",\"max\":");
      Int(*p.multiple_max);
      out_ += '}';
    }
    Raw(",\"fine_rmb\":");
    if (p.fine_min && p.fine_max) {
      Raw("{\"min\":");
      String(FormatMoney(*p.fine_min));
      Raw(",\"max\":");
      String(FormatMoney(*p.fine_max));
      out_ += '}';
    } else {
      Raw("null");
    }
    Raw(",\"circumstance\":");
    String(p.circumstance);
    Raw(",\"statutory_max_rmb\":");
    MoneyOrNull(p.statutory_max);
    Raw(",\"draft\":");
    Bool(p.draft);
    Raw(",\"note\":");
    TextObject(p.note);
    out_ += '}';
  }

 private:
  std::string& out_;
  bool ok_ = true;
};

}  // namespace

bool AppendVerdictJsonDirect(const CheckedOrder& c, std::string& out) {
  const std::size_t start = out.size();
  const Verdict& v = c.verdict;
  Writer w(out);
  w.Raw("{\"order\":");
  if (c.order != nullptr) {
    w.String(c.order->id);
  } else {
    w.Raw("null");
  }
  w.Raw(",\"verdict\":");
  w.String(OutcomeName(v.outcome));
  w.Raw(",\"violations\":[");
  for (std::size_t i = 0; i < v.violations.size(); ++i) {
    if (i > 0) out += ',';
    w.Violation(v.violations[i]);
  }
  w.Raw("],\"unknown\":[");
  for (std::size_t i = 0; i < v.unknown.size(); ++i) {
    if (i > 0) out += ',';
    w.Raw("{\"rule\":");
    w.RuleIdOrNull(v.unknown[i].rule);
    w.Raw(",\"missing\":");
    w.TextObject(v.unknown[i].missing);
    out += '}';
  }
  w.Raw("],\"max_compliant_shares\":");
  w.Int(v.max_compliant_shares);
  w.Raw(",\"binding_rule\":");
  w.StringOrNull(v.binding_rule);
  w.Raw(",\"earliest_full_date\":");
  w.DateOrNull(v.earliest_full_date);
  w.Raw(",\"earliest_full_date_reason\":");
  if (!v.earliest_full_date_reason.en.empty() || !v.earliest_full_date_reason.zh.empty()) {
    w.TextObject(v.earliest_full_date_reason);
  } else {
    w.Raw("null");
  }
  w.Raw(",\"obligations\":[");
  for (std::size_t i = 0; i < v.obligations.size(); ++i) {
    const Obligation& o = v.obligations[i];
    if (i > 0) out += ',';
    w.Raw("{\"kind\":");
    w.String(o.kind);
    w.Raw(",\"rule\":");
    w.RuleIdOrNull(o.rule);
    w.Raw(",\"due\":");
    w.DateOrNull(o.due);
    w.Raw(",\"until\":");
    w.DateOrNull(o.until);
    w.Raw(",\"threshold_pct\":");
    if (o.threshold_bp != 0) {
      w.String(FormatBasisPoints(o.threshold_bp));
    } else {
      w.Raw("null");
    }
    out += '}';
  }
  w.Raw("],\"penalty\":");
  if (v.penalties.empty()) {
    w.Raw("null");
  } else {
    w.Penalty(v.penalties.front());
  }
  if (v.penalties.size() > 1) {
    w.Raw(",\"penalty_by_category\":[");
    for (std::size_t i = 0; i < v.penalties.size(); ++i) {
      if (i > 0) out += ',';
      w.Penalty(v.penalties[i]);
    }
    out += ']';
  }
  w.Raw(",\"rule_pack\":");
  w.StringOrNull(v.rule_pack);
  w.Raw(",\"calendar\":");
  w.StringOrNull(v.calendar);
  if (!v.cross_market_pack.empty()) {  // an A+H issuer's order only
    w.Raw(",\"cross_market_pack\":");
    w.String(v.cross_market_pack);
  }
  if (!v.calendar_provisional.empty()) {
    w.Raw(",\"calendar_caveat\":{\"provisional_years\":[");
    bool first = true;
    v.calendar_provisional.ForEach([&](int y) {
      if (!first) out += ',';
      first = false;
      out += std::to_string(y);
    });
    const Text t = ProvisionalCaveat(v.calendar_provisional, v.calendar);
    w.Raw("],\"en\":");
    w.String(t.en);
    w.Raw(",\"zh\":");
    w.String(t.zh);
    out += '}';
  }
  out += '}';
  if (!w.ok()) {
    out.resize(start);
    return false;
  }
  return true;
}

}  // namespace reducheck::adapters
