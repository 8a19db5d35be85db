// Built-in and user column mappings for `reducheck import` (import_mapping.h, docs/import.md).
#include "import/import_mapping.h"

#include <yaml-cpp/yaml.h>

#include <array>
#include <exception>
#include <fstream>
#include <sstream>
#include <utility>

#include "reducheck/adapters/sheet_values.h"
#include "yaml/yaml_fields.h"

namespace reducheck::adapters {

namespace {

using adapters_internal::FieldReader;
using adapters_internal::Need;

struct FieldName {
  RegisterField field;
  std::string_view name;
};
constexpr std::array<FieldName, 9> kFieldNames = {{
    {RegisterField::kAccount, "account"},
    {RegisterField::kName, "name"},
    {RegisterField::kIdNumber, "id_number"},
    {RegisterField::kTotal, "total"},
    {RegisterField::kRestricted, "restricted"},
    {RegisterField::kNature, "nature"},
    {RegisterField::kFrozen, "frozen"},
    {RegisterField::kPercent, "percent"},
    {RegisterField::kHolderType, "holder_type"},
}};

// Remove every occurrence of `what` from `s`.
void Erase(std::string& s, std::string_view what) {
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what)) {
    s.erase(at, what.size());
  }
}

void Replace(std::string& s, std::string_view what, std::string_view with) {
  for (std::size_t at = s.find(what); at != std::string::npos;
       at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
}

}  // namespace

std::string_view Name(RegisterField f) {
  for (const FieldName& n : kFieldNames) {
    if (n.field == f) return n.name;
  }
  return "";
}

std::optional<RegisterField> ParseRegisterField(std::string_view name) {
  for (const FieldName& n : kFieldNames) {
    if (n.name == name) return n.field;
  }
  return std::nullopt;
}

std::string NormaliseHeader(std::string_view header, std::int64_t* scale) {
  std::string s(TrimCell(header));
  for (std::string_view sp : {" ", "\t", "\r", "\n", "\xE3\x80\x80", "\xC2\xA0"}) Erase(s, sp);
  Replace(s, "（", "(");
  Replace(s, "）", ")");
  Replace(s, "％", "%");
  const bool wan = s.find("(万股)") != std::string::npos || s.find("(万)") != std::string::npos;
  if (scale != nullptr) *scale = wan ? 10000 : 1;
  for (std::string_view unit : {"(万股)", "(万)", "(股)", "(%)", "(户)"}) Erase(s, unit);
  return s;
}

ImportMapping DefaultMapping() {
  ImportMapping m;
  // Header names seen in 中国结算 (CSDC) register exports
  // (合并普通账户和融资融券信用账户前N名明细数据表, 股东名册, 限售股份明细), periodic reports'
  // 前十名股东持股情况 and prospectuses' 股本结构 tables. Compared after NormaliseHeader (spaces
  // and unit suffixes removed).
  m.columns[RegisterField::kAccount] = {"证券账户号码", "一码通账户号码", "一码通账号",
                                        "证券账户",     "股东账户",       "股东代码",
                                        "股东账号",     "账户号码",       "证券账号"};
  m.columns[RegisterField::kName] = {"证券账户名称", "股东名称",      "持有人名称", "股东姓名",
                                     "持有人姓名",   "股东名称/姓名", "名称",       "户名",
                                     "发起人名称",   "股东"};
  m.columns[RegisterField::kIdNumber] = {"证件号码", "证件号", "身份证号码", "统一社会信用代码",
                                         "证照号码"};
  m.columns[RegisterField::kTotal] = {
      "持有数量",         "总持有数量", "持股数量",     "持股数",   "持有股数", "期末持股数量",
      "报告期末持股数量", "持股总数",   "合计持股数量", "股份数量", "股数",     "持股数额"};
  m.columns[RegisterField::kRestricted] = {
      "限售股份数量",     "持有限售股数量", "持有有限售条件股份数量", "持有有限售条件的股份数量",
      "限售股数",         "限售股数量",     "有限售条件股份数量",     "限售流通股数量",
      "其中:限售股份数量"};
  m.columns[RegisterField::kNature] = {"股份性质", "股份类别",     "股份性质名称", "股本性质",
                                       "股份类型", "股份性质描述", "股份类别名称"};
  m.columns[RegisterField::kFrozen] = {
      "冻结股数",           "冻结数量", "冻结股份数量",         "质押冻结数量",
      "质押或冻结股份数量", "质押股数", "质押、标记或冻结数量", "冻结总数"};
  m.columns[RegisterField::kPercent] = {"持股比例", "占总股本比例", "持股比例%", "比例",
                                        "占总股本的比例"};
  m.columns[RegisterField::kHolderType] = {"持有人类别", "股东性质", "股东类别", "持有人类型"};

  const auto kind = [&](std::string_view name, Source s, bool guessed, std::string_view note) {
    m.share_kinds[NormaliseHeader(name)] = ShareKind{false, s, guessed, std::string(note)};
  };
  const auto free_float = [&](std::string_view name) {
    ShareKind k;
    k.unrestricted = true;
    m.share_kinds[NormaliseHeader(name)] = k;
  };
  for (std::string_view n : {"首发前限售股", "首发前限售股份", "首发前发行限售股",
                             "IPO前发行限售股", "首发原股东限售股份", "首发原股东限售股",
                             "首发前股份", "首次公开发行前已发行股份", "发起人股份"}) {
    kind(n, Source::kIpoOriginal, false, "");
  }
  for (std::string_view n :
       {"首发战略配售股份", "战略配售限售股", "首发后可出借限售股", "战略配售股份",
        "首发网下配售限售股", "网下配售限售股", "首发网下配售股份"}) {
    kind(n, Source::kIpoSubscribed, false, "");
  }
  kind("首发后限售股", Source::kPrivatePlacement, true,
       "首发后限售股 are shares restricted after the IPO: usually a private placement (定向增发), "
       "but also strategic placement or restructuring shares; check the announcement that "
       "created them");
  for (std::string_view n : {"非公开发行限售股", "定向增发限售股", "定增限售股",
                             "向特定对象发行限售股", "非公开发行股份"}) {
    kind(n, Source::kPrivatePlacement, false, "");
  }
  for (std::string_view n : {"股权激励限售股", "股权激励限售股份", "限制性股票"}) {
    kind(n, Source::kEquityIncentive, false, "");
  }
  kind("高管锁定股", Source::kOther, true,
       "高管锁定股 is the registrar's lock of 75% of a director's or officer's shares (DIR-25PCT "
       "computes it from the holding); the register does not say where the shares came from");
  for (std::string_view n :
       {"流通A股", "无限售条件流通股", "无限售流通股", "无限售条件股份", "无限售条件的流通股",
        "人民币普通股", "流通股", "无限售A股", "已流通股份"}) {
    free_float(n);
  }
  return m;
}

