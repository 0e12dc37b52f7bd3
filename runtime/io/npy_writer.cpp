// .npy version 1.0 headers and whole-array writes through AtomicFile.
#include "runtime/io/npy_writer.h"

#include "runtime/io/atomic_file.h"
#include "runtime/io/io_error.h"

#include <bit>

namespace nj::rt {
namespace {

// The descr strings below say little-endian, and the data are written as they lie in memory.
static_assert(std::endian::native == std::endian::little,
              "the .npy writer assumes a little-endian host");
static_assert(sizeof(bool) == 1 && sizeof(float) == 4 && sizeof(double) == 8);

constexpr std::size_t prefix_bytes = 10;  // magic (6), version (2), header length (2)
constexpr std::size_t header_alignment = 64;
constexpr std::size_t max_header_len = 65535;

std::string dict_text(NpyDtype dtype, const NpyShape& shape) {
    std::string dict = "{'descr': '";
    dict += npy_descr(dtype);
    dict += "', 'fortran_order': False, 'shape': ";
    dict += npy_shape_text(shape);
    dict += ", }";
    return dict;
}

template <typename T>
bool write_typed(const std::filesystem::path& path, NpyDtype dtype, std::span<const T> data,
                 const NpyShape& shape, std::string* error) {
    std::uint64_t count = 0;
    if (npy_element_count(shape, &count) && count != data.size()) {
        return store_error(error, io_failure("write", path,
                                      "the shape " + npy_shape_text(shape) + " needs " +
                                          std::to_string(count) + " values but " +
                                          std::to_string(data.size()) + " were given"));
    }
    return write_npy(path, dtype, data.data(), shape, error);
}

}  // namespace

std::string_view npy_descr(NpyDtype dtype) {
    switch (dtype) {
    case NpyDtype::Float64: return "<f8";
    case NpyDtype::Float32: return "<f4";
    case NpyDtype::Int32: return "<i4";
    case NpyDtype::Int64: return "<i8";
    case NpyDtype::Bool: return "|b1";
    }
    return "|b1";
}

std::size_t npy_item_bytes(NpyDtype dtype) {
    switch (dtype) {
    case NpyDtype::Float64:
    case NpyDtype::Int64: return 8;
    case NpyDtype::Float32:
    case NpyDtype::Int32: return 4;
    case NpyDtype::Bool: return 1;
    }
    return 1;
}

bool npy_element_count(const NpyShape& shape, std::uint64_t* count) {
    std::uint64_t product = 1;
    for (std::uint64_t dim : shape) {
        if (__builtin_mul_overflow(product, dim, &product)) {
            return false;
        }
    }
    *count = product;
    return true;
}

std::string npy_shape_text(const NpyShape& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        text += (i == 0 ? "" : ", ") + std::to_string(shape[i]);
    }
    // A one-element Python tuple needs its trailing comma.
    text += shape.size() == 1 ? ",)" : ")";
    return text;
}

std::string npy_header(NpyDtype dtype, const NpyShape& shape,
                       std::size_t reserve_first_dim_digits) {
    std::string dict = dict_text(dtype, shape);
    std::size_t reserve = 0;
    if (!shape.empty()) {
        std::size_t digits = std::to_string(shape[0]).size();
        reserve = reserve_first_dim_digits > digits ? reserve_first_dim_digits - digits : 0;
    }
    std::size_t unpadded = prefix_bytes + dict.size() + reserve + 1;
    std::size_t total = (unpadded + header_alignment - 1) / header_alignment * header_alignment;
    std::size_t header_len = total - prefix_bytes;
    if (header_len > max_header_len) {
        return {};
    }
    std::string header = "\x93NUMPY";
    header += '\x01';
    header += '\x00';
    header += static_cast<char>(header_len & 0xff);
    header += static_cast<char>(header_len >> 8);
    header += dict;
    header.append(total - header.size() - 1, ' ');
    header += '\n';
    return header;
}

bool write_npy(const std::filesystem::path& path, NpyDtype dtype, const void* data,
               const NpyShape& shape, std::string* error) {
    std::uint64_t count = 0;
    std::uint64_t bytes = 0;
    if (!npy_element_count(shape, &count) ||
        __builtin_mul_overflow(count, npy_item_bytes(dtype), &bytes)) {
        return store_error(error, io_failure("write", path, "the array is too large"));
    }
    std::string header = npy_header(dtype, shape);
    if (header.empty()) {
        return store_error(error, io_failure("write", path, "the array has too many dimensions"));
    }
    if (data == nullptr && bytes > 0) {
        return store_error(error, io_failure("write", path, "no values were given"));
    }
    AtomicFile file(path);
    file.write(header.data(), header.size());
    file.write(data, static_cast<std::size_t>(bytes));
    return file.commit(error);
}

bool write_npy(const std::filesystem::path& path, std::span<const double> data,
               const NpyShape& shape, std::string* error) {
    return write_typed(path, NpyDtype::Float64, data, shape, error);
}

bool write_npy(const std::filesystem::path& path, std::span<const float> data,
               const NpyShape& shape, std::string* error) {
    return write_typed(path, NpyDtype::Float32, data, shape, error);
}

bool write_npy(const std::filesystem::path& path, std::span<const std::int32_t> data,
               const NpyShape& shape, std::string* error) {
    return write_typed(path, NpyDtype::Int32, data, shape, error);
}

bool write_npy(const std::filesystem::path& path, std::span<const std::int64_t> data,
               const NpyShape& shape, std::string* error) {
    return write_typed(path, NpyDtype::Int64, data, shape, error);
}

bool write_npy(const std::filesystem::path& path, std::span<const bool> data,
               const NpyShape& shape, std::string* error) {
    return write_typed(path, NpyDtype::Bool, data, shape, error);
}

}  // namespace nj::rt
