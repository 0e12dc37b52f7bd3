// Writes a file under a temporary name and renames it into place, so readers never see half a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nj::rt {

/// A file that appears at its final path only when `commit()` succeeds (ARCHITECTURE §2.6).
///
/// Bytes go to `<path>.tmp-<pid>-<n>` in the same folder, through a write buffer. `commit()`
/// flushes, fsyncs and renames the temporary onto `path`, replacing any earlier file there in
/// one step. An uncommitted file's temporary is removed by `discard()` or the destructor.
///
/// Errors never throw. The first failure is kept (`ok()`, `error()`), later writes are
/// ignored, and `commit()` reports it, so a caller may check only once at the end. Messages read
/// like "cannot write 'runs/x/a.npy': no space left on device".
class AtomicFile {
public:
    /// Creates the temporary file next to `path`; check `ok()` before relying on it.
    explicit AtomicFile(std::filesystem::path path);
    /// Removes the temporary file unless the file was committed.
    ~AtomicFile();

    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    /// Takes over the open temporary; the moved-from object owns nothing.
    AtomicFile(AtomicFile&& other) noexcept;
    /// Discards this object's temporary, then takes over `other`'s.
    AtomicFile& operator=(AtomicFile&& other) noexcept;

    /// Appends `size` bytes; false once any error has happened.
    bool write(const void* data, std::size_t size);
    /// Overwrites bytes already written, starting at byte `offset` (e.g. a header that is only
    /// known at the end); the range must lie within `size()`.
    bool write_at(std::uint64_t offset, const void* data, std::size_t size);
    /// Flushes, fsyncs and renames onto the final path; on failure removes the temporary and
    /// stores the reason in `*error` (when not null). A file commits at most once.
    bool commit(std::string* error);
    /// Records `reason` (a complete message) as the error unless one is kept already, so that
    /// `commit()` fails and leaves no file; for callers that detect a problem in what they write.
    void fail_with(std::string reason);
    /// Removes the temporary now; the final path is left untouched and later writes fail.
    void discard();

    /// True while no error has happened.
    bool ok() const { return error_.empty(); }
    /// The first error, or empty.
    const std::string& error() const { return error_; }
    /// Number of bytes written so far (buffered ones included).
    std::uint64_t size() const { return size_; }
    /// The path the file gets on commit.
    const std::filesystem::path& path() const { return path_; }
    /// The temporary path written until commit.
    const std::filesystem::path& temp_path() const { return temp_path_; }
    /// True after a successful commit.
    bool committed() const { return committed_; }

private:
    void open_temporary();
    bool usable();
    bool flush_buffer();
    bool write_all(const char* data, std::size_t size);
    bool record_errno(int errnum);
    void close_and_remove();

    std::filesystem::path path_;
    std::filesystem::path temp_path_;
    int fd_ = -1;
    bool committed_ = false;
    std::uint64_t size_ = 0;
    std::vector<char> buffer_;
    std::string error_;
};

/// Writes `bytes` to `path` through an AtomicFile; on failure stores the reason in `*error`.
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           std::string* error);

}  // namespace nj::rt
