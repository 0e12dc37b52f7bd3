// Runs every bad model in tests/errors/ through the checker and compares its diagnostics with the
// file's `# expect:` lines (STYLE.md §7): exactly that set, each message containing its fragment.
//
// Corpus file format (see tests/errors/README.md):
//   # expect: error 3:14 units.mismatch "cannot add"     a diagnostic at line 3, column 14
//   # expect: warning 2:7 names.unused "never used"
//   # expect: error - mode.unknown "unknown mode"        a diagnostic without a location
//   # expect: error lib/b.nj:2:8 io.import_cycle "..."   in another file, relative to this one
//   # expect: error --set:1:1 override.value "..."       in the text of a --set value
//   # args: --mode fast --set tau=10ms                    extra command-line options
// Files under a `lib/` folder and files named `*.inc.nj` are helpers imported by cases.
#include "compiler/driver/compile_model.h"
#include "compiler/support/diag_codes.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace nj;

namespace {

/// Codes no model file can produce today, each with the reason. A code leaves this list as
/// soon as the checker can report it and a corpus case shows it.
const std::set<std::string> codes_without_case = {
    "io.unreadable_file",        // unreadable files are reported as io.missing_file
    "equations.bad_derivative",  // 'dv/dx' is reported as syntax.expected by the parser
    "method.unsupported",        // integrators are not matched to equations yet
    "clause.missing",            // no clause is required by the checker yet
    "override.syntax",           // a malformed --set is a command-line (usage) error
    "usage.command",             // command line only, no model involved
    "usage.option",              // command line only, no model involved
    "internal.error",            // compiler bugs, never expected
};

/// Areas whose codes only `neurojit run` reports (building or simulating the network); the
/// corpus runs `neurojit check`.
const std::vector<std::string> areas_without_case = {"run."};

struct Expectation {
    std::string key;       ///< "error 3:14 units.mismatch"
    std::string fragment;  ///< must appear in the message
    bool matched = false;
};

struct CorpusCase {
    fs::path path;
    std::vector<Expectation> expected;
    sema::CheckOptions options;
    std::vector<std::string> problems;  ///< malformed `# expect:` or `# args:` lines
};

bool is_helper(const fs::path& path, const fs::path& root) {
    for (const auto& part : fs::relative(path, root)) {
        if (part == "lib") return true;
    }
    std::string name = path.filename().string();
    return name.size() > 7 && name.ends_with(".inc.nj");
}

std::vector<fs::path> corpus_files(const fs::path& root) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() == ".nj" &&
            !is_helper(entry.path(), root)) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// Parses `error 3:14 units.mismatch "fragment"`.
bool parse_expectation(const std::string& text, Expectation& out) {
    std::istringstream in(text);
    std::string severity, location, code;
    if (!(in >> severity >> location >> code)) return false;
    if (severity != "error" && severity != "warning") return false;
    size_t open = text.find('"');
    size_t close = text.rfind('"');
    if (open == std::string::npos || close <= open) return false;
    out.key = severity + " " + location + " " + code;
    out.fragment = text.substr(open + 1, close - open - 1);
    return true;
}

/// Applies `--mode M` and `--set NAME=VALUE` (also `-m`, `-s`, `--mode=M`, `--set=N=V`).
void parse_args(const std::string& text, CorpusCase& c) {
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
        std::string value;
        bool mode = word == "--mode" || word == "-m" || word.starts_with("--mode=");
        bool set = word == "--set" || word == "-s" || word.starts_with("--set=");
        if (!mode && !set) {
            c.problems.push_back("unknown option in '# args:': " + word);
            continue;
        }
        size_t eq = word.find('=');
        if (word.starts_with("--") && eq != std::string::npos) value = word.substr(eq + 1);
        else in >> value;
        if (mode) {
            c.options.mode = value;
            continue;
        }
        size_t split = value.find('=');
        if (split == std::string::npos || split == 0) {
            c.problems.push_back("'# args: --set' needs NAME=VALUE, got '" + value + "'");
            continue;
        }
        c.options.overrides.emplace_back(value.substr(0, split), value.substr(split + 1));
    }
}

