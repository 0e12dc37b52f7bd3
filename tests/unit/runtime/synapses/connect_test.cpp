// Tests of the connect rules (runtime/synapses/connect.h): pairs, degrees, one-to-one, explicit.
#include "runtime/synapses/connect.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace nj::rt;

namespace {

// Statistical checks allow 5 standard deviations of the statistic (a two-sided false-alarm chance
// of 6e-7 per check); the seeds are fixed, so a pass is reproducible.
constexpr double sigmas = 5.0;

using Kind = ConnectPlan::Kind;
using Pair = std::pair<uint32_t, uint32_t>;

ConnectPlan rule(Kind kind, bool autapses = true, bool multapses = true, bool uniform = false) {
    ConnectPlan plan;
    plan.kind = kind;
    plan.autapses = autapses;
    plan.multapses = multapses;
    plan.uniform = uniform;
    return plan;
}

/// Pairs with one probability `p` for every (i, j), the way generated code gives it: one value.
Connections uniform_pairs(ConnectShape shape, double p, uint64_t seed, bool autapses = true) {
    const std::vector<double> value{p};
    RowFunction row = [&](size_t, const double**) { return value.data(); };
    return make_connections(rule(Kind::Pairs, autapses, true, true), shape, {seed, 3}, row);
}

/// Pairs with p(i, j) = prob(i, j) (a full row per pre neuron) and, if `count` is set, n(i, j).
Connections row_pairs(ConnectShape shape, const std::function<double(size_t, size_t)>& prob,
                      const std::function<double(size_t, size_t)>& count = {}, uint64_t seed = 1,
                      bool autapses = true) {
    std::vector<double> values(shape.n_post), counts(shape.n_post);
    RowFunction row = [&](size_t i, const double** counts_out) {
        for (size_t j = 0; j < shape.n_post; ++j) values[j] = prob(i, j);
        if (count && counts_out) {
            for (size_t j = 0; j < shape.n_post; ++j) counts[j] = count(i, j);
            *counts_out = counts.data();
        }
        return values.data();
    };
    return make_connections(rule(Kind::Pairs, autapses), shape, {seed, 0}, row);
}

/// A degree rule with degree `k(line)` for each line.
Connections degrees(Kind kind, ConnectShape shape, const std::function<double(size_t)>& k,
                    bool multapses, bool autapses = true, uint64_t seed = 11, int threads = 1) {
    const size_t lines = kind == Kind::InDegree ? shape.n_post : shape.n_pre;
    std::vector<double> values(lines);
    for (size_t line = 0; line < lines; ++line) values[line] = k(line);
    RowFunction row = [&](size_t, const double**) { return values.data(); };
    return make_connections(rule(kind, autapses, multapses), shape, {seed, 5}, row, {}, {}, threads);
}

std::vector<Pair> pairs_of(const Connections& c) {
    REQUIRE(c.pre.size() == c.post.size());
    std::vector<Pair> out;
    for (size_t s = 0; s < c.pre.size(); ++s) out.emplace_back(c.pre[s], c.post[s]);
    return out;
}

/// Number of synapses on each pre (by_pre) or post element.
std::vector<double> degree_counts(const Connections& c, size_t n, bool by_pre) {
    std::vector<double> d(n, 0.0);
    for (uint32_t x : by_pre ? c.pre : c.post) d.at(x) += 1;
    return d;
}

double mean_of(const std::vector<double>& x) {
    double s = 0;
    for (double v : x) s += v;
    return s / static_cast<double>(x.size());
}

double variance_of(const std::vector<double>& x) {
    const double m = mean_of(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return s / static_cast<double>(x.size() - 1);
}

/// Pearson's statistic of `counts` against equal expected counts.
double chi_square_uniform(const std::vector<double>& counts) {
    const double expected = mean_of(counts);
    double chi2 = 0;
    for (double c : counts) chi2 += (c - expected) * (c - expected) / expected;
    return chi2;
}

}  // namespace

TEST_CASE("make_connections: uniform pairs give a binomial number of synapses for each seed") {
    const ConnectShape shape{2000, 2000, false};
    const double p = 0.02, n = 2000.0 * 2000.0;
    for (uint64_t seed : {1u, 2u, 12345u}) {
        CAPTURE(seed);
        const Connections c = uniform_pairs(shape, p, seed);
        const double total = static_cast<double>(c.pre.size());
        CHECK(std::fabs(total - n * p) < sigmas * std::sqrt(n * p * (1 - p)));  // binomial sd 280
        const std::vector<Pair> pairs = pairs_of(c);
        // sorted by pre, then post: ordered and with no pair twice
        CHECK(std::adjacent_find(pairs.begin(), pairs.end(), std::greater_equal<>()) ==
              pairs.end());
    }
}

TEST_CASE("make_connections: uniform pairs give binomial out- and in-degrees") {
    const size_t n = 2000;
    const double p = 0.02, mean = n * p, var = n * p * (1 - p);
    const Connections c = uniform_pairs({n, n, false}, p, 77);
    // Standard error of a mean of n binomials, and of a sample variance, sqrt((mu4 - var^2) / n)
    // with mu4 = var^2 (3 + (1 - 6 p q) / var) for a binomial.
    const double se_mean = std::sqrt(var / n);
    const double se_var = std::sqrt((var * var * (2 + (1 - 6 * p * (1 - p)) / var)) / n);
    for (bool by_pre : {true, false}) {
        CAPTURE(by_pre);
        const std::vector<double> d = degree_counts(c, n, by_pre);
        CHECK(std::fabs(mean_of(d) - mean) < sigmas * se_mean);
        CHECK(std::fabs(variance_of(d) - var) < sigmas * se_var);
    }
}

TEST_CASE("make_connections: uniform pairs with p = 0 give none, with p = 1 every pair") {
    const ConnectShape shape{37, 23, false};
    CHECK(uniform_pairs(shape, 0.0, 4).pre.empty());
    const std::vector<Pair> all = pairs_of(uniform_pairs(shape, 1.0, 4));
    REQUIRE(all.size() == 37u * 23u);
    size_t s = 0;
    for (uint32_t i = 0; i < 37; ++i) {
        for (uint32_t j = 0; j < 23; ++j) CHECK(all[s++] == Pair{i, j});
    }
}

TEST_CASE("make_connections: autapses = false in one group excludes i == j, only there") {
    const size_t n = 300;
    const double p = 0.3;
    auto diagonal = [](const Connections& c) {
        size_t k = 0;
        for (size_t s = 0; s < c.pre.size(); ++s) k += c.pre[s] == c.post[s];
        return k;
    };
    const Connections without = uniform_pairs({n, n, true}, p, 9, false);
    CHECK(diagonal(without) == 0);
    const double candidates = n * (n - 1.0);
    CHECK(std::fabs(static_cast<double>(without.pre.size()) - candidates * p) <
          sigmas * std::sqrt(candidates * p * (1 - p)));
    // With p = 1 exactly the n (n - 1) off-diagonal pairs remain.
    CHECK(uniform_pairs({n, n, true}, 1.0, 9, false).pre.size() == n * (n - 1));
    // 90 expected diagonal pairs: none at all has chance 0.7^300 ~ 1e-47.
    CHECK(diagonal(uniform_pairs({n, n, true}, p, 9, true)) > 0);
    CHECK(diagonal(uniform_pairs({n, n, false}, p, 9, false)) > 0);  // two groups: i == j allowed
    // The same holds for a full row of probabilities.
    const Connections rows = row_pairs(
        {50, 50, true}, [](size_t, size_t) { return 1.0; }, {}, 1, false);
    CHECK(rows.pre.size() == 50u * 49u);
    CHECK(diagonal(rows) == 0);
}

TEST_CASE("make_connections: the same seed gives the same pairs, another seed or stream others") {
    const ConnectShape shape{500, 400, false};
    const Connections a = uniform_pairs(shape, 0.05, 21), b = uniform_pairs(shape, 0.05, 21);
    const Connections c = uniform_pairs(shape, 0.05, 22);
    CHECK(a.pre == b.pre);
    CHECK(a.post == b.post);
    CHECK(pairs_of(a) != pairs_of(c));

    const std::vector<double> value{0.05};
    RowFunction row = [&](size_t, const double**) { return value.data(); };
    const ConnectPlan plan = rule(Kind::Pairs, true, true, true);
    CHECK(pairs_of(make_connections(plan, shape, {21, 4}, row)) != pairs_of(a));  // stream 4, not 3

    auto half = [](size_t, size_t) { return 0.5; };
    CHECK(pairs_of(row_pairs(shape, half, {}, 8)) == pairs_of(row_pairs(shape, half, {}, 8)));
    CHECK(pairs_of(row_pairs(shape, half, {}, 8)) != pairs_of(row_pairs(shape, half, {}, 9)));
}

TEST_CASE("make_connections: a row with p = 1 on the diagonal and 0 elsewhere gives the diagonal") {
    auto diag = [](size_t i, size_t j) { return i == j ? 1.0 : 0.0; };
    for (ConnectShape shape : {ConnectShape{60, 60, true}, ConnectShape{30, 50, false}}) {
        const std::vector<Pair> pairs = pairs_of(row_pairs(shape, diag));
        REQUIRE(pairs.size() == std::min(shape.n_pre, shape.n_post));
        for (uint32_t k = 0; k < pairs.size(); ++k) CHECK(pairs[k] == Pair{k, k});
    }
}

TEST_CASE("make_connections: a row with p = 0.5 on even posts connects half of them, no odd") {
    const size_t n_pre = 400, n_post = 500;
    auto even = [](size_t, size_t j) { return j % 2 == 0 ? 0.5 : 0.0; };
    const Connections c = row_pairs({n_pre, n_post, false}, even, {}, 3);
    size_t odd = 0;
    for (uint32_t j : c.post) odd += j % 2;
    CHECK(odd == 0);
    const double candidates = n_pre * (n_post / 2.0);  // 100 000, binomial sd 158
    CHECK(std::fabs(static_cast<double>(c.pre.size()) - 0.5 * candidates) <
          sigmas * std::sqrt(candidates * 0.25));
}

TEST_CASE("make_connections: a count n makes each chosen pair n synapses") {
    const ConnectShape shape{40, 60, false};
    auto p = [](size_t i, size_t j) { return (i + j) % 3 == 0 ? 1.0 : 0.4; };
    SUBCASE("n = 3 everywhere") {
        const std::vector<Pair> once = pairs_of(row_pairs(shape, p, {}, 6));
        const std::vector<Pair> thrice = pairs_of(row_pairs(
            shape, p, [](size_t, size_t) { return 3.0; }, 6));
        REQUIRE(!once.empty());
        REQUIRE(thrice.size() == 3 * once.size());
        for (size_t k = 0; k < once.size(); ++k) {
            for (size_t r = 0; r < 3; ++r) CHECK(thrice[3 * k + r] == once[k]);
        }
    }
    SUBCASE("n varies by post, n = 0 gives no synapse") {
        auto n = [](size_t, size_t j) { return static_cast<double>(j % 4); };
        const std::vector<Pair> once = pairs_of(row_pairs(shape, p, {}, 6));
        const std::vector<Pair> many = pairs_of(row_pairs(shape, p, n, 6));
        std::vector<Pair> expected;
        for (const Pair& pr : once) expected.insert(expected.end(), pr.second % 4, pr);
        CHECK(many == expected);
    }
}

TEST_CASE("make_connections: a probability outside [0, 1] or a bad count is a connect error") {
    const ConnectShape shape{10, 10, false};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (double bad : {1.5, -0.1, nan}) {
        CAPTURE(bad);
        auto p = [bad](size_t i, size_t j) { return i == 4 && j == 7 ? bad : 0.5; };
        CHECK_THROWS_AS(row_pairs(shape, p), ConnectError);
        CHECK_THROWS_AS(uniform_pairs(shape, bad, 1), ConnectError);
    }
    auto one = [](size_t, size_t) { return 1.0; };
    for (double bad : {-1.0, 2.5, nan}) {
        CAPTURE(bad);
        auto n = [bad](size_t i, size_t j) { return i == 2 && j == 3 ? bad : 1.0; };
        CHECK_THROWS_AS(row_pairs(shape, one, n), ConnectError);
    }
    // The limits themselves are fine.
    CHECK_NOTHROW(uniform_pairs(shape, 1.0, 1));
    CHECK_NOTHROW(row_pairs(shape, [](size_t, size_t j) { return j % 2 ? 0.0 : 1.0; }));
}

TEST_CASE("make_connections: in- and out-degree rules give each line exactly K distinct partners") {
    const ConnectShape shape{200, 150, false};
    for (Kind kind : {Kind::InDegree, Kind::OutDegree}) {
        const bool in = kind == Kind::InDegree;
        CAPTURE(in);
        const Connections c = degrees(
            kind, shape, [](size_t line) { return line % 7 + 3.0; }, false);
        const std::vector<uint32_t>& partner = in ? c.pre : c.post;
        const size_t lines = in ? shape.n_post : shape.n_pre;
        const size_t others = in ? shape.n_pre : shape.n_post;
        const std::vector<double> d = degree_counts(c, lines, !in);
        for (size_t line = 0; line < lines; ++line) CHECK(d[line] == line % 7 + 3.0);
        // sorted by pre neuron (in-degree pairs too, so a spike's synapses are contiguous) and then
        // by post: no pair twice
        for (size_t s = 1; s < c.pre.size(); ++s) {
            CHECK(c.pre[s - 1] <= c.pre[s]);
            if (c.pre[s - 1] == c.pre[s]) CHECK(c.post[s - 1] < c.post[s]);
        }
        for (uint32_t x : partner) CHECK(x < others);
    }
}

TEST_CASE("make_connections: a few partners among very many candidates are distinct too") {
    // 5 of 200 000 candidates: the taken values are kept in a hash set rather than a bitmap.
    // 50 lines of K = 50 among 1 000 (the bitmap) repeat a partner only if the set is wrong.
    for (auto [candidates, k] : {std::pair<size_t, double>{200000, 5.0}, std::pair<size_t, double>{1000, 50.0}}) {
        CAPTURE(candidates);
        const Connections c = degrees(
            Kind::InDegree, {candidates, 50, false}, [k](size_t) { return k; }, false);
        REQUIRE(c.pre.size() == 50 * static_cast<size_t>(k));
        const std::vector<Pair> pairs = pairs_of(c);
        CHECK(std::set<Pair>(pairs.begin(), pairs.end()).size() == pairs.size());
        for (uint32_t x : c.pre) CHECK(x < candidates);
    }
}

TEST_CASE("make_connections: degree rules without autapses never connect a neuron to itself") {
    const size_t n = 30;
    for (Kind kind : {Kind::InDegree, Kind::OutDegree}) {
        for (bool multapses : {false, true}) {
            CAPTURE(multapses);
            // K = n - 1 without multapses leaves exactly one choice: every other neuron.
            const Connections c = degrees(
                kind, {n, n, true}, [](size_t) { return 29.0; }, multapses, false);
            REQUIRE(c.pre.size() == n * (n - 1));
            for (size_t s = 0; s < c.pre.size(); ++s) CHECK(c.pre[s] != c.post[s]);
            if (!multapses) {
                const std::vector<Pair> pairs = pairs_of(c);
                CHECK(std::set<Pair>(pairs.begin(), pairs.end()).size() == n * (n - 1));
            }
        }
    }
}

TEST_CASE("make_connections: multapses let a degree exceed or repeat the candidates") {
    // K = 6 from 5 candidates: only possible with multapses, and then some partner repeats.
    auto six = [](size_t) { return 6.0; };
    CHECK_THROWS_AS(degrees(Kind::InDegree, {5, 8, false}, six, false), ConnectError);
    CHECK_THROWS_AS(degrees(Kind::OutDegree, {8, 5, false}, six, false), ConnectError);
    // Without autapses 5 neurons of one group have only 4 candidates each.
    CHECK_THROWS_AS(degrees(
                        Kind::OutDegree, {5, 5, true}, [](size_t) { return 5.0; }, false, false),
                    ConnectError);
    CHECK_NOTHROW(degrees(
        Kind::OutDegree, {5, 5, true}, [](size_t) { return 5.0; }, false, true));
    const Connections c = degrees(Kind::InDegree, {5, 8, false}, six, true);
    CHECK(c.pre.size() == 48);
    // K = 10 of 20 with replacement: a line has no repeat with chance 20!/(10! 20^10) ~ 0.065,
    // so 100 lines without one have chance ~ 1e-118.
    const Connections m = degrees(
        Kind::OutDegree, {100, 20, false}, [](size_t) { return 10.0; }, true);
    const std::vector<Pair> pairs = pairs_of(m);
    CHECK(std::set<Pair>(pairs.begin(), pairs.end()).size() < pairs.size());
}

TEST_CASE("make_connections: a degree that is not a whole number >= 0 is a connect error") {
    for (double bad : {-1.0, 2.5, std::numeric_limits<double>::quiet_NaN()}) {
        CAPTURE(bad);
        auto k = [bad](size_t line) { return line == 3 ? bad : 2.0; };
        CHECK_THROWS_AS(degrees(Kind::InDegree, {10, 10, false}, k, false), ConnectError);
    }
    CHECK(degrees(
              Kind::InDegree, {10, 10, false}, [](size_t) { return 0.0; }, false)
              .pre.empty());
}

TEST_CASE("make_connections: degree partners are uniform over the candidates") {
    // 4000 lines of K = 10 partners among 50: each partner is expected 800 times. With
    // multapses the counts are multinomial, Pearson's statistic ~ chi-square(49), mean 49, sd
    // 9.9; without, each line's picks are negatively correlated and the statistic is about
    // (1 - K/50) chi-square(49), mean 39. Bounds: below 49 + 5 sd = 99, and above 10, which
    // (1 - K/50) chi-square(49) undershoots with chance ~ 1e-8 (a too-even, non-random spread).
    for (Kind kind : {Kind::InDegree, Kind::OutDegree}) {
        for (bool multapses : {false, true}) {
            const bool in = kind == Kind::InDegree;
            CAPTURE(in);
            CAPTURE(multapses);
            const ConnectShape shape =
                in ? ConnectShape{50, 4000, false} : ConnectShape{4000, 50, false};
            const Connections c = degrees(
                kind, shape, [](size_t) { return 10.0; }, multapses);
            const double chi2 = chi_square_uniform(degree_counts(c, 50, in));
            CHECK(chi2 < 99.0);
            CHECK(chi2 > 10.0);
        }
    }
    // Without autapses each neuron's 49 other neurons are equally likely: line i picks K of n - 1.
    const size_t n = 50;
    const Connections c = degrees(
        Kind::OutDegree, {n, n, true}, [](size_t) { return 10.0; }, true, false);
    std::vector<double> offset_counts(n - 1, 0.0);  // partner relative to the line, 1 .. n - 1
    for (size_t s = 0; s < c.pre.size(); ++s)
        offset_counts[(c.post[s] + n - c.pre[s]) % n - 1] += 1;
    // 500 draws over 49 cells (~10 each): chi-square(48), mean 48, sd 9.8.
    CHECK(chi_square_uniform(offset_counts) < 48 + sigmas * 9.8);
}

TEST_CASE("make_connections: degree rules are deterministic for a seed") {
    const ConnectShape shape{300, 300, false};
    auto k = [](size_t) { return 12.0; };
    const auto a = pairs_of(degrees(Kind::InDegree, shape, k, false, true, 5));
    CHECK(a == pairs_of(degrees(Kind::InDegree, shape, k, false, true, 5)));
    CHECK(a != pairs_of(degrees(Kind::InDegree, shape, k, false, true, 6)));
}

TEST_CASE("make_connections: one-to-one connects k to k for the smaller group") {
    for (ConnectShape shape :
         {ConnectShape{7, 4, false}, ConnectShape{3, 5, false}, ConnectShape{6, 6, true}}) {
        const std::vector<Pair> pairs =
            pairs_of(make_connections(rule(Kind::OneToOne), shape, {1, 0}, RowFunction{}));
        REQUIRE(pairs.size() == std::min(shape.n_pre, shape.n_post));
        for (uint32_t k = 0; k < pairs.size(); ++k) CHECK(pairs[k] == Pair{k, k});
    }
}

TEST_CASE("make_connections: explicit pairs are kept as given; one outside a group is an error") {
    ConnectPlan plan = rule(Kind::Explicit);
    plan.pre = {2, 0, 4, 2, 2};
    plan.post = {1, 3, 0, 1, 2};
    const ConnectShape shape{5, 4, false};
    const std::vector<Pair> expected{{2, 1}, {0, 3}, {4, 0}, {2, 1}, {2, 2}};
    CHECK(pairs_of(make_connections(plan, shape, {1, 0}, RowFunction{})) == expected);
    const std::vector<std::pair<double, double>> bad{{5, 0},  {0, 4},   {-1, 0},
                                                     {0, -1}, {1.5, 0}, {0, 0.5}};
    for (auto [i, j] : bad) {
        CAPTURE(i);
        CAPTURE(j);
        ConnectPlan wrong = rule(Kind::Explicit);
        wrong.pre = {0, i};
        wrong.post = {0, j};
        CHECK_THROWS_AS(make_connections(wrong, shape, {1, 0}, RowFunction{}), ConnectError);
    }
}

TEST_CASE("make_connections: degree rules give the same pairs in the same order on any number of threads") {
    const ConnectShape shape{300, 200, true};
    auto k = [](size_t line) { return static_cast<double>(line % 7 * 5); };
    for (Kind kind : {Kind::InDegree, Kind::OutDegree}) {
        for (bool multapses : {false, true}) {
            const auto one = pairs_of(degrees(kind, shape, k, multapses, false, 5, 1));
            CHECK(one.size() > 1000);
            CHECK(one == pairs_of(degrees(kind, shape, k, multapses, false, 5, 2)));
            CHECK(one == pairs_of(degrees(kind, shape, k, multapses, false, 5, 3)));
        }
    }
}

TEST_CASE("make_connections: on several threads a degree rule reports the lowest line that fails") {
    // lines 40 and 90 ask for more distinct partners than the 50 candidates
    auto k = [](size_t line) { return line == 40 || line == 90 ? 60.0 : 3.0; };
    for (int threads : {1, 2}) {
        try {
            degrees(Kind::InDegree, {50, 120, false}, k, false, true, 11, threads);
            FAIL("expected a ConnectError");
        } catch (const ConnectError& e) {
            CHECK(std::string(e.what()).find("neuron 40 ") != std::string::npos);
        }
    }
}

TEST_CASE("make_connections: an absurd degree without multapses is refused before any memory is set aside") {
    auto k = [](size_t line) { return line == 2 ? 1e15 : 3.0; };
    try {
        degrees(Kind::InDegree, {50, 10, false}, k, false, true, 11, 2);
        FAIL("expected a ConnectError");
    } catch (const ConnectError& e) {
        CHECK(std::string(e.what()).find("neuron 2 needs 1000000000000000 distinct partners but only 50") !=
              std::string::npos);
    }
}
