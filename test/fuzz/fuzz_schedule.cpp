// libFuzzer target: the CSV reader of `batch` schedules and of `check --orders` files
// (ScheduleReader in both modes; the first byte picks the mode). Every line ends in a row or a
// located problem — never a crash, a hang, an uncaught exception or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "reducheck/adapters/schedule_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto kind = (data[0] & 1) != 0 ? reducheck::adapters::ScheduleFileKind::kOrders
                                       : reducheck::adapters::ScheduleFileKind::kSchedule;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  reducheck::adapters::ScheduleReader reader(std::string_view(text), "fuzz.csv", kind);
  reducheck::adapters::ScheduleRow row;
  while (reader.Next(row)) {
  }
  return 0;
}
