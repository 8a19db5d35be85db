// A fresh temporary directory per test, removed afterwards.
#ifndef REDUCHECK_TEST_SERVICE_TEST_DIR_H_
#define REDUCHECK_TEST_SERVICE_TEST_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace reducheck::testing {

class TestDir {
 public:
  TestDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "reducheck-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TestDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }

 private:
  std::string path_;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteAll(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace reducheck::testing

#endif  // REDUCHECK_TEST_SERVICE_TEST_DIR_H_
