// libFuzzer target: the trading calendar reader (YAML text -> TradingCalendar). Any input ends
// in a calendar or located problems — never a crash, a hang, an uncaught exception or undefined
// behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "reducheck/adapters/calendar_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)reducheck::adapters::ReadCalendarText(text, "fuzz-calendar.yaml");
  return 0;
}
