// Shared helpers for the parser tests: parse a snippet, dump it, or collect its error messages.
#pragma once

#include "compiler/parse/parse_file.h"
#include "compiler/parse/print_ast.h"
#include "compiler/support/diagnostic_engine.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nj::parse::testing {

/// A parsed snippet together with the session objects its ranges refer to.
struct Parsed {
    std::unique_ptr<support::SourceManager> sources = std::make_unique<support::SourceManager>();
    std::unique_ptr<support::DiagnosticEngine> diags =
        std::make_unique<support::DiagnosticEngine>(*sources);
    support::FileId file = 0;
    std::optional<ast::ModelFile> model;

    /// Line and column of a byte offset in the snippet.
    support::LineCol at(uint32_t offset) const { return sources->line_col(file, offset); }
    /// "line:col" of the start of a range.
    std::string where(support::SourceRange range) const {
        support::LineCol lc = at(range.begin);
        return std::to_string(lc.line) + ":" + std::to_string(lc.col);
    }
    /// The text a range covers.
    std::string text(support::SourceRange range) const {
        return std::string(sources->slice(range));
    }
};

/// Parses `text` as a model file named "test.nj".
inline Parsed parse(const std::string& text) {
    Parsed p;
    p.file = p.sources->add_buffer("test.nj", text);
    p.model = parse_file(p.file, *p.sources, *p.diags);
    return p;
}

/// The AST dump of `text`, or "error: <messages>" when it does not parse.
inline std::string dump(const std::string& text) {
    Parsed p = parse(text);
    if (!p.model) {
        std::string out = "error:";
        for (const support::Diagnostic& d : p.diags->diagnostics()) {
            out += " " + d.message;
        }
        return out;
    }
    return print_ast(*p.model, *p.sources);
}

/// One expression parsed with parse_expression() and printed fully parenthesised.
inline std::string expr(const std::string& text) {
    support::SourceManager sources;
    support::DiagnosticEngine diags(sources);
    ast::ExprPtr e = parse_expression(sources.add_buffer("--set", text), sources, diags);
    return e ? print_expr(*e) : std::string("error");
}

/// The messages of every diagnostic reported for `text`.
inline std::vector<std::string> messages(const std::string& text) {
    Parsed p = parse(text);
    std::vector<std::string> out;
    for (const support::Diagnostic& d : p.diags->diagnostics()) {
        out.push_back(d.message);
    }
    return out;
}

}  // namespace nj::parse::testing
