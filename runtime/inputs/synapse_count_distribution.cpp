// Reads and samples the synapse-count distributions of synthetic-connectome pathways.
#include "runtime/inputs/synapse_count_distribution.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

namespace nj::rt {

namespace {

using nlohmann::json;

/// The connection decision uses draw 0 of a pair's counter; its synapse count uses draw 1.
constexpr std::uint32_t count_draw = 1;

std::optional<SynapseCountSpec> fail(std::string* problem, std::string text) {
    *problem = std::move(text);
    return std::nullopt;
}

bool whole_at_least_one(const std::string& text, std::uint64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && out >= 1;
}

std::optional<SynapseCountSpec> histogram(const json& value, std::string* problem) {
    auto it = value.find("counts");
    if (it == value.end() || !it->is_object() || it->empty()) {
        return fail(problem, "a histogram needs \"counts\": {\"1\": weight, \"2\": weight, ...}");
    }
    SynapseCountSpec spec;
    spec.kind = SynapseCountSpec::Kind::Histogram;
    std::vector<std::pair<std::uint64_t, double>> bins;
    for (const auto& bin : it->items()) {
        std::uint64_t count = 0;
        if (!whole_at_least_one(bin.key(), count)) {
            return fail(problem, "histogram key '" + bin.key() + "' is not a synapse count >= 1");
        }
        const json& w = bin.value();
        if (!w.is_number() || !(w.get<double>() >= 0) || !std::isfinite(w.get<double>())) {
            return fail(problem, "histogram weight of " + bin.key() + " must be a number >= 0");
        }
        bins.emplace_back(count, w.get<double>());
    }
    // JSON object order is by key text ("10" before "2"); sampling wants ascending counts.
    std::sort(bins.begin(), bins.end());
    for (const auto& [count, weight] : bins) {
        spec.counts.push_back(count);
        spec.weights.push_back(weight);
    }
    if (std::accumulate(spec.weights.begin(), spec.weights.end(), 0.0) <= 0.0) {
        return fail(problem, "the histogram weights sum to 0");
    }
    return spec;
}

std::optional<SynapseCountSpec> with_mean(const json& value, SynapseCountSpec::Kind kind,
                                          std::string* problem) {
    auto it = value.find("mean");
    if (it == value.end() || !it->is_number() || !(it->get<double>() >= 1.0) ||
        !std::isfinite(it->get<double>())) {
        return fail(problem, "needs \"mean\": a number >= 1 (every connected pair has a synapse)");
    }
    SynapseCountSpec spec;
    spec.kind = kind;
    spec.mean = it->get<double>();
    return spec;
}

}  // namespace

std::optional<SynapseCountSpec> parse_synapse_counts(const json& value, std::string* problem) {
    const std::string kinds = "constant, geometric, shifted_poisson or histogram";
    if (!value.is_object()) return fail(problem, "must be an object {\"distribution\": ...}");
    auto kind = value.find("distribution");
    if (kind == value.end() || !kind->is_string()) {
        return fail(problem, "needs \"distribution\": " + kinds);
    }
    const std::string name = kind->get<std::string>();
    std::vector<std::string> allowed = {"distribution"};
    std::optional<SynapseCountSpec> spec;
    if (name == "constant") {
        allowed.push_back("value");
        auto v = value.find("value");
        if (v == value.end() || !v->is_number_unsigned() || v->get<std::uint64_t>() < 1) {
            return fail(problem, "a constant needs \"value\": a whole number >= 1");
        }
        spec = SynapseCountSpec{};
        spec->value = v->get<std::uint64_t>();
    } else if (name == "geometric" || name == "shifted_poisson") {
        allowed.push_back("mean");
        spec = with_mean(value,
                         name == "geometric" ? SynapseCountSpec::Kind::Geometric
                                             : SynapseCountSpec::Kind::ShiftedPoisson,
                         problem);
    } else if (name == "histogram") {
        allowed.push_back("counts");
        spec = histogram(value, problem);
    } else {
        return fail(problem, "unknown distribution '" + name + "'; the distributions are " + kinds);
    }
    for (const auto& item : value.items()) {
        bool known = std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end();
        if (!known && !item.key().starts_with("_")) {
            return fail(problem,
                        "unknown field '" + item.key() + "' for a " + name + " distribution");
        }
    }
    return spec;
}

double mean_synapse_count(const SynapseCountSpec& spec) {
    switch (spec.kind) {
        case SynapseCountSpec::Kind::Constant:
            return static_cast<double>(spec.value);
        case SynapseCountSpec::Kind::Geometric:
        case SynapseCountSpec::Kind::ShiftedPoisson:
            return spec.mean;
        case SynapseCountSpec::Kind::Histogram:
            break;
    }
    double total = 0.0, weighted = 0.0;
    for (size_t k = 0; k < spec.counts.size(); ++k) {
        total += spec.weights[k];
        weighted += spec.weights[k] * static_cast<double>(spec.counts[k]);
    }
    return weighted / total;
}

std::uint64_t sample_synapse_count(const SynapseCountSpec& spec, const RngKey& key,
                                   std::uint64_t step, std::uint32_t index) {
    switch (spec.kind) {
        case SynapseCountSpec::Kind::Constant:
            return spec.value;
        case SynapseCountSpec::Kind::ShiftedPoisson:
            return 1 + poisson(spec.mean - 1.0, key, step, index, count_draw);
        case SynapseCountSpec::Kind::Geometric: {
            if (spec.mean <= 1.0) return 1;
            // Inversion: the number of failures before a success has P(F >= f) = (1 - p)^f.
            const double u = open_uniform01_from_bits(random_u64(key, step, index, count_draw));
            return 1 + static_cast<std::uint64_t>(
                           std::floor(std::log(u) / std::log1p(-1.0 / spec.mean)));
        }
        case SynapseCountSpec::Kind::Histogram:
            break;
    }
    const double total = std::accumulate(spec.weights.begin(), spec.weights.end(), 0.0);
    double u = uniform01(key, step, index, count_draw) * total;
    for (size_t k = 0; k < spec.counts.size(); ++k) {
        if (u < spec.weights[k]) return spec.counts[k];
        u -= spec.weights[k];
    }
    // Rounding left u at the very top of the range: the last count that can occur.
    size_t last = spec.counts.size() - 1;
    while (last > 0 && spec.weights[last] <= 0.0) --last;
    return spec.counts[last];
}

}  // namespace nj::rt
