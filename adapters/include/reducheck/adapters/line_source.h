// LineSource: the lines of a text, one at a time, for the line-oriented readers (schedule CSV,
// orders CSV and JSON lines).
//
// A line is handed out without its line break ("\n" or "\r\n"); the view stays valid until the
// next call. TextLines reads a text the caller keeps alive; FileLines reads a file (or standard
// input) through a fixed buffer, so memory does not grow with the file: only a single line
// longer than the buffer makes it grow, up to kMaxLineBytes.
#ifndef REDUCHECK_ADAPTERS_LINE_SOURCE_H_
#define REDUCHECK_ADAPTERS_LINE_SOURCE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reducheck::adapters {

class LineSource {
 public:
  virtual ~LineSource() = default;
  // The next line, or false at the end of the text (or on a read error: see error()).
  virtual bool Next(std::string_view& line) = 0;
  // Why the last Next() returned false early ("" at a normal end).
  virtual const std::string& error() const = 0;
};

class TextLines final : public LineSource {
 public:
  explicit TextLines(std::string_view text) : text_(text) {}
  bool Next(std::string_view& line) override;
  const std::string& error() const override { return error_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

class FileLines final : public LineSource {
 public:
  static constexpr std::size_t kBufferBytes = 1 << 20;
  static constexpr std::size_t kMaxLineBytes = 16 << 20;  // a longer line is a read error

  // Opens `path` ("-" = standard input). nullptr with `error` set when it cannot be read
  // (missing, a directory, no permission).
  static std::unique_ptr<FileLines> Open(const std::string& path, std::string* error);
  ~FileLines() override;
  FileLines(const FileLines&) = delete;
  FileLines& operator=(const FileLines&) = delete;

  bool Next(std::string_view& line) override;
  const std::string& error() const override { return error_; }
  // True when the input is a regular file (not a pipe or terminal): output can be batched.
  bool regular_file() const { return regular_; }

 private:
  FileLines(int fd, bool owned, bool regular);
  // Reads more input after the unconsumed bytes; false at end of input or on error.
  bool Fill();

  int fd_;
  bool owned_;
  bool regular_;
  bool eof_ = false;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // one past the last byte read
  std::string error_;
};

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_LINE_SOURCE_H_
