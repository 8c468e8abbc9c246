// SHA-256 specification: the FIPS 180-2 / NIST example vectors, piecewise
// feeding, and what StoryHash covers.
#include "store/sha256.h"

#include <gtest/gtest.h>

#include <string>

#include "store/store.h"

namespace chancery::store {
namespace {

TEST(Sha256, FipsVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmno"
                      "pqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
  // 55, 56 and 64 bytes straddle the length field's block boundary.
  EXPECT_EQ(Sha256Hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(Sha256Hex(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(Sha256Hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256, FeedingInPiecesGivesTheSameDigest) {
  std::string text = "Russia accredited Taliban-appointed diplomats, officials said.";
  for (std::size_t cut = 0; cut <= text.size(); cut += 7) {
    Sha256 sha;
    sha.Update(std::string_view(text).substr(0, cut));
    sha.Update(std::string_view(text).substr(cut));
    std::string hex;
    for (std::uint8_t b : sha.Finish()) {
      static constexpr char kHex[] = "0123456789abcdef";
      hex += kHex[b >> 4];
      hex += kHex[b & 15];
    }
    EXPECT_EQ(hex, Sha256Hex(text)) << "cut at " << cut;
  }
}

TEST(StoryHash, CoversEveryStoryFieldButNotWhereItCameFrom) {
  Story a{"id-1", "2022-04-09", "VOA", "https://voa/1", "Title", "Body text.", "a.jsonl", 3};
  std::string h = StoryHash(a);
  EXPECT_EQ(h.size(), 64u);
  Story moved = a;
  moved.origin = "b.jsonl";
  moved.origin_line = 9;
  EXPECT_EQ(StoryHash(moved), h);
  for (std::string Story::*field :
       {&Story::id, &Story::date, &Story::source, &Story::url, &Story::title, &Story::text}) {
    Story changed = a;
    changed.*field += "x";
    EXPECT_NE(StoryHash(changed), h);
  }
  // Bytes moved from one field to the next must not give the same hash.
  Story shifted = a;
  shifted.title = "Titl";
  shifted.text = "eBody text.";
  EXPECT_NE(StoryHash(shifted), h);
}

}  // namespace
}  // namespace chancery::store
