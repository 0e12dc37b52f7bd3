// Monitors: spike, state and population-rate recorders, and writing them as .npy files.
#pragma once

#include "runtime/monitors/spike_log.h"
#include "runtime/network/network.h"

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace nj::rt {

/// Records what its MonitorPlan asks for while the network runs.
class Recorder {
public:
    Recorder(const MonitorPlan& plan, const Network& network);

    /// At the start of a step (state monitors).
    void before_step(uint64_t step, const Network& network);
    /// After a step, with its spikes per group.
    void after_step(uint64_t step, const std::vector<std::vector<uint32_t>>& spikes,
                    const Network& network);

    /// A file this monitor writes, without copying its values: they stay the recorder's (or
    /// the Output's) and are valid while it lives unchanged. Spike indices are whole numbers.
    struct OutputView {
        std::string file;
        std::span<const double> values;
        std::vector<size_t> shape;
        bool integer = false;
    };
    /// The same with its own copy of the values (analyses make these).
    struct Output {
        std::string file;
        std::vector<double> values;
        std::vector<size_t> shape;
        bool integer = false;
        OutputView view() const { return {file, values, shape, integer}; }
    };
    /// Files this monitor writes: name → (values, shape).
    std::vector<OutputView> output_views() const;
    /// Spike monitors: writes the files output_views() gives (NAME_i.npy as int32, NAME_t.npy)
    /// into `dir` straight from the recording, a block at a time, so that a long recording is
    /// not copied whole first. Each file is complete or absent. False with the reason in *error.
    bool write_spike_files(const std::filesystem::path& dir, std::string* error) const;
    std::vector<Output> outputs() const;

    /// Reserves room for the rows a state monitor records over `steps` steps, so that long
    /// recordings are not copied as they grow. A hint: recording more still works.
    void reserve_for_steps(uint64_t steps);
    /// Empties the recorder for `plan` on a rebuilt network, keeping the room it reserved.
    void start_over(const MonitorPlan& plan, const Network& network);

    const std::string& name() const { return plan_.name; }
    const MonitorPlan& plan() const { return plan_; }
    /// State and rate monitors: the time of each recorded row (rate: each bin's start).
    const std::vector<double>& times() const { return times_; }
    /// State monitors: variable v's rows of (record_end - record_begin) values.
    const std::vector<double>& trace(size_t v) const { return traces_[v]; }
    /// Rate monitors: the population rate of each bin.
    const std::vector<double>& rates() const { return rates_; }
    size_t spike_count() const { return spikes_.size(); }

private:
    void materialise_spikes() const;
    /// Calls f(index, time) for each recorded spike as the files give it: the index relative to
    /// the monitored group, the time in seconds.
    template <class F>
    void for_each_output_spike(F&& f) const {
        auto begin = static_cast<double>(plan_.record_begin);
        spikes_.for_each([&](uint32_t i, uint64_t step) { f(begin + i, static_cast<double>(step) * dt_); });
    }

    MonitorPlan plan_;
    size_t group_offset_ = 0;   ///< where the monitored group starts in its root group's arrays
    size_t root_group_ = 0;
    SpikeLog spikes_;  ///< indices relative to record_begin
    /// spikes_ as the files' indices and times, made when the outputs are asked for
    mutable std::vector<double> spike_i_, spike_t_;
    double dt_ = 0;
    std::vector<double> times_;
    std::vector<std::vector<double>> traces_;  ///< per variable: rows of recorded elements
    std::vector<double> rates_;
    size_t bin_count_ = 0;   ///< spikes in the current rate bin
    double bin_start_ = 0;   ///< time at which the current rate bin began
};

}  // namespace nj::rt
