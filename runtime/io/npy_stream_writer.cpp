// NpyStreamWriter: header sized for any row count, rows appended, header rewritten at the end.
#include "runtime/io/npy_stream_writer.h"

#include "runtime/io/io_error.h"

#include <utility>

namespace nj::rt {
namespace {

// Digits of the largest uint64_t, so no row count can outgrow the header written up front.
constexpr std::size_t row_count_digits = 20;

}  // namespace

NpyStreamWriter::NpyStreamWriter(AtomicFile file, NpyDtype dtype, NpyShape row_shape,
                                 std::uint64_t row_elements, std::size_t header_bytes)
    : file_(std::move(file)), dtype_(dtype), row_shape_(std::move(row_shape)),
      row_elements_(row_elements), header_bytes_(header_bytes) {}

std::optional<NpyStreamWriter> NpyStreamWriter::open(const std::filesystem::path& path,
                                                     NpyDtype dtype, NpyShape row_shape,
                                                     std::string* error) {
    std::uint64_t row_elements = 0;
    std::uint64_t row_bytes = 0;
    if (!npy_element_count(row_shape, &row_elements) ||
        __builtin_mul_overflow(row_elements, npy_item_bytes(dtype), &row_bytes)) {
        store_error(error, io_failure("write", path, "one row of the array is too large"));
        return std::nullopt;
    }
    NpyShape shape = row_shape;
    shape.insert(shape.begin(), 0);
    std::string header = npy_header(dtype, shape, row_count_digits);
    if (header.empty()) {
        store_error(error, io_failure("write", path, "the array has too many dimensions"));
        return std::nullopt;
    }
    AtomicFile file(path);
    if (!file.write(header.data(), header.size())) {
        store_error(error, file.error());
        return std::nullopt;
    }
    return NpyStreamWriter(std::move(file), dtype, std::move(row_shape), row_elements,
                           header.size());
}

bool NpyStreamWriter::reject(const std::string& reason) {
    file_.fail_with(io_failure("write", file_.path(), reason));
    return false;
}

bool NpyStreamWriter::append(const void* rows, std::uint64_t n_rows) {
    if (!file_.ok()) {
        return false;
    }
    std::uint64_t elements = 0;
    std::uint64_t bytes = 0;
    std::uint64_t total_rows = 0;
    if (__builtin_mul_overflow(n_rows, row_elements_, &elements) ||
        __builtin_mul_overflow(elements, npy_item_bytes(dtype_), &bytes) ||
        __builtin_add_overflow(rows_, n_rows, &total_rows)) {
        return reject("the array grew too large");
    }
    if (rows == nullptr && bytes > 0) {
        return reject("rows without values were given");
    }
    if (!file_.write(rows, static_cast<std::size_t>(bytes))) {
        return false;
    }
    rows_ = total_rows;
    return true;
}

template <typename T>
bool NpyStreamWriter::append_typed(NpyDtype dtype, std::span<const T> values) {
    if (!file_.ok()) {
        return false;
    }
    if (dtype != dtype_) {
        return reject("values of type '" + std::string(npy_descr(dtype)) +
                      "' were given for an array of type '" + std::string(npy_descr(dtype_)) +
                      "'");
    }
    if (row_elements_ == 0) {
        // Rows of zero elements cannot be counted from values; append(nullptr, n) says how many.
        return values.empty() || reject("values were given for rows that hold none");
    }
    if (values.size() % row_elements_ != 0) {
        return reject(std::to_string(values.size()) + " values do not make whole rows of " +
                      std::to_string(row_elements_));
    }
    return append(values.data(), values.size() / row_elements_);
}

bool NpyStreamWriter::append(std::span<const double> values) {
    return append_typed(NpyDtype::Float64, values);
}

bool NpyStreamWriter::append(std::span<const float> values) {
    return append_typed(NpyDtype::Float32, values);
}

bool NpyStreamWriter::append(std::span<const std::int32_t> values) {
    return append_typed(NpyDtype::Int32, values);
}

bool NpyStreamWriter::append(std::span<const std::int64_t> values) {
    return append_typed(NpyDtype::Int64, values);
}

bool NpyStreamWriter::append(std::span<const bool> values) {
    return append_typed(NpyDtype::Bool, values);
}

NpyShape NpyStreamWriter::full_shape() const {
    NpyShape shape = row_shape_;
    shape.insert(shape.begin(), rows_);
    return shape;
}

bool NpyStreamWriter::finalise(std::string* error) {
    if (file_.ok()) {
        std::string header = npy_header(dtype_, full_shape(), row_count_digits);
        // The header was sized for 20 digits up front, so its length cannot change.
        if (header.size() != header_bytes_) {
            reject("the header no longer fits");
        } else {
            file_.write_at(0, header.data(), header.size());
        }
    }
    return file_.commit(error);
}

}  // namespace nj::rt
