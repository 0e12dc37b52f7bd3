// Command-line parsing: one option table per command, errors turned into plain sentences.
#include "cli/command_line.h"

#include "plot/render_figure.h"
#include "runtime/io/hdf5_writer.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace nj::cli {

namespace po = boost::program_options;

namespace {

const char* const commands[][2] = {
    {"check", "parse and check a model: names, units, equations, protocol"},
    {"run", "check, compile and run a model, writing a run directory"},
    {"info", "list a model's parameters (with units), modes, groups, synapses, monitors"},
    {"list", "list the models in the model library"},
    {"ir", "print the kernel IR (and with --llvm the LLVM IR) of a model"},
    {"diagnostics", "list every diagnostic code (--markdown for docs/diagnostics.md)"},
    {"builtins", "list the built-in functions, constructors and analyses (Markdown)"},
    {"plot", "draw the figures of a run directory (PNG and SVG) into RUN_DIR/figures"},
    {"synth-connectome",
     "write nodes.csv and edges.csv of a synthetic connectome described in JSON"},
};

po::options_description model_options() {
    po::options_description o("Model options");
    o.add_options()
        ("mode,m", po::value<std::string>(), "apply the model's named mode (e.g. fast)")
        ("set,s", po::value<std::vector<std::string>>()->composing(),
         "override a parameter, with its unit: --set tau_m=10ms (repeatable)")
        ("json", "print machine-readable JSON on stdout")
        ("warnings-as-errors", "treat every warning as an error")
        ("W", po::value<std::vector<std::string>>()->composing(),
         "-W CODE=ignore|error: silence or promote one warning, e.g. -W names.unused=ignore")
        ("color", po::value<std::string>()->default_value("auto"), "auto, always or never");
    return o;
}

std::string format_help() {
    std::string text = "how recorded arrays are stored: npy (one .npy file each), hdf5 (all "
                       "in <out>/run.h5, no .npy files) or both";
    if (!rt::hdf5_available()) text += "; hdf5 and both need HDF5, which this build lacks";
    return text;
}

po::options_description options_for(const std::string& command) {
    po::options_description o;
    if (command == "check" || command == "info" || command == "run" || command == "ir") {
        o.add(model_options());
    }
    if (command == "check") {
        po::options_description c("Check options");
        c.add_options()("dump-ast", "print the syntax tree of the model and its imports");
        o.add(c);
    }
    if (command == "run") {
        po::options_description r("Run options");
        r.add_options()
            ("seed", po::value<unsigned long long>(), "seed of every random number stream")
            ("seeds", po::value<std::string>(),
             "run several seeds, each as its own process into <out>/seed-<S>, and write the "
             "mean and sd of every metric over the seeds to <out>/summary.json: an inclusive "
             "range --seeds 1..10 or a list --seeds 1,5,9; not with --seed")
            ("jobs", po::value<int>(), "with --seeds: how many seeds run at once (default 1)")
            ("out,o", po::value<std::string>(), "run directory (default runs/<model>-<time>)")
            ("threads,j", po::value<int>()->default_value(1), "worker threads")
            ("precision", po::value<std::string>(),
             "double or single: single stores the groups' and synapses' state variables as float "
             "(arithmetic inside a kernel stays double); default: the model's 'precision:' "
             "setting, else double")
            ("format", po::value<std::string>()->default_value("npy"), format_help().c_str())
            ("quiet,q", "no progress line and no final report")
            ("profile", "time every compiled kernel: summary.json gets \"profile\" (seconds and "
                        "calls per kernel, most time first) and the run prints the top ones")
            ("plot", "after the run, draw its figures into <out>/figures (as 'neurojit plot')");
        o.add(r);
    }
    if (command == "plot") {
        po::options_description p("Plot options");
        p.add_options()("quiet,q", "print only errors");
        o.add(p);
    }
    if (command == "synth-connectome") {
        po::options_description g("Generator options");
        g.add_options()
            ("out,o", po::value<std::string>(), "folder for nodes.csv and edges.csv (required)")
            ("seed", po::value<unsigned long long>(), "seed of the generator (default 1)")
            ("quiet,q", "print only errors");
        o.add(g);
    }
    if (command == "ir") {
        po::options_description i("IR options");
        i.add_options()("llvm", "print the optimised LLVM IR instead of the kernel IR")(
            "adjoint", "print the reverse-mode adjoint of each kernel (what `train` runs backwards) with respect to its "
                       "state and the model's trainable parameters, or why it has none");
        o.add(i);
    }
    if (command == "diagnostics") {
        po::options_description d("Options");
        d.add_options()("markdown", "print the table as Markdown");
        o.add(d);
    }
    po::options_description h("General");
    h.add_options()("help,h", "show this help");
    o.add(h);
    return o;
}

const char* const plot_help =
    "\nFigures, each as <name>.png (1920x1200) and <name>.svg, from what the run directory holds:\n"
    "  raster_<monitor>      spike raster (at most 200000 spikes drawn: every k-th spike)\n"
    "  rate_<monitor>        population rate per bin and its moving average\n"
    "  state_<monitor>_<v>   traces of up to 5 recorded elements of each variable\n"
    "  heatmap_<monitor>_<v> every recorded element over time, when 6 or more were recorded\n"
    "  hist_<array>          histogram of a snapshot (e.g. 'analyse snapshot(S, ...)')\n"
    "  matrix_<array>        heat map of any other 2-D array\n"
    "  metric_<name>         histograms in summary.json (e.g. from weight_stats)\n"
    "Exit codes: 0 success, 1 missing or malformed run directory (or no plotting in this build),\n"
    "2 a figure could not be written.\n";

const char* const synth_help =
    "\nDESCRIPTION.json lists populations (name, count, and the side, cell_type, receptor,\n"
    "name_pattern and pair_id of their nodes) and pathways (pre and post population, probability\n"
    "or mean_in_degree, optional probability_other_side and no_autapses, and the synapses per\n"
    "connected pair: constant, geometric, shifted_poisson or histogram). Every pair of nodes is\n"
    "connected independently; the same seed gives the same files. Format and limits:\n"
    "docs/synthetic_connectome.md. Example (the olfactory model's populations, measured from\n"
    "the Winding 2023 data):\n"
    "  neurojit synth-connectome models/data/olfactory_synthetic_connectome.json --out /tmp/synth\n"
    "  neurojit run models/olfactory_connectome.nj --set nodes_file=/tmp/synth/nodes.csv \\\n"
    "      --set edges_file=/tmp/synth/edges.csv\n"
    "Both files are written under temporary names and renamed only when complete.\n"
    "Exit codes: 0 success, 1 malformed description or usage error (nothing is written),\n"
    "2 the files could not be written.\n";

bool split_assignment(const std::string& text, std::pair<std::string, std::string>& out) {
    size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return false;
    out = {text.substr(0, eq), text.substr(eq + 1)};
    return true;
}

std::string command_help(const std::string& command, const po::options_description& o) {
    std::ostringstream text;
    bool takes_file = command != "list" && command != "diagnostics" && command != "builtins";
    std::string operand = command == "plot"                 ? " RUN_DIR"
                          : command == "synth-connectome" ? " DESCRIPTION.json"
                                                          : " FILE";
    text << "usage: neurojit " << command << (takes_file ? operand : "") << " [options]\n\n";
    for (const auto& c : commands) {
        if (command == c[0]) text << c[1] << "\n\n";
    }
    text << o;
    if (command == "run") {
        text << "\nWith --seeds, <out> holds seed-<S>/ (a complete run directory per seed), "
                "logs/seed-<S>.log\n(what each seed printed) and summary.json (per metric: "
                "mean, sd, n, values, unit;\nthe seeds, which failed and their exit codes, "
                "timings). --quiet then prints only\nfailed seeds.\n"
             << "Exit codes: 0 success (with --seeds: every seed succeeded), 1 model or usage "
                "error,\n2 runtime failure; with --seeds the worst exit code of the seeds "
                "(a crashed seed counts as 2).\n"
             << "Compiled kernels are cached in $NEUROJIT_CACHE_DIR, else $XDG_CACHE_HOME/neurojit, "
                "else\n~/.cache/neurojit (safe to delete): a run whose kernels are all there links "
                "them without\nloading LLVM, and its summary.json says \"kernels\": \"cache\".\n";
    }
    if (command == "plot") text << plot_help;
    if (command == "synth-connectome") text << synth_help;
    return text.str();
}

/// What a command says when its file operand is missing.
std::string missing_operand(const std::string& command) {
    if (command == "plot") return "a run directory, e.g. 'neurojit plot runs/cuba-fast'";
    if (command == "synth-connectome") {
        return "a description file, e.g. 'neurojit synth-connectome "
               "models/data/olfactory_synthetic_connectome.json --out /tmp/synth'";
    }
    return "a model file, e.g. 'neurojit " + command + " models/cuba.nj'";
}

std::optional<std::string> fill_seeds(Command& cmd, const po::variables_map& vm) {
    if (vm.count("seeds")) {
        if (vm.count("seed")) {
            return "--seed and --seeds cannot be combined: --seed runs one seed, --seeds several "
                   "(e.g. --seeds 1..10)";
        }
        std::string error;
        auto seeds = parse_seed_list(vm["seeds"].as<std::string>(), &error);
        if (!seeds) return error;
        cmd.seeds = std::move(*seeds);
    }
    if (vm.count("jobs")) {
        if (cmd.seeds.empty()) {
            return "--jobs sets how many seeds of --seeds run at once and needs --seeds; for "
                   "threads within one run use --threads";
        }
        cmd.jobs = vm["jobs"].as<int>();
        if (cmd.jobs < 1) return "--jobs must be at least 1";
    }
    return std::nullopt;
}

std::optional<std::string> fill_format(Command& cmd, const po::variables_map& vm) {
    if (vm.count("format")) cmd.format = vm["format"].as<std::string>();
    if (cmd.format != "npy" && cmd.format != "hdf5" && cmd.format != "both") {
        return "--format must be npy, hdf5 or both; got '" + cmd.format + "'";
    }
    if (cmd.format != "npy" && !rt::hdf5_available()) {
        return "--format " + cmd.format + ": this build of neurojit has no HDF5 support; install "
               "libhdf5-dev and rebuild, or use --format npy";
    }
    if (cmd.format == "hdf5" && cmd.plot) {
        return "--plot draws from the .npy files, which --format hdf5 does not write; use "
               "--format both";
    }
    return std::nullopt;
}

bool parse_seed(std::string_view text, std::uint64_t& seed) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

/// Adds the seeds of one item of --seeds ("S" or "A..B") to `seeds`.
bool add_seed_item(std::string_view item, std::vector<std::uint64_t>& seeds, std::string* error) {
    const std::string usage = "; use A..B (inclusive) or a comma list, e.g. --seeds 1..10 or "
                              "--seeds 1,5,9";
    size_t dots = item.find("..");
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    bool ok = dots == std::string_view::npos
                  ? parse_seed(item, first) && parse_seed(item, last)
                  : parse_seed(item.substr(0, dots), first) &&
                        parse_seed(item.substr(dots + 2), last);
    if (!ok && item.empty()) {
        *error = "--seeds has an empty item" + usage;
        return false;
    }
    if (!ok) {
        *error = "--seeds: '" + std::string(item) + "' is not a seed or a range of seeds" + usage;
        return false;
    }
    if (first > last) {
        *error = "--seeds: the range '" + std::string(item) +
                 "' is empty; the first seed must not exceed the last" + usage;
        return false;
    }
    if (last - first >= max_seed_count || seeds.size() + (last - first) >= max_seed_count) {
        *error = "--seeds asks for more than " + std::to_string(max_seed_count) + " runs";
        return false;
    }
    for (std::uint64_t s = first;; ++s) {
        seeds.push_back(s);
        if (s == last) break;  // not `s <= last`: last may be the largest seed there is
    }
    return true;
}

std::optional<std::string> fill(Command& cmd, const po::variables_map& vm) {
    if (vm.count("mode")) cmd.mode = vm["mode"].as<std::string>();
    if (vm.count("set")) {
        for (const auto& s : vm["set"].as<std::vector<std::string>>()) {
            std::pair<std::string, std::string> kv;
            if (!split_assignment(s, kv)) return "--set needs NAME=VALUE, e.g. --set tau_m=10ms; got '" + s + "'";
            cmd.overrides.push_back(kv);
        }
    }
    if (vm.count("W")) {
        for (const auto& s : vm["W"].as<std::vector<std::string>>()) {
            std::pair<std::string, std::string> kv;
            if (!split_assignment(s, kv) || (kv.second != "ignore" && kv.second != "error")) {
                return "-W needs CODE=ignore or CODE=error, e.g. -W names.unused=ignore; got '" + s + "'";
            }
            cmd.warning_policies.push_back(kv);
        }
    }
    cmd.json = vm.count("json") > 0;
    cmd.dump_ast = vm.count("dump-ast") > 0;
    cmd.llvm = vm.count("llvm") > 0;
    cmd.adjoint = vm.count("adjoint") > 0;
    cmd.markdown = vm.count("markdown") > 0;
    cmd.quiet = vm.count("quiet") > 0;
    cmd.plot = vm.count("plot") > 0;
    cmd.profile = vm.count("profile") > 0;
    if (cmd.plot && vm.count("seeds")) {
        return "--plot draws one run directory and cannot be combined with --seeds; plot a seed "
               "afterwards with 'neurojit plot <out>/seed-<S>'";
    }
    if (cmd.plot && !plot::plotting_available()) return std::string("--plot: ") + plot::no_plotting_message;
    cmd.warnings_as_errors = vm.count("warnings-as-errors") > 0;
    if (vm.count("color")) cmd.color = vm["color"].as<std::string>();
    if (cmd.color != "auto" && cmd.color != "always" && cmd.color != "never") {
        return "--color must be auto, always or never; got '" + cmd.color + "'";
    }
    if (vm.count("seed")) cmd.seed = vm["seed"].as<unsigned long long>();
    if (auto error = fill_seeds(cmd, vm)) return error;
    if (vm.count("out")) cmd.out_dir = vm["out"].as<std::string>();
    if (vm.count("threads")) cmd.threads = vm["threads"].as<int>();
    if (cmd.threads < 1) return "--threads must be at least 1";
    if (vm.count("precision")) cmd.precision = vm["precision"].as<std::string>();
    if (!cmd.precision.empty() && cmd.precision != "double" && cmd.precision != "single") {
        return "--precision must be double or single; got '" + cmd.precision + "'";
    }
    return fill_format(cmd, vm);
}

}  // namespace

