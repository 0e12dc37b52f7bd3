// Writing the run directory: sources, parameters, monitors as .npy, the summary and a report.
#include "cli/run_outputs.h"

#include "runtime/io/npy_writer.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

namespace nj::cli {

namespace {

std::string model_stem(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

nlohmann::json params_json(const sema::CheckedModel& model) {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& p : model.params) params[p.name] = nlohmann::json::parse(sema::value_to_json(p.value));
    return params;
}

bool write_monitor(const rt::RunDirectory& dir, const rt::Recorder::Output& out, std::string* error) {
    rt::NpyShape shape(out.shape.begin(), out.shape.end());
    if (!out.integer) return rt::write_npy(dir.file(out.file), std::span<const double>(out.values), shape, error);
    std::vector<int32_t> indices(out.values.begin(), out.values.end());
    return rt::write_npy(dir.file(out.file), std::span<const int32_t>(indices), shape, error);
}

size_t neuron_count(const rt::Network& network) {
    size_t n = 0;
    for (const auto& g : network.plan().groups) n += g.parent < 0 ? g.size : 0;
    return n;
}

/// "  rate_exc = 5.61 Hz, rate_inh = 5.7 Hz (12 metrics in summary.json)": the first scalar
/// metrics of the run, for the final report; "" when there are none.
std::string metrics_line(const nlohmann::json& metrics) {
    static const std::map<std::string, std::string> symbols = {
        {"hertz", "Hz"}, {"second", "s"}, {"volt", "V"}, {"1", ""}, {"radian", "rad"}};
    constexpr int shown_at_most = 6;
    std::string line;
    int shown = 0;
    for (const auto& [name, m] : metrics.items()) {
        if (shown == shown_at_most || !m.is_object() || !m.contains("value") || !m["value"].is_number()) continue;
        char value[32];
        std::snprintf(value, sizeof value, "%.4g", m["value"].get<double>());
        std::string unit = m.contains("unit") && m["unit"].is_string() ? m["unit"].get<std::string>() : "1";
        auto symbol = symbols.find(unit);
        unit = symbol == symbols.end() ? unit : symbol->second;
        line += (shown++ ? ", " : "  ") + name + " = " + value + (unit.empty() ? "" : " " + unit);
    }
    if (shown == 0) return "";
    return line + " (" + std::to_string(metrics.size()) + (metrics.size() == 1 ? " metric" : " metrics") +
           " in summary.json)";
}

}  // namespace

std::optional<rt::RunDirectory> open_run_directory(const Command& command,
                                                   const sema::CheckedModel& model,
                                                   driver::CompileSession& session, uint64_t seed,
                                                   RunReport& report) {
    std::string error;
    std::optional<std::filesystem::path> out;
    if (!command.out_dir.empty()) out = command.out_dir;
    auto dir = rt::RunDirectory::create(model_stem(model.path), out, &error);
    report.summary = rt::make_summary_skeleton(model_stem(model.path), model.mode, seed);
    bool ok = dir.has_value();
    ok = ok && dir->write_model_source(session.sources().text(model.files.back().file), &error);
    ok = ok && dir->write_params(params_json(model), &error);
    ok = ok && dir->write_summary(report.summary, &error);
    if (!ok) {
        std::cerr << "neurojit: error[run.output]: " << error << "\n";
        return std::nullopt;
    }
    return dir;
}

int finish_run(const Command& command, const rt::RunDirectory& dir, const rt::Network& network,
               const std::vector<rt::Recorder>& recorders, const rt::ProtocolOutcome& outcome,
               RunReport& report) {
    std::string error;
    bool written = true;
    for (const auto& r : recorders) {
        for (const auto& out : r.outputs()) written = write_monitor(dir, out, &error) && written;
    }
    for (const auto& out : outcome.files) written = write_monitor(dir, out, &error) && written;
    nlohmann::json& s = report.summary;
    s["complete"] = outcome.complete && written;
    for (const auto& [phase, seconds] : report.timings) s["timings"][phase] = seconds;
    s["counts"]["neurons"] = neuron_count(network);
    size_t synapses = 0;
    for (size_t k = 0; k < network.plan().synapses.size(); ++k) synapses += network.synapse_count(k);
    s["counts"]["synapses"] = synapses;
    s["counts"]["spikes"] = network.spike_count();
    s["simulated_time"] = {{"value", network.time()}, {"unit", "second"}};
    s["metrics"] = report.metrics;
    written = dir.write_summary(s, &error) && written;
    if (!written) std::cerr << "neurojit: error[run.output]: " << error << "\n";
    if (outcome.non_finite) {
        const auto& bad = *outcome.non_finite;
        std::cerr << "neurojit: error[run.non_finite]: '" << bad.variable << "' of group '"
                  << bad.group << "' became NaN or infinite at element " << bad.index
                  << ", t = " << bad.time << " s\n  note: the outputs recorded so far are in "
                  << dir.path().string() << "\n";
    } else if (!outcome.error.empty()) {
        std::cerr << "neurojit: error: " << outcome.error << "\n  note: the outputs recorded so far are in "
                  << dir.path().string() << "\n";
    } else if (!outcome.complete) {
        std::cerr << "neurojit: interrupted at t = " << network.time()
                  << " s; what was recorded is in " << dir.path().string() << "\n";
    }
    if (!command.quiet && outcome.complete) {
        std::cerr << "ran " << network.time() << " s of model time (" << network.spike_count()
                  << (network.spike_count() == 1 ? " spike" : " spikes") << ") in " << report.timings["simulate"]
                  << " s; outputs in "
                  << dir.path().string() << "\n";
        std::string metrics = metrics_line(report.metrics);
        if (!metrics.empty()) std::cerr << metrics << "\n";
    }
    return outcome.complete && written ? 0 : 2;
}

}  // namespace nj::cli
