// The `check` subcommand (contract.md §3, docs/check.md): the scenario's orders, then the
// --orders file's, each judged on its own against the same state, streamed out as judged.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/session.h"
#include "cli/verdict_stream.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/order_file_reader.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"

namespace reducheck::cli {

namespace {

// Where an order came from, for its diagnostics.
struct Origin {
  const std::string* file;
  int line;
  int column;
  std::ptrdiff_t index;  // position in the scenario's `orders`; -1 for an orders file's line

  // The field path of `field` in this order ("orders[3].date" in a scenario, "date" in a file).
  std::string Field(std::string_view field) const {
    if (index < 0) return std::string(field);
    std::string path = "orders[" + std::to_string(index) + "]";
    if (!field.empty()) (path += '.') += field;
    return path;
  }
};

// Judges orders one at a time and writes each result; remembers what the exit code must say.
class Checker {
 public:
  Checker(const Session& session, const std::string& scenario_path, VerdictStream& stream,
          std::ostream& err)
      : scenario_path_(&scenario_path),
        evaluator_(session.evaluator()),
        ledger_(*session.ledger),
        pinned_(session.pinned_pack),
        stream_(stream),
        err_(err) {
    holder_ids_.reserve(ledger_.holders().size());
    for (const Holder& h : ledger_.holders()) holder_ids_.push_back(h.id);
  }

  void Judge(const Order& order, const Origin& at) {
    if (std::optional<std::pair<std::string, std::string>> bad = Validate(order)) {
      Bad(order.id, {*at.file, at.line, at.column, at.Field(bad->first), bad->second});
      return;
    }
    current_.order = &order;
    const Status st = evaluator_.Check(order, ledger_, current_.verdict, scratch_, pinned_);
    if (!st.ok()) {
      if (st.code() == StatusCode::kInternal) {
        internal_ = true;
        err_ << "internal error: ";
      }
      Bad(order.id, {*at.file, at.line, at.column, at.Field(""), st.message()});
      return;
    }
    if (current_.verdict.outcome != Outcome::kPass) any_fail_ = true;
    stream_.Add(current_);
  }

  // An order that cannot be judged: reported on stderr and as an error entry.
  void Bad(std::string_view id, const adapters::Diagnostic& problem) {
    any_bad_ = true;
    err_ << adapters::Format(problem) << '\n';
    stream_.AddError(id, problem);
  }

  // A scenario's bad order with its problems: each on stderr, the first in the entry.
  void BadAll(std::string_view id, const adapters::OrderSlot& slot, std::size_t index) {
    if (slot.problems.empty()) {  // never expected: still one entry per order
      Bad(id, {*scenario_path_, slot.line, slot.column, "orders[" + std::to_string(index) + "]",
               "this order could not be read"});
      return;
    }
    any_bad_ = true;
    for (const adapters::Diagnostic& d : slot.problems) err_ << adapters::Format(d) << '\n';
    stream_.AddError(id, slot.problems.front());
  }

  const std::string& company_code() const { return ledger_.scenario().company.code; }
  bool any_bad() const { return any_bad_; }
  bool any_fail() const { return any_fail_; }
  bool internal() const { return internal_; }

 private:
  // What makes an order impossible to judge, as (field, message); nullopt when it can be.
  std::optional<std::pair<std::string, std::string>> Validate(const Order& order) const {
    const std::int32_t hi = ledger_.HolderIndex(order.holder);
    if (hi < 0) {
      std::string msg = "unknown holder '" + order.holder + "'";
      const std::string hint = adapters::ClosestMatch(order.holder, holder_ids_);
      msg += hint.empty() ? " (not in the scenario's holders)" : "; did you mean '" + hint + "'?";
      return std::make_pair(std::string("holder"), std::move(msg));
    }
    // The calendar of the order's market (A shares: cn; H shares: hk).
    const TradingCalendar* of_market = evaluator_.CalendarOf(MarketOf(order.share_class));
    if (of_market == nullptr) {
      return std::make_pair(std::string("share_class"),
                            "no trading calendar of market '" +
                                std::string(MarketOf(order.share_class)) + "' is loaded");
    }
    const TradingCalendar& calendar = *of_market;
    if (!calendar.Covers(order.date)) {
      return std::make_pair(std::string("date"),
                            "date " + adapters::FormatDate(order.date) +
                                " is outside the trading calendar " + calendar.id() + " (" +
                                adapters::FormatDate(calendar.first_day()) + " to " +
                                adapters::FormatDate(calendar.last_day()) + ")");
    }
    // The engine's rule (cn_rule_set.cpp): exchange trades need a trading day.
    if ((order.method == Method::kCentralizedBidding || order.method == Method::kBlockTrade) &&
        !calendar.IsTradingDay(order.date)) {
      return std::make_pair(std::string("date"), adapters::FormatDate(order.date) +
                                                     " is not a trading day (calendar " +
                                                     calendar.id() + ")");
    }
    const bool h = order.share_class == ShareClass::kH;
    const Shares held = h ? ledger_.holder(hi).HShares() : ledger_.holder(hi).TotalShares();
    if (order.shares > held) {
      return std::make_pair(std::string("shares"),
                            "sales exceeding holdings: the order sells " +
                                std::to_string(order.shares) + (h ? " H shares" : " shares") +
                                " but holder '" + order.holder + "' holds " + std::to_string(held) +
                                (h ? " in its H-share lots" : " in its lots"));
    }
    return std::nullopt;
  }

