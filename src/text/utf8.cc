#include "text/utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace chancery::text {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Number of code points in bytes[line_start, offset): the column of `offset`
// minus one. Only called once, on the error path, so it need not be fast.
std::size_t CountCodePoints(std::string_view bytes, std::size_t from, std::size_t to) {
  std::size_t count = 0;
  for (std::size_t i = from; i < to; ++i) {
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

Utf8Problem MakeProblem(std::string_view bytes, std::size_t offset, std::size_t line,
                        std::size_t line_start, std::string message) {
  return Utf8Problem{offset, line, CountCodePoints(bytes, line_start, offset) + 1,
                     std::move(message)};
}

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

std::optional<Utf8Problem> ValidateUtf8(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  std::size_t line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < size) {
    // Fast path: eight ASCII bytes without NUL or newline at a time.
    if (i + 8 <= size) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
      const std::uint64_t newline = word ^ (kOnes * '\n');
      const bool has_high = (word & kHighs) != 0;
      const bool has_zero = ((word - kOnes) & ~word & kHighs) != 0;
      const bool has_newline = ((newline - kOnes) & ~newline & kHighs) != 0;
      if (!has_high && !has_zero && !has_newline) {
        i += 8;
        continue;
      }
    }
    const unsigned char lead = data[i];
    if (lead < 0x80) {
      if (lead == 0) return MakeProblem(bytes, i, line, line_start, "NUL byte");
      if (lead == '\n') {
        ++line;
        line_start = i + 1;
      }
      ++i;
      continue;
    }
    std::size_t length;
    std::uint32_t code_point;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code_point = lead & 0x07;
    } else if (lead == 0xC0 || lead == 0xC1) {
      return MakeProblem(bytes, i, line, line_start, "overlong encoding");
    } else if (IsContinuation(lead)) {
      return MakeProblem(bytes, i, line, line_start, "unexpected continuation byte");
    } else {  // 0xF5..0xFF
      return MakeProblem(bytes, i, line, line_start, "code point above U+10FFFF");
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= size || !IsContinuation(data[i + k])) {
        return MakeProblem(bytes, i, line, line_start, "truncated sequence");
      }
      code_point = (code_point << 6) | (data[i + k] & 0x3F);
    }
    if ((length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000)) {
      return MakeProblem(bytes, i, line, line_start, "overlong encoding");
    }
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
      return MakeProblem(bytes, i, line, line_start, "UTF-16 surrogate");
    }
    if (code_point > 0x10FFFF) {
      return MakeProblem(bytes, i, line, line_start, "code point above U+10FFFF");
    }
    i += length;
  }
  return std::nullopt;
}

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  std::string out;
  while (std::optional<Utf8Problem> problem = ValidateUtf8(bytes)) {
    if (out.empty()) out.reserve(bytes.size() + 2);
    out.append(bytes.substr(0, problem->byte_offset));
    out.append("\xEF\xBF\xBD");
    std::size_t skip = problem->byte_offset + 1;
    for (int k = 0; k < 3 && skip < bytes.size() && IsContinuation(static_cast<unsigned char>(bytes[skip])); ++k)
      ++skip;
    bytes.remove_prefix(skip);
  }
  if (out.empty()) return std::string(bytes);
  out.append(bytes);
  return out;
}

std::string NormalizeNfc(std::string_view utf8) {
  if (utf8.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    utf8.remove_prefix(kByteOrderMark.size());
  }
  // ASCII is always NFC; most English news is ASCII or nearly so.
  bool ascii = true;
  for (unsigned char byte : utf8) {
    if (byte >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(utf8);

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU NFC normaliser unavailable: ") +
                             u_errorName(status));
  }
  const icu::StringPiece piece(utf8.data(), static_cast<std::int32_t>(utf8.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    return std::string(utf8);
  }
  status = U_ZERO_ERROR;
  std::string normalized;
  normalized.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&normalized);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("NFC normalisation failed: ") + u_errorName(status));
  }
  return normalized;
}

}  // namespace chancery::text
