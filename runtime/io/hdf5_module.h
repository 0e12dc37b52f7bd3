// The table of the HDF5 module (libneurojit_hdf5.so), which alone links the HDF5 library.
#pragma once

#include "runtime/io/hdf5_writer.h"
#include "runtime/support/load_module.h"

namespace nj::rt {

/// Bump when Hdf5Module's functions change.
inline constexpr int kHdf5ModuleInterface = 1;

/// What the HDF5 module hands the program.
struct Hdf5Module {
    ModuleHeader header;
    /// write_hdf5 as hdf5_writer.h describes it.
    bool (*write)(const std::filesystem::path& path, std::span<const Hdf5Dataset> datasets,
                  std::span<const Hdf5Attribute> attributes, std::string* error);
};

}  // namespace nj::rt
