// Input encodings (text_encoding.h): GB18030 -> UTF-8 with glibc's iconv.
#include "reducheck/adapters/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace reducheck::adapters {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// 1-based line and column (in bytes) of `offset` in `bytes`.
void LineColumn(std::string_view bytes, std::size_t offset, int& line, int& column) {
  line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  column = static_cast<int>(offset - line_start) + 1;
}

std::string HexBytes(std::string_view bytes, std::size_t offset, std::size_t count) {
  std::string out;
  for (std::size_t i = offset; i < bytes.size() && i < offset + count; ++i) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%s0x%02X", out.empty() ? "" : " ",
                  static_cast<unsigned>(static_cast<unsigned char>(bytes[i])));
    out += buf;
  }
  return out;
}

class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

}  // namespace

std::optional<InputEncoding> ParseEncodingName(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "utf-8" || n == "utf8") return InputEncoding::kUtf8;
  if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") return InputEncoding::kGb18030;
  return std::nullopt;
}

std::string_view EncodingNames() { return "utf-8 (default), gb18030 (also gbk, gb2312, cp936)"; }

bool IsValidUtf8(std::string_view s, std::size_t* bad_offset) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    const unsigned char c = at(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    if (i + len > n) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    if (at(i + 1) < lo || at(i + 1) > hi) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (std::size_t k = 2; k < len; ++k) {
      if (at(i + k) < 0x80 || at(i + k) > 0xBF) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
    }
    i += len;
  }
  return true;
}

DecodedText DecodeToUtf8(std::string bytes, InputEncoding encoding, const std::string& file) {
  DecodedText out;
  if (encoding == InputEncoding::kUtf8) {
    out.text = std::move(bytes);
    return out;
  }
  const auto refuse = [&](int line, int column, std::string message) {
    out.problem = Diagnostic{file, line, column, "", std::move(message)};
    return out;
  };
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
    return refuse(1, 1,
                  "the file starts with a UTF-8 byte order mark, so it is UTF-8, not GB18030: "
                  "drop --encoding gb18030");
  }
  bool ascii = true;
  for (char c : bytes) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {  // the same bytes in both encodings
    out.text = std::move(bytes);
    return out;
  }
  if (IsValidUtf8(bytes)) {
    return refuse(0, 0,
                  "the file is already valid UTF-8 and holds non-ASCII text; converting it from "
                  "GB18030 would corrupt it: drop --encoding gb18030");
  }
  Iconv cd("UTF-8", "GB18030");
  if (!cd.ok()) {
    return refuse(0, 0, "cannot convert from GB18030: this system's iconv lacks it");
  }
  std::string result;
  result.resize(bytes.size() * 2 + 16);
  char* in = bytes.data();
  std::size_t in_left = bytes.size();
  std::size_t written = 0;
  while (in_left > 0) {
    char* outp = result.data() + written;
    std::size_t out_left = result.size() - written;
    const std::size_t rc = iconv(cd.get(), &in, &in_left, &outp, &out_left);
    written = static_cast<std::size_t>(outp - result.data());
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      result.resize(result.size() * 2);
      continue;
    }
    const std::size_t offset = static_cast<std::size_t>(in - bytes.data());
    int line = 0;
    int column = 0;
    LineColumn(bytes, offset, line, column);
    if (errno == EINVAL) {
      return refuse(line, column,
                    "the file ends inside a GB18030 character at byte offset " +
                        std::to_string(offset) + " (" + HexBytes(bytes, offset, 4) +
                        "): truncated or not GB18030");
    }
    return refuse(line, column,
                  "not valid GB18030 at byte offset " + std::to_string(offset) + " (" +
                      HexBytes(bytes, offset, 4) +
                      "): the file is in another encoding; convert it to UTF-8 (e.g. iconv -f "
                      "ENCODING -t UTF-8) and drop --encoding");
  }
  result.resize(written);
  out.text = std::move(result);
  return out;
}

DecodedText ReadTextFile(const std::string& path, InputEncoding encoding) {
  DecodedText out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    out.problem = Diagnostic{path, 0, 0, "", "cannot read the file: no such file"};
    return out;
  }
  if (std::filesystem::is_directory(path, ec)) {
    out.problem = Diagnostic{path, 0, 0, "", "is a directory, not a file"};
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.problem = Diagnostic{path, 0, 0, "", "cannot open the file for reading"};
    return out;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    out.problem = Diagnostic{path, 0, 0, "", "read error"};
    return out;
  }
  return DecodeToUtf8(std::move(buf).str(), encoding, path);
}

}  // namespace reducheck::adapters
