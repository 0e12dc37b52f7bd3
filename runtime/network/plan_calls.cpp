// Enumerates the kernel calls of a plan so the driver can bind them to compiled code, and
// finds a subgroup's root.
#include "runtime/abi.h"

namespace nj::rt {

namespace {

void collect(std::vector<ProtocolOp>& ops, std::vector<KernelCall*>& out) {
    for (auto& op : ops) {
        for (KernelCall* c : {&op.value, &op.action}) {
            if (c->valid()) out.push_back(c);
        }
        if (op.train) {
            if (op.train->loss.valid()) out.push_back(&op.train->loss);
            for (auto& s : op.train->settings) out.push_back(&s.value);
        }
        collect(op.body, out);
        collect(op.else_body, out);
    }
}

}  // namespace

size_t NetworkPlan::root_group(int group) const {
    auto g = static_cast<size_t>(group);
    while (groups[g].parent >= 0) g = static_cast<size_t>(groups[g].parent);
    return g;
}

std::vector<KernelCall*> NetworkPlan::all_calls() {
    std::vector<KernelCall*> out;
    for (auto& g : groups) {
        for (KernelCall* c : {&g.init, &g.update, &g.threshold, &g.reset, &g.spike_probability}) {
            if (c->valid()) out.push_back(c);
        }
        for (auto* calls : {&g.inputs, &g.events, &g.on_events, &g.cached_values}) {
            for (KernelCall& c : *calls) out.push_back(&c);
        }
    }
    for (auto& s : synapses) {
        for (KernelCall* c : {&s.connect.row, &s.connect.bounds, &s.connect.blocks, &s.init, &s.delays, &s.update}) {
            if (c->valid()) out.push_back(c);
        }
        for (auto& p : s.pathways) {
            out.push_back(&p.kernel);
            out.push_back(&p.ranges);
            if (p.source_traces.valid()) out.push_back(&p.source_traces);
        }
        for (KernelCall& c : s.trace_steps) out.push_back(&c);
        for (auto& m : s.summed) {
            for (KernelCall* c : {&m.clear, &m.add, &m.factor}) {
                if (c->valid()) out.push_back(c);
            }
        }
    }
    for (auto& m : monitors) {
        if (m.prepare.valid()) out.push_back(&m.prepare);
    }
    for (auto& l : learning) {
        for (KernelCall* c : {&l.active, &l.alpha}) {
            if (c->valid()) out.push_back(c);
        }
        for (KernelCall& c : l.prepare) out.push_back(&c);
    }
    collect(protocol, out);
    return out;
}

}  // namespace nj::rt
