// The `plan` subcommand: loads the scenario and rules, runs the planner, writes the schedule.
#include "cli/plan_command.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/session.h"
#include "input/date.h"
#include "input/limits.h"
#include "input/text.h"
#include "output/atomic_file.h"
#include "reducheck/adapters/diagnostic.h"
#include "reducheck/adapters/runtime_data.h"
#include "reducheck/adapters/scenario_reader.h"
#include "reducheck/adapters/sheet_values.h"
#include "reducheck/adapters/verdict_render.h"
#include "reducheck/engine/date_math.h"
#include "reducheck/engine/evaluator.h"
#include "reducheck/engine/ledger.h"
#include "reducheck/engine/planner.h"

namespace reducheck::cli {
namespace {

int ExitCodeFor(const Status& status) {
  return status.code() == StatusCode::kInternal ? kExitInternal : kExitBadInput;
}

// A strict YYYY-MM-DD date within the accepted range (input/date.h), or nullopt with `error`.
std::optional<Date> ParseDateOption(std::string_view s, std::string* error) {
  return input::ParseIsoDate(s, error);
}

// "centralized_bidding,block_trade" -> methods; a bad name is reported in `error`.
std::optional<std::vector<Method>> ParseMethods(std::string_view s, std::string& error) {
  std::vector<Method> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find_first_of(",;", pos);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view word = s.substr(pos, end - pos);
    const std::optional<Method> m = ParseMethod(word);
    if (!m) {
      error = "--methods: unknown method '" + std::string(word) +
              "' (expected centralized_bidding and/or block_trade, comma-separated)";
      return std::nullopt;
    }
    out.push_back(*m);
    pos = end + 1;
  }
  return out;
}

// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

void WriteSchedule(const Plan& plan, const std::string& holder, std::ostream& out) {
  out << "id,holder,date,method,shares,price,kind,window_start,window_end,max_shares,methods\n";
  int sales = 0;
  int plans = 0;
  int reports = 0;
  for (const PlanStep& s : plan.steps) {
    // Ids: S1.. for sales, P1.. for plans, R1.. for reports.
    char prefix = 'S';
    int number = 0;
    switch (s.kind) {
      case StepKind::kSale:
        number = ++sales;
        break;
      case StepKind::kReductionPlan:
        prefix = 'P';
        number = ++plans;
        break;
      case StepKind::kEquityChangeReport:
        prefix = 'R';
        number = ++reports;
        break;
    }
    out << prefix << number << ',' << Csv(holder) << ',' << ToIso(s.date) << ',';
    if (s.kind == StepKind::kSale) {
      out << Name(s.method) << ',' << s.shares << ',';  // price left empty
    } else {
      out << ",,";
    }
    out << ',' << Name(s.kind) << ',';
    if (s.kind == StepKind::kReductionPlan) {
      std::string methods;
      for (Method m : s.methods) {
        if (!methods.empty()) methods += ';';
        methods += Name(m);
      }
      out << ToIso(s.window_start) << ',' << ToIso(s.window_end) << ',' << s.max_shares << ','
          << methods;
    } else {
      out << ",,,";
    }
    out << '\n';
  }
}

void WriteSummary(const Plan& plan, const PlanOptions& o, std::ostream& err) {
  err << "plan: " << o.holder << " sells " << plan.sold << " of " << plan.requested
      << " shares from " << ToIso(plan.first_day) << '\n';
  if (plan.complete) {
    err << "plan: finished on " << ToIso(*plan.finish) << '\n';
  } else {
    err << "plan: NOT finished: " << (plan.requested - plan.sold) << " shares left unsold through "
        << ToIso(plan.last_day)
        << (plan.calendar_cut ? " (the trading calendar's last day)" : " (three years ahead)");
    if (plan.stuck_on == kCalendarEnd) {
      err << "; blocked by the end of the trading calendar (" << plan.last_day_binding
          << " bound on its last day; what the rules allow after it is not known)\n";
    } else {
      err << "; blocked by " << plan.stuck_on << '\n';
    }
  }
  // Steps dated by provisional calendar years (docs/calendar-format.md).
  int sales = 0;
  int plans = 0;
  int reports = 0;
  for (const PlanStep& s : plan.steps) {
    const char prefix = s.kind == StepKind::kSale            ? 'S'
                        : s.kind == StepKind::kReductionPlan ? 'P'
                                                             : 'R';
    const int number = s.kind == StepKind::kSale            ? ++sales
                       : s.kind == StepKind::kReductionPlan ? ++plans
                                                            : ++reports;
    if (s.calendar_provisional.empty()) continue;
    const Text t = adapters::ProvisionalCaveat(s.calendar_provisional);
    err << "plan: " << prefix << number << " (" << ToIso(s.date) << ") calendar caveat: " << t.en
        << "\nplan: " << prefix << number << " （" << ToIso(s.date) << "）交易日历提示：" << t.zh
        << '\n';
  }
  auto count = [](int n, const char* one, const char* many) {
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
  };
  err << "plan: " << count(plan.sales, "sale", "sales") << ", "
      << count(plan.plans, "reduction plan", "reduction plans") << ", "
      << count(plan.reports, "equity change report", "equity change reports") << '\n';
}

// --shares as written: a share count, or a percentage of the total share capital.
struct SharesRequest {
  Shares shares = 0;                    // the count (for a percentage: filled in later)
  std::optional<std::int64_t> percent;  // percentage in units of 0.0001 %
};

std::optional<SharesRequest> ParseSharesFlag(std::string_view text, std::string& error) {
  const std::string_view s = adapters::TrimCell(text);
  SharesRequest r;
  if (!s.empty() && s.back() == '%') {
    r.percent = adapters::ParseSheetScaled(adapters::TrimCell(s.substr(0, s.size() - 1)), 4);
    if (!r.percent || *r.percent <= 0 || *r.percent > 100 * 10000) {
      error =
          "--shares: expected a number of shares or a percentage of the total share capital "
          "above 0% and at most 100% with at most 4 decimals (e.g. 3%), got '" +
          std::string(text) + "'";
      return std::nullopt;
    }
    return r;
  }
  const std::optional<std::int64_t> n = adapters::ParseSheetWholeNumber(s);
  if (!n || *n <= 0) {
    error =
        "--shares: must be a positive number of shares (e.g. 12000000 or 12,000,000) or a "
        "percentage of the total share capital (e.g. 3%), got '" +
        std::string(text) + "'";
    return std::nullopt;
  }
  r.shares = *n;
  return r;
}

// "3%", "0.0125%": the percentage as the user wrote it, without trailing zeros.
std::string PercentText(std::int64_t units) {
  std::string s = std::to_string(units / 10000);
  std::int64_t frac = units % 10000;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, 4 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += '.' + f;
  }
  return s + '%';
}

