// Parser comparison for reading a large scenario (docs/design.md, "Reading large scenarios"):
// time and peak RSS of each way of reading one file. Not built by CMake (it needs parsers the
// project does not link); build and run by hand:
//
//   apt-get install libyaml-dev libfyaml-dev libsimdjson-dev
//   g++ -std=c++20 -O2 -o /tmp/parse_compare test/bench/parser_compare.cpp \
//       -lyaml-cpp -lyaml -lfyaml -lsimdjson
//   /usr/bin/time -f '%U s user, %M kB peak' /tmp/parse_compare MODE FILE
//
// MODE: none (read the file only), yamlcpp, libyaml-events, libyaml-tree (events into a compact
// tree: 24-byte nodes, one text arena, marks kept), fyaml-tree, fyaml-events (YAML input);
// simdjson-dom, simdjson-ondemand (JSON input). Each mode reads the file into memory, then parses
// it and walks every node.
// fyaml-events simdjson-dom simdjson-ondemand)
#include <libfyaml.h>
#include <simdjson.h>
#include <sys/resource.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

static std::string Slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

static long CountYamlCpp(const YAML::Node& n) {
  long c = 1;
  if (n.IsMap())
    for (auto it = n.begin(); it != n.end(); ++it)
      c += CountYamlCpp(it->first) + CountYamlCpp(it->second);
  else if (n.IsSequence())
    for (auto it = n.begin(); it != n.end(); ++it) c += CountYamlCpp(*it);
  else if (n.IsScalar())
    c += n.Scalar().size() > 1000 ? 1 : 0;
  return c;
}

// Compact tree: what a reader needs (kind, plain/quoted, line, column, text, children).
struct Rec {
  std::uint8_t kind;  // 0 null-ish plain scalar, 1 scalar, 2 seq, 3 map
  std::uint8_t plain;
  std::uint32_t line, column;
  std::uint32_t a, b;  // scalar: arena offset, length; collection: first child, count
  std::uint32_t next;  // next sibling, 0 = none
};
struct Tree {
  std::vector<Rec> nodes;
  std::string arena;
};

