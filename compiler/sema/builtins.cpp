// Builds the built-in tables from builtins.def once and answers lookups; folds constant calls.
#include "compiler/sema/builtins.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace nj::sema {
namespace {

std::vector<std::string> split_names(std::string_view list, bool* open) {
    std::vector<std::string> names;
    if (open) *open = false;
    size_t start = 0;
    while (start < list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) comma = list.size();
        std::string name(list.substr(start, comma - start));
        if (!name.empty() && name.back() == '*') {
            name.pop_back();
            if (open) *open = true;
        }
        if (!name.empty()) names.push_back(name);
        start = comma + 1;
    }
    return names;
}

struct Tables {
    std::map<std::string, BuiltinFunction, std::less<>> functions;
    std::vector<BuiltinConstructor> constructors;
    std::map<std::string, BuiltinAnalysis, std::less<>> analyses;
    std::map<std::string, InstanceKind, std::less<>> kinds;

    Tables() {
#define NJ_FUNCTION(name, lo, hi, rule, description) \
    functions[#name] = BuiltinFunction{#name, lo, hi, DimRule::rule, description};
#define NJ_CONSTRUCTOR(kind, name, positional, keywords, description) add_constructor(#kind, #name, positional, keywords, description);
#define NJ_ANALYSIS(name, keywords, description) add_analysis(#name, keywords, description);
#define NJ_INSTANCE_KIND(kind, description) kinds[#kind] = InstanceKind{#kind, description};
#include "compiler/sema/builtins.def"
#undef NJ_FUNCTION
#undef NJ_CONSTRUCTOR
#undef NJ_ANALYSIS
#undef NJ_INSTANCE_KIND
    }

    void add_constructor(const char* kind, const char* name, std::string_view positional,
                         std::string_view keywords, const char* description) {
        BuiltinConstructor c{kind, name, {}, false, {}, false, description};
        c.positional = split_names(positional, &c.variadic);
        c.keywords = split_names(keywords, &c.open_keywords);
        constructors.push_back(std::move(c));
    }

    void add_analysis(const char* name, std::string_view keywords, const char* description) {
        BuiltinAnalysis a{name, {}, false, description};
        a.keywords = split_names(keywords, &a.open_keywords);
        analyses[name] = std::move(a);
    }
};

const Tables& tables() {
    static const Tables instance;
    return instance;
}

template <class Map>
std::vector<std::string> keys_of(const Map& map) {
    std::vector<std::string> names;
    for (const auto& [name, entry] : map) names.push_back(name);
    return names;
}

}  // namespace

const BuiltinFunction* find_function(std::string_view name) {
    auto it = tables().functions.find(name);
    return it == tables().functions.end() ? nullptr : &it->second;
}

const BuiltinConstructor* find_constructor(std::string_view kind, std::string_view name) {
    for (const auto& c : tables().constructors) {
        if (c.kind == kind && c.name == name) return &c;
    }
    return nullptr;
}

const BuiltinAnalysis* find_analysis(std::string_view name) {
    auto it = tables().analyses.find(name);
    return it == tables().analyses.end() ? nullptr : &it->second;
}

const InstanceKind* find_instance_kind(std::string_view name) {
    auto it = tables().kinds.find(name);
    return it == tables().kinds.end() ? nullptr : &it->second;
}

std::vector<std::string> function_names() { return keys_of(tables().functions); }
std::vector<std::string> analysis_names() { return keys_of(tables().analyses); }
std::vector<std::string> instance_kind_names() { return keys_of(tables().kinds); }

std::vector<std::string> constructor_names(std::string_view kind) {
    std::vector<std::string> names;
    for (const auto& c : tables().constructors) {
        if (c.kind == kind) names.push_back(c.name);
    }
    return names;
}

