// Writes a .npy array row by row during a run, then fixes the header with the final shape.
#pragma once

#include "runtime/io/atomic_file.h"
#include "runtime/io/npy_writer.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

namespace nj::rt {

/// An .npy array whose first dimension grows during a run, e.g. a monitor's samples.
///
/// `open()` writes a header with room for a 20-digit first dimension; `append()` adds rows;
/// `finalise()` rewrites the header with the number of rows written and commits the file
/// atomically. A run stopped early (Ctrl-C, a runtime error) calls `finalise()` as usual and
/// gets a valid file holding the rows recorded so far (ARCHITECTURE §2.6). A writer destroyed
/// without `finalise()` leaves no file, only the previous one at that path if there was one.
///
/// Errors are kept, as in AtomicFile: after the first failure `append()` returns false and
/// `finalise()` reports the reason.
class NpyStreamWriter {
public:
    /// Starts the file; each row has shape `row_shape` (empty for one value per row), so the
    /// final array has shape (rows, *row_shape). On failure stores the reason in `*error`.
    static std::optional<NpyStreamWriter> open(const std::filesystem::path& path, NpyDtype dtype,
                                               NpyShape row_shape, std::string* error);

    /// Appends `n_rows` rows of raw elements of the writer's dtype, C order.
    bool append(const void* rows, std::uint64_t n_rows);
    /// Appends whole rows of doubles; the writer's dtype must be Float64 and `values.size()` a
    /// multiple of the row size.
    bool append(std::span<const double> values);
    /// Appends whole rows of floats (dtype Float32).
    bool append(std::span<const float> values);
    /// Appends whole rows of 32-bit integers (dtype Int32).
    bool append(std::span<const std::int32_t> values);
    /// Appends whole rows of 64-bit integers (dtype Int64).
    bool append(std::span<const std::int64_t> values);
    /// Appends whole rows of booleans (dtype Bool).
    bool append(std::span<const bool> values);

    /// Writes the final shape into the header and commits; false (reason in `*error`) on any
    /// earlier or current failure, in which case no file is left.
    bool finalise(std::string* error);

    /// Rows appended so far.
    std::uint64_t rows() const { return rows_; }
    /// Shape of one row.
    const NpyShape& row_shape() const { return row_shape_; }
    /// Element type.
    NpyDtype dtype() const { return dtype_; }
    /// The final path of the array.
    const std::filesystem::path& path() const { return file_.path(); }
    /// True while no error has happened.
    bool ok() const { return file_.ok(); }

private:
    NpyStreamWriter(AtomicFile file, NpyDtype dtype, NpyShape row_shape,
                    std::uint64_t row_elements, std::size_t header_bytes);
    template <typename T>
    bool append_typed(NpyDtype dtype, std::span<const T> values);
    bool reject(const std::string& reason);
    NpyShape full_shape() const;

    AtomicFile file_;
    NpyDtype dtype_;
    NpyShape row_shape_;
    std::uint64_t row_elements_;
    std::size_t header_bytes_;
    std::uint64_t rows_ = 0;
};

}  // namespace nj::rt
