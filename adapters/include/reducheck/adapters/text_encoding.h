// Character encodings of the files people give reducheck (issue 13 item 2).
//
// Every reader works on UTF-8. A file saved in a Chinese-locale Windows program (Excel's
// "CSV (逗号分隔)", Notepad's "ANSI") is GBK / GB18030; the user says so with
// `--encoding gb18030` and the bytes are converted here, with glibc's iconv, before any reader
// or the text validation layer sees them. Nothing is ever converted silently or lossily:
//   * a byte sequence that is not GB18030 stops the conversion with its byte offset, line and
//     column;
//   * a file that starts with a UTF-8 byte order mark, or that is already valid UTF-8 and holds
//     non-ASCII text, is refused under `--encoding gb18030` (converting UTF-8 as if it were
//     GB18030 succeeds byte-wise and turns every Chinese character into two wrong ones).
// `--encoding utf-8` (the default) passes the bytes through unchanged: checking them is the
// text validation layer's job.
#ifndef REDUCHECK_ADAPTERS_TEXT_ENCODING_H_
#define REDUCHECK_ADAPTERS_TEXT_ENCODING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "reducheck/adapters/diagnostic.h"

namespace reducheck::adapters {

enum class InputEncoding { kUtf8, kGb18030 };

// "utf-8" / "utf8" -> kUtf8; "gb18030" / "gbk" / "gb2312" (both subsets of GB18030) ->
// kGb18030; case-insensitive. nullopt for anything else.
std::optional<InputEncoding> ParseEncodingName(std::string_view name);
// The names accepted on the command line, for help texts: "utf-8, gb18030 (also gbk, gb2312)".
std::string_view EncodingNames();

// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF). `bad_offset` (if given) receives the offset of the first bad byte.
bool IsValidUtf8(std::string_view bytes, std::size_t* bad_offset = nullptr);

struct DecodedText {
  std::optional<std::string> text;  // UTF-8; set iff `problem` is empty
  std::optional<Diagnostic> problem;
};

// Converts `bytes`, read from `file` (named in the diagnostic), from `encoding` to UTF-8.
DecodedText DecodeToUtf8(std::string bytes, InputEncoding encoding, const std::string& file);

// Reads the whole file at `path` and decodes it. Problems: no such file, a directory, a read
// error, or a conversion problem (above), each as a Diagnostic naming `path`.
DecodedText ReadTextFile(const std::string& path, InputEncoding encoding);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_TEXT_ENCODING_H_
