// What the olfactory model tests share: the model files' text and the shared data they read.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace nj::testing::olfactory
