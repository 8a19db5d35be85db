#!/bin/sh
# Fails when engine/ or rules/ code includes an I/O, YAML, logging or socket header.
root="$1"
bad=$(grep -rnE '#include *[<"](yaml-cpp/|spdlog/|iostream|fstream|filesystem|cstdio|stdio\.h|sys/socket\.h|netinet/|arpa/inet\.h|boost/asio|httplib|sqlite3)' \
  "$root/engine" "$root/rules" --include='*.h' --include='*.cpp' --include='*.hpp')
if [ -n "$bad" ]; then
  echo "engine/ and rules/ must stay pure; forbidden includes:"; echo "$bad"; exit 1
fi
echo "engine/ and rules/ include no I/O, YAML, logging or socket headers"
