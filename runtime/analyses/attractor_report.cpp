// Summary JSON and named arrays of the attractor analysis: the state table (occurrences, dwell,
// lifetimes, probabilities), transitions and per-population views.
#include "runtime/analyses/attractor_report.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nj::rt {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Times are reported rounded to 4 decimals in seconds, as the original merges them.
double round4(double x) {
    return std::round(x * 1e4) / 1e4;
}

double start_s(size_t bin, const AttractorGrid& g) {
    return static_cast<double>(g.first_step + bin * g.steps_per_bin) * g.dt;
}

double lifetime_s(const AttractorOccurrence& o, const AttractorGrid& g) {
    return static_cast<double>(o.end_bin - o.first_bin) * g.bin_s;
}

struct Stats {
    double mean = nan, std = nan, median = nan, max = nan;
};

// Mean, standard deviation (ddof 0, numpy's default), median and maximum; NaN when empty.
Stats stats(std::vector<double> v) {
    Stats s;
    if (v.empty()) return s;
    double n = static_cast<double>(v.size()), sum = 0, sq = 0;
    for (double x : v) sum += x;
    s.mean = sum / n;
    for (double x : v) sq += (x - s.mean) * (x - s.mean);
    s.std = std::sqrt(sq / n);
    std::sort(v.begin(), v.end());
    size_t h = v.size() / 2;
    s.median = v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
    s.max = v.back();
    return s;
}

struct StateRow {
    std::vector<double> lifetimes;
    double dwell_s = 0, first_start_s = nan;
};

std::vector<StateRow> state_rows(const AttractorAnalysis& a, const AttractorGrid& g) {
    std::vector<StateRow> rows(a.states.size());
    for (const AttractorOccurrence& o : a.occurrences) {
        StateRow& r = rows[o.state];
        if (r.lifetimes.empty()) r.first_start_s = round4(start_s(o.first_bin, g));
        r.lifetimes.push_back(lifetime_s(o, g));
        r.dwell_s += lifetime_s(o, g);
    }
    return rows;
}

// Counts [S, S] of consecutive occurrence pairs within one session.
std::vector<double> transition_counts(const AttractorAnalysis& a) {
    size_t n = a.states.size();
    std::vector<double> counts(n * n, 0.0);
    for (size_t i = 1; i < a.occurrences.size(); ++i) {
        const AttractorOccurrence &from = a.occurrences[i - 1], &to = a.occurrences[i];
        if (from.session == to.session) counts[from.state * n + to.state] += 1;
    }
    return counts;
}

// P[A][B] = count(A -> B) / occurrences(A); a state without occurrences divides by 1.
std::vector<double> transition_matrix(const AttractorAnalysis& a,
                                      const std::vector<StateRow>& rows) {
    size_t n = a.states.size();
    std::vector<double> p = transition_counts(a);
    for (size_t i = 0; i < n; ++i) {
        double occ = std::max<double>(1.0, static_cast<double>(rows[i].lifetimes.size()));
        for (size_t j = 0; j < n; ++j) p[i * n + j] /= occ;
    }
    return p;
}

nlohmann::json session_json(const ActivityThreshold& th) {
    double sum = 0;
    for (double x : th.thresholds_hz) sum += x;
    return {
        {"threshold_hz", sum / static_cast<double>(std::max<size_t>(1, th.thresholds_hz.size()))},
        {"threshold_history_hz", th.history_hz},
        {"rejected_hz", th.rejected_hz},
        {"passes", th.passes},
        {"converged", th.converged}};
}

nlohmann::json states_json(const AttractorAnalysis& a, const std::vector<StateRow>& rows,
                           double window_s) {
    nlohmann::json states = nlohmann::json::array();
    for (size_t s = 0; s < rows.size(); ++s) {
        Stats life = stats(rows[s].lifetimes);
        states.push_back({{"index", s},
                          {"populations", a.states[s]},
                          {"occurrences", rows[s].lifetimes.size()},
                          {"dwell_s", rows[s].dwell_s},
                          {"probability", rows[s].dwell_s / window_s},
                          {"mean_lifetime_s", life.mean},
                          {"std_lifetime_s", life.std},
                          {"first_start_s", rows[s].first_start_s}});
    }
    return states;
}

