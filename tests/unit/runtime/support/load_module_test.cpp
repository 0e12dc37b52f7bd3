// Tests load_module: a module that is missing or stale is refused with a sentence, never called.
#include "runtime/support/load_module.h"

#include "runtime/io/hdf5_module.h"

#include <doctest/doctest.h>

#include <string>

using nj::rt::load_module;
using nj::rt::module_directories;

TEST_CASE("load_module: a module that is nowhere is refused with its file name") {
    std::string error;
    CHECK(load_module("no_such_part", 1, 16, &error) == nullptr);
    CHECK(error.find("libneurojit_no_such_part.so") != std::string::npos);
    CHECK(error.find("not beside the neurojit program") != std::string::npos);
}

TEST_CASE("load_module: the build folder is searched, after the program's folder") {
    auto dirs = module_directories();
    REQUIRE(dirs.size() >= 2);
    CHECK(dirs.back() == std::filesystem::path(NJ_TEST_BUILD_DIR));
}

#ifdef NJ_HAVE_HDF5
TEST_CASE("load_module: a module is opened once and checked against its table's version") {
    std::string error;
    const auto* first = load_module("hdf5", nj::rt::kHdf5ModuleInterface, sizeof(nj::rt::Hdf5Module), &error);
    REQUIRE_MESSAGE(first != nullptr, error);
    CHECK(load_module("hdf5", nj::rt::kHdf5ModuleInterface, sizeof(nj::rt::Hdf5Module), &error) == first);
    CHECK(load_module("hdf5", nj::rt::kHdf5ModuleInterface + 1, sizeof(nj::rt::Hdf5Module), &error) == nullptr);
    CHECK(error.find("built for another version of neurojit") != std::string::npos);
    CHECK(load_module("hdf5", nj::rt::kHdf5ModuleInterface, sizeof(nj::rt::Hdf5Module) + 8, &error) == nullptr);
}
#endif
