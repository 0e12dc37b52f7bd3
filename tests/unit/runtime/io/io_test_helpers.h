// Shared helpers for the run-directory I/O tests: a scratch folder and byte-level file reading.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <system_error>

#include <unistd.h>

namespace nj::rt::test {

/// A fresh folder under the system temporary directory, removed with its contents on scope exit.
class TempFolder {
public:
    TempFolder() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("nj-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ec;
        // Restore permissions a test may have taken away, so removal cannot fail.
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    /// The folder.
    const std::filesystem::path& path() const { return path_; }
    /// A path inside the folder.
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// The whole file as bytes (empty when it cannot be read).
inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Names of the entries of `folder`.
inline std::set<std::string> entry_names(const std::filesystem::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        names.insert(entry.path().filename().string());
    }
    return names;
}

/// An .npy file taken apart byte by byte, without trusting the writer.
struct NpyParts {
    bool magic_ok = false;       ///< "\x93NUMPY" then version bytes 1, 0
    std::size_t header_len = 0;  ///< little-endian uint16 after the version
    std::string dict;            ///< header text with trailing padding and '\n' removed
    bool ends_in_newline = false;
    std::size_t data_offset = 0;  ///< 10 + header_len
    std::string data;             ///< bytes after the header
};

/// Splits `bytes` into the parts of a version 1.0 .npy file.
inline NpyParts split_npy(const std::string& bytes) {
    NpyParts parts;
    if (bytes.size() < 10) {
        return parts;
    }
    parts.magic_ok = bytes.compare(0, 6, "\x93NUMPY") == 0 && bytes[6] == 1 && bytes[7] == 0;
    parts.header_len = static_cast<unsigned char>(bytes[8]) +
                       256 * static_cast<std::size_t>(static_cast<unsigned char>(bytes[9]));
    parts.data_offset = 10 + parts.header_len;
    if (parts.data_offset > bytes.size()) {
        return parts;
    }
    std::string header = bytes.substr(10, parts.header_len);
    parts.ends_in_newline = !header.empty() && header.back() == '\n';
    std::size_t last = header.find_last_not_of(" \n");
    parts.dict = last == std::string::npos ? "" : header.substr(0, last + 1);
    parts.data = bytes.substr(parts.data_offset);
    return parts;
}

/// True when running as root, which ignores file permissions.
inline bool running_as_root() { return ::geteuid() == 0; }

}  // namespace nj::rt::test
