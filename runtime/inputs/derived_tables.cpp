// Tables computed from other tables: products, quantile splits, transforms, combinations.
#include "runtime/inputs/derived_tables.h"

#include "runtime/inputs/csv_table.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace nj::rt {

namespace {

std::string number_text(double x) {
    std::ostringstream s;
    s << x;
    return s.str();
}

std::string shape_text(size_t rows, size_t cols) {
    return std::to_string(rows) + " x " + std::to_string(cols);
}

/// x as a whole number >= 0; throws naming `what` otherwise.
size_t whole(double x, const std::string& what) {
    if (!(x >= 0) || x != std::floor(x) || x > 9.0e15) {
        throw TableError(what + " must be a whole number >= 0, but it is " + number_text(x));
    }
    return static_cast<size_t>(x);
}

/// splitmix64: a small generator whose output is the same on every machine.
struct SplitMix {
    uint64_t state;
    uint64_t next() {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// A draw in [0, bound).
    size_t below(size_t bound) {
        return static_cast<size_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
    }
};

SplitMix generator(uint64_t seed, uint64_t stream) {
    SplitMix g{seed};
    g.state ^= SplitMix{stream * 0xD1B54A32D192ED03ull + 1}.next();
    return g;
}

/// The first `count` entries of a random permutation of 0..n-1 (partial Fisher-Yates).
std::vector<size_t> draw_without_replacement(size_t n, size_t count, SplitMix& g) {
    std::vector<size_t> p(n);
    std::iota(p.begin(), p.end(), size_t{0});
    for (size_t k = 0; k < count && k + 1 < n; ++k) std::swap(p[k], p[k + g.below(n - k)]);
    p.resize(count);
    return p;
}

}  // namespace

Matrix matrix_product(const Matrix& a, const Matrix& b, bool transpose_a, bool transpose_b) {
    size_t ar = transpose_a ? a.cols : a.rows, ac = transpose_a ? a.rows : a.cols;
    size_t br = transpose_b ? b.cols : b.rows, bc = transpose_b ? b.rows : b.cols;
    if (ac != br) {
        throw TableError(
            "the shapes do not fit a product: a" + std::string(transpose_a ? " transposed" : "") +
            " is " + shape_text(ar, ac) + " and b" + (transpose_b ? " transposed" : "") + " is " +
            shape_text(br, bc) + " (the columns of the first must equal the rows of the second)");
    }
    auto at_a = [&](size_t r, size_t c) { return transpose_a ? a.at(c, r) : a.at(r, c); };
    auto at_b = [&](size_t r, size_t c) { return transpose_b ? b.at(c, r) : b.at(r, c); };
    Matrix out{ar, bc, std::vector<double>(ar * bc, 0.0)};
    for (size_t r = 0; r < ar; ++r) {
        for (size_t m = 0; m < ac; ++m) {
            double x = at_a(r, m);
            if (x == 0.0) continue;
            for (size_t c = 0; c < bc; ++c) out.values[r * bc + c] += x * at_b(m, c);
        }
    }
    return out;
}

double linear_quantile(std::vector<double> x, double q) {
    std::sort(x.begin(), x.end());
    double h = (static_cast<double>(x.size()) - 1) * q;
    size_t lo = static_cast<size_t>(std::floor(h));
    if (lo + 1 >= x.size()) return x.back();
    return x[lo] + (h - static_cast<double>(lo)) * (x[lo + 1] - x[lo]);
}

Matrix quantile_split(const Matrix& m, double q, const std::vector<double>* marks,
                      const std::string& statistic) {
    if (!(q >= 0 && q <= 1))
        throw TableError("q must be between 0 and 1, but it is " + number_text(q));
    if (statistic != "nonzero" && statistic != "sum") {
        throw TableError("statistic must be \"nonzero\" or \"sum\", but it is \"" + statistic +
                         "\"");
    }
    if (marks && marks->size() != m.rows) {
        throw TableError("rows has " + std::to_string(marks->size()) +
                         " values, but the matrix has " + std::to_string(m.rows) +
                         " rows (one mark per row is needed)");
    }
    std::vector<double> stat(m.rows, 0.0), marked;
    for (size_t r = 0; r < m.rows; ++r) {
        for (size_t c = 0; c < m.cols; ++c)
            stat[r] += statistic == "sum" ? m.at(r, c) : (m.at(r, c) != 0.0);
        if (!marks || (*marks)[r] == 1.0) marked.push_back(stat[r]);
    }
    Matrix out{m.rows, 1, std::vector<double>(m.rows, -1.0)};
    if (marked.empty()) return out;
    double threshold = linear_quantile(marked, q);
    for (size_t r = 0; r < m.rows; ++r) {
        if (!marks || (*marks)[r] == 1.0) out.values[r] = stat[r] <= threshold ? 1.0 : 0.0;
    }
    return out;
}

Matrix transform_table(const Matrix& source, const TransformOptions& o) {
    size_t start = o.rows_start ? whole(*o.rows_start, "the first row of 'rows'") : 0;
    size_t stop = o.rows_stop ? whole(*o.rows_stop, "the end of 'rows'") : source.rows;
    if (start > stop || stop > source.rows) {
        throw TableError("rows = " + std::to_string(start) + ":" + std::to_string(stop) +
                         " is not a slice of the source's " + std::to_string(source.rows) +
                         " rows");
    }
    Matrix m{stop - start, source.cols,
             std::vector<double>(
                 source.values.begin() + static_cast<std::ptrdiff_t>(start * source.cols),
                 source.values.begin() + static_cast<std::ptrdiff_t>(stop * source.cols))};
    std::optional<size_t> base;
    if (o.baseline_row) {
        base = whole(*o.baseline_row, "baseline_row");
        if (*base >= m.rows) {
            throw TableError("baseline_row = " + std::to_string(*base) + " is outside the " +
                             std::to_string(m.rows) + " rows kept");
        }
    }
    for (size_t r = 0; r < m.rows; ++r) {
        std::optional<double> fill = base && r == *base && o.na_baseline ? o.na_baseline : o.na;
        for (size_t c = 0; c < m.cols && fill; ++c) {
            if (std::isnan(m.values[r * m.cols + c])) m.values[r * m.cols + c] = *fill;
        }
    }
    const bool add = base && o.add_baseline.value_or(1.0) != 0.0;
    for (size_t r = 0; r < m.rows && add; ++r) {
        for (size_t c = 0; c < m.cols && r != *base; ++c)
            m.values[r * m.cols + c] += m.at(*base, c);
    }
    for (double& x : m.values) {
        if (o.clip_low && x < *o.clip_low) x = *o.clip_low;
        if (o.clip_high && x > *o.clip_high) x = *o.clip_high;
    }
    if (o.normalise == "max") {
        double top = max_entry(m.values);
        if (!(top > 0))
            throw TableError("normalise = \"max\" needs a largest entry > 0, but it is " +
                             number_text(top));
        for (double& x : m.values) x /= top;
    } else if (o.normalise == "range") {
        auto [low, high] = std::minmax_element(m.values.begin(), m.values.end());
        if (m.values.empty() || !(*high > *low))
            throw TableError("normalise = \"range\" needs entries that differ");
        double lowest = *low, span = *high - *low;
        for (double& x : m.values) x = (x - lowest) / span;
    } else if (!o.normalise.empty()) {
        throw TableError("normalise must be \"max\" or \"range\", but it is \"" + o.normalise + "\"");
    }
    return m;
}

Matrix combinations(double n_value, double k_value, std::optional<double> sample, uint64_t seed) {
    size_t n = whole(n_value, "n"), k = whole(k_value, "k");
    if (k == 0) throw TableError("k must be at least 1");
    constexpr double limit = 1e7;
    double count = 1;  // C(n, k), exact while it stays below the limit
    for (size_t j = 0; j < k && count <= limit; ++j)
        count = count * static_cast<double>(n - std::min(n, j)) / static_cast<double>(j + 1);
    if (count > limit) {
        throw TableError("n = " + std::to_string(n) + ", k = " + std::to_string(k) +
                         " gives more than 10000000 combinations");
    }
    Matrix all{0, k, {}};
    std::vector<size_t> c(k);
    std::iota(c.begin(), c.end(), size_t{0});
    while (k <= n) {
        for (size_t x : c) all.values.push_back(static_cast<double>(x));
        ++all.rows;
        size_t j = k;  // the last position that can still grow
        while (j > 0 && c[j - 1] == n - k + j - 1) --j;
        if (j == 0) break;
        ++c[j - 1];
        for (size_t m = j; m < k; ++m) c[m] = c[m - 1] + 1;
    }
    if (!sample) return all;
    size_t want = whole(*sample, "sample");
    if (want > all.rows) {
        throw TableError("sample = " + std::to_string(want) + " is more than the " +
                         std::to_string(all.rows) + " combinations there are");
    }
    SplitMix g = generator(seed, 0);
    std::vector<size_t> pick = draw_without_replacement(all.rows, want, g);
    std::sort(pick.begin(), pick.end());
    Matrix out{want, k, {}};
    for (size_t r : pick) {
        out.values.insert(out.values.end(), all.values.begin() + static_cast<std::ptrdiff_t>(r * k),
                          all.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * k));
    }
    return out;
}

std::vector<size_t> random_permutation(size_t n, uint64_t seed, uint64_t stream) {
    SplitMix g = generator(seed, stream);
    return draw_without_replacement(n, n, g);
}

Matrix permute_matrix(const Matrix& m, uint64_t seed) {
    std::vector<size_t> rows = random_permutation(m.rows, seed, 0),
                        cols = random_permutation(m.cols, seed, 1);
    Matrix out{m.rows, m.cols, std::vector<double>(m.values.size())};
    for (size_t r = 0; r < m.rows; ++r) {
        for (size_t c = 0; c < m.cols; ++c) out.values[r * m.cols + c] = m.at(rows[r], cols[c]);
    }
    return out;
}

double max_entry(const std::vector<double>& values) {
    double top = 0;
    bool any = false;
    for (double x : values) {
        if (std::isnan(x)) continue;
        top = any ? std::max(top, x) : x;
        any = true;
    }
    return top;
}

}  // namespace nj::rt
