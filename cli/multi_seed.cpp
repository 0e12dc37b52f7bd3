// Multi-seed runs: checks the model once, starts one child `neurojit run` per seed, aggregates.
#include "cli/multi_seed.h"

#include "cli/model_front.h"
#include "cli/seed_summary.h"
#include "runtime/io/io_error.h"
#include "runtime/io/json_file.h"
#include "runtime/io/run_directory.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

extern char** environ;

namespace nj::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using State = SeedOutcome::State;

volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_seeds_interrupt(int) {
    interrupted = 1;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string seed_name(std::uint64_t seed) {
    return "seed-" + std::to_string(seed);
}

fs::path log_path(const fs::path& dir, std::uint64_t seed) {
    return dir / "logs" / (seed_name(seed) + ".log");
}

/// The command line of one seed's child run: the parent's model options, this seed and folder.
std::vector<std::string> child_arguments(const Command& c, std::uint64_t seed,
                                         const fs::path& dir) {
    std::vector<std::string> args = {"neurojit", "run", c.file, "--seed", std::to_string(seed)};
    args.insert(args.end(), {"--out", (dir / seed_name(seed)).string(), "--quiet"});
    args.insert(args.end(), {"--color", "never", "--threads", std::to_string(c.threads)});
    args.insert(args.end(), {"--format", c.format});
    if (!c.precision.empty()) args.insert(args.end(), {"--precision", c.precision});
    if (!c.mode.empty()) args.insert(args.end(), {"--mode", c.mode});
    for (const auto& [name, value] : c.overrides) {
        args.insert(args.end(), {"--set", name + "=" + value});
    }
    for (const auto& [code, policy] : c.warning_policies) {
        args.insert(args.end(), {"-W", code + "=" + policy});
    }
    if (c.warnings_as_errors) args.push_back("--warnings-as-errors");
    if (c.profile) args.push_back("--profile");
    return args;
}

/// Starts this executable with `args`, stdin from /dev/null and stdout and stderr into `log`.
/// Returns the child's pid, or -1 with the reason in `*error`.
pid_t spawn_child(const std::vector<std::string>& args, const fs::path& log, std::string* error) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    // /proc/self/exe is this very binary even if the file on disk was replaced meanwhile.
    int rc = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        *error = "cannot start a child run: " + rt::describe_errno(rc);
        return -1;
    }
    return pid;
}

std::string signal_name(int sig) {
    switch (sig) {
        case SIGSEGV:
            return "SIGSEGV";
        case SIGABRT:
            return "SIGABRT";
        case SIGBUS:
            return "SIGBUS";
        case SIGFPE:
            return "SIGFPE";
        case SIGILL:
            return "SIGILL";
        case SIGKILL:
            return "SIGKILL";
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        default:
            return "signal " + std::to_string(sig);
    }
}

/// The last `count` non-empty lines of a seed's log, each indented, for the terminal.
std::string log_tail(const fs::path& log, size_t count) {
    std::ifstream in(log);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    std::string text;
    size_t first = lines.size() > count ? lines.size() - count : 0;
    for (size_t k = first; k < lines.size(); ++k) text += "    " + lines[k] + "\n";
    return text;
}

/// Reads a finished seed's summary.json; a seed without a complete one has failed after all.
void read_seed_summary(const fs::path& dir, SeedOutcome& s) {
    std::ifstream in(dir / seed_name(s.seed) / "summary.json");
    nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
    bool complete =
        !summary.is_discarded() && summary.is_object() && summary.value("complete", false) == true;
    if (complete) {
        s.summary = std::move(summary);
        return;
    }
    s.state = State::Failed;
    s.exit_code = 2;
    s.reason = "it exited with 0 but left no complete summary.json";
}

/// Records how a child ended and prints one line about it. `tails` holds the log ends already
/// shown, so a failure every seed shares (an unsupported construct) is shown once.
void finish_seed(const Command& command, const fs::path& dir, SeedOutcome& s, int status,
                 Clock::time_point start, std::map<std::string, std::uint64_t>& tails) {
    s.wall_time = seconds_since(start);
    if (WIFEXITED(status)) {
        s.exit_code = WEXITSTATUS(status);
    } else {
        s.exit_code = 2;
        s.signal = signal_name(WTERMSIG(status));
    }
    s.state = s.exit_code == 0 ? State::Done : State::Failed;
    if (s.state == State::Done) read_seed_summary(dir, s);
    std::ostringstream line;
    line << "seed " << s.seed << ": ";
    if (s.state == State::Done) {
        if (command.quiet) return;
        line << "done in " << std::fixed << std::setprecision(2) << s.wall_time << " s\n";
    } else {
        line << (s.signal.empty() ? "failed with exit code " + std::to_string(s.exit_code)
                                  : "crashed (" + s.signal + ")")
             << " after " << std::fixed << std::setprecision(2) << s.wall_time << " s"
             << (s.reason.empty() ? "" : "; " + s.reason) << "; its output is in "
             << log_path(dir, s.seed).string();
        std::string tail = log_tail(log_path(dir, s.seed), 6);
        auto shown = tails.find(tail);
        if (tail.empty()) {
            line << "\n";
        } else if (shown != tails.end()) {
            line << " (the same message as seed " << shown->second << ")\n";
        } else {
            line << ":\n" << tail;
            tails.emplace(tail, s.seed);
        }
    }
    std::cerr << line.str() << std::flush;
}

