// Fuzz targets: each fuzz/*_fuzzer.cc defines LLVMFuzzerTestOneInput for one
// stage that takes outside bytes.
//
// Contract of every target:
// - Any byte string is a valid input: the target must neither crash, hang,
//   leak, nor trip a sanitizer, whatever the bytes.
// - Beyond not crashing, a target checks the stage's own contract on what it
//   returns (valid UTF-8 out, offsets inside the text, ...) with FUZZ_CHECK,
//   which aborts, so libFuzzer saves the input as a crash.
// - Built with -DCHANCERY_FUZZ=ON (clang), a target links libFuzzer; otherwise
//   it links replay_main.cc and replays fuzz/corpus/<name>/ as a CTest test, so
//   every saved input keeps being checked by the ordinary build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                            \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
