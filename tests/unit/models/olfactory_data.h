// What the olfactory model tests share: the model files' text and the shared data they read.
#pragma once

#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace nj::testing::olfactory {

inline const std::string source_dir = NJ_SOURCE_DIR;
inline const std::string data_dir = source_dir + "/../shared/data";

/// The text of models/<file>.
inline std::string model_text(const std::string& file) {
    std::ifstream in(source_dir + "/models/" + file);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Whether the connectome and odour tables are there; false (with a message) when the shared
/// data is missing, so the test is skipped with its reason.
inline bool have_data() {
    for (const char* f : {"/winding2023/nodes.csv", "/winding2023/edges.csv", "/kreher2008/kreher2008_larval_orn.csv"}) {
        if (!std::filesystem::exists(data_dir + f)) {
            MESSAGE("skipped: " << data_dir + f << " is missing (the olfactory models need ../shared/data)");
            return false;
        }
    }
    return true;
}

/// `--set` overrides that point the models at the shared data files.
inline std::vector<std::pair<std::string, std::string>> data_overrides() {
    return {{"nodes_file", data_dir + "/winding2023/nodes.csv"},
            {"edges_file", data_dir + "/winding2023/edges.csv"},
            {"kreher_file", data_dir + "/kreher2008/kreher2008_larval_orn.csv"}};
}

/// A run of a model's fast mode on the shared data.
inline nj::rt::testing::RunOptions fast_data_run(uint64_t seed) {
    nj::rt::testing::RunOptions options;
    options.mode = "fast";
    options.seed = seed;
    options.overrides = data_overrides();
    return options;
}

/// `v` with every digit, for a `--set` that must reproduce it exactly.
inline std::string exact_number(double v) {
    std::ostringstream s;
    s << std::setprecision(17) << v;
    return s.str();
}

}  // namespace nj::testing::olfactory
