// `neurojit list` and `neurojit diagnostics`: the model library and the diagnostic codes.
#include "cli/commands.h"

#include "compiler/driver/compile_model.h"
#include "compiler/sema/builtins.h"
#include "compiler/support/diag_codes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>

namespace nj::cli {

namespace fs = std::filesystem;

namespace {

/// The first comment line of a model file is its one-line description.
std::string description_of(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    if (std::getline(in, line) && line.rfind("#", 0) == 0) {
        line.erase(0, line.find_first_not_of("# "));
        return line;
    }
    return "";
}

std::vector<std::string> modes_of(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::vector<std::string> modes;
    static const std::regex mode_line(R"(^\s*mode\s+([A-Za-z_][A-Za-z_0-9]*))");
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, mode_line)) modes.push_back(m[1]);
    }
    return modes;
}

}  // namespace

int run_list(const Command&) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& dir : driver::default_library_dirs()) {
        if (!fs::is_directory(dir, ec)) continue;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".nj") files.push_back(entry.path());
        }
        if (!files.empty()) break;  // the first library folder that has models
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::cerr << "neurojit: no model library found (looked in $NEUROJIT_PATH and ./models)\n";
        return 1;
    }
    for (const auto& file : files) {
        std::cout << file.string() << "\n    " << description_of(file) << "\n";
        auto modes = modes_of(file);
        if (!modes.empty()) {
            std::cout << "    modes:";
            for (const auto& m : modes) std::cout << " " << m;
            std::cout << "\n";
        }
    }
    return 0;
}

int run_builtins(const Command&) {
    std::cout << sema::builtins_markdown();
    return 0;
}

int run_diagnostics(const Command& command) {
    if (command.markdown) {
        std::cout << support::diagnostics_markdown();
        return 0;
    }
    for (auto code : support::all_diag_codes()) {
        std::cout << support::code_name(code) << "  ("
                  << support::severity_name(support::default_severity(code)) << ")  "
                  << support::code_description(code) << "\n";
    }
    return 0;
}

}  // namespace nj::cli
