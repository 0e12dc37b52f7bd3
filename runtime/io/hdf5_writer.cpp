// write_hdf5: opens the HDF5 module on first use, so runs that write only .npy never load HDF5.
#include "runtime/io/hdf5_writer.h"

#include "runtime/io/hdf5_module.h"
#include "runtime/io/io_error.h"

namespace nj::rt {

bool hdf5_available() {
#ifdef NJ_HAVE_HDF5
    return true;
#else
    return false;
#endif
}

bool write_hdf5(const std::filesystem::path& path, std::span<const Hdf5Dataset> datasets,
                std::span<const Hdf5Attribute> attributes, std::string* error) {
    if (!hdf5_available()) {
        return store_error(error, io_failure("write", path,
                                             "this build of neurojit has no HDF5 support (install "
                                             "libhdf5-dev and rebuild)"));
    }
    std::string why;
    const auto* module = load_module_table<Hdf5Module>("hdf5", kHdf5ModuleInterface, &why);
    if (!module) return store_error(error, io_failure("write", path, why));
    return module->write(path, datasets, attributes, error);
}

}  // namespace nj::rt
