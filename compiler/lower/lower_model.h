// Turns a checked model into kernel IR and the network plan the runtime executes.
//
// Requires: the model checked without errors.
// Ensures:  parameters become runtime values (a --set never changes the kernels); groups,
//           monitors and the protocol are in the plan; every kernel passes verify_kernel;
//           anything the runtime cannot do yet is reported as run.unsupported.
#pragma once

#include "compiler/ir/ir.h"
#include "compiler/sema/model.h"
#include "compiler/support/diagnostic_engine.h"
#include "runtime/abi.h"

#include <string>
#include <vector>

namespace nj::lower {

/// The lowered model.
struct LoweredModel {
    std::vector<ir::Kernel> kernels;
    rt::NetworkPlan plan;
};

/// Lowers `model`; returns false after reporting what could not be lowered. `precision`
/// ("double" or "single", e.g. from --precision) overrides the model's `precision:` setting
/// when not empty (compiler/lower/lower_precision.h).
bool lower_model(const sema::CheckedModel& model, support::DiagnosticEngine& diags,
                 LoweredModel& out, const std::string& precision = "");

/// Lowers only the parameters and tables of `model`: enough to load the tables and learn their
/// shapes before the groups are sized (a size such as `n * rows_of(T)`).
bool lower_tables_only(const sema::CheckedModel& model, support::DiagnosticEngine& diags,
                       LoweredModel& out);

}  // namespace nj::lower
