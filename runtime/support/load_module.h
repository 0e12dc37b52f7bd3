// Opens neurojit's optional modules: the parts that link big libraries (LLVM, HDF5, Cairo).
//
// The `neurojit` program links none of those libraries. Each sits in a module of its own,
// `libneurojit_<name>.so` beside the program, opened the first time a run uses it: a run that
// finds its kernels in the object cache and writes .npy files never loads LLVM, HDF5 or Cairo,
// which would cost it tens of milliseconds and megabytes before `main`.
//
// A module exports one C function, `neurojit_<name>_module`, returning a table of function
// pointers that starts with a ModuleHeader. Modules are never closed: code and tables they hand
// out stay valid until the process ends.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nj::rt {

/// The first member of every module's table, so a stale module is refused instead of called.
struct ModuleHeader {
    int interface = 0;    ///< the table's version; bumped when its functions change
    std::size_t size = 0; ///< sizeof the whole table
};

/// Where modules are looked for, in order: $NEUROJIT_MODULE_DIR when set, the program's own
/// folder, `<program folder>/../lib/neurojit`, and the build folder this copy was built in.
std::vector<std::filesystem::path> module_directories();

/// Opens `libneurojit_<name>.so` (once per process; later calls return the same table) and
/// returns its table, checked against `interface` and `size`. Null with a sentence in `*error`
/// when the module is missing, cannot be opened (e.g. its library is not installed) or is stale.
const ModuleHeader* load_module(std::string_view name, int interface, std::size_t size, std::string* error);

/// load_module for the table type `Table` (whose first member is a ModuleHeader).
template <class Table>
const Table* load_module_table(std::string_view name, int interface, std::string* error) {
    return reinterpret_cast<const Table*>(load_module(name, interface, sizeof(Table), error));
}

}  // namespace nj::rt

/// Marks the one function a module exports (modules are built with hidden visibility).
#define NJ_MODULE_EXPORT extern "C" __attribute__((visibility("default")))
