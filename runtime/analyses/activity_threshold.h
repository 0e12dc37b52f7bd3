// The iterative activity threshold of the attractor analysis (spec §9 step 3): which
// populations count as active in which time bins, given their smoothed rates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace nj::rt {

/// The activity matrix and how the threshold that produced it was found.
struct ActivityThreshold {
    std::vector<uint8_t> active;        ///< [bins, populations] row-major; 1 where rate > threshold
    std::vector<double> thresholds_hz;  ///< [populations]: the thresholds that produced `active`
    /// Mean of the thresholds at each pass: pass 0 (each population's own time average), then
    /// every global threshold adopted. The last entry belongs to `active`.
    std::vector<double> history_hz;
    /// The mean active rate computed last but not adopted (the one that met the tolerance); NaN
    /// when the iteration stopped for another reason.
    double rejected_hz = 0;
    int passes = 0;          ///< global thresholds adopted (0: the pass-0 matrix was kept)
    bool converged = false;  ///< stopped before max_passes ran out
};

/// rates: [bins, populations] row-major, in Hz. Pass 0 compares each population with its own
/// time-average rate; "active" is always strictly rate > threshold. Then, up to max_passes times:
/// stop if no bin is active; m = mean rate over all active (bin, population) entries; stop if m
/// is not finite or |m - mean(thresholds)| < tol_hz (strict), keeping the current matrix, not
/// one recomputed with m; otherwise every population gets the threshold m and the matrix is
/// recomputed. When max_passes runs out the last matrix is returned. Example: pass-0 mean 10.0,
/// m = 33.8 (differs by >= 20, adopted), m = 53.5 (differs by 19.7 < 20): the 33.8 Hz matrix is
/// kept, passes = 1, history {10.0, 33.8}, rejected 53.5.
ActivityThreshold threshold_activity(std::span<const double> rates, size_t bins, size_t populations,
                                     double tol_hz, int max_passes);

}  // namespace nj::rt
