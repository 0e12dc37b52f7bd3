// load_module: finds libneurojit_<name>.so in the module folders and checks its table.
#include "runtime/support/load_module.h"

#include <cstdlib>
#include <system_error>

#include <dlfcn.h>

namespace nj::rt {

namespace fs = std::filesystem;

std::vector<fs::path> module_directories() {
    std::vector<fs::path> dirs;
    if (const char* dir = std::getenv("NEUROJIT_MODULE_DIR"); dir && *dir) dirs.emplace_back(dir);
    std::error_code failed;
    fs::path program = fs::read_symlink("/proc/self/exe", failed);
    if (!failed) {
        dirs.push_back(program.parent_path());
        dirs.push_back(program.parent_path().parent_path() / "lib" / "neurojit");
    }
#ifdef NJ_MODULE_BUILD_DIR
    dirs.emplace_back(NJ_MODULE_BUILD_DIR);  // test programs live in subfolders of the build
#endif
    return dirs;
}

const ModuleHeader* load_module(std::string_view name, int interface, std::size_t size, std::string* error) {
    const std::string file = "libneurojit_" + std::string(name) + ".so";
    auto fail = [&](std::string why) -> const ModuleHeader* {
        if (error) *error = "cannot load the module " + file + ": " + why;
        return nullptr;
    };
    fs::path found;
    for (const fs::path& dir : module_directories()) {
        std::error_code ignored;
        if (fs::is_regular_file(dir / file, ignored)) {
            found = dir / file;
            break;
        }
    }
    if (found.empty()) return fail("it is not beside the neurojit program (reinstall or rebuild neurojit)");
    void* handle = dlopen(found.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = dlerror();
        return fail(why ? why : "the dynamic loader refused it");
    }
    const std::string entry = "neurojit_" + std::string(name) + "_module";
    using Entry = const ModuleHeader* (*)();
    auto function = reinterpret_cast<Entry>(dlsym(handle, entry.c_str()));
    if (!function) return fail("'" + found.string() + "' has no function " + entry + " (not a neurojit module)");
    const ModuleHeader* table = function();
    if (!table || table->interface != interface || table->size != size) {
        return fail("'" + found.string() + "' was built for another version of neurojit (rebuild it)");
    }
    return table;
}

}  // namespace nj::rt
