// Every limit reducheck puts on what it reads, in one place: the CLI readers (scenario, rule
// pack, calendar, schedule CSV), the service's requests and the HTTP transport all use these
// values, and docs/security.md#limits lists them. A parser swap (e.g. another YAML library)
// keeps them by keeping the checks of input/ in front of it.
#ifndef REDUCHECK_ADAPTERS_INPUT_LIMITS_H_
#define REDUCHECK_ADAPTERS_INPUT_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace reducheck::input {

// ---- Structure ----
// Nesting of JSON arrays/objects and YAML sequences/mappings. A scenario is about 7 levels
// deep; 64 leaves room for any real document and keeps every parser far from its stack limit.
inline constexpr int kMaxNestingDepth = 64;
// A YAML input is one document: a second one ("---") is an error, not ignored.
inline constexpr int kMaxYamlDocuments = 1;
// Nodes of a YAML document, counting what aliases (*name) expand to: bounds the work a small
// file can cause (an alias of an alias of ... is counted in full).
inline constexpr std::int64_t kMaxYamlNodes = 4'000'000;

// ---- Sizes ----
// A YAML document (scenario, rule pack, calendar) read from a file. The service's request bodies
// are bounded by serve --max-body-bytes (default 1 MiB) instead.
inline constexpr std::size_t kMaxDocumentBytes = 64u << 20;
// One line of a schedule CSV (the file itself is streamed, line by line).
inline constexpr std::size_t kMaxCsvLineBytes = 64u << 10;
// Identifiers: company code, holder, lot and order ids, concert groups, rule pack ids.
inline constexpr std::size_t kMaxIdBytes = 128;
// Any other text value: names, titles, notes, sources, periods.
inline constexpr std::size_t kMaxTextBytes = 4096;

// ---- Values ----
// Dates anywhere (scenario, schedule, calendar, packs, requests, command-line options):
// 1900-01-01 .. 2199-12-31. Far enough back for any acquisition record and ahead for any
// lock-up, commitment or calendar; the engine's date arithmetic (at most a few decades past an
// input date) then stays far inside the Gregorian range its date type supports (to 9999).
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2199;
// Share counts (holdings, lots, orders, plans): 1 .. 10^15, far above any listed company's
// share capital; sums of counts stay far from int64 overflow.
inline constexpr std::int64_t kMaxShares = 1'000'000'000'000'000;

// ---- HTTP (serve) ----
// The header section (request line + fields), and the per-connection read buffer, which bounds
// the unparsed bytes of a request: a chunk-size line, a chunk extension, a trailer section.
inline constexpr std::uint32_t kMaxHttpHeaderBytes = 16u << 10;
inline constexpr std::size_t kHttpReadBufferBytes = 32u << 10;
// The Idempotency-Key header (visible ASCII) and the X-Request-Id echoed back.
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 200;
inline constexpr std::size_t kMaxRequestIdBytes = 64;

}  // namespace reducheck::input

#endif  // REDUCHECK_ADAPTERS_INPUT_LIMITS_H_
