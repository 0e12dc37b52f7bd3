// Reads a synthetic-connectome description from JSON, checking every field with a message that
// names the file, the population or pathway and the problem.
#include "runtime/inputs/connectome_description.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace nj::rt {

namespace {

using nlohmann::json;

constexpr double max_pathway_pairs = 1e10;

/// Where in the description a check happens, so every message names the place.
struct Place {
    const std::string& path;
    std::string where;  ///< e.g. "population 2 ('LN')"; empty at the top level

    [[noreturn]] void fail(const std::string& problem) const {
        std::string prefix = where.empty() ? path + ": " : path + ": " + where + ": ";
        throw ConnectomeDescriptionError(prefix + problem);
    }
};

/// Fails on keys that are not in `allowed`; keys starting with "_" are comments.
void check_keys(const json& object, const std::set<std::string>& allowed, const Place& place) {
    for (const auto& item : object.items()) {
        if (item.key().starts_with("_") || allowed.count(item.key())) continue;
        std::string known;
        for (const auto& key : allowed) known += (known.empty() ? "'" : ", '") + key + "'";
        place.fail("unknown field '" + item.key() + "'; the fields are " + known);
    }
}

const json& required(const json& object, const std::string& key, const Place& place) {
    auto it = object.find(key);
    if (it == object.end()) place.fail("the field '" + key + "' is missing");
    return *it;
}

std::string text_value(const json& value, const std::string& key, const Place& place) {
    if (!value.is_string()) place.fail("'" + key + "' must be a string");
    const std::string& text = value.get_ref<const std::string&>();
    // CSV cells are quoted only for commas; a quote or line break could not be read back.
    if (text.find_first_of("\"\n\r") != std::string::npos) {
        place.fail("'" + key + "' value '" + text + "' holds a quote or a line break");
    }
    return text;
}

std::uint64_t whole_number(const json& value, const std::string& key, std::uint64_t minimum,
                           const Place& place) {
    bool whole =
        value.is_number_unsigned() ||
        (value.is_number_float() && value.get<double>() == std::floor(value.get<double>()) &&
         value.get<double>() >= 0 && value.get<double>() < 1e18);
    if (!whole || value.get<std::uint64_t>() < minimum) {
        place.fail("'" + key + "' must be a whole number >= " + std::to_string(minimum) + ", got " +
                   value.dump());
    }
    return value.get<std::uint64_t>();
}

ColumnRule runs_rule(const json& runs, const std::string& key, const Place& place) {
    if (!runs.is_array() || runs.empty()) {
        place.fail("'" + key + "': \"runs\" must be a non-empty list of [value, count] pairs");
    }
    ColumnRule rule;
    rule.kind = ColumnRule::Kind::Runs;
    for (const auto& run : runs) {
        if (!run.is_array() || run.size() != 2) {
            place.fail("'" + key + "': each run must be a [value, count] pair, got " + run.dump());
        }
        rule.values.push_back(text_value(run[0], key, place));
        rule.run_lengths.push_back(
            whole_number(run[1], key + "' run '" + rule.values.back(), 0, place));
    }
    return rule;
}

/// A column rule: "text", {"cycle": [...]}, {"runs": [[v, n], ...]} or {"values": [...],
/// "each": n}; runs must cover exactly `count` nodes.
ColumnRule column_rule(const json& value, const std::string& key, std::uint64_t count,
                       const Place& place) {
    ColumnRule rule;
    if (value.is_string()) {
        rule.values = {text_value(value, key, place)};
        return rule;
    }
    const std::string forms =
        "a string, {\"cycle\": [...]}, {\"runs\": [[value, count], ...]} "
        "or {\"values\": [...], \"each\": n}";
    if (!value.is_object() || value.size() == 0) place.fail("'" + key + "' must be " + forms);
    check_keys(value, {"cycle", "runs", "values", "each"}, place);
    if (value.contains("cycle")) {
        const json& cycle = value["cycle"];
        if (!cycle.is_array() || cycle.empty() || value.size() != 1) {
            place.fail("'" + key + "' must be " + forms);
        }
        rule.kind = ColumnRule::Kind::Cycle;
        for (const auto& v : cycle) rule.values.push_back(text_value(v, key, place));
        return rule;
    }
    if (value.contains("runs")) {
        if (value.size() != 1) place.fail("'" + key + "' must be " + forms);
        rule = runs_rule(value["runs"], key, place);
    } else {
        const json& values = required(value, "values", place);
        std::uint64_t each = whole_number(required(value, "each", place), key + ".each", 1, place);
        if (!values.is_array() || values.empty()) {
            place.fail("'" + key + "': \"values\" must be a non-empty list");
        }
        rule.kind = ColumnRule::Kind::Runs;
        for (const auto& v : values) {
            rule.values.push_back(text_value(v, key, place));
            rule.run_lengths.push_back(each);
        }
    }
    std::uint64_t total = 0;
    for (auto n : rule.run_lengths) total += n;
    if (total != count) {
        place.fail("'" + key + "' gives " + std::to_string(total) + " values for " +
                   std::to_string(count) + " nodes");
    }
    return rule;
}

/// The column rule under `key`, or an empty value for every node when the key is absent.
ColumnRule optional_column(const json& item, const std::string& key, std::uint64_t count,
                           const Place& place) {
    if (item.contains(key)) return column_rule(item[key], key, count, place);
    ColumnRule empty;
    empty.values = {""};
    return empty;
}

std::string optional_text(const json& item, const std::string& key, const std::string& fallback,
                          const Place& place) {
    return item.contains(key) ? text_value(item[key], key, place) : fallback;
}

/// Fails unless every {placeholder} of the name pattern is one the generator fills.
void check_name_pattern(const std::string& pattern, const Place& place) {
    static const std::set<std::string> known = {"name", "population", "index",
                                                "side", "cell_type",  "receptor"};
    for (size_t open = pattern.find('{'); open != std::string::npos;
         open = pattern.find('{', open + 1)) {
        size_t close = pattern.find('}', open);
        if (close == std::string::npos) place.fail("'name_pattern' has a '{' without '}'");
        std::string field = pattern.substr(open + 1, close - open - 1);
        if (!known.count(field)) {
            place.fail("'name_pattern' uses {" + field +
                       "}; the placeholders are {name}, "
                       "{population}, {index}, {side}, {cell_type}, {receptor}");
        }
    }
}

PopulationSpec population_spec(const json& item, size_t k, const std::string& path) {
    Place place{path, "population " + std::to_string(k + 1)};
    if (!item.is_object()) place.fail("must be an object {\"name\": ..., \"count\": ...}");
    PopulationSpec spec;
    spec.name = text_value(required(item, "name", place), "name", place);
    if (spec.name.empty()) place.fail("'name' must not be empty");
    place.where += " ('" + spec.name + "')";
    check_keys(
        item,
        {"name", "population", "count", "side", "cell_type", "receptor", "name_pattern", "pair_id"},
        place);
    spec.count = whole_number(required(item, "count", place), "count", 1, place);
    if (spec.count > (std::uint64_t{1} << 31)) place.fail("'count' is larger than 2^31");
    spec.population = optional_text(item, "population", spec.name, place);
    spec.side = optional_column(item, "side", spec.count, place);
    spec.cell_type = optional_column(item, "cell_type", spec.count, place);
    spec.receptor = optional_column(item, "receptor", spec.count, place);
    spec.name_pattern = optional_text(item, "name_pattern", "{name} {index}", place);
    check_name_pattern(spec.name_pattern, place);
    if (item.contains("pair_id")) {
        const json& pair = item["pair_id"];
        if (!pair.is_object() || pair.size() != 1 || !pair.contains("group")) {
            place.fail(
                "'pair_id' must be {\"group\": n}: consecutive groups of n nodes share an id");
        }
        spec.pair_group = whole_number(pair["group"], "pair_id.group", 1, place);
    }
    return spec;
}

double probability_value(const json& value, const std::string& key, const Place& place) {
    if (!value.is_number()) {
        place.fail("'" + key + "' must be a number in [0, 1], got " + value.dump());
    }
    double p = value.get<double>();
    if (!(p >= 0.0 && p <= 1.0)) {
        place.fail("'" + key + "' must lie in [0, 1], got " + value.dump());
    }
    return p;
}

/// Sets the pathway's probability from "probability" or "mean_in_degree" (exactly one is given).
void connection_rule(const json& item, const ConnectomeDescription& d, PathwaySpec& spec,
                     const Place& place) {
    bool has_p = item.contains("probability"), has_degree = item.contains("mean_in_degree");
    if (has_p == has_degree) place.fail("give exactly one of 'probability' and 'mean_in_degree'");
    if (item.contains("probability_other_side")) {
        if (!has_p) {
            place.fail("'probability_other_side' needs 'probability', not 'mean_in_degree'");
        }
        spec.probability_other_side =
            probability_value(item["probability_other_side"], "probability_other_side", place);
    }
    if (has_p) {
        spec.probability = probability_value(item["probability"], "probability", place);
        return;
    }
    const json& degree = item["mean_in_degree"];
    std::uint64_t candidates = d.populations[spec.pre_index].count;
    if (spec.no_autapses && spec.pre_index == spec.post_index) --candidates;
    if (!degree.is_number() || degree.get<double>() < 0 ||
        degree.get<double>() > double(candidates)) {
        place.fail("'mean_in_degree' must be a number in [0, " + std::to_string(candidates) +
                   "] (the possible partners of each post node), got " + degree.dump());
    }
    spec.probability = candidates == 0 ? 0.0 : degree.get<double>() / double(candidates);
}

size_t population_index(const ConnectomeDescription& d, const json& item, const std::string& key,
                        const Place& place) {
    std::string name = text_value(required(item, key, place), key, place);
    for (size_t k = 0; k < d.populations.size(); ++k) {
        if (d.populations[k].name == name) return k;
    }
    std::string known;
    for (const auto& p : d.populations) known += (known.empty() ? "'" : ", '") + p.name + "'";
    place.fail("'" + key + "' names an unknown population '" + name + "'; the populations are " +
               known);
}

PathwaySpec pathway_spec(const json& item, size_t k, const ConnectomeDescription& d) {
    Place place{d.path, "pathway " + std::to_string(k + 1)};
    if (!item.is_object()) place.fail("must be an object {\"pre\": ..., \"post\": ..., ...}");
    PathwaySpec spec;
    spec.pre_index = population_index(d, item, "pre", place);
    spec.post_index = population_index(d, item, "post", place);
    spec.pre = d.populations[spec.pre_index].name;
    spec.post = d.populations[spec.post_index].name;
    place.where += " ('" + spec.pre + "' -> '" + spec.post + "')";
    check_keys(item,
               {"pre", "post", "probability", "probability_other_side", "mean_in_degree",
                "no_autapses", "synapses"},
               place);
    // Every pair is drawn on its own; beyond this the generator would run for hours.
    const double pairs =
        double(d.populations[spec.pre_index].count) * double(d.populations[spec.post_index].count);
    if (pairs > max_pathway_pairs) {
        place.fail("more than 10^10 (pre, post) pairs; use smaller populations");
    }
    if (item.contains("no_autapses")) {
        if (!item["no_autapses"].is_boolean()) place.fail("'no_autapses' must be true or false");
        spec.no_autapses = item["no_autapses"].get<bool>();
    }
    connection_rule(item, d, spec, place);
    std::string problem;
    auto synapses = parse_synapse_counts(required(item, "synapses", place), &problem);
    if (!synapses) place.fail("'synapses': " + problem);
    spec.synapses = *synapses;
    return spec;
}

const json& list_field(const json& doc, const std::string& key, const Place& place) {
    const json& list = required(doc, key, place);
    if (!list.is_array()) place.fail("'" + key + "' must be a list");
    return list;
}

void add_populations(const json& doc, ConnectomeDescription& d, const Place& top) {
    const json& list = list_field(doc, "populations", top);
    if (list.empty()) top.fail("'populations' is empty; a connectome needs at least one");
    std::set<std::string> names;
    for (size_t k = 0; k < list.size(); ++k) {
        d.populations.push_back(population_spec(list[k], k, d.path));
        if (!names.insert(d.populations.back().name).second) {
            top.fail("two populations are named '" + d.populations.back().name + "'");
        }
    }
}

void add_pathways(const json& doc, ConnectomeDescription& d, const Place& top) {
    const json& list = list_field(doc, "pathways", top);
    std::set<std::pair<size_t, size_t>> pairs;
    for (size_t k = 0; k < list.size(); ++k) {
        d.pathways.push_back(pathway_spec(list[k], k, d));
        const PathwaySpec& p = d.pathways.back();
        // Two pathways over the same pairs would write duplicate edges.
        if (!pairs.insert({p.pre_index, p.post_index}).second) {
            top.fail("pathway " + std::to_string(k + 1) + " repeats '" + p.pre + "' -> '" + p.post +
                     "'; give each (pre, post) pair one pathway");
        }
    }
}

/// "path:line:col" of the 1-based byte offset nlohmann reports for a parse error.
std::string parse_error_place(std::string_view text, size_t byte, const std::string& path) {
    std::string_view before = text.substr(0, std::min(text.size(), byte > 0 ? byte - 1 : 0));
    size_t line = 1 + std::count(before.begin(), before.end(), '\n');
    size_t line_start = before.rfind('\n');
    size_t column = before.size() - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

const std::string& ColumnRule::value_of(std::uint64_t k) const {
    if (kind == Kind::Fixed) return values.front();
    if (kind == Kind::Cycle) return values[k % values.size()];
    for (size_t r = 0; r < values.size(); ++r) {
        if (k < run_lengths[r]) return values[r];
        k -= run_lengths[r];
    }
    return values.back();  // unreachable for k < count: the runs sum to the count
}

ConnectomeDescription parse_connectome_description(std::string_view text, const std::string& path) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        // The library's own message names its internals; say where, in the user's words.
        throw ConnectomeDescriptionError(parse_error_place(text, e.byte, path) +
                                         ": this is not valid JSON");
    }
    ConnectomeDescription d;
    d.path = path;
    Place top{d.path, ""};
    if (!doc.is_object()) {
        top.fail("a description must be a JSON object {\"populations\": ..., \"pathways\": ...}");
    }
    check_keys(doc, {"source", "description", "first_id", "populations", "pathways"}, top);
    if (doc.contains("source")) d.source = text_value(doc["source"], "source", top);
    if (doc.contains("description") && !doc["description"].is_string()) {
        top.fail("'description' must be a string");
    }
    if (doc.contains("first_id")) d.first_id = whole_number(doc["first_id"], "first_id", 0, top);
    add_populations(doc, d, top);
    add_pathways(doc, d, top);
    return d;
}

ConnectomeDescription read_connectome_description(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    if (!in || std::filesystem::is_directory(path, ec)) {
        throw ConnectomeDescriptionError("cannot read the description '" + path.string() +
                                         "': no such file");
    }
    std::stringstream text;
    text << in.rdbuf();
    return parse_connectome_description(text.str(), path.string());
}

}  // namespace nj::rt
