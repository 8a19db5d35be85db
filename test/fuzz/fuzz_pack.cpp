// libFuzzer target: the rule pack reader (YAML text -> RulePack). Any input ends in a pack or
// located problems — never a crash, a hang, an uncaught exception or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "reducheck/adapters/pack_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)reducheck::adapters::ReadPackText(text, "fuzz-pack.yaml");
  return 0;
}
