// UTF-8 validation and NFC normalisation for text entering chancery.
//
// Contract: ValidateUtf8 accepts exactly the well-formed UTF-8 of the Unicode
// standard (no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF, no
// truncated sequences) and additionally rejects NUL, which never occurs in news
// text and usually means a binary or UTF-16 file. NormalizeNfc is only defined
// for input that ValidateUtf8 accepts; it returns NFC text without a leading
// byte order mark, so every later byte offset refers to canonical text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chancery::text {

struct Utf8Problem {
  std::size_t byte_offset = 0;  // 0-based offset of the first bad byte
  std::size_t line = 0;         // 1-based; lines end at '\n'
  std::size_t column = 0;       // 1-based, counted in code points
  std::string message;          // e.g. "overlong encoding", "NUL byte"
};

// The first invalid sequence or NUL byte in `bytes`, or std::nullopt if the
// whole input is well-formed UTF-8.
std::optional<Utf8Problem> ValidateUtf8(std::string_view bytes);

// `bytes` with each invalid sequence and NUL byte replaced by U+FFFD (a bad
// lead byte and the continuation bytes after it count as one sequence), so
// the result always passes ValidateUtf8. For text made by other libraries
// (gumbo turns "&#x99999999999;" into a lone byte), never for user input,
// which is reported instead.
std::string ReplaceInvalidUtf8(std::string_view bytes);

// NFC normalisation (ICU Normalizer2). Returns the input unchanged (minus a
// leading BOM) when it is already in NFC, which is the common case.
// Precondition: `utf8` is valid UTF-8.
std::string NormalizeNfc(std::string_view utf8);

}  // namespace chancery::text
