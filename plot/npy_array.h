// Reads NumPy .npy files of any numeric type and up to two dimensions into doubles, for plotting.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nj::plot {

/// What an .npy header says: element type, shape and where the data starts.
struct NpyHeader {
    std::string descr;                 ///< NumPy type string, e.g. "<f8", "<i4", "|b1"
    std::vector<std::uint64_t> shape;  ///< outermost first; empty for a 0-d array
    std::uint64_t data_offset = 0;     ///< byte offset of the first element
    bool integer = false;              ///< integer or boolean elements
    /// Number of elements (product of the shape).
    std::uint64_t count() const;
};

/// An array read back as doubles, C order.
struct NpyArray {
    NpyHeader header;
    std::vector<double> values;
};

/// Reads and validates the header of `path`: the magic string, format version 1.x-3.x, a
/// little-endian (or one-byte) float, integer or boolean type, C order, and a file long enough
/// for the data. Returns false with a sentence naming the file and the cause in `*error`.
bool read_npy_header(const std::filesystem::path& path, NpyHeader& header, std::string* error);

/// Reads the whole array of `path` as doubles (after `read_npy_header`'s checks).
bool read_npy_array(const std::filesystem::path& path, NpyArray& array, std::string* error);

}  // namespace nj::plot
