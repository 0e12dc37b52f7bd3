// Summing a run's kernel timings per kernel (see kernel_profile.h).
#include "runtime/network/kernel_profile.h"

#include <algorithm>
#include <map>

namespace nj::rt {

std::vector<KernelProfile::Entry> KernelProfile::by_kernel() const {
    std::map<std::string, Entry> named;  // one kernel may be bound by several calls
    for (const auto& [call, e] : by_call_) {
        Entry& sum = named[call->kernel];
        sum.kernel = call->kernel;
        sum.seconds += e.seconds;
        sum.calls += e.calls;
    }
    std::vector<Entry> out;
    for (auto& [name, e] : named) out.push_back(std::move(e));
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.seconds > b.seconds; });
    return out;
}

}  // namespace nj::rt
