// .npy parsing for plotting: header dictionary, element types, and conversion to doubles.
#include "plot/npy_array.h"

#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>

namespace nj::plot {

namespace {

bool fail(std::string* error, const std::filesystem::path& path, const std::string& why) {
    if (error) *error = "'" + path.string() + "' " + why;
    return false;
}

/// The text between the quotes after `'key':` in the header dictionary, or "".
std::string quoted_value(const std::string& dict, const std::string& key) {
    size_t at = dict.find("'" + key + "'");
    if (at == std::string::npos) return "";
    size_t open = dict.find('\'', dict.find(':', at) + 1);
    if (open == std::string::npos) return "";
    size_t close = dict.find('\'', open + 1);
    return close == std::string::npos ? "" : dict.substr(open + 1, close - open - 1);
}

/// Parses `'shape': (a, b, )` into `shape`; false when it is not a tuple of whole numbers.
bool parse_shape(const std::string& dict, std::vector<std::uint64_t>& shape) {
    size_t at = dict.find("'shape'");
    if (at == std::string::npos) return false;
    size_t open = dict.find('(', at);
    size_t close = dict.find(')', open == std::string::npos ? at : open);
    if (open == std::string::npos || close == std::string::npos) return false;
    std::string inside = dict.substr(open + 1, close - open - 1);
    std::uint64_t value = 0;
    bool digits = false;
    for (char c : inside + ",") {
        if (c >= '0' && c <= '9') {
            if (value > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return false;
            value = value * 10 + static_cast<std::uint64_t>(c - '0');
            digits = true;
        } else if (c == ',') {
            if (digits) shape.push_back(value);
            value = 0;
            digits = false;
        } else if (c != ' ' && c != 'L') {
            return false;
        }
    }
    return true;
}

std::size_t item_bytes(const std::string& descr) {
    if (descr.size() != 3) return 0;
    if (descr[0] != '<' && descr[0] != '|') return 0;
    char kind = descr[1];
    if (kind != 'f' && kind != 'i' && kind != 'u' && kind != 'b') return 0;
    std::size_t bytes = static_cast<std::size_t>(descr[2] - '0');
    if (kind == 'f' && bytes != 4 && bytes != 8) return 0;
    if ((kind == 'i' || kind == 'u') && bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8)
        return 0;
    if (kind == 'b' && bytes != 1) return 0;
    if (bytes > 1 && descr[0] != '<') return 0;
    return bytes;
}

/// One little-endian element of type `descr` at `p` as a double.
double element(const std::string& descr, const unsigned char* p) {
    char kind = descr[1];
    std::size_t bytes = static_cast<std::size_t>(descr[2] - '0');
    if (kind == 'f' && bytes == 8) {
        double v;
        std::memcpy(&v, p, 8);
        return v;
    }
    if (kind == 'f') {
        float v;
        std::memcpy(&v, p, 4);
        return v;
    }
    std::uint64_t raw = 0;
    for (std::size_t k = bytes; k-- > 0;) raw = (raw << 8) | p[k];
    if (kind != 'i' || bytes == 8) {
        return kind == 'i' ? static_cast<double>(static_cast<std::int64_t>(raw))
                           : static_cast<double>(raw);
    }
    std::uint64_t sign = std::uint64_t{1} << (bytes * 8 - 1);
    return raw & sign ? static_cast<double>(static_cast<std::int64_t>(raw) -
                                            static_cast<std::int64_t>(sign << 1))
                      : static_cast<double>(raw);
}

}  // namespace

std::uint64_t NpyHeader::count() const {
    std::uint64_t n = 1;
    for (std::uint64_t d : shape) n *= d;
    return n;
}

bool read_npy_header(const std::filesystem::path& path, NpyHeader& header, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(error, path, "cannot be read");
    unsigned char magic[8] = {};
    in.read(reinterpret_cast<char*>(magic), 8);
    if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0 || magic[6] < 1 || magic[6] > 3) {
        return fail(error, path, "is not a NumPy .npy file");
    }
    unsigned char length_bytes[4] = {};
    int length_size = magic[6] == 1 ? 2 : 4;
    in.read(reinterpret_cast<char*>(length_bytes), length_size);
    std::uint64_t length = 0;
    for (int k = length_size - 1; k >= 0; --k) length = length * 256 + length_bytes[k];
    std::string dict(length, ' ');
    in.read(dict.data(), static_cast<std::streamsize>(length));
    if (!in) return fail(error, path, "ends inside its header");
    header = NpyHeader{};
    header.descr = quoted_value(dict, "descr");
    header.data_offset = 8 + static_cast<std::uint64_t>(length_size) + length;
    std::size_t bytes = item_bytes(header.descr);
    if (bytes == 0)
        return fail(error, path,
                    "holds elements of type '" + header.descr + "', which cannot be plotted");
    if (dict.find("'fortran_order': False") == std::string::npos) {
        return fail(error, path, "is not in C order (or its header is malformed)");
    }
    if (!parse_shape(dict, header.shape))
        return fail(error, path, "has a malformed shape in its header");
    header.integer = header.descr[1] != 'f';
    std::uint64_t count = 1;
    for (std::uint64_t d : header.shape) {
        if (d != 0 && count > std::numeric_limits<std::uint64_t>::max() / bytes / d) {
            return fail(error, path, "declares more elements than any file can hold");
        }
        count *= d;
    }
    std::error_code ec;
    std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec || size < header.data_offset + count * bytes) {
        return fail(error, path,
                    "is shorter than its header says (" + std::to_string(count) +
                        " values); it may be truncated");
    }
    return true;
}

bool read_npy_array(const std::filesystem::path& path, NpyArray& array, std::string* error) {
    if (!read_npy_header(path, array.header, error)) return false;
    const std::string& descr = array.header.descr;
    std::size_t bytes = item_bytes(descr);
    std::uint64_t count = array.header.count();
    std::vector<unsigned char> raw(count * bytes);
    std::ifstream in(path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(array.header.data_offset));
    in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size()));
    if (!in) return fail(error, path, "cannot be read to its end");
    array.values.resize(count);
    for (std::uint64_t k = 0; k < count; ++k)
        array.values[k] = element(descr, raw.data() + k * bytes);
    return true;
}

}  // namespace nj::plot
