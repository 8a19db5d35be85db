#include "input/yaml_document.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#include <yaml.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

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

// The same structural limits counted over libyaml's events (about a tenth of the CPU of
// yaml-cpp's parser, which YAML::Load then runs once more to build its tree). It only says
// "clean": on a syntax error, a limit reached or an alias libyaml cannot resolve it says "look
// closer", and ShapeCheck's pass over yaml-cpp's events then decides and words the diagnostic,
// so every diagnostic is the one it has always been. Where libyaml accepts a text that yaml-cpp
// rejects, YAML::Load reports the same syntax error with the same mark when the reader loads it.
class FastShapeCheck {
 public:
  // True when the text is one document within the limits, as far as libyaml can tell.
  static bool Clean(std::string_view text) {
    yaml_parser_t parser;
    if (yaml_parser_initialize(&parser) == 0) return false;
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    FastShapeCheck check;
    bool clean = true;
    for (bool done = false; clean && !done;) {
      yaml_event_t event;
      if (yaml_parser_parse(&parser, &event) == 0) {
        clean = false;
        break;
      }
      done = event.type == YAML_STREAM_END_EVENT;
      clean = check.On(event);
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return clean;
  }

 private:
  struct Frame {
    std::string anchor;  // empty: none
    std::int64_t nodes_before;
    int depth;
  };
  struct Anchored {
    std::int64_t nodes = 1;
    int depth = 0;
  };

  static std::string AnchorOf(const yaml_char_t* anchor) {
    return anchor == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(anchor));
  }

  // False when a limit is reached (or an alias is unknown).
  bool On(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        return ++documents_ <= kMaxYamlDocuments;
      case YAML_SCALAR_EVENT: {
        if (!Count(1)) return false;
        if (e.data.scalar.anchor != nullptr) anchored_[AnchorOf(e.data.scalar.anchor)] = {1, 0};
        return true;
      }
      case YAML_ALIAS_EVENT: {
        const auto it = anchored_.find(AnchorOf(e.data.alias.anchor));
        if (it == anchored_.end()) return false;
        return Count(it->second.nodes) && depth_ + it->second.depth <= kMaxNestingDepth;
      }
      case YAML_SEQUENCE_START_EVENT:
        return Open(e.data.sequence_start.anchor);
      case YAML_MAPPING_START_EVENT:
        return Open(e.data.mapping_start.anchor);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        Close();
        return true;
      default:
        return true;
    }
  }
  bool Open(const yaml_char_t* anchor) {
    if (!Count(1) || ++depth_ > kMaxNestingDepth) return false;
    frames_.push_back(Frame{AnchorOf(anchor), nodes_ - 1, depth_});
    deepest_.push_back(depth_);
    return true;
  }
  void Close() {
    if (frames_.empty()) return;  // libyaml pairs them; never expected
    const Frame f = frames_.back();
    const int deepest = deepest_.back();
    frames_.pop_back();
    deepest_.pop_back();
    if (!deepest_.empty()) deepest_.back() = std::max(deepest_.back(), deepest);
    if (!f.anchor.empty()) anchored_[f.anchor] = {nodes_ - f.nodes_before, deepest - f.depth + 1};
    --depth_;
  }
  bool Count(std::int64_t n) {
    nodes_ += n;
    return nodes_ <= kMaxYamlNodes;
  }

  int documents_ = 0;
  int depth_ = 0;
  std::int64_t nodes_ = 0;
  std::vector<Frame> frames_;
  std::vector<int> deepest_;
  std::unordered_map<std::string, Anchored> anchored_;
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
  if (FastShapeCheck::Clean(text)) return {};
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
