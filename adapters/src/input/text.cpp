#include "input/text.h"

#include <algorithm>
#include <cstdio>

#include "input/limits.h"

namespace reducheck::input {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Decodes the UTF-8 sequence at text[i] into `cp`; returns its length (1..4), or 0 when the
// bytes there are not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::size_t Decode(std::string_view text, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t n = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool IsControl(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

// Characters that change how the text around them displays without showing themselves:
// bidirectional marks, embeddings, overrides and isolates, zero-width characters, the line and
// paragraph separators and a byte order mark inside text.
bool IsInvisibleFormat(char32_t c) {
  return c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

std::string Hex2(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

std::string CodePoint(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

std::string ControlName(char32_t c) {
  switch (c) {
    case 0x00:
      return CodePoint(c) + " (NUL)";
    case 0x08:
      return CodePoint(c) + " (backspace)";
    case 0x09:
      return CodePoint(c) + " (tab)";
    case 0x0A:
      return CodePoint(c) + " (line feed)";
    case 0x0D:
      return CodePoint(c) + " (carriage return)";
    case 0x1B:
      return CodePoint(c) + " (ESC, which starts terminal escape sequences)";
    case 0x7F:
      return CodePoint(c) + " (DEL)";
    default:
      return CodePoint(c);
  }
}

// True when every non-ASCII byte of `text` belongs to a well-formed GB18030 sequence (2 bytes:
// 81-FE then 40-7E/80-FE; 4 bytes: 81-FE 30-39 81-FE 30-39) and there is at least one.
bool LooksLikeGb18030(std::string_view text) {
  bool any = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b == 0x80 || b == 0xFF || i + 1 >= text.size()) return false;
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b1 >= 0x40 && b1 <= 0x7E) || (b1 >= 0x80 && b1 <= 0xFE)) {
      i += 2;
    } else if (b1 >= 0x30 && b1 <= 0x39 && i + 3 < text.size() &&
               static_cast<unsigned char>(text[i + 2]) >= 0x81 &&
               static_cast<unsigned char>(text[i + 2]) <= 0xFE &&
               static_cast<unsigned char>(text[i + 3]) >= 0x30 &&
               static_cast<unsigned char>(text[i + 3]) <= 0x39) {
      i += 4;
    } else {
      return false;
    }
    any = true;
  }
  return any;
}

bool LooksLikeUtf16(std::string_view text) {
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") return true;
  const std::string_view head = text.substr(0, 512);
  const auto nuls = std::count(head.begin(), head.end(), '\0');
  return head.size() >= 4 && static_cast<std::size_t>(nuls) * 4 >= head.size();
}

// Where the value problem functions look: the first bad character, or npos.
struct Scan {
  std::size_t offset = std::string_view::npos;
  std::string what;  // "contains ..." / "is not valid UTF-8 ..."
};

Scan ScanValue(std::string_view value) {
  Scan scan;
  for (std::size_t i = 0; i < value.size();) {
    char32_t cp = 0;
    const std::size_t n = Decode(value, i, cp);
    if (n == 0) {
      scan.offset = i;
      scan.what = "is not valid UTF-8 (byte " + Hex2(static_cast<unsigned char>(value[i])) +
                  " at byte offset " + std::to_string(i) + ")";
      return scan;
    }
    if (IsControl(cp)) {
      scan.offset = i;
      scan.what = "contains the control character " + ControlName(cp) + " at byte offset " +
                  std::to_string(i);
      return scan;
    }
    if (IsInvisibleFormat(cp)) {
      scan.offset = i;
      scan.what = "contains the invisible formatting character " + CodePoint(cp) +
                  " (bidirectional or zero-width) at byte offset " + std::to_string(i);
      return scan;
    }
    i += n;
  }
  return scan;
}

}  // namespace

std::size_t DecodeUtf8(std::string_view text, std::size_t i, char32_t& cp) {
  return Decode(text, i, cp);
}

std::string_view WithoutBom(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  return text;
}

