// Status and Result<T>: errors as values at module edges.
//
// A Status means "could not evaluate" (bad input, missing calendar year, no rule pack in force).
// A failing verdict is NOT an error: it is a successful evaluation that returns a Verdict.
// Names follow absl (ok(), code(), message(), value()) so a later swap to std::expected (C++23)
// stays mechanical. Thread safety: immutable values; const methods are safe to share.
#ifndef REDUCHECK_ENGINE_STATUS_H_
#define REDUCHECK_ENGINE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace reducheck {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the caller's data is wrong (bad field, impossible date, unknown holder)
  kOutOfRange,    // a date outside the trading calendar or outside every rule pack
  kNotFound,      // a named thing does not exist
  kInternal,      // a bug: reported as exit code 3
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
inline Status OutOfRange(std::string m) { return {StatusCode::kOutOfRange, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Holds either a value or a non-ok Status. REQUIRES: value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T& value() & {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_STATUS_H_
