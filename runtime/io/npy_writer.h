// Writes NumPy .npy files (format version 1.0) that `numpy.load` reads back unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nj::rt {

/// Element types the run directory stores; each maps to one NumPy `descr`.
enum class NpyDtype {
    Float64,  ///< '<f8', C double
    Float32,  ///< '<f4', C float (`--precision single`)
    Int32,    ///< '<i4', e.g. neuron indices
    Int64,    ///< '<i8', e.g. step counts
    Bool,     ///< '|b1', one byte per value, 0 or 1
};

/// Array shape, outermost dimension first (C order). Empty means a 0-d array of one value.
using NpyShape = std::vector<std::uint64_t>;

/// The NumPy type string, e.g. "<f8".
std::string_view npy_descr(NpyDtype dtype);

/// Bytes per element.
std::size_t npy_item_bytes(NpyDtype dtype);

/// Number of elements of `shape`, or false when the product does not fit in 64 bits.
bool npy_element_count(const NpyShape& shape, std::uint64_t* count);

/// The shape as a Python tuple: "()", "(5,)", "(2, 3)".
std::string npy_shape_text(const NpyShape& shape);

/// The full header: magic "\x93NUMPY", version 1.0, little-endian uint16 length and the dict
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`, padded with spaces and ended
/// by '\n' so that its length is a multiple of 64 (data then starts aligned).
///
/// With `reserve_first_dim_digits` > 0 the padding leaves room for a first dimension of that
/// many digits, so a later header for the same dtype and rank with a grown first dimension
/// has exactly the same length (used by NpyStreamWriter). Empty when the header would exceed
/// the 65535 bytes that version 1.0 allows.
std::string npy_header(NpyDtype dtype, const NpyShape& shape,
                       std::size_t reserve_first_dim_digits = 0);

/// Writes `data` (C order, `npy_element_count(shape)` elements of `dtype`) to `path`
/// atomically. For element types chosen at run time, e.g. by `--precision`, and for flags
/// stored as uint8. On failure stores a plain-English reason in `*error` and leaves no file.
bool write_npy(const std::filesystem::path& path, NpyDtype dtype, const void* data,
               const NpyShape& shape, std::string* error);

/// Writes doubles as '<f8'; `data.size()` must equal the element count of `shape`.
bool write_npy(const std::filesystem::path& path, std::span<const double> data,
               const NpyShape& shape, std::string* error);
/// Writes floats as '<f4'.
bool write_npy(const std::filesystem::path& path, std::span<const float> data,
               const NpyShape& shape, std::string* error);
/// Writes 32-bit integers as '<i4'.
bool write_npy(const std::filesystem::path& path, std::span<const std::int32_t> data,
               const NpyShape& shape, std::string* error);
/// Writes 64-bit integers as '<i8'.
bool write_npy(const std::filesystem::path& path, std::span<const std::int64_t> data,
               const NpyShape& shape, std::string* error);
/// Writes booleans as '|b1'.
bool write_npy(const std::filesystem::path& path, std::span<const bool> data,
               const NpyShape& shape, std::string* error);

}  // namespace nj::rt
