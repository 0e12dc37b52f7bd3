// Recording spikes (index, time), state traces every k steps and population rates.
#include "runtime/monitors/recorders.h"

#include "runtime/io/npy_stream_writer.h"

#include <algorithm>

namespace nj::rt {

Recorder::Recorder(const MonitorPlan& plan, const Network& network) : plan_(plan), dt_(network.dt()) {
    traces_.resize(plan_.variables.size());
    if (plan.synapses >= 0) {
        plan_.record_end = std::min(plan_.record_end, network.synapse_count(static_cast<size_t>(plan.synapses)));
        plan_.record_begin = std::min(plan_.record_begin, plan_.record_end);
        return;
    }
    const auto& groups = network.plan().groups;
    size_t g = static_cast<size_t>(plan.group);
    group_offset_ = groups[g].offset;
    root_group_ = network.plan().root_group(plan.group);
}

void Recorder::before_step(uint64_t step, const Network& network) {
    if (plan_.kind != MonitorPlan::Kind::State || step % plan_.every_steps != 0) return;
    times_.push_back(network.time());
    auto first = static_cast<std::ptrdiff_t>(group_offset_ + plan_.record_begin);
    auto last = static_cast<std::ptrdiff_t>(group_offset_ + plan_.record_end);
    for (size_t v = 0; v < plan_.variables.size(); ++v) {
        int id = plan_.variables[v].second;
        if (network.is_single(id)) {
            const std::vector<float>& values = network.floats(id);  // widened exactly to double
            traces_[v].insert(traces_[v].end(), values.begin() + first, values.begin() + last);
        } else {
            const std::vector<double>& values = network.array(id);
            traces_[v].insert(traces_[v].end(), values.begin() + first, values.begin() + last);
        }
    }
}

void Recorder::after_step(uint64_t step, const std::vector<std::vector<uint32_t>>& spikes,
                          const Network& network) {
    if (plan_.kind == MonitorPlan::Kind::State) return;
    const std::vector<uint32_t>& fired = spikes[root_group_];
    size_t first = group_offset_ + plan_.record_begin;
    size_t last = group_offset_ + plan_.record_end;
    if (plan_.kind == MonitorPlan::Kind::Spikes) {
        spikes_.append(step, fired, static_cast<uint32_t>(first), static_cast<uint32_t>(last));
    } else if (plan_.kind == MonitorPlan::Kind::Rate) {
        // Spikes are counted every step and reported per bin of `every_steps` steps.
        if (step % plan_.every_steps == 0) bin_start_ = network.time();
        for (uint32_t i : fired) bin_count_ += (i >= first && i < last) ? 1 : 0;
        if ((step + 1) % plan_.every_steps != 0) return;
        double n = static_cast<double>(last - first);
        double width = static_cast<double>(plan_.every_steps) * network.dt();
        times_.push_back(bin_start_);
        rates_.push_back(n > 0 ? static_cast<double>(bin_count_) / n / width : 0.0);
        bin_count_ = 0;
    }
}

void Recorder::reserve_for_steps(uint64_t steps) {
    if (plan_.kind != MonitorPlan::Kind::State) return;
    // At most 1 GiB per monitor: beyond, an overestimate (a protocol that rebuilds, or one whose
    // loops stop early) would reserve memory that is never used.
    constexpr uint64_t most_values = uint64_t{1} << 27;
    const uint64_t rows = steps / plan_.every_steps + 1;
    const uint64_t width = plan_.record_end - plan_.record_begin;
    if (rows * std::max<uint64_t>(width, 1) * std::max<size_t>(traces_.size(), 1) > most_values) return;
    times_.reserve(rows);
    for (auto& trace : traces_) trace.reserve(rows * width);
}

void Recorder::start_over(const MonitorPlan& plan, const Network& network) {
    Recorder fresh(plan, network);
    // the emptied arrays keep their reserved room
    auto keep_room = [](std::vector<double>& from, std::vector<double>& to) {
        from.clear();
        to = std::move(from);
    };
    keep_room(times_, fresh.times_);
    spikes_.clear();
    fresh.spikes_ = std::move(spikes_);
    keep_room(rates_, fresh.rates_);
    for (size_t v = 0; v < traces_.size() && v < fresh.traces_.size(); ++v) keep_room(traces_[v], fresh.traces_[v]);
    *this = std::move(fresh);
}

void Recorder::materialise_spikes() const {
    spike_i_.clear();
    spike_t_.clear();
    spike_i_.reserve(spikes_.size());
    spike_t_.reserve(spikes_.size());
    for_each_output_spike([&](double i, double t) {
        spike_i_.push_back(i);
        spike_t_.push_back(t);
    });
}

bool Recorder::write_spike_files(const std::filesystem::path& dir, std::string* error) const {
    const std::string& n = plan_.name;
    auto i_file = NpyStreamWriter::open(dir / (n + "_i.npy"), NpyDtype::Int32, {}, error);
    auto t_file = NpyStreamWriter::open(dir / (n + "_t.npy"), NpyDtype::Float64, {}, error);
    if (!i_file || !t_file) return false;
    constexpr size_t chunk = 8192;  // small buffers, reused: no fresh pages for a long recording
    std::vector<int32_t> indices;
    std::vector<double> times;
    indices.reserve(chunk);
    times.reserve(chunk);
    auto flush = [&] {
        i_file->append(std::span<const int32_t>(indices));
        t_file->append(std::span<const double>(times));
        indices.clear();
        times.clear();
    };
    for_each_output_spike([&](double i, double t) {
        indices.push_back(static_cast<int32_t>(i));
        times.push_back(t);
        if (indices.size() == chunk) flush();
    });
    flush();
    bool written = i_file->finalise(error);
    return t_file->finalise(error) && written;
}

std::vector<Recorder::OutputView> Recorder::output_views() const {
    std::vector<OutputView> out;
    const std::string& n = plan_.name;
    switch (plan_.kind) {
    case MonitorPlan::Kind::Spikes:
        materialise_spikes();
        out.push_back({n + "_i.npy", spike_i_, {spike_i_.size()}, true});
        out.push_back({n + "_t.npy", spike_t_, {spike_t_.size()}, false});
        break;
    case MonitorPlan::Kind::Rate:
        out.push_back({n + "_rate.npy", rates_, {rates_.size()}, false});
        out.push_back({n + "_t.npy", times_, {times_.size()}, false});
        break;
    case MonitorPlan::Kind::State: {
        size_t width = plan_.record_end - plan_.record_begin;
        out.push_back({n + "_t.npy", times_, {times_.size()}, false});
        for (size_t v = 0; v < plan_.variables.size(); ++v) {
            out.push_back({n + "_" + plan_.variables[v].first + ".npy", traces_[v],
                           {times_.size(), width}, false});
        }
        break;
    }
    }
    return out;
}

std::vector<Recorder::Output> Recorder::outputs() const {
    std::vector<Output> out;
    for (const OutputView& v : output_views())
        out.push_back({v.file, {v.values.begin(), v.values.end()}, v.shape, v.integer});
    return out;
}

}  // namespace nj::rt
