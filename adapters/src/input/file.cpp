#include "input/file.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace reducheck::input {

std::optional<std::string> ReadInputFile(const std::string& path, std::size_t max_bytes,
                                         std::string* error) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    *error = "cannot read the file: no such file";
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    *error = "is a directory, not a file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open the file for reading";
    return std::nullopt;
  }
  // Read at most max_bytes + 1: a larger file (or a pipe that keeps going) is refused without
  // holding it in memory.
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      *error = "is larger than " + std::to_string(max_bytes) +
               " bytes, the limit for this kind of input";
      return std::nullopt;
    }
  }
  if (in.bad()) {
    *error = "read error";
    return std::nullopt;
  }
  return text;
}

}  // namespace reducheck::input
