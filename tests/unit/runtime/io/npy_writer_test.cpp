// Tests write_npy and npy_header: files are read back byte by byte, as numpy.load would see them.
#include "runtime/io/npy_writer.h"

#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using nj::rt::npy_header;
using nj::rt::npy_shape_text;
using nj::rt::NpyDtype;
using nj::rt::write_npy;
using nj::rt::test::entry_names;
using nj::rt::test::read_bytes;
using nj::rt::test::split_npy;
using nj::rt::test::TempFolder;

namespace {

template <typename T>
std::string bytes_of(const std::vector<T>& values) {
    std::string bytes(values.size() * sizeof(T), '\0');
    if (!values.empty()) {
        std::memcpy(bytes.data(), values.data(), bytes.size());
    }
    return bytes;
}

}  // namespace

TEST_CASE("npy_shape_text: tuples of rank 0, 1 and 2 read as Python writes them") {
    CHECK(npy_shape_text({}) == "()");
    CHECK(npy_shape_text({0}) == "(0,)");
    CHECK(npy_shape_text({5}) == "(5,)");
    CHECK(npy_shape_text({2, 3}) == "(2, 3)");
}

TEST_CASE("npy_header: magic, version, dict and padding to a multiple of 64 bytes") {
    // 10 prefix bytes + 60 dict bytes + '\n' round up to 128, as numpy.save writes it.
    std::string header = npy_header(NpyDtype::Float64, {2, 3});
    REQUIRE(header.size() == 128);
    CHECK(header.substr(0, 10) == std::string("\x93NUMPY\x01\x00\x76\x00", 10));
    auto parts = split_npy(header);
    CHECK(parts.magic_ok);
    CHECK(parts.header_len == 118);
    CHECK(parts.ends_in_newline);
    CHECK(parts.dict == "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
    std::size_t pad = 118 - parts.dict.size() - 1;
    CHECK(header.substr(10 + parts.dict.size(), pad) == std::string(pad, ' '));
}

TEST_CASE("npy_header: reserved digits keep the length when the first dimension grows") {
    std::string small = npy_header(NpyDtype::Int32, {0, 7}, 20);
    std::string large = npy_header(NpyDtype::Int32, {18446744073709551615ULL, 7}, 20);
    CHECK(small.size() == large.size());
    CHECK(small.size() % 64 == 0);
    std::size_t pad_start = 10 + split_npy(small).dict.size();
    CHECK(small.find_first_not_of(' ', pad_start) >= pad_start + 19);
}

TEST_CASE("write_npy: a 2-D double array has header, alignment and data in C order") {
    TempFolder tmp;
    std::vector<double> values = {1.0, 2.5, -3.0, 4.0, 0.0, 1e-300};
    std::string error;
    REQUIRE(write_npy(tmp / "v.npy", values, {2, 3}, &error));
    auto parts = split_npy(read_bytes(tmp / "v.npy"));
    CHECK(parts.magic_ok);
    CHECK(parts.data_offset % 64 == 0);
    CHECK(parts.ends_in_newline);
    CHECK(parts.dict == "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }");
    CHECK(parts.data == bytes_of(values));
    CHECK(entry_names(tmp.path()) == std::set<std::string>{"v.npy"});
}

TEST_CASE("write_npy: a 2-D int32 array is written as '<i4'") {
    TempFolder tmp;
    std::vector<std::int32_t> values = {0, 1, -2, 2147483647, -2147483647 - 1, 5, 6, 7};
    REQUIRE(write_npy(tmp / "i.npy", values, {4, 2}, nullptr));
    auto parts = split_npy(read_bytes(tmp / "i.npy"));
    CHECK(parts.dict == "{'descr': '<i4', 'fortran_order': False, 'shape': (4, 2), }");
    CHECK(parts.data == bytes_of(values));
    CHECK(parts.data.substr(0, 8) == std::string("\0\0\0\0\1\0\0\0", 8));
}

TEST_CASE("write_npy: an empty (0,) array has a header and no data") {
    TempFolder tmp;
    REQUIRE(write_npy(tmp / "e.npy", std::vector<double>{}, {0}, nullptr));
    std::string bytes = read_bytes(tmp / "e.npy");
    auto parts = split_npy(bytes);
    CHECK(parts.dict == "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }");
    CHECK(bytes.size() == 128);
    CHECK(parts.data.empty());
}

TEST_CASE("write_npy: a 0-d array holds exactly one value") {
    TempFolder tmp;
    std::vector<std::int64_t> value = {-42};
    REQUIRE(write_npy(tmp / "s.npy", value, {}, nullptr));
    auto parts = split_npy(read_bytes(tmp / "s.npy"));
    CHECK(parts.dict == "{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
    CHECK(parts.data == bytes_of(value));
}

TEST_CASE("write_npy: float and bool arrays use '<f4' and '|b1'") {
    TempFolder tmp;
    std::vector<float> floats = {0.5F, -1.25F, 3.0F};
    REQUIRE(write_npy(tmp / "f.npy", floats, {3}, nullptr));
    CHECK(split_npy(read_bytes(tmp / "f.npy")).dict ==
          "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
    CHECK(split_npy(read_bytes(tmp / "f.npy")).data == bytes_of(floats));

    bool flags[] = {true, false, true, true};
    REQUIRE(write_npy(tmp / "b.npy", std::span<const bool>(flags), {2, 2}, nullptr));
    auto parts = split_npy(read_bytes(tmp / "b.npy"));
    CHECK(parts.dict == "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 2), }");
    CHECK(parts.data == std::string("\1\0\1\1", 4));
}

TEST_CASE("write_npy: uint8 flags are written as '|b1' through the untyped overload") {
    TempFolder tmp;
    std::vector<std::uint8_t> flags = {0, 1, 1};
    REQUIRE(write_npy(tmp / "u.npy", NpyDtype::Bool, flags.data(), {3}, nullptr));
    auto parts = split_npy(read_bytes(tmp / "u.npy"));
    CHECK(parts.dict == "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }");
    CHECK(parts.data == std::string("\0\1\1", 3));
}

TEST_CASE("write_npy: a shape that does not match the values is refused without a file") {
    TempFolder tmp;
    std::vector<double> values = {1, 2, 3, 4, 5};
    std::string error;
    CHECK_FALSE(write_npy(tmp / "bad.npy", values, {2, 3}, &error));
    CHECK(error == "cannot write '" + (tmp / "bad.npy").string() +
                       "': the shape (2, 3) needs 6 values but 5 were given");
    CHECK(entry_names(tmp.path()).empty());
}

TEST_CASE("write_npy: a missing folder gives a readable error") {
    TempFolder tmp;
    std::string error;
    CHECK_FALSE(write_npy(tmp / "no" / "x.npy", std::vector<double>{1.0}, {1}, &error));
    CHECK(error.find("folder '" + (tmp / "no").string() + "' does not exist") !=
          std::string::npos);
}