  const std::string* scenario_path_;
  const Evaluator& evaluator_;
  const Ledger& ledger_;
  std::string_view pinned_;
  VerdictStream& stream_;
  std::ostream& err_;
  std::vector<std::string_view> holder_ids_;
  adapters::CheckedOrder current_;
  Evaluator::Scratch scratch_;
  bool any_bad_ = false;
  bool any_fail_ = false;
  bool internal_ = false;
};

StreamFormat StreamFormatFor(Format f) {
  switch (f) {
    case Format::kText:
      return StreamFormat::kText;
    case Format::kJsonl:
      return StreamFormat::kJsonl;
    case Format::kJson:
      break;
  }
  return StreamFormat::kJson;
}

// The --orders file's format: --orders-format, else the extension. nullopt after a message.
std::optional<adapters::OrderFileFormat> OrdersFormat(const CheckOptions& options,
                                                      std::ostream& err) {
  if (!options.orders_format.empty()) {
    if (auto f = adapters::ParseOrderFileFormat(options.orders_format)) return f;
    err << "reducheck check: --orders-format: expected csv or jsonl, got '" << options.orders_format
        << "'\n";
    return std::nullopt;
  }
  if (options.orders_path != "-") {
    if (auto f = adapters::OrderFileFormatFromExtension(options.orders_path)) return f;
  }
  err << adapters::Format({options.orders_path, 0, 0, "--orders",
                           "cannot tell the format from the file name (.csv for CSV, .jsonl or "
                           ".ndjson for JSON lines); give --orders-format csv|jsonl"})
      << '\n';
  return std::nullopt;
}

}  // namespace

int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err) {
  const std::string& path = options.scenario_path;

  // Everything that stops the whole check is found before anything is written.
  std::unique_ptr<adapters::OrderFileReader> orders_file;
  std::optional<adapters::OrderFileFormat> orders_format;
  if (!options.orders_path.empty()) {
    orders_format = OrdersFormat(options, err);
    if (!orders_format) return kExitBadInput;
  }
  Session session;
  if (const int code = OpenSession(path, options.rules_dir, err, session, options.encoding,
                                   /*tolerate_bad_orders=*/true);
      code != 0) {
    return code;
  }
  if (orders_format) {
    std::vector<adapters::Diagnostic> problems;
    orders_file = adapters::OrderFileReader::Open(options.orders_path, *orders_format, &problems);
    if (!orders_file) {
      for (const adapters::Diagnostic& d : problems) err << adapters::Format(d) << '\n';
      return kExitBadInput;
    }
  }

  // An interactive pipe gets each entry at once; a file or a pipe fed from a file, in blocks.
  const bool flush_each = orders_file && options.orders_path == "-" && !orders_file->regular_file();
  VerdictStream stream(out, StreamFormatFor(options.format), options.lang, flush_each);
  Checker checker(session, path, stream, err);

  const std::vector<Order>& inline_orders = session.ledger->scenario().orders;
  for (std::size_t i = 0; i < session.order_slots.size(); ++i) {
    const adapters::OrderSlot& slot = session.order_slots[i];
    if (slot.order < 0) {
      checker.BadAll(slot.id, slot, i);
      continue;
    }
    checker.Judge(inline_orders[static_cast<std::size_t>(slot.order)],
                  Origin{&path, slot.line, slot.column, static_cast<std::ptrdiff_t>(i)});
  }

  if (orders_file) {
    const Origin file_origin{&options.orders_path, 0, 0, -1};
    const std::string& code = checker.company_code();
    adapters::OrderLine line;
    while (orders_file->Next(line)) {
      if (line.bad) {
        checker.Bad(line.id, line.problem);
        continue;
      }
      if (line.company && *line.company != code) {
        checker.Bad(line.id, {options.orders_path, line.line, 0, "company",
                              "the order is for company '" + *line.company +
                                  "' but the scenario is company '" + code + "'"});
        continue;
      }
      Origin at = file_origin;
      at.line = line.line;
      checker.Judge(line.order, at);
    }
    if (!orders_file->read_error().empty()) {
      stream.Finish();
      err << adapters::Format({options.orders_path, 0, 0, "", orders_file->read_error()}) << '\n';
      return kExitBadInput;
    }
  }

  if (!stream.Finish()) {
    err << "reducheck check: write error on the output\n";
    return kExitBadInput;
  }
  if (checker.internal()) return kExitInternal;
  if (checker.any_bad()) return kExitBadInput;
  return checker.any_fail() ? kExitFail : kExitPass;
}

}  // namespace reducheck::cli
