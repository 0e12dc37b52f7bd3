// SHA-256 (FIPS 180-4), for the object cache's keys and payload checks without LLVM.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nj::kernel_cache {

using Digest = std::array<uint8_t, 32>;

/// An incremental SHA-256: update() any number of times, then finish() once.
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    Digest finish();

private:
    void compress(const uint8_t* block);
    std::array<uint32_t, 8> state_;
    std::array<uint8_t, 64> buffer_{};
    size_t buffered_ = 0;
    uint64_t total_bytes_ = 0;
};

/// The SHA-256 of `bytes`.
Digest sha256(std::string_view bytes);

}  // namespace nj::kernel_cache
