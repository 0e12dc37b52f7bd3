// `neurojit check` and the shared front half of every model command.
#include "cli/commands.h"
#include "cli/model_front.h"

#include <iostream>

namespace nj::cli {

int run_check(const Command& command) {
    driver::CompileSession session;
    sema::CheckedModel model;
    bool ok = compile_front(command, session, model);
    report_diagnostics(command, session);
    if (!command.json && ok) {
        std::cerr << command.file << ": ok";
        size_t warnings = session.diags().warning_count();
        if (warnings) std::cerr << " (" << warnings << " warning" << (warnings > 1 ? "s" : "") << ")";
        std::cerr << "\n";
    }
    return ok ? 0 : 1;
}

}  // namespace nj::cli
