// Trial analyses: reading per-trial vectors from the analysed groups, pooling them by result
// name, and writing each metric (per key when the call gives per-trial keys).
#include "runtime/protocol/trial_analyses.h"

#include "runtime/analyses/linear_svm.h"
#include "runtime/analyses/trial_metrics.h"
#include "runtime/protocol/variable_analyses.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>

namespace nj::rt {

namespace {

using Args = AnalysisArgs;

const std::set<std::string>& pooled_names() {
    static const std::set<std::string> names = {
        "active_fraction", "total_per_trial",    "total_ratio",      "centroid_accuracy",
        "decorrelation",   "mixture_additivity", "decoder_accuracy", "svm_accuracy",
        "argmax_accuracy"};
    return names;
}

/// The values of a per-element argument (its group's elements); false when the call has none.
bool element_values(const ProtocolOp& op, const AnalysisContext& context, const std::string& key,
                    std::vector<double>& out) {
    for (const auto& arg : op.body) {
        if (arg.name != key || arg.items.size() != 2) continue;
        const std::vector<double>& all = context.vectors.at(key);
        auto offset = static_cast<size_t>(arg.items[0]), size = static_cast<size_t>(arg.items[1]);
        out.assign(all.begin() + static_cast<std::ptrdiff_t>(offset),
                   all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), offset + size)));
        return true;
    }
    return false;
}

/// The trials of source `key`: one row of `per_trial` values for each trial.
std::string split_trials(const ProtocolOp& op, const std::vector<double>& values, size_t trials,
                         const std::string& key, std::vector<std::vector<double>>& rows) {
    if (trials == 0 || values.size() % trials != 0) {
        return op.analysis + " '" + op.name + "': the analysed variable (" + key + ") has " +
               std::to_string(values.size()) + " values, not a multiple of the " +
               std::to_string(trials) + " trials of 'labels'";
    }
    size_t n = values.size() / trials;
    rows.clear();
    for (size_t t = 0; t < trials; ++t) {
        rows.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(t * n),
                          values.begin() + static_cast<std::ptrdiff_t>((t + 1) * n));
    }
    return "";
}

/// Adds this call's trials (labels >= 0) to the op's pool.
std::string add_trials(const ProtocolOp& op, AnalysisContext& context, TrialPool& pool) {
    std::vector<double> labels, keys, source, source2;
    element_values(op, context, "labels", labels);
    element_values(op, context, "source", source);
    bool keyed = element_values(op, context, "key", keys);
    if (keyed && keys.size() != labels.size()) {
        return op.analysis + " '" + op.name + "': 'key' has " + std::to_string(keys.size()) +
               " values for " + std::to_string(labels.size()) + " trials";
    }
    std::vector<std::vector<double>> a, b;
    if (std::string e = split_trials(op, source, labels.size(), "first", a); !e.empty()) return e;
    if (element_values(op, context, "source2", source2)) {
        if (std::string e = split_trials(op, source2, labels.size(), "second", b); !e.empty())
            return e;
    }
    std::vector<double> comp[3];
    const char* comp_names[3] = {"comp_a", "comp_b", "comp_c"};
    bool mixtures = element_values(op, context, "comp_a", comp[0]);
    for (size_t k = 0; k < 3 && mixtures; ++k) {
        if (!element_values(op, context, comp_names[k], comp[k]))
            comp[k].assign(labels.size(), -1.0);
        if (comp[k].size() != labels.size()) {
            return op.analysis + " '" + op.name + "': '" + comp_names[k] + "' has " +
                   std::to_string(comp[k].size()) + " values for " + std::to_string(labels.size()) +
                   " trials";
        }
    }
    std::vector<double> classes;
    if (element_values(op, context, "classes", classes) && classes.size() != labels.size()) {
        return op.analysis + " '" + op.name + "': 'classes' has " + std::to_string(classes.size()) +
               " values for " + std::to_string(labels.size()) + " trials";
    }
    for (size_t t = 0; t < labels.size(); ++t) {
        if (labels[t] < 0) continue;
        if (!classes.empty()) pool.classes.push_back(classes[t]);
        if (mixtures) pool.components.push_back({comp[0][t], comp[1][t], comp[2][t]});
        if (!pool.a.empty() && pool.a.front().size() != a[t].size()) {
            return op.analysis + " '" + op.name +
                   "': calls of one result name analyse vectors of different sizes";
        }
        pool.a.push_back(a[t]);
        if (!b.empty()) pool.b.push_back(b[t]);
        pool.labels.push_back(labels[t]);
        pool.keys.push_back(keyed ? keys[t] : 0.0);
    }
    return "";
}

