// VerdictStream: writes `check` results one order at a time, in any output format, so memory
// does not grow with the number of orders (docs/check.md).
//
// The JSON format is byte for byte what RenderJson prints for the same verdicts (an indented
// array), written element by element; JSON lines put each compact verdict object on its own
// line; text is RenderText's blocks separated by blank lines. An order that could not be judged
// is an entry with "verdict": "error" and an "error" object (file, line, column, field, message)
// in its place, so every input order has exactly one entry, in input order.
#ifndef REDUCHECK_ADAPTERS_CLI_VERDICT_STREAM_H_
#define REDUCHECK_ADAPTERS_CLI_VERDICT_STREAM_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/verdict_render.h"

namespace reducheck::cli {

enum class StreamFormat { kJson, kJsonl, kText };

class VerdictStream {
 public:
  // `flush_each`: write every entry out at once (an interactive pipe); otherwise entries are
  // written in blocks of about 64 KiB.
  VerdictStream(std::ostream& out, StreamFormat format, adapters::Lang lang, bool flush_each);

  // One judged order. `checked.verdict` is borrowed for the call and left as it was.
  void Add(adapters::CheckedOrder& checked);
  // One order that could not be judged: `id` as written ("" = unknown), the first problem.
  void AddError(std::string_view id, const adapters::Diagnostic& problem);
  // Ends the output (closes the JSON array) and flushes. Returns false on a write error.
  bool Finish();

 private:
  void BeginEntry();
  void EndEntry();

  std::ostream& out_;
  StreamFormat format_;
  adapters::Lang lang_;
  bool flush_each_;
  std::size_t entries_ = 0;
  std::string buffer_;
  std::vector<adapters::CheckedOrder> one_;  // RenderJson / RenderText take a vector
};

}  // namespace reducheck::cli

#endif  // REDUCHECK_ADAPTERS_CLI_VERDICT_STREAM_H_