NamedArray vector_array(std::string name, std::vector<double> values) {
    size_t n = values.size();
    return {std::move(name), std::move(values), {n}};
}

void add_state_arrays(std::vector<NamedArray>& out, const AttractorAnalysis& a,
                      const std::vector<StateRow>& rows, double window_s) {
    size_t n = a.states.size(), populations = a.populations;
    std::vector<double> members(n * populations, 0.0), occurrences, dwell, probability, life;
    for (size_t s = 0; s < n; ++s) {
        for (int p : a.states[s]) members[s * populations + static_cast<size_t>(p)] = 1;
        occurrences.push_back(static_cast<double>(rows[s].lifetimes.size()));
        dwell.push_back(rows[s].dwell_s);
        probability.push_back(rows[s].dwell_s / window_s);
        life.push_back(stats(rows[s].lifetimes).mean);
    }
    out.push_back({"state_members", std::move(members), {n, populations}});
    out.push_back(vector_array("state_occurrences", std::move(occurrences)));
    out.push_back(vector_array("state_dwell_s", std::move(dwell)));
    out.push_back(vector_array("state_probability", std::move(probability)));
    out.push_back(vector_array("state_mean_lifetime_s", std::move(life)));
    out.push_back({"transition_counts", transition_counts(a), {n, n}});
    out.push_back({"transition_matrix", transition_matrix(a, rows), {n, n}});
}

// Mean smoothed rate of every population over one occurrence, appended to `out`.
void append_occurrence_rates(std::vector<double>& out, const AttractorAnalysis& a,
                             const AttractorOccurrence& o) {
    size_t populations = a.populations;
    for (size_t p = 0; p < populations; ++p) {
        double sum = 0;
        for (size_t t = o.first_bin; t < o.end_bin; ++t) sum += a.rates[t * populations + p];
        out.push_back(sum / static_cast<double>(o.end_bin - o.first_bin));
    }
}

void add_occurrence_arrays(std::vector<NamedArray>& out, const AttractorAnalysis& a,
                           const AttractorGrid& g) {
    std::vector<double> sequence, starts, ends, lifetimes, sessions, rates;
    std::vector<double> bin_state(g.bins, -1.0);
    for (const AttractorOccurrence& o : a.occurrences) {
        sequence.push_back(static_cast<double>(o.state));
        starts.push_back(round4(start_s(o.first_bin, g)));
        ends.push_back(round4(start_s(o.end_bin, g)));
        lifetimes.push_back(lifetime_s(o, g));
        sessions.push_back(static_cast<double>(o.session));
        append_occurrence_rates(rates, a, o);
        for (size_t t = o.first_bin; t < o.end_bin; ++t)
            bin_state[t] = static_cast<double>(o.state);
    }
    size_t k = a.occurrences.size();
    out.push_back(vector_array("state_sequence", std::move(sequence)));
    out.push_back(vector_array("occurrence_start_s", std::move(starts)));
    out.push_back(vector_array("occurrence_end_s", std::move(ends)));
    out.push_back(vector_array("lifetimes", std::move(lifetimes)));
    out.push_back(vector_array("occurrence_session", std::move(sessions)));
    out.push_back({"occurrence_rates", std::move(rates), {k, a.populations}});
    out.push_back(vector_array("bin_state", std::move(bin_state)));
}

