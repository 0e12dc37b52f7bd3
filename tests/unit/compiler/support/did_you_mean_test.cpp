// Tests the spelling suggestions: edit distance, thresholds, case and tie rules.
#include "compiler/support/did_you_mean.h"

#include <doctest/doctest.h>

using nj::support::closest_match;
using nj::support::did_you_mean_help;
using nj::support::edit_distance;

TEST_CASE("edit_distance: counts a swap of adjacent characters as one edit") {
    CHECK(edit_distance("tua_m", "tau_m") == 1);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("ca", "abc") == 3);  // optimal string alignment, not full Damerau
    CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("closest_match: finds a transposed name") {
    std::vector<std::string> names{"v", "tau_m", "El", "I_syn"};
    CHECK(closest_match("tua_m", names) == "tau_m");
}

TEST_CASE("closest_match: gives nothing when every candidate is too far") {
    CHECK_FALSE(closest_match("threshold", {"tau_m", "reset", "v"}).has_value());
    CHECK_FALSE(closest_match("tau", {"taus_mm"}).has_value());  // 4 edits for length 3
    CHECK_FALSE(closest_match("x", {"y"}).has_value());          // complete replacement
    CHECK_FALSE(closest_match("abc", {}).has_value());
}

TEST_CASE("closest_match: never suggests the name itself") {
    CHECK_FALSE(closest_match("tau_m", {"tau_m"}).has_value());
    CHECK(closest_match("tau_m", {"tau_m", "tau_n"}) == "tau_n");
}

TEST_CASE("closest_match: ignores case and prefers the better case match on ties") {
    CHECK(closest_match("V", {"v"}) == "v");
    CHECK(closest_match("TAU_M", {"tau_m"}) == "tau_m");
    CHECK(closest_match("Vt", {"vt", "Vr"}) == "vt");
    CHECK(closest_match("v_th", {"V_TH", "v_Th"}) == "v_Th");
}

TEST_CASE("closest_match: the threshold grows with the name's length") {
    CHECK(closest_match("membrane_potentail", {"membrane_potential"}) == "membrane_potential");
    CHECK(closest_match("tau_exc", {"tau_inh"}).has_value() == false);  // 3 edits, limit 2
    CHECK(closest_match("g_ampa", {"g_nmda"}) == "g_nmda");             // 2 edits, limit 2
}

TEST_CASE("closest_match: equally close candidates resolve to the first one") {
    CHECK(closest_match("tau", {"tai", "tav", "taw"}) == "tai");
}

TEST_CASE("did_you_mean_help: quotes the suggestion or returns nothing") {
    CHECK(did_you_mean_help("tua_m", {"tau_m"}) == "did you mean 'tau_m'?");
    CHECK(did_you_mean_help("zzz", {"tau_m"}).empty());
}
