// On-disk object cache entries: directory choice, checked reads and atomic writes.
#include "compiler/kernel_cache/cache_file.h"

#include <unistd.h>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace nj::kernel_cache {

namespace {

/// The file header: magic, key, payload length, payload SHA-256.
constexpr char kMagic[8] = {'N', 'J', 'O', 'B', 'J', 'C', '0', '1'};
constexpr size_t kHeaderSize = sizeof(kMagic) + 32 + 8 + 32;

std::string hex(const CacheKey& key) {
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (uint8_t byte : key) {
        text += digits[byte >> 4];
        text += digits[byte & 15];
    }
    return text;
}

void put_u64(std::string& out, uint64_t value) {
    for (int i = 0; i < 8; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

uint64_t get_u64(const char* in) {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(static_cast<uint8_t>(in[i])) << (8 * i);
    return value;
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

}  // namespace

std::optional<std::filesystem::path> cache_directory(const std::string& explicit_dir) {
    if (!explicit_dir.empty()) return std::filesystem::path(explicit_dir);
    if (auto dir = environment("NEUROJIT_CACHE_DIR"); !dir.empty()) return std::filesystem::path(dir);
    if (auto xdg = environment("XDG_CACHE_HOME"); !xdg.empty()) return std::filesystem::path(xdg) / "neurojit";
    if (auto home = environment("HOME"); !home.empty()) return std::filesystem::path(home) / ".cache" / "neurojit";
    return std::nullopt;
}

CacheFile::CacheFile(std::filesystem::path directory, const CacheKey& key)
    : directory_(std::move(directory)), file_(directory_ / (hex(key) + ".o")), key_(key) {}

std::optional<std::string> CacheFile::load() const {
    std::ifstream in(file_, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.size() < kHeaderSize) return std::nullopt;
    const char* at = bytes.data();
    if (std::memcmp(at, kMagic, sizeof(kMagic)) != 0) return std::nullopt;
    at += sizeof(kMagic);
    if (std::memcmp(at, key_.data(), key_.size()) != 0) return std::nullopt;
    at += key_.size();
    uint64_t length = get_u64(at);
    at += 8;
    if (length != bytes.size() - kHeaderSize) return std::nullopt;
    std::string_view payload(bytes.data() + kHeaderSize, length);
    if (std::memcmp(at, sha256(payload).data(), 32) != 0) return std::nullopt;
    return std::string(payload);
}

void CacheFile::store(std::string_view object) const {
    std::error_code error;
    std::filesystem::create_directories(directory_, error);
    if (error) return;
    std::string header(kMagic, sizeof(kMagic));
    header.append(reinterpret_cast<const char*>(key_.data()), key_.size());
    put_u64(header, object.size());
    CacheKey digest = sha256(object);
    header.append(reinterpret_cast<const char*>(digest.data()), digest.size());

    // A name no other writer (thread or process) uses, in the same directory so rename is atomic.
    static std::atomic<uint64_t> counter{0};
    auto temp = file_;
    temp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) return;
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        out.write(object.data(), static_cast<std::streamsize>(object.size()));
        out.close();
        if (!out) {
            std::filesystem::remove(temp, error);
            return;
        }
    }
    std::filesystem::rename(temp, file_, error);
    if (error) std::filesystem::remove(temp, error);
}

}  // namespace nj::kernel_cache
