// neurojit's entry point: parses the command line, dispatches, and owns the exit codes.
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/kernel_loading.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>

namespace {

int dispatch(const nj::cli::Command& command) {
    if (command.show_version) {
        std::cout << "neurojit " << NJ_VERSION << " (LLVM " << nj::cli::llvm_version_or_reason() << ")\n";
        return 0;
    }
    if (command.show_help) {
        std::cout << command.help_text;
        return 0;
    }
    const std::string& name = command.name;
    if (name == "check") return nj::cli::run_check(command);
    if (name == "info") return nj::cli::run_info(command);
    if (name == "list") return nj::cli::run_list(command);
    if (name == "diagnostics") return nj::cli::run_diagnostics(command);
    if (name == "builtins") return nj::cli::run_builtins(command);
    if (name == "run") return nj::cli::run_simulation(command);
    if (name == "plot") return nj::cli::run_plot(command);
    if (name == "synth-connectome") return nj::cli::run_synth_connectome(command);
    return nj::cli::run_ir(command);
}

/// Ends the process once every output is written and closed: the libraries' static destructors
/// (LLVM's option registry, the thread pool) only free memory the system takes back anyway, and
/// take about 20 ms, a tenth of a short run. Buffered output is flushed first.
[[noreturn]] void exit_now(int code) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(code);
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = nj::cli::parse_command_line(argc, argv);
    if (!parsed.command) {
        std::cerr << "neurojit: error[usage]: " << parsed.error << "\n";
        return 1;
    }
    try {
        exit_now(dispatch(*parsed.command));
    } catch (const std::bad_alloc&) {
        std::cerr << "neurojit: error: out of memory\n";
        return 2;
    } catch (const std::exception&) {
        // Foreign errors are converted at the edge of each library; reaching here is our bug.
        std::cerr << "neurojit: internal error: an unexpected failure stopped the command — "
                     "please report this with the model file\n";
        return 2;
    }
}
