// Reading the FIX fields the gateway judges by (docs/fix-gateway.md#field-mapping). A bad value
// throws QuickFIX's IncorrectDataFormat / IncorrectTagValue (and a missing one FieldNotFound),
// which QuickFIX answers with a session-level Reject naming the tag. C++14 (QuickFIX 1.15).
#ifndef REDUCHECK_ADAPTERS_FIX_FIX_FIELDS_H_
#define REDUCHECK_ADAPTERS_FIX_FIX_FIELDS_H_

#include <quickfix/Message.h>

#include <cstdint>
#include <string>

namespace reducheck {
namespace fix {

// Side (54): 2 sell, 5 sell short, 6 sell short exempt.
bool IsSell(const std::string& side);
// A positive whole number of shares ("100", "100.0"); a fraction of a share is refused.
std::int64_t Quantity(const FIX::Message& m, int tag);
// A decimal price as sent ("" when the tag is absent).
std::string PriceText(const FIX::Message& m, int tag);
// TransactTime (60, UTC "YYYYMMDD-HH:MM:SS[.sss]") as the trading date in China Standard Time
// (UTC+8, no daylight saving): "YYYY-MM-DD".
std::string CstDate(const FIX::Message& m);

}  // namespace fix
}  // namespace reducheck

#endif  // REDUCHECK_ADAPTERS_FIX_FIX_FIELDS_H_
