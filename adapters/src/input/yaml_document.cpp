#include "input/yaml_document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_map>

#include "input/text.h"

namespace reducheck::input {

namespace {

// Thrown out of the parser's event loop at the first structural problem.
struct Refused {
  YAML::Mark mark;
  std::string message;
};

class ShapeCheck final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > kMaxYamlDocuments) {
      throw Refused{mark,
                    "a second YAML document starts here; a reducheck input is one document "
                    "(remove the '---' line and what follows it, or put it in a file of its own)"};
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { Leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    Leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchored_.find(anchor);
    if (it == anchored_.end()) return;  // the parser reports an unknown anchor itself
    Count(mark, it->second.nodes);
    if (depth_ + it->second.depth > kMaxNestingDepth) TooDeep(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Open(mark, anchor);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Open(mark, anchor);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    YAML::anchor_t anchor;
    std::int64_t nodes_before;
    int depth;
  };
  struct Anchored {
    std::int64_t nodes = 1;
    int depth = 0;  // levels below the anchored node
  };

  void Leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    Count(mark, 1);
    if (anchor != YAML::NullAnchor) anchored_[anchor] = Anchored{1, 0};
  }
  void Open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    Count(mark, 1);
    if (++depth_ > kMaxNestingDepth) TooDeep(mark);
    frames_.push_back(Frame{anchor, nodes_ - 1, depth_});
    deepest_.push_back(depth_);
  }
  void Close() {
    const Frame f = frames_.back();
    const int deepest = deepest_.back();
    frames_.pop_back();
    deepest_.pop_back();
    if (!deepest_.empty()) deepest_.back() = std::max(deepest_.back(), deepest);
    if (f.anchor != YAML::NullAnchor) {
      anchored_[f.anchor] = Anchored{nodes_ - f.nodes_before, deepest - f.depth + 1};
    }
    --depth_;
  }
  void Count(const YAML::Mark& mark, std::int64_t n) {
    nodes_ += n;
    if (nodes_ > kMaxYamlNodes) {
      throw Refused{mark, "the document has more than " + std::to_string(kMaxYamlNodes) +
                              " nodes (aliases counted as what they repeat); that is the limit "
                              "for every reducheck input"};
    }
  }
  [[noreturn]] static void TooDeep(const YAML::Mark& mark) {
    throw Refused{mark, "nested deeper than " + std::to_string(kMaxNestingDepth) +
                            " levels here; " + std::to_string(kMaxNestingDepth) +
                            " is the nesting limit for every reducheck input"};
  }

  int documents_ = 0;
  int depth_ = 0;
  std::int64_t nodes_ = 0;
  std::vector<Frame> frames_;
  std::vector<int> deepest_;  // per open collection: the deepest level seen inside it
  std::unordered_map<YAML::anchor_t, Anchored> anchored_;
};

adapters::Diagnostic At(const std::string& file, const YAML::Mark& mark, std::string message) {
  adapters::Diagnostic d;
  d.file = file;
  if (!mark.is_null() && mark.line >= 0) {
    d.line = mark.line + 1;
    d.column = mark.column + 1;
  }
  d.message = std::move(message);
  return d;
}

}  // namespace

std::vector<adapters::Diagnostic> CheckYamlInput(std::string_view text, const std::string& file,
                                                 std::size_t max_bytes) {
  if (const auto p = CheckInputText(text, max_bytes)) {
    return {adapters::Diagnostic{file, p->line, p->column, "", "the file " + p->message}};
  }
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    ShapeCheck check;
    while (parser.HandleNextDocument(check)) {
    }
  } catch (const Refused& r) {
    return {At(file, r.mark, r.message)};
  } catch (const YAML::Exception& e) {
    return {At(file, e.mark, "YAML syntax error: " + e.msg)};
  } catch (const std::exception& e) {
    return {adapters::Diagnostic{file, 0, 0, "", std::string("cannot read the YAML: ") + e.what()}};
  }
  return {};
}

}  // namespace reducheck::input