CorpusCase read_case(const fs::path& path) {
    CorpusCase c;
    c.path = path;
    c.options.library_dirs = driver::default_library_dirs();
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.starts_with("# expect:")) {
            Expectation e;
            if (parse_expectation(line.substr(9), e)) c.expected.push_back(e);
            else c.problems.push_back("malformed line: " + line);
        } else if (line.starts_with("# args:")) {
            parse_args(line.substr(7), c);
        }
    }
    return c;
}

fs::path normal(const fs::path& p) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(p, ec);
    return ec ? p.lexically_normal() : canonical;
}

/// The location as an `# expect:` line writes it, relative to the case file `entry`.
std::string location_of(const support::Diagnostic& d, const support::SourceManager& sources,
                        const fs::path& entry) {
    if (!d.range.valid()) return "-";
    support::LineCol lc = sources.line_col(d.range.file, d.range.begin);
    std::string at = std::to_string(lc.line) + ":" + std::to_string(lc.col);
    const std::string& file = sources.path(d.range.file);
    if (file.starts_with("<--set")) return "--set:" + at;
    if (normal(file) == normal(entry)) return at;
    return normal(file).lexically_relative(normal(entry).parent_path()).generic_string() + ":" +
           at;
}

std::string severity_word(support::Severity s) {
    return std::string(support::severity_name(s));
}

/// Checks one case; returns the report of everything that differs (empty when it passes).
std::string run_case(CorpusCase& c, std::set<std::string>& codes_seen) {
    std::ostringstream report;
    for (const auto& p : c.problems) report << "  " << p << "\n";
    if (c.expected.empty()) report << "  the file has no '# expect:' line\n";

    driver::CompileSession session;
    sema::CheckedModel model;
    driver::CompileOptions options;
    options.check = c.options;
    driver::compile_model(session, c.path.string(), options, model);
    const auto& diags = session.diags();

    std::vector<std::string> unexpected;
    for (const auto& d : diags.diagnostics()) {
        std::string key = severity_word(d.severity) + " " +
                          location_of(d, session.sources(), c.path) + " " +
                          std::string(support::code_name(d.code));
        auto it = std::find_if(c.expected.begin(), c.expected.end(), [&](const Expectation& e) {
            return !e.matched && e.key == key && d.message.find(e.fragment) != std::string::npos;
        });
        if (it == c.expected.end()) {
            unexpected.push_back(key + " \"" + d.message + "\"");
            continue;
        }
        it->matched = true;
        codes_seen.insert(std::string(support::code_name(d.code)));
    }
    for (const auto& e : c.expected) {
        if (!e.matched) report << "  missing:    " << e.key << " \"" << e.fragment << "\"\n";
    }
    for (const auto& u : unexpected) report << "  unexpected: " << u << "\n";
    bool wants_error = std::any_of(c.expected.begin(), c.expected.end(), [](const Expectation& e) {
        return e.key.starts_with("error ");
    });
    if (wants_error != diags.has_errors()) {
        report << "  exit code would be " << (diags.has_errors() ? 1 : 0) << ", expected "
               << (wants_error ? 1 : 0) << "\n";
    }
    if (report.tellp() > 0) {
        std::ostringstream rendered;
        diags.render(rendered, false);
        report << "  the checker printed:\n" << rendered.str();
    }
    return report.str();
}

}  // namespace

TEST_CASE("errors corpus: each bad model reports exactly its expected diagnostics") {
    fs::path root = fs::path(NJ_TEST_DATA_DIR) / "errors";
    std::vector<fs::path> files = corpus_files(root);
    CHECK(files.size() >= 60);
    std::set<std::string> codes_seen;
    for (const auto& path : files) {
        CorpusCase c = read_case(path);
        std::string report = run_case(c, codes_seen);
        if (!report.empty()) {
            FAIL_CHECK(fs::relative(path, root).generic_string() << ":\n" << report);
        }
    }

    // STYLE.md §6: each diagnostic code has a tests/errors/ case.
    for (support::DiagCode code : support::all_diag_codes()) {
        std::string name(support::code_name(code));
        bool excused = codes_without_case.count(name) != 0 ||
                       std::any_of(areas_without_case.begin(), areas_without_case.end(),
                                   [&](const std::string& area) { return name.starts_with(area); });
        bool seen = codes_seen.count(name) != 0;
        if (!seen && !excused) {
            FAIL_CHECK("no tests/errors/ case shows the code " << name);
        }
        if (seen && excused) {
            FAIL_CHECK("the code " << name << " now has a case; remove it from codes_without_case");
        }
    }
}
