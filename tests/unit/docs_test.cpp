// Keeps generated documentation in step with the code it describes.
#include "compiler/sema/builtins.h"
#include "compiler/support/diag_codes.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace {

std::string read_doc(const char* name) {
    std::ifstream in(std::string(NJ_SOURCE_DIR) + "/docs/" + name);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("docs: docs/builtins.md is the output of `neurojit builtins`") {
    // Regenerate with `make docs` when this fails.
    CHECK(read_doc("builtins.md") == nj::sema::builtins_markdown());
}

TEST_CASE("docs: docs/diagnostics.md is the output of `neurojit diagnostics --markdown`") {
    std::ifstream in(std::string(NJ_SOURCE_DIR) + "/docs/diagnostics.md");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    // Regenerate with `make docs` when this fails.
    CHECK(text.str() == nj::support::diagnostics_markdown());
}