static long LibyamlTree(const std::string& text, bool build) {
  yaml_parser_t p;
  yaml_parser_initialize(&p);
  yaml_parser_set_input_string(&p, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  Tree t;
  std::vector<std::uint32_t> stack;  // open collections
  std::vector<std::uint32_t> last;   // last child of each open collection
  long events = 0;
  bool done = false;
  while (!done) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) {
      std::fprintf(stderr, "libyaml error: %s\n", p.problem);
      return -1;
    }
    ++events;
    auto add = [&](Rec r) {
      const auto idx = static_cast<std::uint32_t>(t.nodes.size());
      t.nodes.push_back(r);
      if (!stack.empty()) {
        Rec& parent = t.nodes[stack.back()];
        if (parent.b == 0)
          parent.a = idx;
        else
          t.nodes[last.back()].next = idx;
        ++parent.b;
        last.back() = idx;
      }
      return idx;
    };
    if (build) {
      switch (e.type) {
        case YAML_SCALAR_EVENT: {
          Rec r{1,
                static_cast<std::uint8_t>(e.data.scalar.plain_implicit),
                static_cast<std::uint32_t>(e.start_mark.line),
                static_cast<std::uint32_t>(e.start_mark.column),
                static_cast<std::uint32_t>(t.arena.size()),
                static_cast<std::uint32_t>(e.data.scalar.length),
                0};
          t.arena.append(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
          add(r);
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
          Rec r{static_cast<std::uint8_t>(e.type == YAML_SEQUENCE_START_EVENT ? 2 : 3),
                0,
                static_cast<std::uint32_t>(e.start_mark.line),
                static_cast<std::uint32_t>(e.start_mark.column),
                0,
                0,
                0};
          stack.push_back(add(r));
          last.push_back(0);
          break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          stack.pop_back();
          last.pop_back();
          break;
        default:
          break;
      }
    }
    done = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&p);
  if (build)
    std::fprintf(stderr, "tree: %zu nodes (%zu MB), arena %zu MB\n", t.nodes.size(),
                 t.nodes.capacity() * sizeof(Rec) >> 20, t.arena.capacity() >> 20);
  return build ? static_cast<long>(t.nodes.size()) : events;
}

static long CountFy(fy_node* n) {
  long c = 1;
  void* it = nullptr;
  if (fy_node_is_mapping(n)) {
    while (fy_node_pair* p = fy_node_mapping_iterate(n, &it))
      c += CountFy(fy_node_pair_key(p)) + CountFy(fy_node_pair_value(p));
  } else if (fy_node_is_sequence(n)) {
    while (fy_node* x = fy_node_sequence_iterate(n, &it)) c += CountFy(x);
  } else {
    size_t len;
    fy_node_get_scalar(n, &len);
    if (fy_token* tk = fy_node_get_scalar_token(n)) fy_token_start_mark(tk);
  }
  return c;
}

static long CountSimd(simdjson::dom::element e) {
  long c = 1;
  if (e.is_object())
    for (auto [k, v] : e.get_object()) c += 1 + CountSimd(v);
  else if (e.is_array())
    for (auto v : e.get_array()) c += CountSimd(v);
  return c;
}

static long CountOnDemand(simdjson::ondemand::value v) {
  long c = 1;
  switch (v.type()) {
    case simdjson::ondemand::json_type::object:
      for (auto field : v.get_object()) {
        (void)field.unescaped_key();
        c += 1 + CountOnDemand(field.value());
      }
      break;
    case simdjson::ondemand::json_type::array:
      for (auto x : v.get_array()) c += CountOnDemand(x.value());
      break;
    case simdjson::ondemand::json_type::string:
      (void)v.get_string();
      break;
    default:
      (void)v.raw_json_token();
      break;
  }
  return c;
}

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  const std::string mode = argv[1];
  const auto t0 = std::chrono::steady_clock::now();
  long count = 0;
  {
    const std::string text = Slurp(argv[2]);
    const auto t1 = std::chrono::steady_clock::now();
    if (mode == "yamlcpp") {
      YAML::Node root = YAML::Load(text);
      count = CountYamlCpp(root);
    } else if (mode == "libyaml-events") {
      count = LibyamlTree(text, false);
    } else if (mode == "libyaml-tree") {
      count = LibyamlTree(text, true);
    } else if (mode == "fyaml-tree") {
      fy_parse_cfg cfg{};
      cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET);
      fy_document* d = fy_document_build_from_string(&cfg, text.data(), text.size());
      if (!d) {
        std::fprintf(stderr, "fyaml error\n");
        return 1;
      }
      count = CountFy(fy_document_root(d));
      fy_document_destroy(d);
    } else if (mode == "fyaml-events") {
      fy_parse_cfg cfg{};
      cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET);
      fy_parser* p = fy_parser_create(&cfg);
      fy_parser_set_string(p, text.data(), text.size());
      while (fy_event* e = fy_parser_parse(p)) {
        ++count;
        if (e->type == FYET_SCALAR) {
          size_t len;
          fy_token_get_text(e->scalar.value, &len);
          fy_event_start_mark(e);
        }
        fy_parser_event_free(p, e);
      }
      fy_parser_destroy(p);
    } else if (mode == "simdjson-dom") {
      simdjson::dom::parser parser;
      simdjson::padded_string padded(text);
      simdjson::dom::element root = parser.parse(padded);
      count = CountSimd(root);
    } else if (mode == "simdjson-ondemand") {
      simdjson::ondemand::parser parser;
      simdjson::padded_string padded(text);
      simdjson::ondemand::document doc = parser.iterate(padded);
      count = CountOnDemand(doc.get_value());
    } else if (mode != "none") {
      return 2;
    }
    const auto t2 = std::chrono::steady_clock::now();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("%s: %ld items, read %.0f ms, parse+walk %.0f ms, peak RSS %ld MB (input %zu MB)\n",
                mode.c_str(), count, std::chrono::duration<double, std::milli>(t1 - t0).count(),
                std::chrono::duration<double, std::milli>(t2 - t1).count(), ru.ru_maxrss / 1024,
                text.size() >> 20);
  }
  return 0;
}
