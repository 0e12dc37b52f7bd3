// The intermediate results of the attractor analysis and how they become its summary JSON and
// named arrays. Internal to attractor_states; split out to keep both files short.
#pragma once

#include "runtime/analyses/activity_threshold.h"
#include "runtime/analyses/named_array.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nj::rt {

/// Where the analysed bins lie in simulation time.
struct AttractorGrid {
    uint64_t first_step = 0;  ///< step at which bin 0 starts
    uint64_t steps_per_bin = 1;
    double dt = 0;            ///< s
    double bin_s = 0;         ///< the bin as given (= steps_per_bin * dt to 1e-9)
    size_t bins = 0;          ///< T: whole bins in the window
    size_t session_bins = 0;  ///< bins per session (the last session may be shorter)
    size_t min_bins = 0;      ///< shortest kept segment
};

/// One kept segment: bins [first_bin, end_bin) of the whole window, inside one session.
struct AttractorOccurrence {
    size_t session = 0;
    size_t first_bin = 0;
    size_t end_bin = 0;
    size_t state = 0;
};

/// Everything the report needs.
struct AttractorAnalysis {
    size_t populations = 0;
    std::vector<double> rates;                     ///< smoothed, [T, P], Hz
    std::vector<uint8_t> active;                   ///< [T, P]
    std::vector<ActivityThreshold> thresholds;     ///< per session (their `active` emptied)
    std::vector<std::vector<int>> states;          ///< members, by state index
    std::vector<AttractorOccurrence> occurrences;  ///< in time order
    size_t segments = 0;                           ///< before short ones were dropped
};

/// The summary JSON documented at attractor_states.
nlohmann::json attractor_summary(const AttractorAnalysis& a, const AttractorGrid& g);

/// The named arrays documented at attractor_states.
std::vector<NamedArray> attractor_arrays(const AttractorAnalysis& a, const AttractorGrid& g,
                                         size_t rates_every);

}  // namespace nj::rt
