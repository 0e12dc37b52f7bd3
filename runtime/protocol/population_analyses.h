// Analyses of populations: mean rates per population and metastable attractor states of a
// spike monitor, whose neurons carry a population index in a variable of their group; and the
// mean-field theory of LIF populations, whose description comes from population arguments
// (one value per population, or per population pair).
#pragma once

#include "runtime/protocol/analysis_helpers.h"

#include <string>

namespace nj::rt {

/// population_rates, attractor_states or lif_mean_field. Returns "" or what went wrong.
std::string run_population_analysis(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context);

/// Whether `analysis` is one of them.
bool is_population_analysis(const std::string& analysis);

}  // namespace nj::rt