std::optional<double> fold_function(std::string_view name, std::span<const double> a) {
    using Unary = double (*)(double);
    static const std::map<std::string_view, Unary> unary = {
        {"exp", [](double x) { return std::exp(x); }},
        {"log", [](double x) { return std::log(x); }},
        {"log10", [](double x) { return std::log10(x); }},
        {"expm1", [](double x) { return std::expm1(x); }},
        {"log1p", [](double x) { return std::log1p(x); }},
        {"exprel", [](double x) { return x == 0 ? 1.0 : std::expm1(x) / x; }},
        {"sin", [](double x) { return std::sin(x); }},
        {"cos", [](double x) { return std::cos(x); }},
        {"tan", [](double x) { return std::tan(x); }},
        {"sinh", [](double x) { return std::sinh(x); }},
        {"cosh", [](double x) { return std::cosh(x); }},
        {"tanh", [](double x) { return std::tanh(x); }},
        {"arcsin", [](double x) { return std::asin(x); }},
        {"arccos", [](double x) { return std::acos(x); }},
        {"arctan", [](double x) { return std::atan(x); }},
        {"sigmoid", [](double x) { return 1.0 / (1.0 + std::exp(-x)); }},
        {"softplus", [](double x) { return std::log1p(std::exp(x)); }},
        {"sqrt", [](double x) { return std::sqrt(x); }},
        {"abs", [](double x) { return std::fabs(x); }},
        {"sign", [](double x) { return double((x > 0) - (x < 0)); }},
        {"floor", [](double x) { return std::floor(x); }},
        {"ceil", [](double x) { return std::ceil(x); }},
        {"round", [](double x) { return std::round(x); }},
        {"int", [](double x) { return std::trunc(x); }},
        {"relu", [](double x) { return x > 0 ? x : 0.0; }},
        {"heaviside", [](double x) { return x > 0 ? 1.0 : 0.0; }},
    };
    if (a.size() == 1) {
        auto it = unary.find(name);
        if (it != unary.end()) return it->second(a[0]);
    }
    if (name == "clip" && a.size() == 3) return std::min(std::max(a[0], a[1]), a[2]);
    if (name == "min" && !a.empty()) return *std::min_element(a.begin(), a.end());
    if (name == "max" && !a.empty()) return *std::max_element(a.begin(), a.end());
    if (name == "arctan2" && a.size() == 2) return std::atan2(a[0], a[1]);
    if (name == "surrogate_step" && a.size() == 2) return a[0] > 0 ? 1.0 : 0.0;
    if (name == "detach" && a.size() == 1) return a[0];
    if (name == "mod" && a.size() == 2 && a[1] != 0) {
        double r = std::fmod(a[0], a[1]);
        return (r != 0 && (r < 0) != (a[1] < 0)) ? r + a[1] : r;
    }
    return std::nullopt;
}

namespace {

std::string join_names(const std::vector<std::string>& names, bool open) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + ("`" + n + "`");
    if (open) out += out.empty() ? "any" : ", ...";
    return out.empty() ? "—" : out;
}

std::string escape_cell(std::string text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

}  // namespace

std::string builtins_markdown() {
    const Tables& t = tables();
    std::string md = "# Built-ins\n\n<!-- Generated from compiler/sema/builtins.def by `make docs`; "
                     "do not edit by hand. -->\n\n## Functions\n\n"
                     "| Function | Arguments | Description |\n|---|---|---|\n";
    for (const auto& [name, f] : t.functions) {
        std::string arity = f.min_args == f.max_args ? std::to_string(f.min_args)
                                                     : std::to_string(f.min_args) + "–" +
                                                           std::to_string(f.max_args);
        md += "| `" + name + "` | " + arity + " | " + escape_cell(f.description) + " |\n";
    }
    for (const auto& [kind, info] : t.kinds) {
        std::vector<std::string> names = constructor_names(kind);
        md += "\n## `" + kind + "`: " + info.description + "\n";
        if (names.empty()) continue;
        md += "\n| Constructor | Positional | Keywords | Description |\n|---|---|---|---|\n";
        for (const auto& c : t.constructors) {
            if (c.kind != kind) continue;
            md += "| `" + c.name + "` | " + join_names(c.positional, c.variadic) + " | " +
                  join_names(c.keywords, c.open_keywords) + " | " + escape_cell(c.description) + " |\n";
        }
    }
    md += "\n## Analyses (`analyse`, `apply`)\n\n| Analysis | Keywords | Description |\n|---|---|---|\n";
    for (const auto& [name, a] : t.analyses) {
        md += "| `" + name + "` | " + join_names(a.keywords, a.open_keywords) + " | " +
              escape_cell(a.description) + " |\n";
    }
    return md;
}

std::optional<double> fold_list_function(std::string_view name, const std::vector<Value>& args) {
    auto number = [](const Value& v) { return v.kind == Value::Kind::Number ? v.number : 0.0; };
    if (args.size() < 2) return std::nullopt;
    if (name == "get" && args.size() == 3 && args[0].kind == Value::Kind::List) {
        double k = number(args[1]);
        const auto& items = args[0].items;
        if (k >= 0 && k < static_cast<double>(items.size())) return number(items[static_cast<size_t>(k)]);
        return number(args[2]);
    }
    if ((name == "segment" || name == "segment_start") && args[1].kind == Value::Kind::List) {
        const auto& sizes = args[1].items;
        double k = number(args[0]);
        double start = 0;
        for (size_t s = 0; s < sizes.size(); ++s) {
            if (name == "segment_start" && static_cast<double>(s) == k) return start;
            if (name == "segment" && k >= start && k < start + number(sizes[s])) return double(s);
            start += number(sizes[s]);
        }
        return name == "segment" ? -1.0 : start;
    }
    return std::nullopt;
}

}  // namespace nj::sema
