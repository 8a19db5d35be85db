// A 128-bit integer for the exact intermediates of share-count, basis-point and price products
// (holding x 10000 >= bp x total). Internal to the engine and rules sources: it is a GCC/Clang
// extension, so it is kept out of the installed public headers, which compile in a consumer
// with -std=c++20 -Wpedantic (docs/embedding.md).
#ifndef REDUCHECK_ENGINE_INT128_H_
#define REDUCHECK_ENGINE_INT128_H_

namespace reducheck {

__extension__ typedef __int128 Int128;  // NOLINT(runtime/int)

}  // namespace reducheck

#endif  // REDUCHECK_ENGINE_INT128_H_
