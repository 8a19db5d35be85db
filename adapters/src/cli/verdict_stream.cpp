// Streaming writer of `check` results (see verdict_stream.h).
#include "cli/verdict_stream.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace reducheck::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kBlockBytes = 64 * 1024;

// "  " before every line of `text` (an array element one level deep, as nlohmann indents it).
void AppendIndented(std::string& out, std::string_view text) {
  out += "  ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";
  }
}

Json ErrorJson(std::string_view id, const adapters::Diagnostic& d) {
  Json error = Json::object();
  error["file"] = d.file;
  error["line"] = d.line > 0 ? Json(d.line) : Json(nullptr);
  error["column"] = d.column > 0 ? Json(d.column) : Json(nullptr);
  error["field"] = d.field.empty() ? Json(nullptr) : Json(d.field);
  error["message"] = d.message;
  Json j = Json::object();
  j["order"] = id.empty() ? Json(nullptr) : Json(std::string(id));
  j["verdict"] = "error";
  j["error"] = std::move(error);
  return j;
}

}  // namespace

VerdictStream::VerdictStream(std::ostream& out, StreamFormat format, adapters::Lang lang,
                             bool flush_each)
    : out_(out), format_(format), lang_(lang), flush_each_(flush_each), one_(1) {
  buffer_.reserve(kBlockBytes + 8192);
}

void VerdictStream::BeginEntry() {
  switch (format_) {
    case StreamFormat::kJson:
      buffer_ += entries_ == 0 ? "[\n" : ",\n";
      break;
    case StreamFormat::kText:
      if (entries_ > 0) buffer_ += '\n';  // a blank line between orders, as RenderText
      break;
    case StreamFormat::kJsonl:
      break;
  }
  ++entries_;
}

void VerdictStream::EndEntry() {
  if (format_ == StreamFormat::kJsonl) buffer_ += '\n';
  if (flush_each_ || buffer_.size() >= kBlockBytes) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (flush_each_) out_.flush();
    buffer_.clear();
  }
}

void VerdictStream::Add(adapters::CheckedOrder& checked) {
  BeginEntry();
  switch (format_) {
    case StreamFormat::kJsonl:
      adapters::AppendVerdictJsonCompact(checked, buffer_);
      break;
    case StreamFormat::kJson: {
      // RenderJson of a one-element array is "[\n" + the element, indented + "\n]\n".
      std::swap(one_.front(), checked);
      const std::string array = adapters::RenderJson(one_);
      std::swap(one_.front(), checked);
      constexpr std::string_view kOpen = "[\n";
      constexpr std::string_view kClose = "\n]\n";
      buffer_.append(array, kOpen.size(), array.size() - kOpen.size() - kClose.size());
      break;
    }
    case StreamFormat::kText:
      std::swap(one_.front(), checked);
      buffer_ += adapters::RenderText(one_, lang_);
      std::swap(one_.front(), checked);
      break;
  }
  EndEntry();
}

void VerdictStream::AddError(std::string_view id, const adapters::Diagnostic& problem) {
  BeginEntry();
  switch (format_) {
    case StreamFormat::kJsonl:
      buffer_ += ErrorJson(id, problem).dump(-1, ' ', false, Json::error_handler_t::replace);
      break;
    case StreamFormat::kJson:
      AppendIndented(buffer_,
                     ErrorJson(id, problem).dump(2, ' ', false, Json::error_handler_t::replace));
      break;
    case StreamFormat::kText: {
      const bool zh = lang_ == adapters::Lang::kZh;
      buffer_ += zh ? "订单 " : "Order ";
      buffer_ += id.empty() ? std::string_view("?") : id;
      buffer_ += zh ? " — 输入错误（未判断）\n  " : " — INPUT ERROR (not judged)\n  ";
      buffer_ += adapters::Format(problem);
      buffer_ += '\n';
      break;
    }
  }
  EndEntry();
}

bool VerdictStream::Finish() {
  if (format_ == StreamFormat::kJson) buffer_ += entries_ == 0 ? "[]\n" : "\n]\n";
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  out_.flush();
  return static_cast<bool>(out_);
}

}  // namespace reducheck::cli
