// Writing the run directory: sources, parameters, monitors as .npy and/or run.h5, the summary
// and a report.
#include "cli/run_outputs.h"

#include "runtime/io/hdf5_writer.h"
#include "runtime/io/io_error.h"
#include "runtime/io/json_file.h"
#include "runtime/io/npy_writer.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

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

bool write_monitor(const rt::RunDirectory& dir, const rt::Recorder::OutputView& out, std::string* error) {
    rt::NpyShape shape(out.shape.begin(), out.shape.end());
    if (!out.integer) return rt::write_npy(dir.file(out.file), out.values, shape, error);
    std::vector<int32_t> indices(out.values.begin(), out.values.end());
    return rt::write_npy(dir.file(out.file), std::span<const int32_t>(indices), shape, error);
}

/// The JSON text exactly as write_json_file puts it in summary.json.
std::string json_text(const nlohmann::json& value) {
    try {
        return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } catch (const nlohmann::json::exception&) {
        return "null\n";
    }
}

/// The dataset of run.h5 for what would be the file `out.file`: its name without ".npy", and
/// its unit when summary.json's "units" map has one under that name.
rt::Hdf5Dataset hdf5_dataset(const rt::Recorder::OutputView& out, const nlohmann::json& summary) {
    std::string name = std::filesystem::path(out.file).stem().string();
    std::string unit;
    if (summary.contains("units") && summary["units"].is_object()) {
        const auto& units = summary["units"];
        if (units.contains(name) && units[name].is_string()) unit = units[name].get<std::string>();
    }
    return {.name = name,
            .values = out.values,
            .shape = {out.shape.begin(), out.shape.end()},
            .dtype = out.integer ? rt::Hdf5Dtype::Int32 : rt::Hdf5Dtype::Float64,
            .unit = unit};
}

/// Writes RUN_DIR/run.h5: every array that would be an .npy file as a root dataset, and the
/// summary and the parameters (params.json's text) as root attributes summary_json and
/// params_json.
bool write_run_h5(const rt::RunDirectory& dir, const std::vector<rt::Recorder::OutputView>& recorded,
                  const std::vector<rt::Recorder::Output>& analysed, const nlohmann::json& summary,
                  std::string* error) {
    std::ifstream params_file(dir.file("params.json"), std::ios::binary);
    std::ostringstream params;
    params << params_file.rdbuf();
    if (!params_file || params.str().empty()) {
        return rt::store_error(error, rt::io_failure("read", dir.file("params.json"),
                                                     "it is missing or unreadable"));
    }
    std::vector<rt::Hdf5Dataset> datasets;
    for (const auto& out : recorded) datasets.push_back(hdf5_dataset(out, summary));
    for (const auto& out : analysed) datasets.push_back(hdf5_dataset(out.view(), summary));
    std::vector<rt::Hdf5Attribute> attributes = {{"summary_json", json_text(summary)},
                                                 {"params_json", params.str()}};
    return rt::write_hdf5(dir.file("run.h5"), datasets, attributes, error);
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
    nlohmann::json known_before = std::move(report.summary);  // e.g. where the kernels came from
    report.summary = rt::make_summary_skeleton(model_stem(model.path), model.mode, seed);
    if (known_before.is_object()) report.summary.update(known_before);
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
    bool npy = command.format != "hdf5";
    bool hdf5 = command.format != "npy";
    std::vector<rt::Recorder::OutputView> recorded;  // kept for run.h5, which is written in one go
    for (const auto& r : recorders) {
        if (npy && !hdf5 && r.plan().kind == rt::MonitorPlan::Kind::Spikes) {
            written = r.write_spike_files(dir.path(), &error) && written;
            continue;
        }
        for (auto& out : r.output_views()) {
            if (npy) written = write_monitor(dir, out, &error) && written;
            if (hdf5) recorded.push_back(std::move(out));
        }
    }
    for (const auto& out : outcome.files) {
        if (npy) written = write_monitor(dir, out.view(), &error) && written;
    }
    for (const auto& [file, document] : outcome.json_files) {
        written = rt::write_json_file(dir.path() / file, document, &error) && written;
    }
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
    if (hdf5) {
        s["complete"] = outcome.complete && written;
        written = write_run_h5(dir, recorded, outcome.files, s, &error) && written;
        s["complete"] = outcome.complete && written;
    }
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
