// Tests Sha256 against the FIPS 180-2 example digests.
#include "compiler/kernel_cache/sha256.h"

#include <doctest/doctest.h>

#include <string>

using nj::kernel_cache::Digest;
using nj::kernel_cache::Sha256;
using nj::kernel_cache::sha256;

namespace {

std::string hex(const Digest& digest) {
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (uint8_t byte : digest) text += {digits[byte >> 4], digits[byte & 15]};
    return text;
}

}  // namespace

TEST_CASE("sha256: the standard's examples, from empty input to a million bytes") {
    CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(hex(sha256(std::string(1000000, 'a'))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: input given in pieces of any size hashes as the whole") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
    for (size_t cut : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 200u}) {
        Sha256 hash;
        hash.update(std::string_view(text).substr(0, cut));
        hash.update(std::string_view(text).substr(cut));
        CHECK(hash.finish() == sha256(text));
    }
}
