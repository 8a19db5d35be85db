// Renders verdicts for people (text) and programs (JSON, contract.md §2).
#ifndef REDUCHECK_ADAPTERS_VERDICT_RENDER_H_
#define REDUCHECK_ADAPTERS_VERDICT_RENDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "reducheck/engine/money.h"
#include "reducheck/engine/order.h"
#include "reducheck/engine/types.h"
#include "reducheck/engine/verdict.h"

namespace reducheck::adapters {

enum class Lang { kEn, kZh };

struct CheckedOrder {
  const Order* order = nullptr;
  Verdict verdict;
};

// JSON: an array with one object per order, keys in contract order, 2-space indent,
// trailing newline. Deterministic (goldens compare it byte for byte).
std::string RenderJson(const std::vector<CheckedOrder>& results);
// JSON of ONE verdict (the object RenderJson puts in its array), compact on one line without
// a trailing newline: for line-oriented output (`batch --format jsonl`).
std::string RenderVerdictJsonCompact(const CheckedOrder& result);
// The same appended to `out`, written directly without a JSON tree (the bulk path).
void AppendVerdictJsonCompact(const CheckedOrder& result, std::string& out);
// Text: one block per order, in `lang`.
std::string RenderText(const std::vector<CheckedOrder>& results, Lang lang);

// Value formatting shared by the renderers (and `reducheck rules`). Pure functions.
// "2026-03-20"; "" for a special (not-a-date-time, infinity) value.
std::string FormatDate(Date d);
// "31000000.00": yuan with 2 decimals, or 4 decimals when the amount has sub-fen digits.
std::string FormatMoney(Money m);
// part / whole as an exact percentage with 4 decimals, truncated toward zero ("1.1000%"),
// computed in integers. REQUIRES: r.whole != 0 (returns "" otherwise).
std::string FormatRatio(Ratio r);
// The calendar caveat of an answer that counted days of provisional calendar years
// (docs/calendar-format.md): "2027" or "2027, 2028"; en/zh sentences naming them. Empty text when
// `years` is empty. Built only for output, never on the pass path.
std::string ProvisionalYearList(const ProvisionalYears& years);
// `calendar`: the verdict's calendar id (the wording names how its provisional years were
// derived); empty or a cn calendar: the A-share wording.
Text ProvisionalCaveat(const ProvisionalYears& years, std::string_view calendar = {});

// Basis points as a percentage with trailing zeros trimmed: 500 -> "5%", 150 -> "1.5%",
// 125 -> "1.25%".
std::string FormatBasisPoints(std::int32_t bp);

}  // namespace reducheck::adapters

#endif  // REDUCHECK_ADAPTERS_VERDICT_RENDER_H_
