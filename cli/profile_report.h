// `neurojit run --profile`: the kernel timings as summary.json's "profile" and a short table.
#pragma once

#include "runtime/network/kernel_profile.h"

#include <nlohmann/json.hpp>

namespace nj::cli {

/// {"simulate_s", "kernels_s", "other_s" (the runtime's own work: spike queues, monitors,
/// analyses, dense products), "kernels": [{"kernel", "seconds", "calls", "fraction"}] most time
/// first, fraction of simulate}. Unless `quiet`, prints the kernels that took the most time.
nlohmann::json profile_summary(const rt::KernelProfile& profile, double simulate_s, bool quiet);

}  // namespace nj::cli