/// Runs the seeds as child processes, at most command.jobs at once, until all have ended or
/// Ctrl-C stopped the starting of new ones.
void run_children(const Command& command, const fs::path& dir, std::vector<SeedOutcome>& seeds) {
    struct sigaction action {};
    struct sigaction previous {};
    action.sa_handler = on_seeds_interrupt;  // no SA_RESTART: Ctrl-C wakes waitpid
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous);
    interrupted = 0;
    std::map<pid_t, std::pair<size_t, Clock::time_point>> running;
    std::map<std::string, std::uint64_t> tails;
    size_t next = 0;
    bool forwarded = false;
    while (true) {
        while (!interrupted && next < seeds.size() && running.size() < size_t(command.jobs)) {
            SeedOutcome& s = seeds[next];
            std::string error;
            auto start = Clock::now();
            pid_t pid =
                spawn_child(child_arguments(command, s.seed, dir), log_path(dir, s.seed), &error);
            if (pid > 0) {
                running[pid] = {next, start};
            } else {
                s.state = State::Failed;
                s.exit_code = 2;
                s.reason = error;
                std::cerr << "seed " << s.seed << ": " << error << "\n";
            }
            ++next;
        }
        if (running.empty()) break;
        int status = 0;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno == EINTR) {
            // Ctrl-C at a terminal reaches the children too; a signal sent to this process only
            // is passed on, so the running seeds also stop and keep what they recorded.
            if (interrupted && !forwarded) {
                for (const auto& [child, info] : running) kill(child, SIGINT);
                forwarded = true;
            }
            continue;
        }
        if (pid < 0) break;  // no children left to wait for: cannot happen while any runs
        auto it = running.find(pid);
        if (it == running.end()) continue;
        finish_seed(command, dir, seeds[it->second.first], status, it->second.second, tails);
        running.erase(it);
    }
    sigaction(SIGINT, &previous, nullptr);
}

/// Opens the multi-seed folder by the rules of a single run's folder, with logs/ inside.
std::optional<fs::path> open_seeds_folder(const Command& command, const sema::CheckedModel& model) {
    std::string error;
    std::optional<fs::path> out;
    if (!command.out_dir.empty()) out = command.out_dir;
    auto dir = rt::RunDirectory::create(fs::path(model.path).stem().string(), out, &error);
    std::error_code ec;
    if (dir) fs::create_directories(dir->file("logs"), ec);
    if (dir && ec) {
        error = rt::io_failure("create folder", dir->file("logs"), rt::describe_errno(ec.value()));
    }
    if (!dir || ec) {
        std::cerr << "neurojit: error[run.output]: " << error << "\n";
        return std::nullopt;
    }
    return dir->path();
}

/// The closing lines: how many seeds succeeded and the mean ± sd of each scalar metric.
void print_report(const nlohmann::json& summary, const fs::path& file) {
    std::ostringstream text;
    text << summary["seeds"].size() << " seeds in " << std::fixed << std::setprecision(2)
         << summary["timings"]["total"].get<double>()
         << " s: " << summary["aggregated_seeds"].size() << " done, " << summary["failed"].size()
         << " failed";
    if (!summary["not_run"].empty()) text << ", " << summary["not_run"].size() << " not run";
    text << "; summary in " << file.string() << "\n" << std::defaultfloat;
    size_t shown = 0;
    for (const auto& [name, m] : summary["metrics"].items()) {
        if (!m["mean"].is_number() || ++shown > 12) continue;
        text << "  " << name << " = " << std::setprecision(6) << m["mean"].get<double>();
        if (m["sd"].is_number()) text << " ± " << std::setprecision(3) << m["sd"].get<double>();
        if (m["unit"].is_string()) text << " " << m["unit"].get<std::string>();
        text << " (n = " << m["n"] << ")\n";
    }
    std::cerr << text.str();
}

int worst_exit_code(const std::vector<SeedOutcome>& seeds) {
    int worst = 0;
    for (const auto& s : seeds) {
        if (s.state == State::Failed) worst = std::max(worst, s.exit_code);
        if (s.state == State::NotRun) worst = std::max(worst, 2);
    }
    return worst;
}

}  // namespace

int run_seeds(const Command& command) {
    auto start = Clock::now();
    driver::CompileSession session;
    sema::CheckedModel model;
    // Checked once here: a model error is the same for every seed, and leaves nothing behind.
    bool ok = compile_front(command, session, model);
    report_diagnostics(command, session);
    if (!ok) return 1;
    auto dir = open_seeds_folder(command, model);
    if (!dir) return 2;
    std::string model_name = fs::path(model.path).stem().string();
    std::vector<SeedOutcome> seeds;
    for (std::uint64_t seed : command.seeds) {
        seeds.emplace_back();
        seeds.back().seed = seed;
    }
    fs::path file = *dir / "summary.json";
    std::string error;
    if (!rt::write_json_file(
            file, make_seeds_summary(model_name, model.mode, command.jobs, seeds, 0), &error)) {
        std::cerr << "neurojit: error[run.output]: " << error << "\n";
        return 2;
    }
    if (!command.quiet) {
        std::cerr << "running " << seeds.size() << " seed" << (seeds.size() > 1 ? "s" : "")
                  << " of " << model_name << ", " << std::min<size_t>(command.jobs, seeds.size())
                  << " at a time, into " << dir->string() << "\n";
    }
    run_children(command, *dir, seeds);
    auto summary =
        make_seeds_summary(model_name, model.mode, command.jobs, seeds, seconds_since(start));
    int code = worst_exit_code(seeds);
    if (!rt::write_json_file(file, summary, &error)) {
        std::cerr << "neurojit: error[run.output]: " << error << "\n";
        code = 2;
    }
    if (!command.quiet || code != 0) print_report(summary, file);
    return code;
}

}  // namespace nj::cli
