// Ordering steps so that each runs after the steps whose results it reads.
#pragma once

#include <cstddef>
#include <vector>

namespace nj::rt {

/// The indices 0..count-1 in an order where a runs after b whenever waits_for(a, b), keeping
/// the given order otherwise; on a cycle, the first unplaced index goes next (so the steps on
/// a cycle keep their given order).
template <typename WaitsFor>
std::vector<size_t> dependency_order(size_t count, WaitsFor waits_for) {
    std::vector<size_t> order;
    std::vector<char> placed(count, 0);
    while (order.size() < count) {
        bool progress = false;
        for (size_t a = 0; a < count; ++a) {
            if (placed[a]) continue;
            bool ready = true;
            for (size_t b = 0; b < count && ready; ++b) ready = placed[b] || b == a || !waits_for(a, b);
            if (!ready) continue;
            placed[a] = 1;
            order.push_back(a);
            progress = true;
        }
        if (progress) continue;
        for (size_t a = 0; a < count; ++a) {
            if (!placed[a]) {
                placed[a] = 1;
                order.push_back(a);
                break;
            }
        }
    }
    return order;
}

}  // namespace nj::rt
