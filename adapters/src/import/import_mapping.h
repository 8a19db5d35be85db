// The column mapping of `reducheck import` (docs/import.md): which register column holds what,
// which share kind (股份性质) is which lot source, and what the reviewer already knows about
// the company and the holders. Built-in defaults cover the registrar's and the prospectus'
// usual headers; a small YAML file overrides or extends them.
#ifndef REDUCHECK_ADAPTERS_IMPORT_IMPORT_MAPPING_H_
#define REDUCHECK_ADAPTERS_IMPORT_IMPORT_MAPPING_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reducheck/adapters/diagnostic.h"
#include "reducheck/engine/types.h"

namespace reducheck::adapters {

// The register fields import understands.
enum class RegisterField {
  kAccount,     // 证券账户号码 / 一码通账户号码
  kName,        // 股东名称 / 证券账户名称 / 持有人名称
  kIdNumber,    // 证件号码
  kTotal,       // 持有数量 / 持股数量
  kRestricted,  // 限售股份数量 / 持有有限售条件股份数量
  kNature,      // 股份性质 / 股份类别
  kFrozen,      // 冻结股数 / 质押冻结数量
  kPercent,     // 持股比例
  kHolderType,  // 持有人类别 / 股东性质
};
std::string_view Name(RegisterField f);  // "account", "name", ...
std::optional<RegisterField> ParseRegisterField(std::string_view name);
inline constexpr RegisterField kAllRegisterFields[] = {
    RegisterField::kAccount, RegisterField::kName,       RegisterField::kIdNumber,
    RegisterField::kTotal,   RegisterField::kRestricted, RegisterField::kNature,
    RegisterField::kFrozen,  RegisterField::kPercent,    RegisterField::kHolderType};

// What a share kind (股份性质 value) becomes: a lot source, or "free float" (its origin is not in
// the register: `unrestricted_source`).
struct ShareKind {
  bool unrestricted = false;
  Source source = Source::kOther;  // when !unrestricted
  bool guessed = false;            // the built-in mapping is a reading, said in a comment
  std::string note;                // why, for the comment
};

// What the reviewer knows about one holder, matched by name, account or id number.
struct HolderOverride {
  std::string match;
  std::string id;
  std::vector<std::string> roles;
  std::string concert_group;
  std::string acquired;                       // YYYY-MM-DD for every lot of the holder
  std::optional<Source> unrestricted_source;  // this holder's free-float origin
  bool used = false;
};

struct ImportMapping {
  std::string sheet;   // empty: the first sheet with a recognisable header
  int header_row = 0;  // 1-based; 0: detected
  // Header texts per field (normalised: see NormaliseHeader), the file's own first.
  std::map<RegisterField, std::vector<std::string>> columns;
  std::optional<std::int64_t> shares_scale;  // 1 (shares) or 10000 (万股); nullopt: from header
  std::map<std::string, ShareKind> share_kinds;  // normalised value -> kind
  Source restricted_source = Source::kIpoOriginal;
  Source unrestricted_source = Source::kIpoOriginal;
  bool restricted_source_set = false;
  bool unrestricted_source_set = false;
  // company: key -> scalar text, written into the scenario as given (validated by `check`).
  std::vector<std::pair<std::string, std::string>> company;
  std::vector<HolderOverride> holders;
};

// The built-in mapping (docs/import.md lists it).
ImportMapping DefaultMapping();

// Reads a mapping file over the defaults: its columns come before the built-in names, its
// share kinds replace built-in ones of the same name. Problems are FILE:LINE:COLUMN diagnostics.
bool ReadMappingFile(const std::string& path, ImportMapping& mapping,
                     std::vector<Diagnostic>& problems);
bool ReadMappingText(const std::string& text, const std::string& display_name,
                     ImportMapping& mapping, std::vector<Diagnostic>& problems);

// Header text as compared: spaces, line breaks and unit suffixes such as "(股)", "（股）", "(%)",
// "（万股）" removed, full-width brackets folded. `scale` (if given) receives 10000 when the
// header says 万股, else 1.
std::string NormaliseHeader(std::string_view header, std::int64_t* scale = nullptr);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_IMPORT_IMPORT_MAPPING_H_
