// Tests read_npy_header / read_npy_array against files written by the run's own .npy writer.
#include "plot/npy_array.h"

#include "runtime/io/npy_writer.h"
#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <fstream>

using nj::plot::NpyArray;
using nj::plot::read_npy_array;
using nj::rt::test::TempFolder;

TEST_CASE("read_npy_array: reads float64, int32 and bool arrays of one and two dimensions") {
    TempFolder dir;
    std::string error;
    std::vector<double> d = {1.5, -2, 3, 4, 5, 6};
    REQUIRE(nj::rt::write_npy(dir / "d.npy", std::span<const double>(d), {2, 3}, &error));
    std::vector<std::int32_t> i = {-7, 0, 42};
    REQUIRE(nj::rt::write_npy(dir / "i.npy", std::span<const std::int32_t>(i), {3}, &error));
    bool b[] = {true, false};
    REQUIRE(nj::rt::write_npy(dir / "b.npy", std::span<const bool>(b), {2}, &error));

    NpyArray a;
    REQUIRE(read_npy_array(dir / "d.npy", a, &error));
    CHECK(a.header.shape == std::vector<std::uint64_t>{2, 3});
    CHECK(a.values == d);
    CHECK_FALSE(a.header.integer);
    REQUIRE(read_npy_array(dir / "i.npy", a, &error));
    CHECK(a.values == std::vector<double>{-7, 0, 42});
    CHECK(a.header.integer);
    REQUIRE(read_npy_array(dir / "b.npy", a, &error));
    CHECK(a.values == std::vector<double>{1, 0});
}

TEST_CASE("read_npy_array: a truncated or foreign file is refused with its name") {
    TempFolder dir;
    std::string error;
    std::vector<double> d(100, 1.0);
    REQUIRE(nj::rt::write_npy(dir / "d.npy", std::span<const double>(d), {100}, &error));
    std::filesystem::resize_file(dir / "d.npy", 300);
    NpyArray a;
    CHECK_FALSE(read_npy_array(dir / "d.npy", a, &error));
    CHECK(error.find("d.npy") != std::string::npos);
    CHECK(error.find("truncated") != std::string::npos);

    std::ofstream(dir / "x.npy") << "not numpy at all";
    CHECK_FALSE(read_npy_array(dir / "x.npy", a, &error));
    CHECK(error.find("is not a NumPy .npy file") != std::string::npos);
}