/// The pooled trials whose key is `key`.
TrialSet trials_with_key(const TrialPool& pool, double key,
                         std::vector<std::vector<double>>* b = nullptr) {
    TrialSet set;
    for (size_t t = 0; t < pool.a.size(); ++t) {
        if (pool.keys[t] != key) continue;
        set.responses.push_back(pool.a[t]);
        set.labels.push_back(pool.labels[t]);
        if (b && t < pool.b.size()) b->push_back(pool.b[t]);
    }
    return set;
}

std::vector<double> distinct_keys(const TrialPool& pool) {
    std::set<double> keys(pool.keys.begin(), pool.keys.end());
    return {keys.begin(), keys.end()};
}

/// {value, unit, trials} without keys; {keys, values, trials, mean, unit} with them, where mean
/// is over the keys with a value.
using PerKey = std::function<double(double key, size_t& trials)>;
nlohmann::json keyed_result(const ProtocolOp& op, const PerKey& value,
                            const std::vector<double>& keys) {
    bool keyed = std::any_of(op.body.begin(), op.body.end(),
                             [](const ProtocolOp& a) { return a.name == "key"; });
    if (!keyed) {
        size_t trials = 0;
        double v = value(0.0, trials);
        return {{"value", v}, {"unit", "1"}, {"trials", trials}};
    }
    nlohmann::json values = nlohmann::json::array(), counts = nlohmann::json::array();
    double total = 0, defined = 0;
    for (double key : keys) {
        size_t trials = 0;
        double v = value(key, trials);
        values.push_back(v);
        counts.push_back(trials);
        if (std::isfinite(v)) {
            total += v;
            defined += 1;
        }
    }
    double mean = defined > 0 ? total / defined : std::nan("");
    return {{"keys", keys}, {"values", values}, {"trials", counts}, {"mean", mean}, {"unit", "1"}};
}

std::string total_ratio_op(const ProtocolOp& op, const Args& args, AnalysisContext& context,
                           const TrialPool& pool) {
    if (!args.count("numerator") || !args.count("denominator")) {
        return "total_ratio '" + op.name +
               "' needs numerator = and denominator = (keys of the trials compared)";
    }
    TrialSet num = trials_with_key(pool, args.at("numerator")),
             den = trials_with_key(pool, args.at("denominator"));
    double top = mean_total(num.responses), bottom = mean_total(den.responses);
    double ratio = top / std::max(bottom, arg(args, "floor", 0.0));
    context.metrics[op.name] = {{"value", ratio},
                                {"unit", "1"},
                                {"numerator", top},
                                {"denominator", bottom},
                                {"trials", {num.responses.size(), den.responses.size()}}};
    context.metrics[op.name + "_percent"] = {{"value", 100.0 * (1.0 - 1.0 / ratio)}, {"unit", "1"}};
    return "";
}

/// Puts `file` among the run's outputs, replacing one of the same name (a pooled analysis
/// inside a loop writes its pool so far at every call).
void put_file(std::vector<Recorder::Output>& files, Recorder::Output file) {
    std::erase_if(files, [&](const Recorder::Output& f) { return f.file == file.file; });
    files.push_back(std::move(file));
}

/// NAME_centroids.npy (labels x elements: each label's mean response over the pool) and
/// NAME_centroid_labels.npy, so runs (seeds) can be compared pattern by pattern.
void write_centroids(const ProtocolOp& op, AnalysisContext& context, const TrialPool& pool) {
    std::vector<double> labels;
    std::vector<std::vector<double>> means = label_means(TrialSet{pool.a, pool.labels}, labels);
    size_t width = means.empty() ? 0 : means.front().size();
    std::vector<double> flat;
    for (const auto& m : means) flat.insert(flat.end(), m.begin(), m.end());
    put_file(context.files, {op.name + "_centroids.npy", std::move(flat), {means.size(), width}, false});
    put_file(context.files, {op.name + "_centroid_labels.npy", labels, {labels.size()}, false});
}

