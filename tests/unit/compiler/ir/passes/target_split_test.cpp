// Tests of the query that lets a serial synapse kernel be shared out over threads by target.
#include "compiler/ir/passes/target_split.h"

#include <doctest/doctest.h>

using namespace nj::ir;

namespace {

// slots: 0 v (post neuron), 1 w (synapse), 2 post (index), 3 pre (index), 4 pair (index)
Kernel pathway(std::vector<Stmt> body) {
    Kernel k;
    k.arrays = {"v", "w", "post", "pre", "pair"};
    k.serial = true;
    k.indexed = true;
    k.body = std::move(body);
    return k;
}

ExprRef at(int index_slot) { return load(index_slot); }

}  // namespace

TEST_CASE("target_split_slot: writes at post[i] and of the synapse itself split by post") {
    // v[post[i]] += w[i]; w[i] = w[i] * 0.5
    auto k = pathway({store_at(0, at(2), binary("+", load(0, at(2)), load(1))),
                      store(1, binary("*", load(1), constant(0.5)))});
    CHECK(target_split_slot(k) == 2);
    // the same inside a condition on the post neuron
    auto guarded = pathway({if_then(compare(">", load(0, at(2)), constant(0)), {store_at(0, at(2), load(1))})});
    CHECK(target_split_slot(guarded) == 2);
}

TEST_CASE("target_split_slot: a kernel writing only its own synapse splits any way") {
    auto k = pathway({store(1, binary("+", load(1), load(0, at(3))))});  // w[i] += v[pre[i]]
    CHECK(target_split_slot(k) == kFreeSplit);
}

TEST_CASE("target_split_slot: what another element could see or change is not split") {
    // reads v at pre[i] while writing it at post[i]
    CHECK(target_split_slot(pathway({store_at(0, at(2), load(0, at(3)))})) == kNoSplit);
    // writes v at two different indices
    CHECK(target_split_slot(pathway({store_at(0, at(2), constant(1)), store_at(0, at(3), constant(1))})) == kNoSplit);
    // writes at a computed index
    CHECK(target_split_slot(pathway({store_at(0, binary("+", load(2), constant(1)), constant(1))})) == kNoSplit);
    // reads a synapse variable of another synapse while writing its own
    CHECK(target_split_slot(pathway({store(1, load(1, at(4)))})) == kNoSplit);
    // changes the index array it is split by
    CHECK(target_split_slot(pathway({store_at(0, at(2), constant(1)), store(2, constant(0))})) == kNoSplit);
    // writes the target array at its own element too
    CHECK(target_split_slot(pathway({store_at(0, at(2), constant(1)), store(0, constant(0))})) == kNoSplit);
}
