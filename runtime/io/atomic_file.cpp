// AtomicFile: buffered POSIX writes to a temporary, then fsync and rename onto the final path.
#include "runtime/io/atomic_file.h"

#include "runtime/io/io_error.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace nj::rt {
namespace {

// Large enough that a monitor appending one small row per step costs few system calls.
constexpr std::size_t buffer_bytes = std::size_t{256} * 1024;

// Makes the rename itself durable. Some file systems refuse to fsync a folder; the data is
// already safe then, so failures here are not reported.
void sync_folder(const std::filesystem::path& folder) {
    const char* name = folder.empty() ? "." : folder.c_str();
    int fd = ::open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Returns fsync's result, retrying when a signal interrupted it.
int fsync_retrying(int fd) {
    int rc = 0;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    return rc;
}

std::string temporary_name(const std::filesystem::path& path) {
    // The one piece of process-wide state here: it only makes names unique between threads.
    static std::atomic<std::uint64_t> counter{0};
    return path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter.fetch_add(1));
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) { open_temporary(); }

AtomicFile::~AtomicFile() { close_and_remove(); }

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)), temp_path_(std::exchange(other.temp_path_, {})),
      fd_(std::exchange(other.fd_, -1)), committed_(other.committed_), size_(other.size_),
      buffer_(std::move(other.buffer_)), error_(std::move(other.error_)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
    if (this != &other) {
        close_and_remove();
        path_ = std::move(other.path_);
        temp_path_ = std::exchange(other.temp_path_, {});
        fd_ = std::exchange(other.fd_, -1);
        committed_ = other.committed_;
        size_ = other.size_;
        buffer_ = std::move(other.buffer_);
        error_ = std::move(other.error_);
    }
    return *this;
}

void AtomicFile::open_temporary() {
    if (path_.filename().empty()) {
        error_ = io_failure("write", path_, "the path names a folder, not a file");
        return;
    }
    // O_EXCL guards against a temporary left behind by an earlier process with the same pid.
    for (int attempt = 0; attempt < 100; ++attempt) {
        temp_path_ = path_.parent_path() / temporary_name(path_);
        fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0) {
            buffer_.reserve(buffer_bytes);
            return;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    int errnum = errno;
    temp_path_.clear();
    std::filesystem::path folder = path_.parent_path();
    std::error_code ec;
    if (errnum == ENOENT && !folder.empty() && !std::filesystem::exists(folder, ec)) {
        error_ = io_failure("write", path_, "folder '" + folder.string() + "' does not exist");
        return;
    }
    record_errno(errnum);
}

bool AtomicFile::record_errno(int errnum) {
    if (error_.empty()) {
        error_ = io_failure("write", path_, describe_errno(errnum));
    }
    return false;
}

bool AtomicFile::write_all(const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd_, data, size);
        if (n < 0) {
            // A Ctrl-C handler may interrupt a write; the run still wants its data saved.
            if (errno == EINTR) {
                continue;
            }
            return record_errno(errno);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::flush_buffer() {
    bool written = write_all(buffer_.data(), buffer_.size());
    buffer_.clear();
    return written;
}

bool AtomicFile::usable() {
    if (ok() && fd_ < 0) {
        error_ = io_failure("write", path_, "the file was already saved or discarded");
    }
    return ok();
}

bool AtomicFile::write(const void* data, std::size_t size) {
    if (!usable()) {
        return false;
    }
    const char* bytes = static_cast<const char*>(data);
    if (buffer_.size() + size > buffer_bytes && !flush_buffer()) {
        return false;
    }
    if (size >= buffer_bytes) {
        if (!write_all(bytes, size)) {
            return false;
        }
    } else if (size > 0) {
        buffer_.insert(buffer_.end(), bytes, bytes + size);
    }
    size_ += size;
    return true;
}

bool AtomicFile::write_at(std::uint64_t offset, const void* data, std::size_t size) {
    if (!usable()) {
        return false;
    }
    if (offset > size_ || size > size_ - offset) {
        error_ = io_failure("write", path_, "a rewrite went past the end of the file");
        return false;
    }
    if (!flush_buffer()) {
        return false;
    }
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
        ssize_t n = ::pwrite(fd_, bytes, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return record_errno(errno);
        }
        bytes += n;
        offset += static_cast<std::uint64_t>(n);
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool AtomicFile::commit(std::string* error) {
    if (usable()) {
        flush_buffer();
    }
    if (ok() && fsync_retrying(fd_) != 0) {
        record_errno(errno);
    }
    // close() can report a delayed write error (e.g. on network file systems).
    if (ok() && ::close(std::exchange(fd_, -1)) != 0) {
        record_errno(errno);
    }
    if (ok() && std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        record_errno(errno);
    }
    if (!ok()) {
        close_and_remove();
        return store_error(error, error_);
    }
    temp_path_.clear();
    committed_ = true;
    sync_folder(path_.parent_path());
    return true;
}

void AtomicFile::fail_with(std::string reason) {
    if (error_.empty()) {
        error_ = std::move(reason);
    }
}

void AtomicFile::discard() {
    close_and_remove();
}

void AtomicFile::close_and_remove() {
    if (fd_ >= 0) {
        ::close(std::exchange(fd_, -1));
    }
    if (!temp_path_.empty()) {
        ::unlink(temp_path_.c_str());
        temp_path_.clear();
    }
    buffer_.clear();
}

bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           std::string* error) {
    AtomicFile file(path);
    file.write(bytes.data(), bytes.size());
    return file.commit(error);
}

}  // namespace nj::rt
