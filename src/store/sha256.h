// SHA-256 (FIPS 180-4), written for the store's story hashes.
//
// Contract: Sha256Hex(bytes) is the lower-case hex digest of exactly those
// bytes; Sha256 can be fed in pieces and gives the same digest as one call.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace chancery::store {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  // Finishes the digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> Finish();
  // Finish(), as lower-case hex.
  std::string FinishHex();

 private:
  void Block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes seen
};

std::string Sha256Hex(std::string_view bytes);

}  // namespace chancery::store
