// Shared helper for the runtime tests: runs a model given as text in-process, as `neurojit run`
// does (check → lower → JIT → network → protocol), keeping the results in memory instead of a
// run directory.
#pragma once

#include "cli/compile_network.h"
#include "cli/sized_front.h"
#include "compiler/driver/compile_model.h"
#include "compiler/jit/kernel_jit.h"
#include "compiler/lower/lower_model.h"
#include "runtime/inputs/csv_table.h"
#include "runtime/protocol/execute_protocol.h"
#include "runtime/protocol/planned_duration.h"
#include "runtime/rng/rng_symbols.h"
#include "runtime/synapses/connect.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace nj::rt::testing {

/// How to run: the seed (the model's `seed` parameter is not consulted), --mode and --set.
struct RunOptions {
    uint64_t seed = 1;
    std::string mode;
    std::vector<std::pair<std::string, std::string>> overrides;
    int threads = 1;  ///< worker threads of the network
    std::string precision;  ///< "single" or "double" as --precision; empty: the model's setting
    /// Called with the built network just before the protocol runs (tests of what a run sees).
    std::function<void(Network&)> before_protocol;
    /// Called with the recorders once the protocol has ended (tests of how they write files).
    std::function<void(const std::vector<Recorder>&)> after_protocol;
};

/// Everything a run leaves behind.
struct RunResult {
    bool built = false;        ///< checked, lowered and compiled without error
    std::string diagnostics;   ///< rendered diagnostics (errors and warnings), without colour
    ProtocolOutcome outcome;   ///< how the protocol ended (only when built)
    std::map<std::string, Recorder::Output> outputs;  ///< by file name: "spikes_G_t.npy"
    std::map<std::string, std::vector<double>> arrays;  ///< final state by array: "G.v"
    nlohmann::json metrics = nlohmann::json::object();  ///< analyses, as in summary.json
    std::string printed;       ///< what `print` wrote
    uint64_t spike_count = 0;  ///< the network's spike count
    uint64_t shared_deliveries = 0;  ///< spike deliveries shared out over threads
    double time_s = 0.0;       ///< simulated time at the end
    double dt_s = 0.0;         ///< the step

    /// One output file; fails the test when it is missing.
    const Recorder::Output& output(const std::string& file) const {
        INFO("output file: ", file);
        auto it = outputs.find(file);
        REQUIRE(it != outputs.end());
        return it->second;
    }
    const std::vector<double>& values(const std::string& file) const { return output(file).values; }
    const std::vector<size_t>& shape(const std::string& file) const { return output(file).shape; }
    /// The final values of one array ("G.v"); fails the test when there is none.
    const std::vector<double>& array(const std::string& name) const {
        INFO("array: ", name);
        auto it = arrays.find(name);
        REQUIRE(it != arrays.end());
        return it->second;
    }
    /// The value of a metric written by `analyse`.
    double metric(const std::string& name) const {
        INFO("metric: ", name, " in ", metrics.dump());
        REQUIRE(metrics.contains(name));
        return metrics[name]["value"].get<double>();
    }
};

/// Compiles and runs `text` (the root model file; imports resolve from the model library).
inline RunResult run_model_text(const std::string& text, const RunOptions& options = {}) {
    RunResult result;
    auto check = [&](driver::CompileSession& session, sema::CheckedModel& model, const sema::TableShapes& shapes) {
        driver::CompileOptions compile;
        compile.check.mode = options.mode;
        compile.check.overrides = options.overrides;
        compile.check.library_dirs = driver::default_library_dirs();
        compile.check.root_text = text;
        compile.check.table_shapes = shapes;
        return driver::compile_model(session, "/nonexistent/test.nj", compile, model);
    };
    cli::SizedFront front;  // group sizes may come from the tables' shapes
    bool ok = false;
    try {
        ok = cli::check_with_table_shapes(check, front);
    } catch (const TableError& e) {
        result.diagnostics += std::string("error: ") + e.what() + "\n";
        return result;
    }
    driver::CompileSession& session = *front.session;
    const sema::CheckedModel& model = *front.model;
    lower::LoweredModel lowered;
    ok = ok && lower::lower_model(model, session.diags(), lowered, options.precision) &&
         !session.diags().has_errors();
    std::ostringstream diagnostics;
    session.diags().render(diagnostics, false);
    result.diagnostics = diagnostics.str();
    if (!ok) return result;
    try {
        load_tables(lowered.plan);
    } catch (const TableError& e) {
        result.diagnostics += std::string("error: ") + e.what() + "\n";
        return result;
    }

    std::string error;
    auto compiled = cli::compile_network(lowered, jit::JitOptions{}, &error);
    if (!compiled) {
        result.diagnostics += "JIT: " + error;
        return result;
    }
    result.built = true;

    Network network(lowered.plan, options.seed, options.threads);
    try {
        network.initialise();
    } catch (const ConnectError& e) {
        result.built = false;
        result.diagnostics += std::string("error[run.connect]: ") + e.what() + "\n";
        return result;
    }
    if (options.before_protocol) options.before_protocol(network);
    std::vector<Recorder> recorders;
    for (const auto& m : network.plan().monitors) recorders.emplace_back(m, network);
    plan_recordings(network, recorders);  // as `neurojit run` does
    std::atomic<bool> stop{false};
    std::ostringstream printed;
    ProtocolEnvironment env{network, recorders, stop, result.metrics, printed, {}};
    result.outcome = execute_protocol(network.plan().protocol, env);
    if (options.after_protocol) options.after_protocol(recorders);

    for (const auto& r : recorders) {
        for (auto& out : r.outputs()) result.outputs[out.file] = out;
    }
    for (const auto& out : result.outcome.files) result.outputs[out.file] = out;
    const NetworkPlan& plan = network.plan();
    for (size_t k = 0; k < plan.arrays.size(); ++k) {
        result.arrays[plan.arrays[k].name] = network.values(static_cast<int>(k));
    }
    result.printed = printed.str();
    result.spike_count = network.spike_count();
    result.shared_deliveries = network.shared_deliveries();
    result.time_s = network.time();
    result.dt_s = network.dt();
    return result;
}

/// One column (element) of a recorded (time, element) trace of `r`.
inline std::vector<double> column(const RunResult& r, const std::string& file, size_t element) {
    const auto& shape = r.shape(file);
    const auto& values = r.values(file);
    REQUIRE(shape.size() == 2);
    REQUIRE(element < shape[1]);
    std::vector<double> out;
    for (size_t row = 0; row < shape[0]; ++row) out.push_back(values[row * shape[1] + element]);
    return out;
}

/// `run_model_text` that requires the model to build and the protocol to finish.
inline RunResult run_ok(const std::string& text, const RunOptions& options = {}) {
    RunResult result = run_model_text(text, options);
    INFO("diagnostics:\n", result.diagnostics);
    REQUIRE(result.built);
    REQUIRE(result.outcome.complete);
    return result;
}

}  // namespace nj::rt::testing

namespace doctest {

/// Vectors print as "{1, 2, 3}" (at most 20 values) when a comparison fails.
template <typename T>
struct StringMaker<std::vector<T>> {
    static String convert(const std::vector<T>& values) {
        std::ostringstream out;
        out.precision(17);
        out << "{";
        for (size_t k = 0; k < values.size() && k < 20; ++k) out << (k ? ", " : "") << values[k];
        if (values.size() > 20) out << ", ... (" << values.size() << " values)";
        out << "}";
        return String(out.str().c_str());
    }
};

}  // namespace doctest
