// The record of one forward pass that backpropagation through time replays backwards.
//
// While a tape is attached (Network::set_tape), every kernel call of a step is written down
// before it runs: which call, on which elements, with which time and random-number keys, and the
// values of the arrays it is about to overwrite. Undoing the entries from last to first brings
// the network back through every intermediate state, so each call's adjoint sees exactly the
// state its forward call saw; nothing else of the trajectory needs storing. Work that is not a
// kernel (a dense matrix-vector sum, the last-spike times) gets an entry of its own kind.
#pragma once

#include "runtime/abi.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nj::rt {

/// One recorded change of the state.
struct TapeEntry {
    enum class Kind {
        Call,           ///< a kernel call over [begin, end)
        MatrixProduct,  ///< target[post] += sum over pre of W[pre, post] f[pre] (summed, all pairs)
        Overwrite       ///< non-differentiable bookkeeping (last-spike times): undo only
    };
    Kind kind = Kind::Call;
    const KernelCall* call = nullptr;
    size_t begin = 0, end = 0;
    /// an indexed call (a pathway's synapses reached by spikes): its element list, run at
    /// positions [begin, end)
    std::vector<int64_t> elements_list;
    double t = 0.0, dt = 0.0;
    uint64_t step = 0;
    /// MatrixProduct: weights (pre-major), factor and target arrays, and their element ranges
    int weights = -1, factor = -1, target = -1;
    size_t pre_offset = 0, pre_size = 0, post_offset = 0, post_size = 0;
    /// Overwrite: the elements written (their adjoints become 0: the old values are lost)
    std::vector<uint32_t> elements;
    /// The values before the entry of every array it writes: only those of its own elements (its
    /// range, or its element list) where it writes nothing else, the whole array otherwise.
    struct Saved {
        int array = -1;
        size_t offset = 0;        ///< values[k] was element offset + k ...
        bool at_listed = false;   ///< ... or element elements_list[k] ...
        std::vector<double> values;
        std::vector<int64_t> at;  ///< ... or, when not empty, element at[k]
        /// The whole of array `id`.
        static Saved whole(int id, std::vector<double> values) {
            Saved s;
            s.array = id;
            s.values = std::move(values);
            return s;
        }
    };
    std::vector<Saved> saved;
};

/// The entries of one forward pass, in the order they ran.
class CallTape {
public:
    void clear() { entries_.clear(); bytes_ = 0; }
    void add(TapeEntry entry);
    std::vector<TapeEntry>& entries() { return entries_; }
    /// Bytes of saved array values: the memory the trajectory costs.
    size_t bytes() const { return bytes_; }

private:
    std::vector<TapeEntry> entries_;
    size_t bytes_ = 0;
};

}  // namespace nj::rt
