// Shared by the table tests: temporary files and the message of a TableError.
#pragma once

#include "runtime/inputs/csv_table.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

namespace nj::rt::testing {

/// Writes `text` to a file in the temporary directory and returns its path.
inline std::string write_temp(const std::string& name, const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream out(path);
    out << text;
    return path.string();
}

/// The message of the TableError `f` throws ("" when none is thrown).
inline std::string table_error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const TableError& e) {
        return e.what();
    }
    return "";
}

}  // namespace nj::rt::testing
