// Connect rules: Bernoulli pairs (with geometric skips for a uniform probability), fixed in- and
// out-degrees, one-to-one and explicit pairs.
#include "runtime/synapses/connect.h"

#include "runtime/inputs/csv_table.h"
#include "runtime/memory/huge_pages.h"
#include "runtime/rng/counter_rng.h"
#include "runtime/rng/philox_batch.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <new>
#include <string>
#include <unordered_set>

namespace nj::rt {

namespace {

void add_pair(Connections& out, size_t pre, size_t post, size_t count = 1) {
    for (size_t k = 0; k < count; ++k) {
        out.pre.push_back(static_cast<uint32_t>(pre));
        out.post.push_back(static_cast<uint32_t>(post));
    }
}

/// A synapse count `n` of a pair: a whole number >= 0.
size_t pair_count(double n, size_t pre, size_t post) {
    if (!(n >= 0) || n != std::floor(n)) {
        throw ConnectError("the number of synapses 'n' of pair (" + std::to_string(pre) + ", " +
                           std::to_string(post) + ") is " + std::to_string(n) + ", not a whole number >= 0");
    }
    return static_cast<size_t>(n);
}

void check_probability(double p, size_t pre, size_t post) {
    if (!(p >= 0) || p > 1 + 1e-12) {
        throw ConnectError("the connection probability of pair (" + std::to_string(pre) + ", " +
                           std::to_string(post) + ") is " + std::to_string(p) + ", outside [0, 1]");
    }
}

/// Pre neuron `line`: every post j with probability row[j], one uniform per candidate.
void bernoulli_line(size_t line, const double* row, const double* counts, const ConnectShape& shape,
                    const RngKey& key, bool autapses, Connections& out) {
    for (size_t j = 0; j < shape.n_post; ++j) {
        double p = row[j];
        if (p == 0) continue;
        check_probability(p, line, j);
        if (!autapses && shape.same_group && j == line) continue;
        if (p < 1 && uniform01(key, line, static_cast<uint32_t>(j), 0) >= p) continue;
        add_pair(out, line, j, counts ? pair_count(counts[j], line, j) : 1);
    }
}

/// Pre neuron `line` with the same probability p for every post: jumps between chosen posts
/// are geometric, so the cost is the number of synapses, not of candidates.
void skipping_line(size_t line, double p, const ConnectShape& shape, const RngKey& key, bool autapses,
                   Connections& out) {
    check_probability(p, line, 0);
    if (p <= 0) return;
    double log_q = std::log1p(-std::min(p, 1.0));
    size_t j = 0;
    for (uint32_t draw = 0;; ++draw) {
        if (p < 1) {
            double u = open_uniform01_from_bits(random_u64(key, line, draw, 0));
            double jump = std::floor(std::log(u) / log_q);
            if (jump >= static_cast<double>(shape.n_post - j)) return;
            j += static_cast<size_t>(jump);
        }
        if (j >= shape.n_post) return;
        if (autapses || !shape.same_group || j != line) add_pair(out, line, j);
        ++j;
    }
}

/// The candidates a line has taken: a bitmap over [0, candidates) when it has at most 16 words
/// per value to take, else a hash set of the values.
class CandidateSet {
public:
    CandidateSet(size_t candidates, size_t degree) {
        size_t words = (candidates + 63) / 64;
        if (words <= 16 * degree) bits_.assign(words, 0);
    }
    /// Adds k; false when it was there already.
    bool insert(size_t k) {
        if (bits_.empty()) return hashed_.insert(k).second;
        uint64_t& word = bits_[k / 64];
        const uint64_t bit = uint64_t{1} << (k % 64);
        const bool fresh = (word & bit) == 0;
        word |= bit;
        return fresh;
    }

private:
    std::vector<uint64_t> bits_;
    std::unordered_set<size_t> hashed_;
};

/// Refuses `degree` partners from [0, n) skipping `self` when there are too few candidates
/// (checked before any room is made for the pairs, so an absurd degree is an error, not a
/// request for memory).
void check_degree(size_t degree, size_t n, size_t self, bool multapses, size_t line) {
    size_t candidates = self < n ? n - 1 : n;
    if (degree > 0 && (candidates == 0 || (!multapses && degree > candidates))) {
        throw ConnectError("neuron " + std::to_string(line) + " needs " + std::to_string(degree) +
                           " distinct partners but only " + std::to_string(candidates) +
                           " are available (allow them with 'multapses = true')");
    }
}

/// `degree` distinct (or, with multapses, independent) candidates from [0, n), skipping `self`.
std::vector<uint32_t> sample(size_t degree, size_t n, size_t self, bool multapses, const RngKey& key,
                             size_t line) {
    size_t candidates = self < n ? n - 1 : n;
    std::vector<uint32_t> chosen;
    if (degree == 0) return chosen;
    check_degree(degree, n, self, multapses, line);
    // Draw d is uniform01(key, line, d, 0): block 0 of index d, so the blocks of the coming draws
    // are computed together (philox_batch.h), with the same values.
    constexpr uint32_t batch = 256;
    std::array<PhiloxWords, batch> blocks;
    auto draw_candidate = [&](uint32_t draw, size_t limit) {
        if (draw % batch == 0) {
            const auto count = static_cast<uint32_t>(std::min<size_t>(batch, degree - draw));
            philox_blocks(key, line, 0, 0, draw, count, blocks.data());
        }
        const PhiloxWords& w = blocks[draw % batch];
        auto k = static_cast<size_t>(uniform01_from_bits(join_words(w[0], w[1])) * static_cast<double>(limit));
        return std::min(k, limit - 1);
    };
    auto to_element = [&](size_t k) { return static_cast<uint32_t>(self < n && k >= self ? k + 1 : k); };
    if (multapses) {
        for (uint32_t d = 0; d < degree; ++d) chosen.push_back(to_element(draw_candidate(d, candidates)));
    } else {
        // Floyd's algorithm: `degree` distinct values with one draw each. The values taken are
        // a bitmap when it is small next to the degree (a hash set otherwise); same draws, same
        // values either way.
        CandidateSet taken(candidates, degree);
        uint32_t d = 0;
        for (size_t r = candidates - degree; r < candidates; ++r, ++d) {
            size_t k = draw_candidate(d, r + 1);
            if (!taken.insert(k)) taken.insert(k = r);
            chosen.push_back(to_element(k));
        }
    }
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

size_t degree_of(double k, size_t line);

/// Room for `total` more synapses (degrees summed over lines, negative and non-finite ones
/// counted as 0: degree_of refuses them later), so the pairs are not copied as they grow. Only
/// a hint: at most 2^28 are reserved, so an absurd degree is refused by sample(), and a
/// reservation the machine cannot give (an overestimate) is skipped: the pairs then grow as
/// they are made, and fail only if they really do not fit.
void reserve_pairs(Connections& out, double total) {
    auto n = static_cast<size_t>(std::min(total, static_cast<double>(size_t{1} << 28)));
    try {
        reserve_advised(out.pre, out.pre.size() + n);
        reserve_advised(out.post, out.post.size() + n);
    } catch (const std::bad_alloc&) {
    }
}

/// Lines whose partner counts are known before drawing: `partners(line, buffer)` fills the
/// sorted partners of one line, and line l's pairs go to [first[l], first[l + 1]) of `out`, in
/// line order whatever the number of threads (each line draws with random numbers of its own).
/// An error is the one of the lowest line that fails, as drawing in order would report.
void fill_lines(const std::vector<size_t>& first, bool lines_are_post, int threads, Connections& out,
                const std::function<void(size_t, std::vector<uint32_t>&)>& partners) {
    const size_t lines = first.size() - 1;
    assign_advised(out.pre, first[lines], uint32_t{0});
    assign_advised(out.post, first[lines], uint32_t{0});
    size_t failed_line = lines;
    std::string failure;
#pragma omp parallel num_threads(threads) if (threads > 1 && lines > 1)
    {
        std::vector<uint32_t> buffer;
#pragma omp for schedule(dynamic, 16)
        for (size_t line = 0; line < lines; ++line) {
            try {
                buffer.clear();
                partners(line, buffer);
                auto at = static_cast<std::ptrdiff_t>(first[line]);
                std::vector<uint32_t>& own = lines_are_post ? out.post : out.pre;
                std::vector<uint32_t>& other = lines_are_post ? out.pre : out.post;
                std::fill(own.begin() + at, own.begin() + at + static_cast<std::ptrdiff_t>(buffer.size()),
                          static_cast<uint32_t>(line));
                std::copy(buffer.begin(), buffer.end(), other.begin() + at);
            } catch (const ConnectError& e) {
#pragma omp critical(connect_failure)
                if (line < failed_line) {
                    failed_line = line;
                    failure = e.what();
                }
            }
        }
    }
    if (failed_line < lines) throw ConnectError(failure);
}

/// Where each line's pairs start, from its partner count `count(line)`, and the total at the end.
std::vector<size_t> line_starts(size_t lines, const std::function<size_t(size_t)>& count) {
    std::vector<size_t> first(lines + 1, 0);
    for (size_t line = 0; line < lines; ++line) first[line + 1] = first[line] + count(line);
    return first;
}

/// Fixed in- or out-degrees: each line draws its partners from all neurons of the other side.
void degrees(const ConnectPlan& plan, const ConnectShape& shape, const RngKey& key, const RowFunction& row,
             int threads, Connections& out) {
    bool in = plan.kind == ConnectPlan::Kind::InDegree;
    const double* degree = row(0, nullptr);
    size_t lines = in ? shape.n_post : shape.n_pre;
    size_t others = in ? shape.n_pre : shape.n_post;
    auto self_of = [&](size_t line) { return !plan.autapses && shape.same_group ? line : others; };
    std::vector<size_t> first = line_starts(lines, [&](size_t line) {
        size_t k = degree_of(degree[line], line);
        check_degree(k, others, self_of(line), plan.multapses, line);
        return k;
    });
    fill_lines(first, in, threads, out, [&](size_t line, std::vector<uint32_t>& partners) {
        partners = sample(first[line + 1] - first[line], others, self_of(line), plan.multapses, key, line);
    });
}

/// Fixed degrees per block: the partner side is split by label, and each line draws its degree
/// for block b (evaluated with the partner index at b's first member) from b's members only, with
/// random numbers of their own per block.
void blocked_degrees(const ConnectPlan& plan, const ConnectShape& shape, const RngKey& key, const RowFunction& row,
                     const double* labels, int threads, Connections& out) {
    bool in = plan.kind == ConnectPlan::Kind::InDegree;
    size_t lines = in ? shape.n_post : shape.n_pre;
    size_t others = in ? shape.n_pre : shape.n_post;
    std::map<double, std::vector<uint32_t>> members;  // label order, members ascending
    for (size_t k = 0; k < others; ++k) {
        if (!std::isfinite(labels[k])) throw ConnectError("the block label of neuron " + std::to_string(k) + " is not finite");
        members[labels[k]].push_back(static_cast<uint32_t>(k));
    }
    std::vector<std::vector<double>> degree;  // [block][line]
    for (const auto& [label, m] : members) {
        const double* d = row(m[0], nullptr);
        degree.emplace_back(d, d + lines);
    }
    // the line's own position among a block's members, or the block's size when it is not one
    auto self_in = [&](const std::vector<uint32_t>& m, size_t line) {
        if (plan.autapses || !shape.same_group) return m.size();
        auto at = std::lower_bound(m.begin(), m.end(), static_cast<uint32_t>(line));
        return at != m.end() && *at == line ? static_cast<size_t>(at - m.begin()) : m.size();
    };
    std::vector<size_t> first = line_starts(lines, [&](size_t line) {
        size_t count = 0, b = 0;
        for (const auto& [label, m] : members) {
            size_t k = degree_of(degree[b++][line], line);
            check_degree(k, m.size(), self_in(m, line), plan.multapses, line);
            count += k;
        }
        return count;
    });
    fill_lines(first, in, threads, out, [&](size_t line, std::vector<uint32_t>& partners) {
        size_t b = 0;
        for (const auto& [label, m] : members) {
            size_t self = self_in(m, line);
            RngKey block_key{key.seed, key.stream ^ static_cast<uint32_t>((b + 1) * 0x9E3779B1u)};
            for (uint32_t k : sample(degree_of(degree[b][line], line), m.size(), self, plan.multapses, block_key, line)) {
                partners.push_back(m[k]);
            }
            ++b;
        }
        std::sort(partners.begin(), partners.end());
    });
}

size_t degree_of(double k, size_t line) {
    if (!(k >= 0) || k != std::floor(k)) {
        throw ConnectError("the degree of neuron " + std::to_string(line) + " is " + std::to_string(k) +
                           ", not a whole number >= 0");
    }
    return static_cast<size_t>(k);
}

/// The partners of one generated line: each one checked, a sample drawn when asked for.
void generated_line(const ConnectPlan& plan, const ConnectShape& shape, const RngKey& key, size_t line,
                    const GeneratedLine& generated, Connections& out) {
    size_t others = plan.lines_are_post ? shape.n_pre : shape.n_post;
    std::vector<uint32_t> positions;
    if (generated.sample_size >= 0) {
        positions = sample(degree_of(generated.sample_size, line), generated.count, generated.count, false, key, line);
    } else {
        for (size_t k = 0; k < generated.count; ++k) positions.push_back(static_cast<uint32_t>(k));
    }
    for (uint32_t k : positions) {
        double partner = generated.partners[k];
        if (std::isnan(partner)) continue;
        if (partner < 0 || partner >= static_cast<double>(others) || partner != std::floor(partner)) {
            if (plan.skip_if_invalid) continue;
            throw ConnectError("neuron " + std::to_string(line) + " generated the partner " + std::to_string(partner) +
                               ", outside the " + std::to_string(others) +
                               " neurons of the other group (drop such partners with 'skip_if_invalid = true')");
        }
        auto other = static_cast<size_t>(partner);
        if (plan.lines_are_post) add_pair(out, other, line);
        else add_pair(out, line, other);
    }
}

/// The column of `table` named one of `names`, else `fallback`.
size_t column_of(const CsvTable& table, std::initializer_list<const char*> names, size_t fallback) {
    for (size_t c = 0; c < table.column_names.size(); ++c) {
        for (const char* n : names) {
            if (table.column_names[c] == n) return c;
        }
    }
    return fallback;
}

/// Index `value` of row `row` (from 0) of `path`, checked against the group's size; the message
/// is only built for a row that fails.
bool file_index(double value, size_t size, bool skip_invalid, const std::string& path, size_t row) {
    if (value >= 0 && value < static_cast<double>(size) && value == std::floor(value)) return true;
    if (skip_invalid) return false;
    throw ConnectError(path + ": row " + std::to_string(row + 1) + ": index " + std::to_string(value) +
                       " is outside the group of " + std::to_string(size) +
                       " neurons (drop such rows with 'skip_if_invalid = true')");
}

void edge_file(const ConnectPlan& plan, const ConnectShape& shape, Connections& out) {
    CsvTable table = read_csv_table(plan.path, CsvOptions{});
    if (table.cols < 2) throw ConnectError(plan.path + ": an edge list needs two columns, i and j");
    size_t ci = column_of(table, {"i", "pre"}, 0), cj = column_of(table, {"j", "post"}, 1);
    size_t cw = table.cols;
    if (!plan.weight_column.empty()) {
        cw = column_of(table, {plan.weight_column.c_str()}, table.cols);
        if (cw == table.cols) throw ConnectError(plan.path + ": no column '" + plan.weight_column + "'");
    }
    for (size_t r = 0; r < table.rows; ++r) {
        double i = table.at(r, ci), j = table.at(r, cj);
        if (!file_index(i, shape.n_pre, plan.skip_if_invalid, plan.path, r) ||
            !file_index(j, shape.n_post, plan.skip_if_invalid, plan.path, r)) {
            continue;
        }
        add_pair(out, static_cast<size_t>(i), static_cast<size_t>(j));
        if (cw < table.cols) out.values.push_back(table.at(r, cw));
    }
}

void matrix_file(const ConnectPlan& plan, const ConnectShape& shape, Connections& out) {
    CsvTable table = read_csv_table(plan.path, CsvOptions{false, 0, ','});
    if (table.rows != shape.n_post || table.cols != shape.n_pre) {
        throw ConnectError(plan.path + ": a " + std::to_string(table.rows) + " x " + std::to_string(table.cols) +
                           " matrix for " + std::to_string(shape.n_post) + " post (rows) x " +
                           std::to_string(shape.n_pre) + " pre (columns) neurons");
    }
    for (size_t i = 0; i < shape.n_pre; ++i) {
        for (size_t j = 0; j < shape.n_post; ++j) {
            if (table.at(j, i) <= plan.threshold) continue;
            add_pair(out, i, j);
            out.values.push_back(table.at(j, i));
        }
    }
}

/// Reorders the pairs by pre neuron, keeping their order within one pre neuron (a counting sort),
/// so each pre neuron's synapses are contiguous.
void order_by_pre(Connections& out, size_t n_pre) {
    std::vector<size_t> start(n_pre + 1, 0);
    for (uint32_t i : out.pre) ++start[i + 1];
    for (size_t i = 0; i < n_pre; ++i) start[i + 1] += start[i];
    std::vector<uint32_t> post(out.post.size());
    for (size_t s = 0; s < out.pre.size(); ++s) post[start[out.pre[s]]++] = out.post[s];
    for (size_t i = n_pre; i > 0; --i) start[i] = start[i - 1];
    start[0] = 0;
    for (size_t i = 0; i < n_pre; ++i) {
        std::fill(out.pre.begin() + static_cast<std::ptrdiff_t>(start[i]),
                  out.pre.begin() + static_cast<std::ptrdiff_t>(start[i + 1]), static_cast<uint32_t>(i));
    }
    out.post = std::move(post);
}

}  // namespace

Connections make_connections(const ConnectPlan& plan, const ConnectShape& shape, const ConnectSeed& seed,
                             const RowFunction& row, const GenerateFunction& generate, const BlockFunction& blocks,
                             int threads) {
    Connections out;
    RngKey key{seed.seed, seed.stream};
    switch (plan.kind) {
    case ConnectPlan::Kind::Pairs:
        if (plan.uniform && shape.n_pre > 0) {
            // room for about the pairs the first line's probability gives every line, plus a
            // margin: reserved memory that stays unused is never touched
            double p = row(0, nullptr)[0];
            double expected = static_cast<double>(shape.n_pre) * static_cast<double>(shape.n_post) * p;
            if (std::isfinite(p) && p > 0 && p <= 1) reserve_pairs(out, expected + 5 * std::sqrt(expected) + 64);
        }
        for (size_t i = 0; i < shape.n_pre; ++i) {
            const double* counts = nullptr;
            const double* values = row(i, &counts);
            if (plan.uniform) skipping_line(i, values[0], shape, key, plan.autapses, out);
            else bernoulli_line(i, values, counts, shape, key, plan.autapses, out);
        }
        break;
    case ConnectPlan::Kind::InDegree:
    case ConnectPlan::Kind::OutDegree:
        if (plan.block_array >= 0) blocked_degrees(plan, shape, key, row, blocks(), threads, out);
        else degrees(plan, shape, key, row, threads, out);
        if (plan.kind == ConnectPlan::Kind::InDegree) order_by_pre(out, shape.n_pre);
        break;
    case ConnectPlan::Kind::Generator: {
        size_t lines = plan.lines_are_post ? shape.n_post : shape.n_pre;
        for (size_t line = 0; line < lines; ++line) generated_line(plan, shape, key, line, generate(line), out);
        break;
    }
    case ConnectPlan::Kind::EdgeFile:
    case ConnectPlan::Kind::MatrixFile:
        try {
            if (plan.kind == ConnectPlan::Kind::EdgeFile) edge_file(plan, shape, out);
            else matrix_file(plan, shape, out);
        } catch (const TableError& e) {
            throw ConnectError(e.what());
        }
        break;
    case ConnectPlan::Kind::OneToOne:
        for (size_t k = 0; k < std::min(shape.n_pre, shape.n_post); ++k) add_pair(out, k, k);
        break;
    case ConnectPlan::Kind::Explicit:
        for (size_t k = 0; k < plan.pre.size(); ++k) {
            double i = plan.pre[k], j = plan.post[k];
            bool whole = i == std::floor(i) && j == std::floor(j);
            if (!whole || i < 0 || j < 0 || i >= static_cast<double>(shape.n_pre) ||
                j >= static_cast<double>(shape.n_post)) {
                throw ConnectError("pair (" + std::to_string(i) + ", " + std::to_string(j) +
                                   ") is outside the groups (" + std::to_string(shape.n_pre) + " pre, " +
                                   std::to_string(shape.n_post) + " post neurons)");
            }
            add_pair(out, static_cast<size_t>(i), static_cast<size_t>(j));
        }
        break;
    }
    return out;
}

}  // namespace nj::rt
