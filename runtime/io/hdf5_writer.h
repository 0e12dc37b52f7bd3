// Writes a run's arrays and JSON records into one HDF5 file (run.h5) for h5py and NWB tools.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nj::rt {

/// Element types a dataset of run.h5 is stored as (the .npy files use the same two).
enum class Hdf5Dtype {
    Float64,  ///< IEEE little-endian 64-bit float, e.g. times and traces
    Int32,    ///< little-endian 32-bit integer, e.g. spike indices (values must be whole)
};

/// One array: becomes the dataset `/<name>` with `shape` (outermost first, C order; empty
/// means a scalar) and, when `unit` is not empty, a string attribute `unit`.
struct Hdf5Dataset {
    std::string name;
    std::span<const double> values;  ///< converted to `dtype` when written
    std::vector<std::uint64_t> shape;
    Hdf5Dtype dtype = Hdf5Dtype::Float64;
    std::string unit;
};

/// A string attribute of the root group, e.g. {"summary_json", "{...}"}.
struct Hdf5Attribute {
    std::string name;
    std::string text;
};

/// True when this build links the HDF5 library; otherwise `write_hdf5` always fails.
bool hdf5_available();

/// Writes `datasets` at the root of a new HDF5 file at `path`, with `attributes` on the root
/// group. Strings are variable-length UTF-8, so h5py reads them as `str` and long JSON texts
/// fit. A name given twice keeps the later array, as rewriting an .npy file would.
///
/// The file is written under a temporary name in the same folder, synced, and renamed onto
/// `path` only when complete; on any failure the temporary is removed, an earlier file at
/// `path` stays untouched and `*error` gets a reason like "cannot write 'runs/x/run.h5': ...".
/// Never throws, and prints nothing (the HDF5 library's own error printing is silenced).
bool write_hdf5(const std::filesystem::path& path, std::span<const Hdf5Dataset> datasets,
                std::span<const Hdf5Attribute> attributes, std::string* error);

}  // namespace nj::rt
