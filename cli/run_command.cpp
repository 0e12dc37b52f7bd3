// `neurojit run` and `neurojit ir`: check the model, then compile and simulate it.
#include "cli/commands.h"
#include "cli/model_front.h"

#include <iostream>

namespace nj::cli {

namespace {

int not_available(const Command& command, const char* what) {
    driver::CompileSession session;
    sema::CheckedModel model;
    bool ok = compile_front(command, session, model);
    report_diagnostics(command, session);
    if (!ok) return 1;
    std::cerr << "neurojit: error: " << command.file << " checks, but " << what
              << " is not available in this version of neurojit yet\n";
    return 2;
}

}  // namespace

int run_simulation(const Command& command) { return not_available(command, "simulation"); }

int run_ir(const Command& command) { return not_available(command, "code generation"); }

}  // namespace nj::cli
