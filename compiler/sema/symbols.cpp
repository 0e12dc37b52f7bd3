// Scope lookup and symbol descriptions.
#include "compiler/sema/symbols.h"

#include <algorithm>

namespace nj::sema {

bool Variable::has_flag(std::string_view flag) const {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

const Variable* VariableTable::find(std::string_view name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
}

std::string describe_symbol(const Symbol& symbol) {
    std::string quoted = "'" + symbol.name + "'";
    switch (symbol.kind) {
    case SymbolKind::Param: return "parameter " + quoted;
    case SymbolKind::Let: return "derived value " + quoted;
    case SymbolKind::Function: return "built-in function " + quoted;
    case SymbolKind::UserFunction: return "function " + quoted;
    case SymbolKind::NeuronType: return "neuron type " + quoted;
    case SymbolKind::SynapseType: return "synapse type " + quoted;
    case SymbolKind::Group:
        return (symbol.instance_kind == "poisson" ? "Poisson group " : "group ") + quoted;
    case SymbolKind::Synapses: return "synapses " + quoted;
    case SymbolKind::Instance: return symbol.instance_kind + " " + quoted;
    case SymbolKind::Variable: return "variable " + quoted;
    case SymbolKind::Special: return "built-in name " + quoted;
    case SymbolKind::LoopVariable: return "loop variable " + quoted;
    case SymbolKind::Formal: return "argument " + quoted;
    case SymbolKind::Store: return "stored state " + quoted;
    }
    return quoted;
}

const Symbol* Scope::define(Symbol symbol) {
    auto it = symbols_.find(symbol.name);
    if (it != symbols_.end()) return &it->second;
    std::string name = symbol.name;
    symbols_.emplace(std::move(name), std::move(symbol));
    return nullptr;
}

const Symbol* Scope::redefine(Symbol symbol) {
    std::string name = symbol.name;
    auto& slot = symbols_[name];
    slot = std::move(symbol);
    return &slot;
}

void Scope::make_object(std::string_view name) {
    auto it = symbols_.find(name);
    if (it != symbols_.end()) it->second.type = ExprType::object_ref(&it->second);
}

const Symbol* Scope::find(std::string_view name) const {
    for (const Scope* s = this; s; s = s->parent_) {
        if (const Symbol* found = s->find_local(name)) return found;
    }
    return nullptr;
}

const Symbol* Scope::find_local(std::string_view name) const {
    auto it = symbols_.find(name);
    return it == symbols_.end() ? nullptr : &it->second;
}

void Scope::collect_names(std::vector<std::string>& names) const {
    for (const Scope* s = this; s; s = s->parent_) {
        for (const auto& [name, symbol] : s->symbols_) names.push_back(name);
    }
}

}  // namespace nj::sema