/// NAME_similarity_a.npy and NAME_similarity_b.npy (the labels x labels matrices decorrelation
/// compares) and NAME_similarity_labels.npy.
void write_similarities(const ProtocolOp& op, AnalysisContext& context, LabelSimilarities s) {
    size_t n = s.labels.size();
    put_file(context.files, {op.name + "_similarity_a.npy", std::move(s.a), {n, n}, false});
    put_file(context.files, {op.name + "_similarity_b.npy", std::move(s.b), {n, n}, false});
    put_file(context.files, {op.name + "_similarity_labels.npy", std::move(s.labels), {n}, false});
}

std::string centroid_op(const ProtocolOp& op, const Args& args, AnalysisContext& context,
                        const TrialPool& pool) {
    double fraction = arg(args, "reference_fraction", 0.5);
    if (!(fraction > 0 && fraction < 1))
        return "centroid_accuracy '" + op.name + "' needs 0 < reference_fraction < 1";
    std::vector<double> keys = distinct_keys(pool);
    if (!args.count("reference_key")) {
        if (keys.size() == 1) write_centroids(op, context, pool);
        context.metrics[op.name] = keyed_result(
            op,
            [&](double key, size_t& n) {
                return centroid_accuracy(trials_with_key(pool, key), fraction, nullptr, n);
            },
            keys);
        return "";
    }
    double ref_key = args.at("reference_key");
    TrialSet reference = trials_with_key(pool, ref_key);
    keys.erase(std::remove(keys.begin(), keys.end(), ref_key), keys.end());
    nlohmann::json result = keyed_result(
        op,
        [&](double key, size_t& n) {
            if (reference.responses.empty()) return std::nan("");
            return centroid_accuracy(trials_with_key(pool, key), fraction, &reference, n);
        },
        keys);
    result["reference_key"] = ref_key;
    result["reference_trials"] = reference.responses.size();
    context.metrics[op.name] = result;
    return "";
}

/// The decoder's stored weights and bias, empty when the table has neither; "" or why not.
std::string stored_decoder(const ProtocolOp& op, const Args& args, const AnalysisContext& context,
                           size_t features, std::vector<double>& w, std::vector<double>& b) {
    if (!context.vectors.count("weights") || !context.vectors.count("bias")) return "";
    double w_size = arg(args, "weights_size", 0), b_size = arg(args, "bias_size", 0);
    if (w_size == 0 && b_size == 0) return "";
    std::string where = "decoder_accuracy '" + op.name + "': ";
    if (w_size <= 0 || b_size <= 0)
        return where + "the table has only one of the weights and the bias, or single numbers";
    w = context.vectors.at("weights");
    b = context.vectors.at("bias");
    w.resize(static_cast<size_t>(w_size));
    b.resize(static_cast<size_t>(b_size));
    if (w.size() != b.size() * features) {
        return where + "the weights have " + std::to_string(w.size()) + " values, not classes (" +
               std::to_string(b.size()) + ") x features (" + std::to_string(features) + ")";
    }
    return "";
}

std::string decoder_op(const ProtocolOp& op, const Args& args, AnalysisContext& context,
                       const TrialPool& pool) {
    std::vector<double> w, b;
    size_t features = pool.a.empty() ? 0 : pool.a.front().size();
    if (std::string e = stored_decoder(op, args, context, features, w, b); !e.empty()) return e;
    double scale = arg(args, "scale", 1.0), fraction = arg(args, "fit_fraction", 0.5),
           ridge = arg(args, "ridge", 1e-3);
    if (w.empty() && !(fraction > 0 && fraction < 1))
        return "decoder_accuracy '" + op.name + "' needs 0 < fit_fraction < 1";
    nlohmann::json result = keyed_result(
        op,
        [&](double key, size_t& n) {
            TrialSet set = trials_with_key(pool, key);
            n = set.responses.size();
            if (!w.empty()) return linear_decoder_accuracy(set, w, b, scale);
            return fitted_decoder_accuracy(set, scale, fraction, ridge, n);
        },
        distinct_keys(pool));
    result["decoder"] = w.empty() ? "fitted" : "table";
    context.metrics[op.name] = result;
    return "";
}

