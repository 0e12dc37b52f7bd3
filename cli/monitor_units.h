// The unit of every recorded array, for summary.json's "units" map ("<monitor>_<var>" → SI unit
// name), so that figures and users' scripts can label values without re-reading the model.
#pragma once

#include "compiler/sema/model.h"
#include "runtime/abi.h"

#include <nlohmann/json.hpp>

namespace nj::cli {

/// State monitors' variables (from the checked types), rate monitors' rates and every
/// monitor's times. Dimensionless values get "1".
nlohmann::json monitor_units(const sema::CheckedModel& model, const rt::NetworkPlan& plan);

}  // namespace nj::cli
