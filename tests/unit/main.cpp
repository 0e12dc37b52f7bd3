// Entry point of the unit-test binary. Kernels compiled by the tests go to an object cache in a
// fresh temporary directory (removed at exit), never into the user's cache.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    std::string dir = (std::filesystem::temp_directory_path() / "nj_unit_cache_XXXXXX").string();
    bool made = ::mkdtemp(dir.data()) != nullptr;
    ::setenv("NEUROJIT_CACHE_DIR", made ? dir.c_str() : "/dev/null/neurojit-cache", 1);
    doctest::Context context(argc, argv);
    int result = context.run();
    std::error_code ignored;
    if (made) std::filesystem::remove_all(dir, ignored);
    return result;
}
