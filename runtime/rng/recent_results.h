// A small per-thread memo of a pure function's recent results, for the keyed random functions:
// models call them with the same arguments over many steps (the sample shown during one
// presentation is keyed_perm(n, position, seed, epoch) at every step of it), and one call costs
// a Philox block and a Feistel network with cycle walking.
//
// Requires: the function is pure (same arguments, same result), so a hit is exact.
// Ensures:  `lookup` returns a stored result only for bitwise-equal arguments; `store` puts the
//           result in the set the arguments hash to (256 sets of 2 entries), replacing the
//           entry of that set used less recently.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <optional>

namespace nj::rt {

template <size_t Args>
class RecentResults {
public:
    std::optional<double> lookup(const std::array<double, Args>& args) {
        Set& set = sets_[set_of(args)];
        for (int way = 0; way < 2; ++way) {
            if (set.ways[way].filled && same(set.ways[way].args, args)) {
                set.recent = way;
                return set.ways[way].result;
            }
        }
        return std::nullopt;
    }
    void store(const std::array<double, Args>& args, double result) {
        Set& set = sets_[set_of(args)];
        int way = 1 - set.recent;
        set.ways[way] = Entry{args, result, true};
        set.recent = way;
    }

private:
    struct Entry {
        std::array<double, Args> args{};
        double result = 0.0;
        bool filled = false;
    };
    // Two ways per set: a model calls from several sites per step (a data table at a few
    // columns for several groups, a trial label, ...), some 30 argument lists alive at once;
    // direct-mapped, a few of them shared a slot and evicted each other at every step.
    struct Set {
        std::array<Entry, 2> ways{};
        int recent = 0;
    };
    static bool same(const std::array<double, Args>& a, const std::array<double, Args>& b) {
        for (size_t k = 0; k < Args; ++k) {
            if (std::bit_cast<uint64_t>(a[k]) != std::bit_cast<uint64_t>(b[k])) return false;
        }
        return true;
    }
    static size_t set_of(const std::array<double, Args>& args) {
        // independent products (not a chain of them): the lookup is on every call's path
        uint64_t h = 0;
        for (size_t k = 0; k < Args; ++k)
            h += std::bit_cast<uint64_t>(args[k]) * (0x9E3779B97F4A7C15ull + 2 * k * 0xBF58476D1CE4E5B9ull);
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9ull;
        return static_cast<size_t>(h >> (64 - kSetBits));
    }
    static constexpr int kSetBits = 8;
    std::array<Set, size_t{1} << kSetBits> sets_{};
};

}  // namespace nj::rt
