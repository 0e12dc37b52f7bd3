// Reports internal compiler errors raised by NJ_ASSERT / NJ_UNREACHABLE and exits with code 2.
#include "compiler/support/assert.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace nj::support {

namespace {

// Shows the C++ location relative to the source tree, so reports do not leak build paths.
std::string_view relative_source_path(std::string_view file) {
#ifdef NJ_SOURCE_DIR
    std::string_view root = NJ_SOURCE_DIR;
    if (!root.empty() && file.starts_with(root)) {
        file.remove_prefix(root.size());
        while (file.starts_with('/')) {
            file.remove_prefix(1);
        }
    }
#endif
    return file;
}

}  // namespace

void report_internal_error(std::string_view message, const char* file, int line) {
    std::string_view where = relative_source_path(file != nullptr ? file : "?");
    std::fflush(stdout);
    std::fprintf(stderr,
                 "neurojit: internal error: %.*s (at %.*s:%d) — please report this at the "
                 "project's issue tracker\n",
                 static_cast<int>(message.size()), message.data(), static_cast<int>(where.size()),
                 where.data(), line);
    std::fflush(stderr);
    std::exit(2);
}

}  // namespace nj::support
