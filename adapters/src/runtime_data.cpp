// Locating and loading the shipped rule data: packs, calendar, compiled rule sets.
//
// Reads only local files (never the network). Every problem becomes a Diagnostic naming the
// file it came from; an Evaluator is returned only when there were none.
#include "reducheck/adapters/runtime_data.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "reducheck/adapters/calendar_reader.h"
#include "reducheck/adapters/pack_reader.h"
#include "reducheck/rules/hk_rule_set.h"

#ifndef REDUCHECK_SOURCE_RULES_DIR
#define REDUCHECK_SOURCE_RULES_DIR ""
#endif
#ifndef REDUCHECK_INSTALL_RULES_DIR
#define REDUCHECK_INSTALL_RULES_DIR "/usr/local/share/reducheck"
#endif
#ifndef REDUCHECK_RELATIVE_RULES_DIR
#define REDUCHECK_RELATIVE_RULES_DIR "share/reducheck"
#endif
#ifndef REDUCHECK_RELATIVE_BIN_DIR
#define REDUCHECK_RELATIVE_BIN_DIR "bin"
#endif

namespace reducheck::adapters {

namespace {

// The trading calendar of each market (docs/markets.md): a pack of that market names it by its
// file's stem in `calendar`.
struct MarketCalendarFile {
  const char* market;
  const char* id;    // the file's stem, as packs name it
  const char* file;  // under the rules directory
};
constexpr MarketCalendarFile kCalendars[] = {
    {"cn", "cn-a-share", "calendars/cn-a-share.yaml"},  // SSE = SZSE = BSE, rules-cn.md §10
    {"hk", "hkex", "calendars/hkex.yaml"},              // HKEX securities market
};
constexpr const char* kPacksDir = "packs";

bool IsDirectory(const std::string& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::is_directory(path, ec);
}

std::string Join(const std::string& dir, const char* name) {
  return (std::filesystem::path(dir) / name).string();
}

void Append(std::vector<Diagnostic>& to, std::vector<Diagnostic> from) {
  for (Diagnostic& d : from) to.push_back(std::move(d));
}

// An installed tree is relocatable: a program in <prefix>/bin finds <prefix>/share/reducheck
// wherever the prefix was moved. Empty when the program does not sit in such a tree.
std::string RulesDirBesideProgram() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const std::filesystem::path bin = exe.parent_path();
  if (bin.filename() != std::filesystem::path(REDUCHECK_RELATIVE_BIN_DIR).filename()) return {};
  const std::string candidate = (bin.parent_path() / REDUCHECK_RELATIVE_RULES_DIR).string();
  return IsDirectory(candidate) ? candidate : std::string();
}

}  // namespace

std::string DefaultRulesDir(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("REDUCHECK_RULES_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  if (std::string beside = RulesDirBesideProgram(); !beside.empty()) return beside;
  const std::string source_dir = REDUCHECK_SOURCE_RULES_DIR;
  if (IsDirectory(source_dir)) return source_dir;
  return REDUCHECK_INSTALL_RULES_DIR;
}

EvaluatorLoad LoadEvaluator(const std::string& rules_dir) {
  EvaluatorLoad load;
  load.rules_dir = rules_dir;

  if (!IsDirectory(rules_dir)) {
    load.problems.push_back(
        Diagnostic{rules_dir, 0, 0, "",
                   "rules directory not found (give --rules-dir DIR or set REDUCHECK_RULES_DIR)"});
    return load;
  }
  const std::string packs_dir = Join(rules_dir, kPacksDir);
  if (!IsDirectory(packs_dir)) {
    load.problems.push_back(Diagnostic{packs_dir, 0, 0, "", "rule pack directory not found"});
    return load;
  }

  PackLoad packs = ReadPackDir(packs_dir);
  Append(load.problems, std::move(packs.problems));
  load.packs = std::move(packs.packs);
  if (load.packs.empty() && load.problems.empty()) {
    load.problems.push_back(Diagnostic{packs_dir, 0, 0, "", "no rule pack (*.yaml) found"});
  }

  // Every market's calendar: the cn one first (the evaluator's A-share calendar).
  std::vector<TradingCalendar> calendars;
  for (const MarketCalendarFile& m : kCalendars) {
    CalendarLoad calendar = ReadCalendarFile(Join(rules_dir, m.file));
    Append(load.problems, std::move(calendar.problems));
    if (calendar.calendar) {
      calendars.push_back(std::move(*calendar.calendar));
    } else if (load.problems.empty()) {  // a reader that returned neither calendar nor problems
      load.problems.push_back(
          Diagnostic{Join(rules_dir, m.file), 0, 0, "", "calendar could not be read"});
    }
  }
  if (!load.problems.empty()) return load;

  EvaluatorBuilder builder(std::move(calendars.front()));
  for (std::size_t i = 1; i < calendars.size(); ++i) {
    builder.AddCalendar(kCalendars[i].market, std::move(calendars[i]));
  }
  for (const rules::RulePack& pack : load.packs) {
    const MarketCalendarFile* own = nullptr;
    for (const MarketCalendarFile& m : kCalendars) {
      if (pack.market == m.market) own = &m;
    }
    if (own != nullptr && pack.calendar != own->id) {
      load.problems.push_back(Diagnostic{packs_dir, 0, 0, pack.id + ".calendar",
                                         "pack " + pack.id + " of market " + pack.market +
                                             " counts days on calendar '" + pack.calendar +
                                             "', but that market's calendar is '" + own->id + "'"});
      continue;
    }
    Result<std::shared_ptr<const RuleSet>> compiled = rules::MakeRuleSet(pack);
    if (!compiled.ok()) {
      load.problems.push_back(Diagnostic{packs_dir, 0, 0, pack.id, compiled.status().message()});
      continue;
    }
    builder.AddPack(std::move(compiled).value());
  }
  if (!load.problems.empty()) return load;

  Result<Evaluator> evaluator = std::move(builder).Build();
  if (!evaluator.ok()) {
    load.problems.push_back(Diagnostic{packs_dir, 0, 0, "", evaluator.status().message()});
    return load;
  }
  load.evaluator.emplace(std::move(evaluator).value());
  return load;
}

}  // namespace reducheck::adapters