std::string GuessEncoding(std::string_view text, std::size_t bad_offset) {
  if (LooksLikeUtf16(text)) {
    return "it looks like UTF-16: convert it with `iconv -f UTF-16 -t UTF-8`";
  }
  constexpr std::size_t kSample = 1u << 20;
  const std::size_t from = bad_offset > kSample / 2 ? bad_offset - kSample / 2 : 0;
  std::string_view sample = text.substr(from, kSample);
  // Start the sample on a line boundary, so it does not begin inside a multi-byte sequence.
  if (from > 0) {
    const std::size_t nl = sample.find('\n');
    if (nl != std::string_view::npos) sample.remove_prefix(nl + 1);
  }
  if (LooksLikeGb18030(sample)) {
    return "it looks like GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8`";
  }
  if (static_cast<unsigned char>(text[bad_offset]) >= 0xA0) {
    return "it looks like a single-byte encoding such as Windows-1252 or Latin-1: convert it "
           "with `iconv -f WINDOWS-1252 -t UTF-8`";
  }
  return "save it as UTF-8";
}

std::optional<TextProblem> CheckInputText(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    TextProblem p;
    p.offset = max_bytes;
    p.message = "is " + std::to_string(text.size()) + " bytes long; the limit is " +
                std::to_string(max_bytes) + " bytes";
    return p;
  }
  const std::size_t start = text.size() - WithoutBom(text).size();
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = start; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x20 && b < 0x7F) {  // printable ASCII: the common case
      ++i;
      continue;
    }
    if (b == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    if (b == '\t' || b == '\r') {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = Decode(text, i, cp);
    if (n == 0 || IsControl(cp)) {
      TextProblem p;
      p.offset = i;
      p.line = line;
      p.column = static_cast<int>(i - line_start) + 1;
      if (n == 0) {
        p.message = "is not valid UTF-8: the first bad byte is " + Hex2(b) + " at byte offset " +
                    std::to_string(i) + "; " + GuessEncoding(text, i);
      } else {
        p.message = "holds the control character " + ControlName(cp) + " at byte offset " +
                    std::to_string(i) +
                    "; reducheck inputs may hold no control character but tab, line feed and "
                    "carriage return";
        if (cp == 0 && LooksLikeUtf16(text)) {
          p.message += "; " + GuessEncoding(text, i);
        }
      }
      return p;
    }
    i += n;
  }
  return std::nullopt;
}

std::string IdProblem(std::string_view value) {
  if (value.empty()) return "is empty; an identifier needs at least one character";
  if (value.size() > kMaxIdBytes) {
    return "is " + std::to_string(value.size()) + " bytes long; identifiers are at most " +
           std::to_string(kMaxIdBytes) + " bytes";
  }
  Scan scan = ScanValue(value);
  if (scan.offset != std::string_view::npos) {
    return scan.what + "; identifiers may hold no control or invisible formatting character";
  }
  return {};
}

std::string TextValueProblem(std::string_view value) {
  if (value.size() > kMaxTextBytes) {
    return "is " + std::to_string(value.size()) + " bytes long; text values are at most " +
           std::to_string(kMaxTextBytes) + " bytes";
  }
  Scan scan = ScanValue(value);
  if (scan.offset != std::string_view::npos) {
    return scan.what + "; text values may hold no control or invisible formatting character";
  }
  return {};
}

std::string Printable(std::string_view value, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(value.size(), max_bytes) + 8);
  for (std::size_t i = 0; i < value.size();) {
    if (out.size() >= max_bytes) {
      out += "...";
      break;
    }
    char32_t cp = 0;
    const std::size_t n = Decode(value, i, cp);
    if (n == 0) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(value[i]));
      out += buf;
      ++i;
      continue;
    }
    if (IsControl(cp) || IsInvisibleFormat(cp)) {
      char buf[16];
      if (cp < 0x100) {
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
      } else {
        std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      }
      out += buf;
    } else {
      out.append(value.substr(i, n));
    }
    i += n;
  }
  return out;
}

}  // namespace reducheck::input
