// SHA-256 digests (OpenSSL libcrypto) as lowercase hex, for audit-line chaining and input
// digests. Pure function of the bytes; thread-safe.
#ifndef REDUCHECK_ADAPTERS_AUDIT_SHA256_H_
#define REDUCHECK_ADAPTERS_AUDIT_SHA256_H_

#include <string>
#include <string_view>

namespace reducheck::audit {

// 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

// The digest that the first line of a chain names as its predecessor.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace reducheck::audit

#endif  // REDUCHECK_ADAPTERS_AUDIT_SHA256_H_
