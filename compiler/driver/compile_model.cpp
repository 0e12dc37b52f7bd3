// The pipeline's table of contents: each step with the reason it comes where it does.
#include "compiler/driver/compile_model.h"

#include "compiler/parse/print_ast.h"
#include "compiler/sema/check_model.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace nj::driver {

std::vector<std::string> default_library_dirs() {
    std::vector<std::string> dirs;
    if (const char* path = std::getenv("NEUROJIT_PATH")) {
        std::string all = path;
        size_t start = 0;
        while (start <= all.size()) {
            size_t colon = all.find(':', start);
            if (colon == std::string::npos) colon = all.size();
            if (colon > start) dirs.push_back(all.substr(start, colon - start));
            start = colon + 1;
        }
    }
    dirs.push_back("models");
    dirs.push_back(std::string(NJ_SOURCE_DIR) + "/models");
    return dirs;
}

bool compile_model(CompileSession& session, const std::string& path,
                   const CompileOptions& options, sema::CheckedModel& model) {
    // 1. Parse the model and its imports, resolve modes and overrides, and check every
    //    name and unit. Nothing later may run on a model with errors.
    sema::check_model(path, options.check, session.sources(), session.diags(), model);

    // 2. Optional dump of the syntax trees, for users and for debugging the parser.
    if (options.dump_ast) {
        for (const auto& file : model.files) {
            std::cout << parse::print_ast(file, session.sources());
        }
    }
    return !session.diags().has_errors();
}

}  // namespace nj::driver
