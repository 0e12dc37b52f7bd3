// Shared helpers for the checker tests: check a model given as text in-process, or type one
// expression in a small fixed scope, and read back the diagnostics and the checked model.
#pragma once

#include "compiler/parse/parse_file.h"
#include "compiler/sema/check_equations.h"
#include "compiler/sema/check_expr.h"
#include "compiler/sema/check_model.h"
#include "compiler/support/diag_codes.h"
#include "compiler/support/diagnostic_engine.h"
#include "compiler/support/source_manager.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace nj::sema::testing {

/// One diagnostic in plain strings: where it points, its code, its message and hints.
struct Diag {
    support::DiagCode code = support::DiagCode::InternalError;
    support::Severity severity = support::Severity::Error;
    std::string file;   ///< the path the file was registered under; "" without a location
    std::string where;  ///< "line:col" of the start of the primary range; "" without one
    std::string message;
    std::vector<std::string> labels;  ///< "line:col text" of each label
    std::vector<std::string> helps;
    std::vector<std::string> notes;

    /// "units.mismatch 5:14".
    std::string code_at() const {
        return std::string(support::code_name(code)) + (where.empty() ? "" : " " + where);
    }
    /// The first help line, or "".
    std::string help() const { return helps.empty() ? std::string() : helps.front(); }
};

inline std::string line_col(const support::SourceManager& sources, support::SourceRange range) {
    if (!range.valid()) return "";
    support::LineCol lc = sources.line_col(range.file, range.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.col);
}

inline std::vector<Diag> collect(const support::DiagnosticEngine& engine) {
    const support::SourceManager& sources = engine.sources();
    std::vector<Diag> out;
    for (const support::Diagnostic& d : engine.diagnostics()) {
        Diag diag;
        diag.code = d.code;
        diag.severity = d.severity;
        diag.file = d.range.valid() ? sources.path(d.range.file) : "";
        diag.where = line_col(sources, d.range);
        diag.message = d.message;
        for (const auto& label : d.labels) {
            diag.labels.push_back(line_col(sources, label.range) + " " + label.text);
        }
        diag.helps = d.helps;
        diag.notes = d.notes;
        out.push_back(std::move(diag));
    }
    return out;
}

/// "units.mismatch 5:14, names.unused 2:7" — every diagnostic in report order ("" for none).
inline std::string codes_of(const std::vector<Diag>& diags) {
    std::string out;
    for (const auto& d : diags) out += (out.empty() ? "" : ", ") + d.code_at();
    return out;
}

/// Model text from an indented raw string: drops the first newline, a last line of only
/// spaces, and the indentation common to all non-empty lines, so line 1 is the first line
/// written and columns count from its text.
inline std::string src(std::string_view raw) {
    if (!raw.empty() && raw.front() == '\n') raw.remove_prefix(1);
    std::vector<std::string_view> lines;
    while (true) {
        size_t end = raw.find('\n');
        lines.push_back(raw.substr(0, end));
        if (end == std::string_view::npos) break;
        raw.remove_prefix(end + 1);
    }
    bool trailing_newline = lines.back().find_first_not_of(' ') == std::string_view::npos;
    if (trailing_newline) lines.pop_back();
    size_t indent = std::string_view::npos;
    for (std::string_view line : lines) {
        size_t first = line.find_first_not_of(' ');
        if (first != std::string_view::npos && first < indent) indent = first;
    }
    std::string out;
    for (size_t k = 0; k < lines.size(); ++k) {
        if (k) out += '\n';
        if (lines[k].size() > indent) out += lines[k].substr(indent);
    }
    return trailing_newline ? out + '\n' : out;
}

/// A checked model with the session objects its ranges and pointers refer to.
struct Checked {
    std::unique_ptr<support::SourceManager> sources = std::make_unique<support::SourceManager>();
    std::unique_ptr<support::DiagnosticEngine> engine =
        std::make_unique<support::DiagnosticEngine>(*sources);
    std::unique_ptr<CheckedModel> model = std::make_unique<CheckedModel>();
    std::vector<Diag> diags;

    /// Every diagnostic as "code line:col", comma-separated, in report order.
    std::string codes() const { return codes_of(diags); }
    bool clean() const { return diags.empty(); }
    bool has_errors() const { return engine->has_errors(); }

    /// The single diagnostic, copied (fails the test when there is not exactly one).
    Diag only() const {
        INFO("diagnostics: ", codes());
        REQUIRE(diags.size() == 1);
        return diags.front();
    }

    const ParamInfo* param(std::string_view name) const {
        for (const auto& p : model->params) {
            if (p.name == name) return &p;
        }
        return nullptr;
    }
    const GroupInfo* group(std::string_view name) const {
        for (const auto& g : model->groups) {
            if (g.name == name) return &g;
        }
        return nullptr;
    }
    const SynapsesInfo* synapses(std::string_view name) const {
        for (const auto& s : model->synapses) {
            if (s.name == name) return &s;
        }
        return nullptr;
    }
};

