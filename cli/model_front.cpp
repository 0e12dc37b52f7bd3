// Builds compile options from the command line and prints diagnostics the way the user asked.
#include "cli/model_front.h"

#include "compiler/support/diag_codes.h"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace nj::cli {

namespace {

bool use_color(const Command& command) {
    if (command.color == "always") return true;
    if (command.color == "never" || std::getenv("NO_COLOR")) return false;
    return isatty(STDERR_FILENO) != 0;
}

bool apply_warning_policies(const Command& command, support::DiagnosticEngine& diags) {
    diags.set_all_warnings_as_errors(command.warnings_as_errors);
    for (const auto& [name, policy] : command.warning_policies) {
        auto code = support::code_from_name(name);
        if (!code) {
            diags.report(support::DiagCode::UsageOption, {},
                         "-W names an unknown diagnostic code '" + name +
                             "'; 'neurojit diagnostics' lists them");
            return false;
        }
        diags.set_warning_policy(*code, policy == "ignore" ? support::WarningPolicy::Ignore
                                                           : support::WarningPolicy::Error);
    }
    return true;
}

}  // namespace

bool compile_front(const Command& command, driver::CompileSession& session,
                   sema::CheckedModel& model, const sema::TableShapes& table_shapes) {
    if (!apply_warning_policies(command, session.diags())) return false;
    driver::CompileOptions options;
    options.check.mode = command.mode;
    options.check.overrides = command.overrides;
    options.check.library_dirs = driver::default_library_dirs();
    options.check.table_shapes = table_shapes;
    options.dump_ast = command.dump_ast;
    return driver::compile_model(session, command.file, options, model);
}

void report_diagnostics(const Command& command, driver::CompileSession& session) {
    if (command.json) {
        session.diags().render_json(std::cout);
        return;
    }
    session.diags().render(std::cerr, use_color(command));
}

}  // namespace nj::cli
