// The HDF5 module (libneurojit_hdf5.so): the HDF5 C library writes a temporary file, which is
// synced and renamed into place. The program calls it through write_hdf5 (hdf5_writer.h).
#include "runtime/io/hdf5_module.h"

#include "runtime/io/io_error.h"

#include <hdf5.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace nj::rt {

namespace {

/// Owns one HDF5 identifier and closes it with the matching H5?close function.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Handle() { release(); }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    bool valid() const { return id_ >= 0; }
    hid_t get() const { return id_; }
    /// Closes now; false when closing failed (for a file: the final flush did not succeed).
    bool release() { return id_ < 0 || close_(std::exchange(id_, H5I_INVALID_HID)) >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

/// Turns off the library's printing of its error stack for the lifetime of this object, so no
/// HDF5 text reaches the user; our own message says what failed.
class QuietHdf5Errors {
public:
    QuietHdf5Errors() {
        H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~QuietHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }
    QuietHdf5Errors(const QuietHdf5Errors&) = delete;
    QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;

private:
    H5E_auto2_t old_func_ = nullptr;
    void* old_data_ = nullptr;
};

/// "could not <what>", with the system's reason when the failure set errno.
std::string hdf5_reason(const std::string& what) {
    int errnum = errno;
    return "could not " + what + (errnum != 0 ? " (" + describe_errno(errnum) + ")" : "");
}

bool write_string_attribute(hid_t owner, const std::string& name, const std::string& text) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    if (!type.valid() || H5Tset_size(type.get(), H5T_VARIABLE) < 0 ||
        H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0) {
        return false;
    }
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    if (!space.valid()) return false;
    Handle attribute(
        H5Acreate2(owner, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose);
    const char* data = text.c_str();
    return attribute.valid() && H5Awrite(attribute.get(), type.get(), &data) >= 0;
}

/// Checks what a caller could get wrong; "" when `d` can be written.
std::string dataset_problem(const Hdf5Dataset& d) {
    if (d.name.empty() || d.name == "." || d.name.find('/') != std::string::npos) {
        return "'" + d.name + "' is not a valid dataset name";
    }
    std::uint64_t count = 1;
    for (auto n : d.shape) {
        if (n != 0 && count > std::numeric_limits<std::uint64_t>::max() / n) count = 0;
        count *= n;
    }
    if (count != d.values.size()) {
        return "dataset '" + d.name + "' has " + std::to_string(d.values.size()) +
               " values, which do not fill its shape";
    }
    if (d.dtype == Hdf5Dtype::Int32) {
        for (double v : d.values) {
            if (!(v >= INT32_MIN && v <= INT32_MAX) || v != std::trunc(v)) {
                return "dataset '" + d.name + "' holds a value that is not a 32-bit integer";
            }
        }
    }
    return "";
}

bool write_values(hid_t dataset, const Hdf5Dataset& d) {
    if (d.values.empty()) return true;  // nothing to transfer; the dataset's extent says 0
    if (d.dtype == Hdf5Dtype::Float64) {
        return H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                        d.values.data()) >= 0;
    }
    std::vector<std::int32_t> ints(d.values.begin(), d.values.end());
    return H5Dwrite(dataset, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, ints.data()) >= 0;
}

bool write_dataset(hid_t file, const Hdf5Dataset& d, std::string* reason) {
    std::vector<hsize_t> dims(d.shape.begin(), d.shape.end());
    Handle space(dims.empty()
                     ? H5Screate(H5S_SCALAR)
                     : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                 H5Sclose);
    hid_t file_type = d.dtype == Hdf5Dtype::Float64 ? H5T_IEEE_F64LE : H5T_STD_I32LE;
    errno = 0;
    Handle dataset(space.valid() ? H5Dcreate2(file, d.name.c_str(), file_type, space.get(),
                                              H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)
                                 : H5I_INVALID_HID,
                   H5Dclose);
    bool ok = dataset.valid() && write_values(dataset.get(), d) &&
              (d.unit.empty() || write_string_attribute(dataset.get(), "unit", d.unit));
    ok = dataset.release() && ok;
    if (!ok) *reason = hdf5_reason("write dataset '" + d.name + "'");
    return ok;
}

/// The index of each dataset to write: the last one of every name, in first-seen order.
std::vector<std::size_t> datasets_to_write(std::span<const Hdf5Dataset> datasets) {
    std::map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < datasets.size(); ++i) last[datasets[i].name] = i;
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        auto it = last.find(datasets[i].name);
        if (it == last.end()) continue;
        order.push_back(it->second);
        last.erase(it);
    }
    return order;
}

