// Sequences the checker's steps: load, modes, parameters, types, network, protocol, warnings.
#include "compiler/sema/check_model.h"

#include "compiler/sema/check_functions.h"
#include "compiler/sema/check_instances.h"
#include "compiler/sema/check_neurons.h"
#include "compiler/sema/check_protocol.h"
#include "compiler/sema/check_synapses.h"
#include "compiler/sema/evaluate_params.h"
#include "compiler/sema/load_model.h"
#include "compiler/sema/resolve_modes.h"

namespace nj::sema {

using support::DiagCode;

namespace {

template <class T, class F>
void for_each_decl(const CheckedModel& model, F&& visit) {
    for (const auto& file : model.files) {
        for (const auto& item : file.items) {
            if (const auto* decl = std::get_if<T>(&item)) visit(*decl);
        }
    }
}

void register_types(ModelContext& context) {
    for_each_decl<ast::TypeDecl>(context.model, [&](const ast::TypeDecl& type) {
        bool neuron = type.kind == ast::TypeDecl::Kind::Neuron;
        Symbol s;
        s.kind = neuron ? SymbolKind::NeuronType : SymbolKind::SynapseType;
        s.name = type.name;
        s.decl = type.name_range;
        s.type_decl = &type;
        if (const Symbol* earlier = context.globals.define(s)) {
            context.diags.report(DiagCode::NamesDuplicate, type.name_range,
                                 "'" + type.name + "' is already defined")
                .label(earlier->decl, "first defined here");
            return;
        }
        context.types[type.name] = &type;
        (neuron ? context.model.neuron_types : context.model.synapse_types).push_back(type.name);
    });
}

/// Groups first, then synapses, then everything else, so declarations may come in any order.
void check_network(ModelContext& context) {
    // tables first: functions and equations of every group may read them
    for_each_decl<ast::InstanceDecl>(context.model, [&](const ast::InstanceDecl& d) {
        if (d.kind == "table") check_instance(d, context);
    });
    for_each_decl<ast::InstanceDecl>(context.model, [&](const ast::InstanceDecl& d) {
        if (d.kind == "group" || d.kind == "poisson") check_group(d, context);
    });
    for_each_decl<ast::InstanceDecl>(context.model, [&](const ast::InstanceDecl& d) {
        if (d.kind == "synapses") check_synapses(d, context);
    });
    for_each_decl<ast::InstanceDecl>(context.model, [&](const ast::InstanceDecl& d) {
        if (!is_network_kind(d.kind) && d.kind != "table") check_instance(d, context);
    });
    for_each_decl<ast::TypeDecl>(context.model, [&](const ast::TypeDecl& type) {
        if (type.kind == ast::TypeDecl::Kind::Neuron) {
            check_neuron_type(type, context);
        } else if (!context.globals.find_local(type.name)->used) {
            check_synapse_type(type, context);
        }
    });
    for_each_decl<ast::SettingDecl>(context.model, [&](const ast::SettingDecl& s) {
        check_setting(s, context);
    });
}

std::vector<const ast::Item*> protocol_of(ModelContext& context) {
    std::vector<const ast::Item*> statements;
    const auto& files = context.model.files;
    for (size_t f = 0; f < files.size(); ++f) {
        for (const auto& item : files[f].items) {
            const auto* statement = std::get_if<ast::Item>(&item);
            if (!statement) continue;
            if (f + 1 != files.size()) {
                context.diags.report(DiagCode::ProtocolInvalid, statement->range,
                                     "an imported file may only declare things; protocol "
                                     "statements belong in the model that imports it");
                continue;
            }
            statements.push_back(statement);
        }
    }
    return statements;
}

void warn_unused(ModelContext& context) {
    // After an error, names often look unused only because the erroneous code was skipped.
    if (context.diags.has_errors()) return;
    for (const auto& [name, symbol] : context.globals.symbols()) {
        if (symbol.used || !symbol.decl.valid()) continue;
        if (symbol.kind == SymbolKind::Param || symbol.kind == SymbolKind::Let ||
            symbol.kind == SymbolKind::UserFunction || symbol.kind == SymbolKind::NeuronType ||
            symbol.kind == SymbolKind::SynapseType) {
            context.diags.report(DiagCode::NamesUnused, symbol.decl,
                                 describe_symbol(symbol) + " is never used");
        }
    }
}

}  // namespace

void check_model(const std::string& path, const CheckOptions& options,
                 support::SourceManager& sources, support::DiagnosticEngine& diags,
                 CheckedModel& model) {
    model.path = path;
    ModelContext context(sources, diags, options, model);
    // Files that do not parse cannot be checked further; syntax errors are enough to report.
    if (!load_model(path, context)) return;
    ParamAssignments assignments;
    resolve_modes(context, assignments);
    evaluate_params(context, assignments);
    register_types(context);
    check_network(context);
    auto statements = protocol_of(context);
    model.protocol_statements = statements.size();
    check_protocol(statements, context);
    check_uncalled_functions(context);
    warn_unused(context);
}

}  // namespace nj::sema
