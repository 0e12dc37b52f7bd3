// Tests write_hdf5: files are read back through the HDF5 C API, as h5py would see them.
#include "runtime/io/hdf5_writer.h"

#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#ifdef NJ_HAVE_HDF5
#include <hdf5.h>
#endif

using nj::rt::Hdf5Attribute;
using nj::rt::Hdf5Dataset;
using nj::rt::Hdf5Dtype;
using nj::rt::write_hdf5;
using nj::rt::test::entry_names;
using nj::rt::test::TempFolder;

#ifdef NJ_HAVE_HDF5

namespace {

/// The value of the string attribute `name` of `object`, or "<missing>".
std::string string_attribute(hid_t object, const char* name) {
    if (H5Aexists(object, name) <= 0) return "<missing>";
    hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
    hid_t type = H5Aget_type(attribute);
    std::string text = "<not a variable-length string>";
    if (H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0) {
        char* data = nullptr;
        H5Aread(attribute, type, &data);
        text = data ? data : "";
        H5free_memory(data);
    }
    H5Tclose(type);
    H5Aclose(attribute);
    return text;
}

/// What one dataset holds, read back.
struct ReadBack {
    std::vector<hsize_t> shape;
    bool float64 = false;
    bool int32 = false;
    std::vector<double> values;
    std::string unit;
};

ReadBack read_dataset(hid_t file, const char* name) {
    ReadBack r;
    hid_t dataset = H5Dopen2(file, name, H5P_DEFAULT);
    REQUIRE(dataset >= 0);
    hid_t space = H5Dget_space(dataset);
    r.shape.resize(static_cast<size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, r.shape.data(), nullptr);
    hid_t type = H5Dget_type(dataset);
    r.float64 = H5Tequal(type, H5T_IEEE_F64LE) > 0;
    r.int32 = H5Tequal(type, H5T_STD_I32LE) > 0;
    r.values.resize(static_cast<size_t>(H5Sget_simple_extent_npoints(space)));
    if (!r.values.empty()) {
        H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, r.values.data());
    }
    H5Tclose(type);
    H5Sclose(space);
    r.unit = H5Aexists(dataset, "unit") > 0 ? string_attribute(dataset, "unit") : "";
    H5Dclose(dataset);
    return r;
}

}  // namespace

