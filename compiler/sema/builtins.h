// Lookup of the built-in functions, constructors, analyses and declaration kinds (builtins.def).
#pragma once

#include "compiler/sema/value.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nj::sema {

/// How a built-in function's result dimension follows from its arguments (see builtins.def).
enum class DimRule {
    Dimensionless, Same, First, Sqrt, Unitless, Where, Random, Bool, Power, Length, Sum
};

/// A built-in function such as exp, clip or rand.
struct BuiltinFunction {
    std::string name;
    int min_args = 0;
    int max_args = 0;
    DimRule rule = DimRule::Dimensionless;
    std::string description;
};

/// Something that may follow `KIND NAME = `, e.g. `monitor v = state(E, v)`.
struct BuiltinConstructor {
    std::string kind;
    std::string name;
    std::vector<std::string> positional;  ///< names of positional parameters
    bool variadic = false;                ///< the last positional repeats (`variables*`)
    std::vector<std::string> keywords;
    bool open_keywords = false;           ///< any further keyword is accepted
    std::string description;
};

/// An analysis or operation callable by `analyse` and `apply`.
struct BuiltinAnalysis {
    std::string name;
    std::vector<std::string> keywords;
    bool open_keywords = false;
    std::string description;
};

/// A declaration keyword such as group, synapses, monitor.
struct InstanceKind {
    std::string name;
    std::string description;
};

const BuiltinFunction* find_function(std::string_view name);
const BuiltinConstructor* find_constructor(std::string_view kind, std::string_view name);
const BuiltinAnalysis* find_analysis(std::string_view name);
const InstanceKind* find_instance_kind(std::string_view name);

/// Names for did-you-mean suggestions.
std::vector<std::string> function_names();
std::vector<std::string> constructor_names(std::string_view kind);
std::vector<std::string> analysis_names();
std::vector<std::string> instance_kind_names();

/// Value of a deterministic built-in on constant SI arguments, if it can be folded
/// (exp(0) is 1); nullopt for random functions and unknown names.
std::optional<double> fold_function(std::string_view name, std::span<const double> args);

/// The registry as a Markdown document (docs/builtins.md): functions, constructors by
/// declaration kind, analyses, each with its arguments and description.
std::string builtins_markdown();

/// Value of a built-in that takes lists (get, segment, segment_start) on constant arguments.
std::optional<double> fold_list_function(std::string_view name, const std::vector<Value>& args);

}  // namespace nj::sema
