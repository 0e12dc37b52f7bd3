// Population rates, attractor states and LIF mean-field theory as protocol analyses.
#include "runtime/protocol/population_analyses.h"

#include "runtime/analyses/attractor_states.h"
#include "runtime/analyses/mean_field.h"
#include "runtime/analyses/population_rates.h"

#include <cmath>

namespace nj::rt {

namespace {

/// The population index of each neuron of the analysed group: its variable named by the
/// `population` argument, rounded.
std::string population_of_neurons(const ProtocolOp& op, const AnalysisContext& context, std::vector<int>& out) {
    auto name = op.strings.find("population");
    if (name == op.strings.end()) return "needs population = \"variable\" (the population index of each neuron)";
    const NetworkPlan& plan = context.network.plan();
    const GroupPlan& g = plan.groups[static_cast<size_t>(op.groups[0])];
    const GroupPlan& root = plan.groups[plan.root_group(op.groups[0])];
    for (const auto& [variable, array] : root.variables) {
        if (variable != name->second) continue;
        const std::vector<double> values = context.network.values(array);
        out.clear();
        for (size_t k = 0; k < g.size; ++k) {
            double v = values[g.offset + k];
            out.push_back(std::isfinite(v) ? static_cast<int>(std::lround(v)) : -1);
        }
        return "";
    }
    return "the group '" + g.name + "' has no variable '" + name->second + "'";
}

void add_outputs(const std::string& prefix, std::vector<NamedArray>& arrays, AnalysisContext& context) {
    for (auto& a : arrays) context.files.push_back({prefix + "_" + a.name + ".npy", std::move(a.values), a.shape, false});
}

std::string population_rates_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    std::vector<int> population;
    if (std::string error = population_of_neurons(op, context, population); !error.empty()) return error;
    auto populations = static_cast<size_t>(arg(args, "populations", 0));
    auto [first, last] = step_window(args, context.network);
    std::vector<double> rates =
        population_rates(population_spikes(op, context, first, last), population, populations, first, last, context.network.dt());
    context.metrics[op.name] = {{"value", rates}, {"unit", "hertz"}};
    context.files.push_back({op.name + ".npy", rates, {rates.size()}, false});
    return "";
}

std::string attractor_states_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    std::vector<int> population;
    if (std::string error = population_of_neurons(op, context, population); !error.empty()) return error;
    AttractorOptions options;
    options.bin = arg(args, "bin", context.network.dt());
    if (auto k = op.strings.find("kernel"); k != op.strings.end()) options.kernel = k->second;
    options.width = arg(args, "width", options.width);
    options.threshold_tol = arg(args, "threshold_tol", options.threshold_tol);
    options.max_passes = static_cast<int>(arg(args, "max_passes", options.max_passes));
    options.min_lifetime = arg(args, "min_lifetime", options.min_lifetime);
    options.session = arg(args, "session", 0.0);
    std::tie(options.first_step, options.last_step) = step_window(args, context.network);
    auto populations = static_cast<size_t>(arg(args, "populations", 0));
    AttractorResult result =
        attractor_states(population_spikes(op, context, options.first_step, options.last_step), population, populations,
                         context.network.dt(), options);
    if (!result.error.empty()) return result.error;
    context.metrics[op.name] = result.summary;
    add_outputs(op.name, result.arrays, context);
    return "";
}

