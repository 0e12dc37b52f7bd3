// `--precision single` / `precision: single`: which arrays are stored as float.
//
// Requires: the whole model lowered (every kernel and call in the plan).
// Ensures:  in single precision, the state variables of groups and synapses that only kernels,
//           monitors, store/restore and previous() copies touch are ArrayPlan::single, and every
//           kernel's Kernel::single_arrays marks the slots bound to them. Arrays the runtime's
//           own numeric code reads or writes (indices, spike flags and times, delays, analysed
//           variables, learning-rule and matrix-product operands) stay double, as do tables.
#pragma once

#include "compiler/lower/lower_context.h"

#include <string>

namespace nj::lower {

/// The precision the model asks for: `override` ("double" or "single", e.g. the command line's
/// --precision) when not empty, else the model's `precision:` setting, else double. (Gradient
/// training needs double: lower_protocol reports a `train` statement in single precision.)
bool wants_single_precision(LowerContext& context, const std::string& override);

/// Marks the arrays and kernel slots stored as float (see above).
void store_state_in_single(LowerContext& context);

}  // namespace nj::lower
