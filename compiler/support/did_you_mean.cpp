// Edit distance and closest-name search behind "did you mean" help lines.
#include "compiler/support/did_you_mean.h"

#include <algorithm>
#include <limits>

namespace nj::support {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rolling rows of the dynamic-programming table: two back is needed for swaps.
    std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates) {
    const size_t threshold = std::max<size_t>(1, name.size() / 3);
    const std::string name_lower = lowered(name);
    const std::string* best = nullptr;
    size_t best_folded = std::numeric_limits<size_t>::max();
    size_t best_exact = std::numeric_limits<size_t>::max();
    for (const std::string& candidate : candidates) {
        if (candidate == name) {
            continue;
        }
        size_t folded = edit_distance(name_lower, lowered(candidate));
        if (folded > threshold || folded >= std::max(name.size(), candidate.size())) {
            continue;
        }
        size_t exact = edit_distance(name, candidate);
        // Strictly better only, so ties keep the earlier candidate.
        if (folded < best_folded || (folded == best_folded && exact < best_exact)) {
            best = &candidate;
            best_folded = folded;
            best_exact = exact;
        }
    }
    return best != nullptr ? std::optional<std::string>(*best) : std::nullopt;
}

std::string did_you_mean_help(std::string_view name, const std::vector<std::string>& candidates) {
    std::optional<std::string> match = closest_match(name, candidates);
    return match ? "did you mean '" + *match + "'?" : std::string();
}

}  // namespace nj::support
