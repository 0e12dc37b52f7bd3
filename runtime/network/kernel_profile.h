// Where a run's time goes: wall time and calls per compiled kernel (`neurojit run --profile`).
#pragma once

#include "runtime/abi.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace nj::rt {

/// Time spent in each kernel call of a network, summed per kernel.
class KernelProfile {
public:
    struct Entry {
        std::string kernel;
        double seconds = 0.0;
        size_t calls = 0;
    };

    void add(const KernelCall& call, double seconds) {
        Entry& e = by_call_[&call];
        e.seconds += seconds;
        e.calls += 1;
    }

    /// The kernels by name, most time first.
    std::vector<Entry> by_kernel() const;

private:
    std::unordered_map<const KernelCall*, Entry> by_call_;  ///< names filled in by_kernel()
};

/// Adds the time from its construction to its destruction to `profile` (nothing when null).
class ProfileScope {
public:
    ProfileScope(KernelProfile* profile, const KernelCall& call) : profile_(profile), call_(call) {
        if (profile_) start_ = std::chrono::steady_clock::now();
    }
    ~ProfileScope() {
        if (!profile_) return;
        std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
        profile_->add(call_, elapsed.count());
    }
    ProfileScope(const ProfileScope&) = delete;
    ProfileScope& operator=(const ProfileScope&) = delete;

private:
    KernelProfile* profile_;
    const KernelCall& call_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace nj::rt
