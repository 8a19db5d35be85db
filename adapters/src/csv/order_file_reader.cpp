// Orders file reader for `check --orders` (CSV and JSON lines), streaming.
#include "reducheck/adapters/order_file_reader.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "service/request_json.h"

namespace reducheck::adapters {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

std::optional<OrderFileFormat> OrderFileFormatFromExtension(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string ext = Lower(name.substr(dot + 1));
  if (ext == "csv") return OrderFileFormat::kCsv;
  if (ext == "jsonl" || ext == "ndjson") return OrderFileFormat::kJsonl;
  return std::nullopt;
}

std::optional<OrderFileFormat> ParseOrderFileFormat(std::string_view name) {
  if (name == "csv") return OrderFileFormat::kCsv;
  if (name == "jsonl") return OrderFileFormat::kJsonl;
  return std::nullopt;
}

std::unique_ptr<OrderFileReader> OrderFileReader::Open(const std::string& path,
                                                       OrderFileFormat format,
                                                       std::vector<Diagnostic>* problems) {
  std::string error;
  std::unique_ptr<FileLines> lines = FileLines::Open(path, &error);
  if (!lines) {
    problems->push_back({path, 0, 0, "", error});
    return nullptr;
  }
  std::unique_ptr<OrderFileReader> reader(new OrderFileReader(std::move(lines), path, format));
  if (reader->csv_) {
    if (!reader->csv_->header_problems().empty()) {
      for (const Diagnostic& d : reader->csv_->header_problems()) problems->push_back(d);
      return nullptr;
    }
    if (!reader->lines_->error().empty()) {  // a read error before the header was complete
      problems->push_back({path, 0, 0, "", reader->lines_->error()});
      return nullptr;
    }
  }
  return reader;
}

OrderFileReader::OrderFileReader(std::unique_ptr<FileLines> lines, std::string path,
                                 OrderFileFormat format)
    : lines_(std::move(lines)), path_(std::move(path)), format_(format) {
  if (format_ == OrderFileFormat::kCsv) {
    csv_.emplace(*lines_, path_, ScheduleFileKind::kOrders);
  }
}

bool OrderFileReader::Next(OrderLine& out) {
  if (format_ == OrderFileFormat::kJsonl) return NextJson(out);
  if (!csv_->Next(row_)) return false;
  out.line = row_.line;
  out.bad = row_.bad;
  out.id = row_.id;
  out.company.reset();
  if (row_.bad) {
    out.problem = row_.problem;
  } else {
    std::swap(out.order, row_.order);  // no copy; row_.order is rewritten by the next line
  }
  return true;
}

bool OrderFileReader::NextJson(OrderLine& out) {
  std::string_view line;
  do {
    if (!lines_->Next(line)) return false;
    ++line_no_;
    if (line_no_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // BOM
  } while (Blank(line));
  out.line = line_no_;
  out.id.clear();
  service::Parsed<service::OrderRequest> parsed =
      service::ParseOrderRequest(line, service::OrderKind::kCheck);
  if (!parsed.value) {
    out.bad = true;
    const service::FieldProblem& first = parsed.problems.front();
    std::string message = first.message;
    if (parsed.problems.size() > 1) {
      message += " (and " + std::to_string(parsed.problems.size() - 1) + " more problem" +
                 (parsed.problems.size() > 2 ? "s" : "") + " on this line)";
    }
    out.problem = Diagnostic{path_, line_no_, 0, first.field, std::move(message)};
    return true;
  }
  out.bad = false;
  out.order = std::move(parsed.value->order);
  out.id = out.order.id;
  out.company = std::move(parsed.value->company);
  return true;
}

}  // namespace reducheck::adapters