bool ReadMappingText(const std::string& text, const std::string& display_name, ImportMapping& m,
                     std::vector<Diagnostic>& problems) {
  FieldReader r(display_name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    problems.push_back(
        {display_name, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg});
    return false;
  }
  if (!root.IsDefined() || root.IsNull()) {
    problems.push_back({display_name, 0, 0, "", "the mapping file is empty"});
    return false;
  }
  static constexpr std::string_view kTop[] = {"sheet",
                                              "header_row",
                                              "columns",
                                              "shares_unit",
                                              "share_kinds",
                                              "restricted_source",
                                              "unrestricted_source",
                                              "company",
                                              "holders"};
  if (!r.Map(root, "", kTop)) {
    for (auto& d : r.TakeProblems()) problems.push_back(std::move(d));
    return false;
  }
  if (auto s = r.Text(root, "sheet", "", Need::kOptional)) m.sheet = *s;
  if (auto h = r.Integer(root, "header_row", "", Need::kOptional, 1, 1'048'576)) {
    m.header_row = static_cast<int>(*h);
  }
  if (auto unit = r.Text(root, "shares_unit", "", Need::kOptional)) {
    if (*unit == "shares" || *unit == "股") {
      m.shares_scale = 1;
    } else if (*unit == "10k" || *unit == "万股") {
      m.shares_scale = 10000;
    } else {
      r.Report(*r.Find(root, "shares_unit"), "shares_unit",
               "expected shares (股) or 10k (万股), got '" + *unit + "'");
    }
  }
  const std::vector<std::string_view> source_names = adapters_internal::EnumNames(
      {Source::kIpoOriginal, Source::kIpoSubscribed, Source::kPublicOffering,
       Source::kPrivatePlacement, Source::kEquityIncentive, Source::kSecondaryBidding,
       Source::kBlockTradePurchase, Source::kAgreementTransferPurchase,
       Source::kInquiryTransferPurchase, Source::kOther});
  if (auto s = r.Enum<Source>(root, "restricted_source", "", Need::kOptional, "lot source",
                              &ParseSource, source_names)) {
    m.restricted_source = *s;
    m.restricted_source_set = true;
  }
  if (auto s = r.Enum<Source>(root, "unrestricted_source", "", Need::kOptional, "lot source",
                              &ParseSource, source_names)) {
    m.unrestricted_source = *s;
    m.unrestricted_source_set = true;
  }

  if (auto cols = r.Field(root, "columns", "", Need::kOptional)) {
    std::vector<std::string_view> keys;
    for (const FieldName& n : kFieldNames) keys.push_back(n.name);
    if (r.Map(*cols, "columns", keys)) {
      for (const FieldName& n : kFieldNames) {
        auto node = r.Field(*cols, n.name, "columns", Need::kOptional);
        if (!node) continue;
        std::vector<std::string> names;
        const std::string path = "columns." + std::string(n.name);
        if (node->IsSequence()) {
          for (std::size_t i = 0; i < node->size(); ++i) {
            if (auto t = r.TextValue((*node)[i], adapters_internal::IndexPath(path, i))) {
              names.push_back(NormaliseHeader(*t));
            }
          }
        } else if (auto t = r.TextValue(*node, path)) {
          names.push_back(NormaliseHeader(*t));
        }
        auto& list = m.columns[n.field];
        list.insert(list.begin(), names.begin(), names.end());
      }
    }
  }

  if (auto kinds = r.Field(root, "share_kinds", "", Need::kOptional)) {
    if (!kinds->IsMap()) {
      r.Report(*kinds, "share_kinds", "expected a mapping of 股份性质 value: lot source");
    } else {
      for (const auto& kv : *kinds) {
        const std::string key = kv.first.as<std::string>("");
        const std::string path = "share_kinds." + key;
        auto value = r.ScalarText(kv.second, path, "a lot source or 'unrestricted'");
        if (!value) continue;
        ShareKind k;
        if (*value == "unrestricted") {
          k.unrestricted = true;
        } else if (auto s = ParseSource(*value)) {
          k.source = *s;
        } else {
          r.Report(kv.second, path,
                   "unknown lot source '" + *value +
                       "'; expected unrestricted or one of: ipo_original, ipo_subscribed, "
                       "public_offering, private_placement, equity_incentive, secondary_bidding, "
                       "block_trade_purchase, agreement_transfer_purchase, "
                       "inquiry_transfer_purchase, other");
          continue;
        }
        m.share_kinds[NormaliseHeader(key)] = k;
      }
    }
  }

  if (auto co = r.Field(root, "company", "", Need::kOptional)) {
    static constexpr std::string_view kCompany[] = {
        "code",         "name",        "exchange",     "board",
        "listing_date", "issue_price", "total_shares", "profitable_at_listing"};
    if (r.Map(*co, "company", kCompany)) {
      for (std::string_view key : kCompany) {
        if (auto t = r.Text(*co, key, "company", Need::kOptional)) {
          m.company.emplace_back(std::string(key), *t);
        }
      }
    }
  }

  if (auto hs = r.Field(root, "holders", "", Need::kOptional); hs && r.Seq(*hs, "holders")) {
    static constexpr std::string_view kHolder[] = {
        "match", "id", "roles", "concert_group", "acquired", "unrestricted_source"};
    const std::vector<std::string_view> role_names = adapters_internal::EnumNames(
        {Role::kControllingShareholder, Role::kActualController, Role::kMajorShareholder,
         Role::kDirector, Role::kSupervisor, Role::kSeniorManager, Role::kCoreTechnicalStaff,
         Role::kPreIpoShareholder, Role::kStrategicInvestor, Role::kSponsorCoInvestor});
    for (std::size_t i = 0; i < hs->size(); ++i) {
      const YAML::Node h = (*hs)[i];
      const std::string path = adapters_internal::IndexPath("holders", i);
      if (!r.Map(h, path, kHolder)) continue;
      HolderOverride o;
      if (auto t = r.Text(h, "match", path, Need::kRequired)) o.match = std::string(TrimCell(*t));
      if (auto t = r.Text(h, "id", path, Need::kOptional)) o.id = *t;
      if (auto t = r.Text(h, "concert_group", path, Need::kOptional)) o.concert_group = *t;
      if (auto d = r.DateField(h, "acquired", path, Need::kOptional)) {
        o.acquired = boost::gregorian::to_iso_extended_string(*d);
      }
      o.unrestricted_source = r.Enum<Source>(h, "unrestricted_source", path, Need::kOptional,
                                             "lot source", &ParseSource, source_names);
      if (auto roles = r.Field(h, "roles", path, Need::kOptional);
          roles && r.Seq(*roles, path + ".roles")) {
        for (std::size_t k = 0; k < roles->size(); ++k) {
          if (auto role =
                  r.EnumValue<Role>((*roles)[k], adapters_internal::IndexPath(path + ".roles", k),
                                    "role", &ParseRole, role_names)) {
            o.roles.emplace_back(Name(*role));
          }
        }
      }
      m.holders.push_back(std::move(o));
    }
  }
  std::vector<Diagnostic> found = r.TakeProblems();
  const bool ok = found.empty();
  for (auto& d : found) problems.push_back(std::move(d));
  return ok;
}

bool ReadMappingFile(const std::string& path, ImportMapping& mapping,
                     std::vector<Diagnostic>& problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back({path, 0, 0, "", "cannot read the mapping file"});
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return ReadMappingText(buf.str(), path, mapping, problems);
}

}  // namespace reducheck::adapters