std::optional<std::vector<std::uint64_t>> parse_seed_list(std::string_view text,
                                                          std::string* error) {
    std::vector<std::uint64_t> seeds;
    std::string_view rest = text;
    while (true) {
        size_t comma = rest.find(',');
        if (!add_seed_item(trimmed(rest.substr(0, comma)), seeds, error)) return std::nullopt;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    std::vector<std::uint64_t> sorted = seeds;
    std::sort(sorted.begin(), sorted.end());
    auto twice = std::adjacent_find(sorted.begin(), sorted.end());
    if (twice != sorted.end()) {
        *error = "--seeds lists seed " + std::to_string(*twice) + " more than once";
        return std::nullopt;
    }
    return seeds;
}

std::string general_help() {
    std::ostringstream text;
    text << "neurojit — compile and run neural network models written as text\n\n"
         << "usage: neurojit COMMAND [FILE] [options]\n\ncommands:\n";
    for (const auto& c : commands) {
        // The description column starts after the longest command name and two spaces.
        text << "  " << c[0] << std::string(18 - std::string(c[0]).size(), ' ') << c[1] << "\n";
    }
    text << "\nexamples:\n"
         << "  neurojit check models/cuba.nj\n"
         << "  neurojit run examples/lif_fi_curve.nj --mode fast\n"
         << "  neurojit run examples/ou_process.nj --mode fast --seeds 1..10 --jobs 4\n"
         << "  neurojit run models/cuba.nj --mode fast --out runs/cuba-fast --plot\n"
         << "  neurojit plot runs/cuba-fast\n"
         << "  neurojit synth-connectome models/data/olfactory_synthetic_connectome.json "
            "--out /tmp/synth\n"
         << "  neurojit info examples/hodgkin_huxley.nj\n"
         << "  neurojit check models/cuba.nj --set taum=10ms --mode fast\n\n"
         << "`neurojit COMMAND --help` lists the options of a command.\n"
         << "Exit codes: 0 success, 1 model or usage error, 2 runtime failure "
            "(run --seeds: the worst of its seeds).\n";
    return text.str();
}

ParseResult parse_command_line(int argc, const char* const* argv) {
    ParseResult result;
    Command cmd;
    if (argc < 2) {
        result.error = "no command given; try 'neurojit --help'";
        return result;
    }
    std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
        cmd.show_help = true;
        cmd.help_text = general_help();
        result.command = cmd;
        return result;
    }
    if (first == "--version" || first == "-V") {
        cmd.show_version = true;
        result.command = cmd;
        return result;
    }
    bool known = false;
    for (const auto& c : commands) known = known || first == c[0];
    if (!known) {
        result.error = "unknown command '" + first + "'; the commands are check, run, info, "
                       "list, ir, diagnostics, builtins, plot, synth-connectome";
        return result;
    }
    cmd.name = first;
    po::options_description options = options_for(first);
    po::options_description hidden;
    hidden.add_options()("file", po::value<std::vector<std::string>>(), "model file");
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("file", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc - 1, argv + 1)
                      .options(all)
                      .positional(positional)
                      // -W takes a single dash like a short option. Guessing is off: with it, a
                      // short option such as -j was taken as an abbreviation of --jobs or --json.
                      .style((po::command_line_style::default_style |
                              po::command_line_style::allow_long_disguise) &
                             ~po::command_line_style::allow_guessing)
                      .run(),
                  vm);
        po::notify(vm);
    } catch (const po::error& e) {
        result.error = std::string(e.what()) + "; try 'neurojit " + first + " --help'";
        return result;
    }
    cmd.help_text = command_help(first, options);
    if (vm.count("help")) {
        cmd.show_help = true;
        result.command = cmd;
        return result;
    }
    if (auto error = fill(cmd, vm)) {
        result.error = *error;
        return result;
    }
    std::vector<std::string> files;
    if (vm.count("file")) files = vm["file"].as<std::vector<std::string>>();
    bool takes_file = first != "list" && first != "diagnostics" && first != "builtins";
    if (takes_file && files.size() != 1) {
        std::string needs = missing_operand(first);
        result.error = files.empty() ? "'" + first + "' needs " + needs
                                     : "'" + first + "' takes one model file, got " +
                                           std::to_string(files.size());
        return result;
    }
    if (!takes_file && !files.empty()) {
        result.error = "'" + first + "' takes no file";
        return result;
    }
    if (takes_file) cmd.file = files.front();
    if (first == "synth-connectome" && cmd.out_dir.empty()) {
        result.error = "'synth-connectome' needs --out DIR, the folder for nodes.csv and edges.csv";
        return result;
    }
    result.command = cmd;
    return result;
}

}  // namespace nj::cli
