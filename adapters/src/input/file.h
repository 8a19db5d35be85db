// Reading an input file whole, refusing one larger than its limit before reading it.
#ifndef REDUCHECK_ADAPTERS_INPUT_FILE_H_
#define REDUCHECK_ADAPTERS_INPUT_FILE_H_

#include <cstddef>
#include <optional>
#include <string>

namespace reducheck::input {

// The file's bytes, or nullopt with `error` set ("cannot read the file: no such file", "is a
// directory", "is 70000000 bytes long; the limit is ...").
std::optional<std::string> ReadInputFile(const std::string& path, std::size_t max_bytes,
                                         std::string* error);

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_FILE_H_