TEST_CASE("write_hdf5: datasets keep names, shapes, types, values and units; root attributes") {
    TempFolder folder;
    std::vector<double> t = {0.001, 0.0025, 0.004};
    std::vector<double> i = {3, 0, 7};
    std::vector<double> v = {-0.07, -0.069, -0.068, -0.065, -0.064, -0.063};
    std::vector<double> empty;
    std::vector<Hdf5Dataset> datasets = {
        {.name = "sp_t", .values = t, .shape = {3}, .unit = "second"},
        {.name = "sp_i", .values = i, .shape = {3}, .dtype = Hdf5Dtype::Int32},
        {.name = "trace_v", .values = v, .shape = {3, 2}, .unit = "volt"},
        {.name = "none_t", .values = empty, .shape = {0}},
    };
    std::string summary = "{\n  \"complete\": true,\n  \"units\": {\"sp_t\": \"second\"}\n}\n";
    std::vector<Hdf5Attribute> attributes = {{"summary_json", summary},
                                             {"params_json", "{\"tau\": 0.01}\n"}};
    std::string error;
    REQUIRE(write_hdf5(folder / "run.h5", datasets, attributes, &error));
    CHECK(error.empty());
    CHECK(entry_names(folder.path()) == std::set<std::string>{"run.h5"});

    hid_t file = H5Fopen((folder / "run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    hsize_t count = 0;
    H5Gget_num_objs(file, &count);
    CHECK(count == 4);
    ReadBack sp_t = read_dataset(file, "/sp_t");
    CHECK(sp_t.shape == std::vector<hsize_t>{3});
    CHECK(sp_t.float64);
    CHECK(sp_t.values == t);
    CHECK(sp_t.unit == "second");
    ReadBack sp_i = read_dataset(file, "/sp_i");
    CHECK(sp_i.int32);
    CHECK(sp_i.values == i);
    CHECK(sp_i.unit.empty());
    ReadBack trace = read_dataset(file, "/trace_v");
    CHECK(trace.shape == std::vector<hsize_t>{3, 2});
    CHECK(trace.values == v);
    CHECK(trace.unit == "volt");
    ReadBack none = read_dataset(file, "/none_t");
    CHECK(none.shape == std::vector<hsize_t>{0});
    CHECK(none.values.empty());
    CHECK(string_attribute(file, "summary_json") == summary);
    CHECK(string_attribute(file, "params_json") == "{\"tau\": 0.01}\n");
    H5Fclose(file);
}

TEST_CASE("write_hdf5: a long JSON attribute and a repeated name (the later array wins)") {
    TempFolder folder;
    std::vector<double> first = {1, 2};
    std::vector<double> second = {5, 6, 7};
    std::vector<Hdf5Dataset> datasets = {{.name = "a", .values = first, .shape = {2}},
                                         {.name = "a", .values = second, .shape = {3}}};
    std::string long_text(200000, 'x');  // beyond the 64 KiB of a compact attribute
    std::vector<Hdf5Attribute> attributes = {{"summary_json", long_text}};
    std::string error;
    REQUIRE(write_hdf5(folder / "run.h5", datasets, attributes, &error));
    hid_t file = H5Fopen((folder / "run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
    CHECK(read_dataset(file, "/a").values == second);
    CHECK(string_attribute(file, "summary_json") == long_text);
    H5Fclose(file);
}

TEST_CASE(
    "write_hdf5: a failure midway leaves neither run.h5 nor a temporary, and keeps an "
    "earlier file") {
    TempFolder folder;
    std::vector<double> x = {1};
    std::vector<Hdf5Dataset> datasets = {{.name = "x", .values = x, .shape = {1}}};
    std::string error;
    REQUIRE(write_hdf5(folder / "run.h5", datasets, {}, &error));
    auto earlier_size = std::filesystem::file_size(folder / "run.h5");
    // The same attribute twice cannot be created: the file is already half written then.
    std::vector<Hdf5Attribute> twice = {{"summary_json", "{}"}, {"summary_json", "{}"}};
    CHECK_FALSE(write_hdf5(folder / "run.h5", datasets, twice, &error));
    CHECK(error.find("cannot write '") == 0);
    CHECK(error.find("run.h5': could not write attribute 'summary_json'") != std::string::npos);
    CHECK(entry_names(folder.path()) == std::set<std::string>{"run.h5"});
    CHECK(std::filesystem::file_size(folder / "run.h5") == earlier_size);
}

#endif

TEST_CASE("write_hdf5: a missing folder gives a readable error and no file") {
    TempFolder folder;
    std::vector<double> x = {1, 2};
    std::vector<Hdf5Dataset> datasets = {{.name = "x", .values = x, .shape = {2}}};
    std::string error;
    CHECK_FALSE(write_hdf5(folder / "missing" / "run.h5", datasets, {}, &error));
    CHECK(error.find("cannot write '" + (folder / "missing" / "run.h5").string() + "': ") == 0);
    if (nj::rt::hdf5_available()) {
        INFO(error);
        CHECK(error.find("could not create the file (no such file") != std::string::npos);
    } else {
        CHECK(error.find("no HDF5 support") != std::string::npos);
    }
    CHECK(entry_names(folder.path()).empty());
}

TEST_CASE("write_hdf5: bad names, short data and non-integer indices are refused up front") {
    TempFolder folder;
    std::vector<double> x = {1, 2.5};
    std::string error;
    std::vector<Hdf5Dataset> slash = {{.name = "a/b", .values = x, .shape = {2}}};
    CHECK_FALSE(write_hdf5(folder / "run.h5", slash, {}, &error));
    if (nj::rt::hdf5_available())
        CHECK(error.find("'a/b' is not a valid dataset name") != std::string::npos);
    std::vector<Hdf5Dataset> short_data = {{.name = "a", .values = x, .shape = {3}}};
    CHECK_FALSE(write_hdf5(folder / "run.h5", short_data, {}, &error));
    std::vector<Hdf5Dataset> fraction = {
        {.name = "i", .values = x, .shape = {2}, .dtype = Hdf5Dtype::Int32}};
    CHECK_FALSE(write_hdf5(folder / "run.h5", fraction, {}, &error));
    if (nj::rt::hdf5_available()) CHECK(error.find("not a 32-bit integer") != std::string::npos);
    CHECK(entry_names(folder.path()).empty());
}
