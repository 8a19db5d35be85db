// The text checks every reader applies before it trusts a byte (docs/security.md#limits):
//
//  * a whole input (file or request body) must be UTF-8, with or without a byte order mark;
//    when it is not, the problem names the first bad byte (offset, line, column) and the
//    encoding it most likely is ("looks like GBK/GB18030: convert with iconv ..."). The only
//    control characters it may hold are tab, line feed and carriage return;
//  * an identifier (ids, codes) is 1..kMaxIdBytes bytes and any other text value at most
//    kMaxTextBytes, and neither holds a control character (C0, DEL, C1), a bidirectional
//    override or a zero-width character: nothing that could reach a terminal as an escape
//    sequence or make text display as something it is not.
//
// Conversion from other encodings (--encoding) sits in front of these checks, not inside them.
#ifndef REDUCHECK_ADAPTERS_INPUT_TEXT_H_
#define REDUCHECK_ADAPTERS_INPUT_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reducheck::input {

struct TextProblem {
  std::size_t offset = 0;  // 0-based byte offset of the first bad byte
  int line = 0;            // 1-based
  int column = 0;          // 1-based, in bytes
  std::string message;     // names the offset and, for bad UTF-8, the likely encoding
};

// Decodes the UTF-8 sequence at text[i] into `cp`: its length (1..4), or 0 when the bytes there
// are not valid UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
std::size_t DecodeUtf8(std::string_view text, std::size_t i, char32_t& cp);

// The UTF-8 byte order mark, if `text` starts with one, removed.
std::string_view WithoutBom(std::string_view text);

// Checks a whole input: at most `max_bytes`, valid UTF-8 (a leading BOM allowed), and no
// control character but tab, line feed and carriage return.
std::optional<TextProblem> CheckInputText(std::string_view text, std::size_t max_bytes);

// "looks like GBK/GB18030: convert with `iconv -f GB18030 -t UTF-8`" and the like: a guess at
// the encoding of `text`, which is not valid UTF-8 from `bad_offset` on.
std::string GuessEncoding(std::string_view text, std::size_t bad_offset);

// "" when `value` is a good identifier / text value, else what is wrong (without the value).
std::string IdProblem(std::string_view value);
std::string TextValueProblem(std::string_view value);

// `value` for a message: control characters, bidirectional and zero-width characters and bytes
// that are not UTF-8 written as \xNN or \u{NNNN}, cut to about `max_bytes` with "..." when
// longer. Safe to print on a terminal.
std::string Printable(std::string_view value, std::size_t max_bytes = 80);

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_TEXT_H_
