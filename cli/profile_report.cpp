// The kernel profile of a run (see profile_report.h).
#include "cli/profile_report.h"

#include <cstdio>

namespace nj::cli {

nlohmann::json profile_summary(const rt::KernelProfile& profile, double simulate_s, bool quiet) {
    constexpr size_t printed = 10;
    nlohmann::json kernels = nlohmann::json::array();
    double total = 0.0;
    std::vector<rt::KernelProfile::Entry> entries = profile.by_kernel();
    for (const auto& e : entries) {
        total += e.seconds;
        double fraction = simulate_s > 0 ? e.seconds / simulate_s : 0.0;
        kernels.push_back({{"kernel", e.kernel}, {"seconds", e.seconds}, {"calls", e.calls}, {"fraction", fraction}});
    }
    if (!quiet) {
        std::fprintf(stderr, "profile: %.3f s in kernels, %.3f s elsewhere, of %.3f s simulate\n", total,
                     simulate_s - total, simulate_s);
        for (size_t k = 0; k < entries.size() && k < printed; ++k) {
            const auto& e = entries[k];
            std::fprintf(stderr, "  %6.1f %%  %9.4f s  %10zu calls  %s\n",
                         simulate_s > 0 ? 100.0 * e.seconds / simulate_s : 0.0, e.seconds, e.calls, e.kernel.c_str());
        }
    }
    return {{"simulate_s", simulate_s}, {"kernels_s", total}, {"other_s", simulate_s - total}, {"kernels", kernels}};
}

}  // namespace nj::cli