std::string pooled_op(const ProtocolOp& op, const Args& args, AnalysisContext& context,
                      const TrialPool& pool) {
    const std::string& a = op.analysis;
    if (a == "total_ratio") return total_ratio_op(op, args, context, pool);
    if (a == "centroid_accuracy") return centroid_op(op, args, context, pool);
    if (a == "decoder_accuracy") return decoder_op(op, args, context, pool);
    if (a == "svm_accuracy") {
        double folds = arg(args, "folds", 5);
        if (!(folds >= 2) || folds != std::floor(folds))
            return "svm_accuracy '" + op.name + "' needs a whole number folds >= 2";
        std::vector<char> positive;
        for (double c : pool.classes) positive.push_back(c != 0 ? 1 : 0);
        double accuracy = svm_cross_validation(pool.a, positive, static_cast<size_t>(folds), 1.0);
        context.metrics[op.name] = {
            {"value", accuracy}, {"unit", "1"}, {"trials", pool.a.size()}, {"folds", folds}};
        return "";
    }
    if (a == "mixture_additivity") {
        MixtureReport m = mixture_additivity(TrialSet{pool.a, pool.labels}, pool.components,
                                             arg(args, "threshold", 0.0));
        context.metrics[op.name] = {{"value", m.fraction_subadditive},
                                    {"unit", "1"},
                                    {"responsive", m.responsive},
                                    {"cos_to_components", m.cos_to_components},
                                    {"cos_to_component_mean", m.cos_to_component_mean},
                                    {"mixtures", m.mixtures},
                                    {"skipped_mixtures", m.skipped},
                                    {"trials", pool.a.size()}};
        return "";
    }
    std::vector<double> keys = distinct_keys(pool);
    PerKey value;
    if (a == "active_fraction") {
        double min_count = arg(args, "min_count", 1.0);
        value = [&](double key, size_t& n) {
            TrialSet set = trials_with_key(pool, key);
            n = set.responses.size();
            return active_fraction(set.responses, min_count);
        };
    } else if (a == "argmax_accuracy") {
        value = [&](double key, size_t& n) {
            TrialSet set = trials_with_key(pool, key);
            n = set.responses.size();
            return argmax_accuracy(set);
        };
    } else if (a == "total_per_trial") {
        value = [&](double key, size_t& n) {
            TrialSet set = trials_with_key(pool, key);
            n = set.responses.size();
            return mean_total(set.responses);
        };
    } else {  // decorrelation; without keys (or with one) it writes the matrices it compared
        double min_norm = arg(args, "min_norm", 1e-8);
        value = [&, min_norm](double key, size_t& n) {
            std::vector<std::vector<double>> b;
            TrialSet set = trials_with_key(pool, key, &b);
            LabelSimilarities similarities = label_similarities(set, b);
            size_t pairs = 0;
            double v = decorrelation(similarities, min_norm, pairs);
            n = set.responses.size();
            if (keys.size() == 1) write_similarities(op, context, std::move(similarities));
            return v;
        };
    }
    context.metrics[op.name] = keyed_result(op, value, keys);
    if (a == "decorrelation") context.metrics[op.name]["unit"] = "%";
    if (a == "total_per_trial" && op.strings.count("unit"))
        context.metrics[op.name]["unit"] = op.strings.at("unit");
    return "";
}

std::string fraction_between_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    std::vector<double> values;
    if (op.synapses >= 0)
        values = analysed_values(op, context.network);
    else
        element_values(op, context, "source", values);
    double low = arg(args, "low", -std::numeric_limits<double>::infinity());
    double high = arg(args, "high", std::numeric_limits<double>::infinity());
    if (!(low <= high)) return "fraction_between '" + op.name + "' needs low <= high";
    double inside = 0;
    for (double x : values) inside += x >= low && x <= high ? 1 : 0;
    double fraction = values.empty() ? std::nan("") : inside / static_cast<double>(values.size());
    context.metrics[op.name] = {{"value", fraction}, {"unit", "1"}, {"elements", values.size()}};
    return "";
}

}  // namespace

bool is_trial_analysis(const std::string& analysis) {
    return analysis == "fraction_between" || is_pooled_analysis(analysis);
}

bool is_pooled_analysis(const std::string& analysis) {
    return pooled_names().count(analysis) > 0;
}

std::string run_trial_analysis(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    if (op.analysis == "fraction_between") return fraction_between_op(op, args, context);
    if (!context.trial_pools) return op.analysis + ": no trial pool (internal)";
    TrialPool& pool = context.trial_pools->by_name[op.name];
    if (std::string error = add_trials(op, context, pool); !error.empty()) return error;
    return pooled_op(op, args, context, pool);
}

}  // namespace nj::rt
