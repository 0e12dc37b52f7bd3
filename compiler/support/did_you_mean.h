// Spelling suggestions for unknown names: "did you mean 'tau_m'?".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nj::support {

/// Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits of one
/// substring): insertions, deletions, substitutions and swaps of adjacent bytes cost 1.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate most likely meant by a misspelt `name`, or nullopt.
/// - Distance is edit_distance ignoring ASCII case, so 'Tau_m' finds 'tau_m'; among equally
///   distant candidates the one whose case also matches better wins, then the first in order.
/// - A candidate is accepted only within max(1, name.size() / 3) edits and when it is not a
///   complete replacement (distance below the longer length, so 'x' never suggests 'y').
/// - A candidate identical to `name` is never suggested: it would not be a misspelling (the
///   caller is reporting something else, e.g. a name of the wrong kind).
std::optional<std::string> closest_match(std::string_view name,
                                         const std::vector<std::string>& candidates);

/// "did you mean 'x'?" for closest_match's answer, or an empty string when there is none.
std::string did_you_mean_help(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace nj::support
