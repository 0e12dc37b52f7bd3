// Symbols the checker resolves names to, the variables of groups and synapses, and scopes.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/expr_type.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nj::sema {

using support::SourceRange;

struct BuiltinFunction;

/// What a name refers to.
enum class SymbolKind {
    Param, Let, Function, UserFunction, NeuronType, SynapseType,
    Group, Synapses, Instance, Variable, Special, LoopVariable, Formal, Store
};

/// A variable of a group or of synapses: a state variable, subexpression or parameter.
struct Variable {
    enum class Role { State, Subexpression, Parameter, Special };
    std::string name;
    Role role = Role::Parameter;
    ExprType type;
    SourceRange decl;
    std::vector<std::string> flags;
    const ast::Equation* equation = nullptr;

    bool has_flag(std::string_view flag) const;
};

/// Variables of one group or synapses object, by name.
struct VariableTable {
    std::map<std::string, Variable, std::less<>> by_name;
    const Variable* find(std::string_view name) const;
};

/// A neuron group, Poisson group or subgroup.
struct GroupInfo {
    std::string name;
    std::string kind;            ///< "group" or "poisson"
    std::string type_name;       ///< neuron type, "" when inline or Poisson
    const GroupInfo* parent = nullptr;  ///< for subgroups
    std::optional<double> size;  ///< when the size is a constant
    VariableTable variables;
    bool has_threshold = false;
    bool has_refractory = false;
    SourceRange decl;
};

/// A synapses object between two groups.
struct SynapsesInfo {
    std::string name;
    std::string type_name;
    const GroupInfo* pre = nullptr;
    const GroupInfo* post = nullptr;
    VariableTable variables;
    std::vector<std::string> pathways;
    SourceRange decl;
};

/// The shape of a loaded table: what rows_of, cols_of and max_of give.
struct TableShape {
    double rows = 0.0;
    double cols = 0.0;
    double max = 0.0;
};
using TableShapes = std::map<std::string, TableShape, std::less<>>;

/// A declared or built-in name.
struct Symbol {
    SymbolKind kind = SymbolKind::Param;
    std::string name;
    SourceRange decl;
    ExprType type;                      ///< type of the name used as a value
    std::string instance_kind;          ///< for instances: "monitor", "table", ...
    const GroupInfo* group = nullptr;
    const SynapsesInfo* synapses = nullptr;
    const ast::FunctionDecl* function = nullptr;
    const ast::TypeDecl* type_decl = nullptr;
    const Variable* variable = nullptr;
    units::Dimension result_dim;        ///< tables and user functions: unit of the result
    std::optional<TableShape> table_shape;  ///< tables whose shape the driver already knows
    std::vector<units::Dimension> formal_dims;  ///< user functions: unit of each argument
    mutable std::optional<ExprType> function_result;  ///< user functions, once checked
    mutable bool function_busy = false;               ///< user functions: body being checked
    mutable bool used = false;
};

/// "parameter 'tau_m'", "group 'E'", "synapse type 'STDP'" — for messages.
std::string describe_symbol(const Symbol& symbol);

/// Names visible at one place, with a parent for enclosing scopes. Symbols have stable
/// addresses for the scope's lifetime.
class Scope {
public:
    explicit Scope(const Scope* parent = nullptr) : parent_(parent) {}
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

    /// Adds a symbol. If this scope already has the name, nothing is added and the earlier
    /// symbol is returned; otherwise returns nullptr.
    const Symbol* define(Symbol symbol);
    /// Replaces or adds a symbol in this scope (loop variables, re-checked instances).
    const Symbol* redefine(Symbol symbol);
    /// Makes the symbol `name` of this scope usable as a value that refers to itself
    /// (groups, synapses and other instances used in expressions such as `E.v`).
    void make_object(std::string_view name);
    /// Looks a name up here, then in the enclosing scopes.
    const Symbol* find(std::string_view name) const;
    /// Looks a name up in this scope only.
    const Symbol* find_local(std::string_view name) const;
    /// Every visible name, for did-you-mean suggestions.
    void collect_names(std::vector<std::string>& names) const;
    /// Symbols of this scope in name order.
    const std::map<std::string, Symbol, std::less<>>& symbols() const { return symbols_; }
    const Scope* parent() const { return parent_; }

private:
    const Scope* parent_;
    std::map<std::string, Symbol, std::less<>> symbols_;
};

}  // namespace nj::sema