void add_population_arrays(std::vector<NamedArray>& out, const AttractorAnalysis& a,
                           const AttractorGrid& g, const std::vector<StateRow>& rows) {
    size_t populations = a.populations;
    double window_s = static_cast<double>(g.bins) * g.bin_s;
    std::vector<double> by_size(populations + 1, 0.0), active_by_size(populations + 1, 0.0),
        occupancy(populations, 0.0), thresholds;
    for (size_t s = 0; s < a.states.size(); ++s) {
        by_size[a.states[s].size()] += 1;
        for (int p : a.states[s]) occupancy[static_cast<size_t>(p)] += rows[s].dwell_s / window_s;
    }
    for (size_t t = 0; t < g.bins; ++t) {
        size_t count = 0;
        for (size_t p = 0; p < populations; ++p) count += a.active[t * populations + p];
        active_by_size[count] += 1.0 / static_cast<double>(g.bins);
    }
    for (const ActivityThreshold& th : a.thresholds)
        thresholds.insert(thresholds.end(), th.thresholds_hz.begin(), th.thresholds_hz.end());
    out.push_back(vector_array("states_by_size", std::move(by_size)));
    out.push_back(vector_array("active_fraction_by_size", std::move(active_by_size)));
    out.push_back(vector_array("population_occupancy", std::move(occupancy)));
    out.push_back({"thresholds_hz", std::move(thresholds), {a.thresholds.size(), populations}});
}

NamedArray smoothed_rates(const AttractorAnalysis& a, const AttractorGrid& g, size_t every) {
    std::vector<double> values;
    size_t rows = 0;
    for (size_t t = 0; t < g.bins; t += every, ++rows)
        values.insert(values.end(), a.rates.begin() + static_cast<ptrdiff_t>(t * a.populations),
                      a.rates.begin() + static_cast<ptrdiff_t>((t + 1) * a.populations));
    return {"smoothed_rates", std::move(values), {rows, a.populations}};
}

}  // namespace

nlohmann::json attractor_summary(const AttractorAnalysis& a, const AttractorGrid& g) {
    double window_s = static_cast<double>(g.bins) * g.bin_s;
    std::vector<StateRow> rows = state_rows(a, g);
    std::vector<double> lifetimes, state_means;
    for (const AttractorOccurrence& o : a.occurrences) lifetimes.push_back(lifetime_s(o, g));
    for (const StateRow& r : rows) state_means.push_back(stats(r.lifetimes).mean);
    Stats life = stats(lifetimes);
    double covered = 0, threshold_sum = 0;
    for (double l : lifetimes) covered += l;
    nlohmann::json sessions = nlohmann::json::array();
    int passes = 0;
    bool converged = true;
    for (const ActivityThreshold& th : a.thresholds) {
        sessions.push_back(session_json(th));
        threshold_sum += sessions.back()["threshold_hz"].get<double>();
        passes = std::max(passes, th.passes);
        converged = converged && th.converged;
    }
    return {{"n_states", a.states.size()},
            {"n_occurrences", a.occurrences.size()},
            {"n_segments", a.segments},
            {"n_sessions", a.thresholds.size()},
            {"bins", g.bins},
            {"bin_s", g.bin_s},
            {"window_s", window_s},
            {"covered_s", covered},
            {"mean_lifetime_s", life.mean},
            {"std_lifetime_s", life.std},
            {"median_lifetime_s", life.median},
            {"max_lifetime_s", life.max},
            {"mean_state_lifetime_s", stats(state_means).mean},
            {"threshold_hz", threshold_sum / static_cast<double>(a.thresholds.size())},
            {"passes", passes},
            {"converged", converged},
            {"sessions", std::move(sessions)},
            {"states", states_json(a, rows, window_s)}};
}

std::vector<NamedArray> attractor_arrays(const AttractorAnalysis& a, const AttractorGrid& g,
                                         size_t rates_every) {
    std::vector<NamedArray> out;
    double window_s = static_cast<double>(g.bins) * g.bin_s;
    std::vector<StateRow> rows = state_rows(a, g);
    add_state_arrays(out, a, rows, window_s);
    add_occurrence_arrays(out, a, g);
    add_population_arrays(out, a, g, rows);
    if (rates_every > 0) out.push_back(smoothed_rates(a, g, rates_every));
    return out;
}

}  // namespace nj::rt