std::string Grouped(Shares n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

int RunPlan(const PlanOptions& options, std::ostream& out, std::ostream& err) {
  const std::string& path = options.scenario_path;
  std::string shares_error;
  std::optional<SharesRequest> wanted = ParseSharesFlag(options.shares, shares_error);
  if (wanted && !wanted->percent && wanted->shares > input::kMaxShares) {
    shares_error = "--shares: at most " + std::to_string(input::kMaxShares) + " shares, got " +
                   std::to_string(wanted->shares);
    wanted.reset();
  }
  if (!wanted) {
    err << "plan: " << shares_error << '\n';
    return kExitBadInput;
  }
  if (std::string problem = input::IdProblem(options.holder); !problem.empty()) {
    err << "plan: --holder: '" << input::Printable(options.holder) << "' " << problem << '\n';
    return kExitBadInput;
  }
  std::string method_error;
  const std::optional<std::vector<Method>> methods = ParseMethods(options.methods, method_error);
  if (!methods) {
    err << "plan: " << method_error << '\n';
    return kExitBadInput;
  }
  std::optional<Date> from;
  if (!options.from.empty()) {
    std::string error;
    from = ParseDateOption(options.from, &error);
    if (!from) {
      err << "plan: --from: " << error << '\n';
      return kExitBadInput;
    }
  }

  Session session;
  if (const int code = OpenSession(path, options.rules_dir, err, session, options.encoding);
      code != 0)
    return code;
  const Evaluator& evaluator = session.evaluator();
  const Ledger& ledger = *session.ledger;

  if (wanted->percent) {
    // Of the total share capital in the scenario (company.total_shares), rounded down to whole
    // shares: selling the rounded-down count never exceeds the percentage asked for.
    const Shares total = ledger.company().total_shares;
    // floor(total × p / 10^6) without overflow: total = q·10^6 + r.
    constexpr std::int64_t kScale = 100 * 10000;
    const std::int64_t p = *wanted->percent;
    wanted->shares = (total / kScale) * p + (total % kScale) * p / kScale;
    err << "plan: --shares " << PercentText(*wanted->percent) << " of the total share capital "
        << Grouped(total) << " = " << Grouped(wanted->shares) << " shares (rounded down)\n";
    if (wanted->shares <= 0) {
      err << "plan: --shares " << PercentText(*wanted->percent)
          << " is less than one share of the total share capital\n";
      return kExitBadInput;
    }
  }

  PlanRequest request;
  request.holder = options.holder;
  request.shares = wanted->shares;
  request.methods = *methods;
  request.pinned_pack = session.pinned_pack;
  if (from) {
    request.from = *from;
  } else {
    const std::optional<Date> start = DefaultPlanStart(ledger, evaluator.calendar());
    if (!start) {
      err << path << ": history: no sale, purchase or announcement dated inside the trading "
          << "calendar to start after; give --from YYYY-MM-DD\n";
      return kExitBadInput;
    }
    request.from = *start;
  }

  Result<Plan> planned = MakePlan(evaluator, ledger, request);
  if (!planned.ok()) {
    if (planned.status().code() == StatusCode::kInternal) err << "internal error: ";
    err << path << ": plan: " << planned.status().message() << '\n';
    return ExitCodeFor(planned.status());
  }
  const Plan& plan = planned.value();

  if (options.out_path.empty()) {
    WriteSchedule(plan, options.holder, out);
    out.flush();
  } else {
    // The schedule file appears whole or not at all (output/atomic_file.h).
    Result<std::unique_ptr<output::AtomicFile>> file = output::AtomicFile::Create(options.out_path);
    if (!file.ok()) {
      err << "reducheck plan: --out: " << file.status().message() << '\n';
      return kExitBadInput;
    }
    WriteSchedule(plan, options.holder, file.value()->stream());
    if (Status st = file.value()->Commit(); !st.ok()) {
      err << "reducheck plan: --out: " << st.message() << '\n';
      return kExitBadInput;
    }
  }
  WriteSummary(plan, options, err);
  return plan.complete ? kExitPass : kExitFail;
}

}  // namespace reducheck::cli
