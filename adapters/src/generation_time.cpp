// GenerationTimeUtc (generation_time.h).
#include "reducheck/adapters/generation_time.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace reducheck::adapters {

std::string GenerationTimeUtc() {
  std::time_t t = 0;
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  bool fixed = false;
  if (epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0' && v >= 0) {
      t = static_cast<std::time_t>(v);
      fixed = true;
    }
  }
  if (!fixed) t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace reducheck::adapters