/// Per-population (P values) and matrix (P x P, [post][pre]) arguments of lif_mean_field.
std::string mean_field_input(const AnalysisContext& context, size_t p, MeanFieldInput& in) {
    const auto& v = context.vectors;
    auto vector = [&](const char* key, std::vector<double>& out, bool required) -> std::string {
        auto it = v.find(key);
        if (it == v.end()) return required ? std::string("lif_mean_field needs ") + key : "";
        out = it->second;
        return out.size() == p ? "" : std::string("lif_mean_field: ") + key + " has the wrong size";
    };
    auto matrix = [&](const char* key, Eigen::MatrixXd& out) -> std::string {
        auto it = v.find(key);
        if (it == v.end()) return std::string("lif_mean_field needs ") + key;
        if (it->second.size() != p * p) return std::string("lif_mean_field: ") + key + " has the wrong size";
        out.resize(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(p));
        for (size_t post = 0; post < p; ++post) {
            for (size_t pre = 0; pre < p; ++pre) {
                out(static_cast<Eigen::Index>(post), static_cast<Eigen::Index>(pre)) = it->second[post * p + pre];
            }
        }
        return "";
    };
    in.populations = p;
    for (std::string e : {matrix("in_degree", in.in_degree), matrix("weight", in.weight),
                          vector("ext_in_degree", in.ext_in_degree, true), vector("ext_weight", in.ext_weight, true),
                          vector("ext_rate", in.ext_rate, true), vector("tau_m", in.tau_m, true),
                          vector("tau_s", in.tau_s, true), vector("tau_ref", in.tau_ref, true),
                          vector("threshold", in.threshold, true), vector("reset", in.reset, true),
                          vector("rate_tau", in.rate_tau, false)}) {
        if (!e.empty()) return e;
    }
    return "";
}

std::string lif_mean_field_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    auto p = static_cast<size_t>(arg(args, "populations", 0));
    MeanFieldInput input;
    if (std::string error = mean_field_input(context, p, input); !error.empty()) return error;
    MeanFieldOptions o;
    o.colored_noise = arg(args, "colored_noise", 1) != 0;
    o.starts = static_cast<int>(arg(args, "starts", o.starts));
    o.start_low = arg(args, "start_low", o.start_low);
    o.start_high = arg(args, "start_high", o.start_high);
    o.seed = static_cast<uint64_t>(arg(args, "seed", static_cast<double>(o.seed)));
    if (auto it = context.vectors.find("initial"); it != context.vectors.end()) o.initial = it->second;
    o.tol = arg(args, "tol", o.tol);
    o.residual_max = arg(args, "residual_max", o.residual_max);
    o.jacobian_step = arg(args, "jacobian_step", o.jacobian_step);
    o.eig_tol = arg(args, "eig_tol", o.eig_tol);
    if (auto it = op.strings.find("labels"); it != op.strings.end()) o.labels = it->second;
    o.landscape = arg(args, "landscape", 0) != 0;
    if (auto it = context.vectors.find("focus"); it != context.vectors.end() && it->second.size() == 2) {
        o.focus = {static_cast<size_t>(it->second[0]), static_cast<size_t>(it->second[1])};
    }
    o.grid_min = arg(args, "grid_min", o.grid_min);
    o.grid_max = arg(args, "grid_max", o.grid_max);
    o.grid_step = arg(args, "grid_step", o.grid_step);
    if (auto it = context.vectors.find("split"); it != context.vectors.end()) {
        for (double s : it->second) o.split.push_back(static_cast<size_t>(s));
    }
    o.split_threshold = arg(args, "split_threshold", o.split_threshold);
    MeanFieldResult result = lif_mean_field(input, o);
    if (!result.error.empty()) return result.error;
    if (o.landscape) {  // the double well along the minimum-|F| path (spec §8.5), for `neurojit plot`
        result.summary["figures"] = nlohmann::json::array({{{"name", "landscape_potential"},
                                                            {"kind", "line"},
                                                            {"title", "reduced mean-field landscape"},
                                                            {"x", op.name + "_landscape_displacement"},
                                                            {"y", op.name + "_landscape_potential"},
                                                            {"x_label", "displacement along the path (Hz)"},
                                                            {"y_label", "potential U"}}});
    }
    context.metrics[op.name] = result.summary;
    add_outputs(op.name, result.arrays, context);
    return "";
}

}  // namespace

bool is_population_analysis(const std::string& analysis) {
    return analysis == "population_rates" || analysis == "attractor_states" || analysis == "lif_mean_field";
}

std::string run_population_analysis(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    if (op.analysis == "population_rates") return population_rates_op(op, args, context);
    if (op.analysis == "attractor_states") return attractor_states_op(op, args, context);
    return lif_mean_field_op(op, args, context);
}

}  // namespace nj::rt