/// Creates `temp` (which must not exist) and writes everything into it; false with `*reason`.
bool write_file(const std::filesystem::path& temp, std::span<const Hdf5Dataset> datasets,
                std::span<const Hdf5Attribute> attributes, std::string* reason) {
    Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
    // Only this process ever opens the unique temporary, and locks fail on some network file
    // systems.
    if (access.valid()) H5Pset_file_locking(access.get(), false, true);
    errno = 0;
    Handle file(H5Fcreate(temp.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, access.get()), H5Fclose);
    if (!file.valid()) {
        *reason = hdf5_reason("create the file");
        return false;
    }
    for (std::size_t i : datasets_to_write(datasets)) {
        if (!write_dataset(file.get(), datasets[i], reason)) return false;
    }
    for (const auto& a : attributes) {
        errno = 0;
        if (!write_string_attribute(file.get(), a.name, a.text)) {
            *reason = hdf5_reason("write attribute '" + a.name + "'");
            return false;
        }
    }
    errno = 0;
    if (!file.release()) {
        *reason = hdf5_reason("finish the file");
        return false;
    }
    return true;
}

std::filesystem::path temporary_path(const std::filesystem::path& path) {
    // Process-wide only to keep names unique between threads, as in AtomicFile.
    static std::atomic<std::uint64_t> counter{0};
    return path.parent_path() / (path.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                                 "-" + std::to_string(counter.fetch_add(1)));
}

/// fsyncs a file (when `directory`, a folder, where failure is not an error); 0 or errno.
int sync_path(const std::filesystem::path& p, bool directory) {
    int fd = ::open(p.empty() ? "." : p.c_str(),
                    (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) return directory ? 0 : errno;
    int rc = 0;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    int errnum = rc != 0 && !directory ? errno : 0;
    ::close(fd);
    return errnum;
}

/// write_hdf5 (hdf5_writer.h), as the program calls it through the module's table.
bool write_run_file(const std::filesystem::path& path, std::span<const Hdf5Dataset> datasets,
                    std::span<const Hdf5Attribute> attributes, std::string* error) {
    for (const auto& d : datasets) {
        std::string problem = dataset_problem(d);
        if (!problem.empty()) return store_error(error, io_failure("write", path, problem));
    }
    if (path.filename().empty()) {
        return store_error(error, io_failure("write", path, "the path names a folder, not a file"));
    }
    QuietHdf5Errors quiet;
    std::filesystem::path temp = temporary_path(path);
    // A temporary left by a killed earlier process with the same pid keeps its name taken.
    for (int attempt = 0; attempt < 100 && std::filesystem::exists(temp); ++attempt) {
        temp = temporary_path(path);
    }
    std::string reason;
    bool ok = write_file(temp, datasets, attributes, &reason);
    if (ok) {
        int errnum = sync_path(temp, false);
        if (errnum == 0 && std::rename(temp.c_str(), path.c_str()) != 0) errnum = errno;
        if (errnum != 0) reason = describe_errno(errnum);
        ok = errnum == 0;
    }
    if (!ok) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        return store_error(error, io_failure("write", path, reason));
    }
    sync_path(path.parent_path(), true);
    return true;
}

}  // namespace

}  // namespace nj::rt

NJ_MODULE_EXPORT const nj::rt::ModuleHeader* neurojit_hdf5_module() {
    static const nj::rt::Hdf5Module table{{nj::rt::kHdf5ModuleInterface, sizeof(nj::rt::Hdf5Module)},
                                          &nj::rt::write_run_file};
    return &table.header;
}
