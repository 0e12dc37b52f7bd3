// `neurojit run`: check, lower, JIT-compile, simulate, and write the run directory.
#include "cli/commands.h"
#include "cli/compile_network.h"
#include "cli/model_front.h"
#include "cli/monitor_units.h"
#include "cli/multi_seed.h"
#include "cli/profile_report.h"
#include "cli/run_outputs.h"
#include "cli/sized_front.h"

#include "compiler/jit/compiled_kernels.h"
#include "compiler/lower/lower_model.h"
#include "runtime/inputs/csv_table.h"
#include "runtime/protocol/execute_protocol.h"
#include "runtime/protocol/planned_duration.h"
#include "runtime/synapses/connect.h"

#include <chrono>
#include <csignal>
#include <iostream>

namespace nj::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) { interrupted.store(true); }

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// --seed, else the model's `seed:` setting (a number or a parameter), else its `seed` parameter,
/// else 1.
uint64_t seed_of(const Command& command, const sema::CheckedModel& model) {
    if (command.seed) return *command.seed;
    for (const auto& file : model.files) {
        for (const auto& item : file.items) {
            const auto* setting = std::get_if<ast::SettingDecl>(&item);
            if (!setting || setting->key != "seed" || setting->items.empty() || setting->items[0].exprs.empty()) continue;
            const ast::Expr& value = *setting->items[0].exprs[0];
            if (value.kind == ast::ExprKind::Number) return static_cast<uint64_t>(value.number);
            for (const auto& p : model.params) {
                if (value.kind == ast::ExprKind::Name && p.name == value.text && p.value.kind == sema::Value::Kind::Number) {
                    return static_cast<uint64_t>(p.value.number);
                }
            }
        }
    }
    for (const auto& p : model.params) {
        if (p.name == "seed" && p.value.kind == sema::Value::Kind::Number) {
            return static_cast<uint64_t>(p.value.number);
        }
    }
    return 1;
}

/// Prints simulated time, speed and (when the protocol's length could be estimated) the time
/// left on stderr when it is a terminal, at most twice a second.
std::function<void(double)> progress_line(const Command& command, Clock::time_point start,
                                          std::optional<double> planned) {
    if (command.quiet || !isatty(STDERR_FILENO)) return {};
    auto last = std::make_shared<Clock::time_point>(start);
    return [start, last, planned](double simulated) {
        if (seconds_since(*last) < 0.5 || seconds_since(start) < 2.0) return;
        *last = Clock::now();
        double wall = seconds_since(start);
        double speed = simulated / wall;
        if (planned && *planned > simulated && speed > 0) {
            std::fprintf(stderr, "\r  simulated %.3f s of %.3g s  (%.2f× real time, about %.0f s left)   ", simulated,
                         *planned, speed, (*planned - simulated) / speed);
        } else {
            std::fprintf(stderr, "\r  simulated %.3f s  (%.2f× real time)   ", simulated, speed);
        }
        std::fflush(stderr);
    };
}

/// Builds the network, runs the protocol (Ctrl-C stops it cleanly) and writes the outputs.
int simulate_and_write(const Command& command, const sema::CheckedModel& model,
                       driver::CompileSession& session, rt::NetworkPlan& plan, uint64_t seed,
                       RunReport& report) {
    auto t2 = Clock::now();
    rt::Network network(plan, seed, command.threads);
    try {
        network.initialise();  // before the run directory exists: a bad rule leaves nothing behind
    } catch (const rt::ConnectError& e) {
        std::cerr << "error[run.connect]: " << e.what() << "\n";
        return 1;
    }
    auto dir = open_run_directory(command, model, session, seed, report);
    if (!dir) return 2;
    report.summary["units"] = monitor_units(model, plan);
    report.summary["precision"] = plan.single_precision ? "single" : "double";
    std::vector<rt::Recorder> recorders;
    for (const auto& m : network.plan().monitors) recorders.emplace_back(m, network);
    report.timings["build_network"] = seconds_since(t2);

    auto t3 = Clock::now();
    rt::KernelProfile profile;  // the simulate phase only: building the network is timed above
    if (command.profile) network.set_profile(&profile);
    interrupted.store(false);
    auto previous = std::signal(SIGINT, on_interrupt);
    std::optional<double> planned = rt::plan_recordings(network, recorders);
    rt::ProtocolEnvironment env{network, recorders, interrupted, report.metrics, std::cout,
                                progress_line(command, t3, command.quiet ? std::nullopt : planned)};
    rt::ProtocolOutcome outcome = rt::execute_protocol(network.plan().protocol, env);
    std::signal(SIGINT, previous);
    if (env.progress) std::fprintf(stderr, "\n");
    report.timings["simulate"] = seconds_since(t3);
    if (command.profile) report.summary["profile"] = profile_summary(profile, report.timings["simulate"], command.quiet);
    int code = finish_run(command, *dir, network, recorders, outcome, report);
    return command.plot ? plot_after_run(command, dir->path(), code) : code;
}

}  // namespace

int run_simulation(const Command& command) {
    if (!command.seeds.empty()) return run_seeds(command);  // one child run per seed
    RunReport report;
    auto t0 = Clock::now();
    SizedFront front;
    std::optional<bool> checked = compile_sized_front_or_report(command, front);  // sizes may need the tables
    if (!checked) return 1;
    bool ok = *checked;
    driver::CompileSession& session = *front.session;
    const sema::CheckedModel& model = *front.model;
    report.timings["parse"] = seconds_since(t0);
    if (!ok) {
        report_diagnostics(command, session);
        return 1;
    }
    auto t1 = Clock::now();
    lower::LoweredModel lowered;
    bool lowered_ok = lower::lower_model(model, session.diags(), lowered, command.precision) &&
                      !session.diags().has_errors();
    report_diagnostics(command, session);
    if (!lowered_ok) return 2;
    try {
        rt::load_tables(lowered.plan);  // a bad table file is an input error: exit 1, nothing run
    } catch (const rt::TableError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    for (const auto& warning : rt::table_warnings(lowered.plan)) std::cerr << "warning: " << warning << "\n";
    std::string error;
    auto compiled = compile_network(lowered, jit::JitOptions{}, &error);
    if (!compiled) {
        std::cerr << "neurojit: " << error << "\n";
        return 2;
    }
    report.timings["jit"] = seconds_since(t1);
    report.summary["kernels"] = compiled->from_cache() ? "cache" : "compiled";
    return simulate_and_write(command, model, session, lowered.plan, seed_of(command, model), report);
}

}  // namespace nj::cli
