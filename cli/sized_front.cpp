// Checking a model whose group sizes come from the shapes of its tables.
#include "cli/sized_front.h"

#include "cli/model_front.h"
#include "compiler/lower/lower_model.h"
#include "runtime/inputs/csv_table.h"
#include "runtime/inputs/load_tables.h"

#include <iostream>

namespace nj::cli {

namespace {

bool has_unsized_group(const sema::CheckedModel& model) {
    for (const auto& g : model.groups) {
        if (!g.parent && !g.size) return true;
    }
    return false;
}

/// Loads the tables of `model` (a bad file throws rt::TableError) and returns their shapes.
/// Empty when the tables cannot be lowered: the full lowering reports why.
sema::TableShapes load_table_shapes(const sema::CheckedModel& model, support::SourceManager& sources) {
    support::DiagnosticEngine quiet(sources);
    lower::LoweredModel tables;
    if (!lower::lower_tables_only(model, quiet, tables)) return {};
    rt::load_tables(tables.plan);
    const rt::NetworkPlan& plan = tables.plan;
    auto param = [&](int slot) { return slot >= 0 ? plan.params[static_cast<size_t>(slot)] : 0.0; };
    sema::TableShapes shapes;
    for (const auto& t : plan.tables) {
        shapes[t.name] = sema::TableShape{param(t.rows_param), param(t.cols_param), param(t.max_param)};
    }
    return shapes;
}

}  // namespace

bool check_with_table_shapes(const CheckModel& check, SizedFront& front) {
    if (!check(*front.session, *front.model, {})) return false;
    if (!has_unsized_group(*front.model)) return true;
    sema::TableShapes shapes = load_table_shapes(*front.model, front.session->sources());
    if (shapes.empty()) return true;
    SizedFront again;
    bool ok = check(*again.session, *again.model, shapes);
    front = std::move(again);
    return ok;
}

bool compile_sized_front(const Command& command, SizedFront& front) {
    return check_with_table_shapes(
        [&](driver::CompileSession& session, sema::CheckedModel& model, const sema::TableShapes& shapes) {
            return compile_front(command, session, model, shapes);
        },
        front);
}

std::optional<bool> compile_sized_front_or_report(const Command& command, SizedFront& front) {
    try {
        return compile_sized_front(command, front);
    } catch (const rt::TableError& e) {
        report_diagnostics(command, *front.session);
        std::cerr << "error: " << e.what() << "\n";
        return std::nullopt;
    }
}

}  // namespace nj::cli