/// Checks `text` as the root model file registered under `path` (imports resolve next to it;
/// the default folder does not exist, so a snippet cannot read files by accident).
inline Checked check(const std::string& text, CheckOptions options = {},
                     const std::string& path = "/nonexistent/test.nj") {
    Checked c;
    options.root_text = text;
    check_model(path, options, *c.sources, *c.engine, *c.model);
    c.diags = collect(*c.engine);
    return c;
}

/// `check` with --mode and --set NAME=VALUE overrides.
inline Checked check_with(const std::string& text, const std::string& mode,
                          std::vector<std::pair<std::string, std::string>> overrides = {}) {
    CheckOptions options;
    options.mode = mode;
    options.overrides = std::move(overrides);
    return check(text, options);
}

/// Where an expression is checked by `type_of`.
struct ExprOptions {
    bool noise = false;      ///< xi allowed (differential equations)
    bool random = true;      ///< rand() allowed
    bool generator = false;  ///< connect generators allowed
};

/// The checked type of one expression and what was reported about it.
struct Typed {
    ExprType type;
    std::vector<Diag> diags;

    /// describe_type of the result: "volt", "boolean", "list of second", "erroneous value".
    std::string unit() const { return describe_type(type); }
    bool constant() const { return type.constant.has_value(); }
    /// The folded SI value (0 when not constant).
    double value() const { return type.constant ? type.constant->number : 0.0; }
    std::string codes() const { return codes_of(diags); }
    Diag only() const {
        INFO("diagnostics: ", codes());
        REQUIRE(diags.size() == 1);
        return diags.front();
    }
};

/// Types `text` (one expression, columns count from 1 in it) in this scope:
/// - globals: tau = 10 ms, El = -65 mV, n_exc = 800, rates = [1 Hz, 2 Hz], label = "x",
///   learn = true (parameters);
/// - variables of a spiking neuron: v (volt, state), g (siemens), I (amp), w (1),
///   active (boolean), k (integer), r (hertz);
/// - t, dt, i, N, lastspike, not_refractory.
/// `check` receives the parsed expression and the context; its result is returned.
inline Typed check_in_scope(
    const std::string& text, ExprOptions options,
    const std::function<ExprType(const ast::Expr&, const CodeContext&)>& check) {
    support::SourceManager sources;
    support::DiagnosticEngine engine(sources);
    Typed out;
    ast::ExprPtr expr = parse::parse_expression(sources.add_buffer("expr", text), sources, engine);
    if (!expr) {
        out.diags = collect(engine);
        return out;
    }
    Scope globals;
    auto param = [&](const char* name, Value value) {
        Symbol s;
        s.kind = SymbolKind::Param;
        s.name = name;
        s.type = ExprType::of_value(value);
        globals.define(s);
    };
    using units::Dimension;
    param("tau", Value::quantity(0.01, Dimension::second()));
    param("El", Value::quantity(-0.065, Dimension::volt()));
    param("n_exc", Value::quantity(800, Dimension::dimensionless()));
    param("rates", Value::list({Value::quantity(1, Dimension::hertz()),
                                Value::quantity(2, Dimension::hertz())}));
    param("label", Value::string("x"));
    param("learn", Value::boolean(true));
    VariableTable vars;
    auto variable = [&](const char* name, ExprType type, Variable::Role role) {
        Variable v;
        v.name = name;
        v.type = type;
        v.role = role;
        vars.by_name.emplace(name, v);
    };
    variable("v", ExprType::number(Dimension::volt()), Variable::Role::State);
    variable("g", ExprType::number(Dimension::siemens()), Variable::Role::Parameter);
    variable("I", ExprType::number(Dimension::amp()), Variable::Role::Parameter);
    variable("w", ExprType::number(Dimension::dimensionless()), Variable::Role::Parameter);
    variable("active", ExprType::boolean(), Variable::Role::Parameter);
    variable("k", ExprType::number(Dimension::dimensionless(), true), Variable::Role::Parameter);
    variable("r", ExprType::number(Dimension::hertz()), Variable::Role::Subexpression);
    Scope local(&globals);
    define_variables(local, vars);
    define_neuron_specials(local, true);
    CodeContext context{local, engine, nullptr, false, options.random, options.noise,
                        options.generator, "here"};
    out.type = check(*expr, context);
    out.type.object = nullptr;  // symbols die with the scope
    out.diags = collect(engine);
    return out;
}

/// The type of `text` in check_in_scope's scope.
inline Typed type_of(const std::string& text, ExprOptions options = {}) {
    return check_in_scope(text, options, [](const ast::Expr& e, const CodeContext& c) {
        return check_expr(e, c);
    });
}

/// A fresh empty folder under the system's temporary folder, removed when this goes away.
class TempDir {
public:
    explicit TempDir(const std::string& name) {
        path_ = std::filesystem::temp_directory_path() /
                ("nj_sema_test_" + name + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// Writes `text` to `relative` (creating folders) and returns its full path.
    std::string write(const std::string& relative, const std::string& text) const {
        std::filesystem::path file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file.string();
    }
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

/// Checks the file at `path` (read from disk, with its imports).
inline Checked check_file(const std::string& path, CheckOptions options = {}) {
    Checked c;
    check_model(path, options, *c.sources, *c.engine, *c.model);
    c.diags = collect(*c.engine);
    return c;
}

}  // namespace nj::sema::testing
