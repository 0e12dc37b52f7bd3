// Tests NpyStreamWriter: rows appended over time, header fixed at the end, early finalise.
#include "runtime/io/npy_stream_writer.h"

#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using nj::rt::npy_header;
using nj::rt::NpyDtype;
using nj::rt::NpyStreamWriter;
using nj::rt::test::entry_names;
using nj::rt::test::read_bytes;
using nj::rt::test::split_npy;
using nj::rt::test::TempFolder;

namespace {

// Writes `n_rows` rows of three doubles (row r holds r, r + 0.5, -r) one row at a time.
std::vector<double> stream_rows(NpyStreamWriter& writer, int n_rows) {
    std::vector<double> all;
    for (int r = 0; r < n_rows; ++r) {
        std::vector<double> row = {double(r), r + 0.5, -double(r)};
        REQUIRE(writer.append(row));
        all.insert(all.end(), row.begin(), row.end());
    }
    return all;
}

std::string bytes_of(const std::vector<double>& values) {
    std::string bytes(values.size() * sizeof(double), '\0');
    if (!values.empty()) {
        std::memcpy(bytes.data(), values.data(), bytes.size());
    }
    return bytes;
}

void check_rows_file(const std::filesystem::path& path, int n_rows,
                     const std::vector<double>& values) {
    std::string bytes = read_bytes(path);
    auto parts = split_npy(bytes);
    CHECK(parts.magic_ok);
    CHECK(parts.ends_in_newline);
    CHECK(parts.data_offset % 64 == 0);
    CHECK(parts.data_offset == npy_header(NpyDtype::Float64, {0, 3}, 20).size());
    CHECK(parts.dict == "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                            std::to_string(n_rows) + ", 3), }");
    CHECK(parts.data == bytes_of(values));
}

}  // namespace

TEST_CASE("NpyStreamWriter: 0, 1 and 1000 rows give the matching shape and data") {
    for (int n_rows : {0, 1, 1000}) {
        CAPTURE(n_rows);
        TempFolder tmp;
        std::string error;
        auto writer = NpyStreamWriter::open(tmp / "m_v.npy", NpyDtype::Float64, {3}, &error);
        REQUIRE(writer);
        CHECK_FALSE(std::filesystem::exists(tmp / "m_v.npy"));
        std::vector<double> values = stream_rows(*writer, n_rows);
        CHECK(writer->rows() == static_cast<std::uint64_t>(n_rows));
        REQUIRE(writer->finalise(&error));
        check_rows_file(tmp / "m_v.npy", n_rows, values);
        CHECK(entry_names(tmp.path()) == std::set<std::string>{"m_v.npy"});
    }
}

TEST_CASE("NpyStreamWriter: an interrupted run finalises the rows recorded so far") {
    TempFolder tmp;
    auto writer = NpyStreamWriter::open(tmp / "m_v.npy", NpyDtype::Float64, {3}, nullptr);
    REQUIRE(writer);
    std::vector<double> values;
    for (int step = 0; step < 1000; ++step) {
        // The Ctrl-C handler's flag would be checked here; it is "set" at step 37.
        if (step == 37) {
            break;
        }
        std::vector<double> row = {double(step), step + 0.5, -double(step)};
        REQUIRE(writer->append(row));
        values.insert(values.end(), row.begin(), row.end());
    }
    REQUIRE(writer->finalise(nullptr));
    check_rows_file(tmp / "m_v.npy", 37, values);
}

TEST_CASE("NpyStreamWriter: a writer never finalised leaves no file") {
    TempFolder tmp;
    {
        auto writer = NpyStreamWriter::open(tmp / "m_v.npy", NpyDtype::Float64, {3}, nullptr);
        REQUIRE(writer);
        stream_rows(*writer, 5);
    }
    CHECK(entry_names(tmp.path()).empty());
}

TEST_CASE("NpyStreamWriter: scalar rows make a 1-D int32 array") {
    TempFolder tmp;
    auto writer = NpyStreamWriter::open(tmp / "s_i.npy", NpyDtype::Int32, {}, nullptr);
    REQUIRE(writer);
    std::vector<std::int32_t> first = {4, 8};
    std::vector<std::int32_t> second = {15};
    REQUIRE(writer->append(first));
    REQUIRE(writer->append(second));
    REQUIRE(writer->finalise(nullptr));
    auto parts = split_npy(read_bytes(tmp / "s_i.npy"));
    CHECK(parts.dict == "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }");
    CHECK(parts.data == std::string("\4\0\0\0\x08\0\0\0\x0f\0\0\0", 12));
}

TEST_CASE("NpyStreamWriter: raw rows of uint8 flags are stored as '|b1'") {
    TempFolder tmp;
    auto writer = NpyStreamWriter::open(tmp / "f.npy", NpyDtype::Bool, {2}, nullptr);
    REQUIRE(writer);
    std::uint8_t rows[] = {1, 0, 0, 1, 1, 1};
    REQUIRE(writer->append(rows, 3));
    REQUIRE(writer->finalise(nullptr));
    auto parts = split_npy(read_bytes(tmp / "f.npy"));
    CHECK(parts.dict == "{'descr': '|b1', 'fortran_order': False, 'shape': (3, 2), }");
    CHECK(parts.data == std::string("\1\0\0\1\1\1", 6));
}

TEST_CASE("NpyStreamWriter: values of the wrong type or a partial row fail at finalise") {
    TempFolder tmp;
    auto typed = NpyStreamWriter::open(tmp / "a.npy", NpyDtype::Float64, {3}, nullptr);
    REQUIRE(typed);
    CHECK_FALSE(typed->append(std::vector<float>{1.0F, 2.0F, 3.0F}));
    std::string error;
    CHECK_FALSE(typed->finalise(&error));
    CHECK(error == "cannot write '" + (tmp / "a.npy").string() +
                       "': values of type '<f4' were given for an array of type '<f8'");

    auto partial = NpyStreamWriter::open(tmp / "b.npy", NpyDtype::Float64, {3}, nullptr);
    REQUIRE(partial);
    CHECK_FALSE(partial->append(std::vector<double>{1.0, 2.0}));
    CHECK_FALSE(partial->finalise(&error));
    CHECK(error.find("2 values do not make whole rows of 3") != std::string::npos);
    CHECK(entry_names(tmp.path()).empty());
}

TEST_CASE("NpyStreamWriter: a missing folder is reported when opening") {
    TempFolder tmp;
    std::string error;
    auto writer = NpyStreamWriter::open(tmp / "gone" / "m.npy", NpyDtype::Int64, {}, &error);
    CHECK_FALSE(writer);
    CHECK(error.find("folder '" + (tmp / "gone").string() + "' does not exist") !=
          std::string::npos);
}
