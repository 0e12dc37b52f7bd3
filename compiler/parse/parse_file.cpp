// Runs the ANTLR lexer and parser on a source buffer and hands the tree to the AST builder.
#include "compiler/parse/parse_file.h"

#include "compiler/parse/build_ast.h"
#include "compiler/parse/scan_tokens.h"
#include "compiler/parse/syntax_errors.h"
#include "compiler/parse/token_names.h"
#include "compiler/parse/token_ranges.h"

#include "NeuroJitLexer.h"
#include "NeuroJitParser.h"
#include "antlr4-runtime.h"

namespace nj::parse {

namespace {

using support::DiagCode;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Everything one parse needs, alive together: the tree points into the token stream and
// the token stream into the input.
class ParseSession {
public:
    ParseSession(support::FileId file, std::string_view text, uint32_t base,
                 support::DiagnosticEngine& diags)
        : ranges_(file, text, base), input_(std::string(text)), lexer_(&input_),
          tokens_(&lexer_), parser_(&tokens_), names_(parser_.getVocabulary()),
          diags_(diags), listener_(token_list_, scan_, names_, ranges_, diags) {
        lexer_.removeErrorListeners();
        lexer_.addErrorListener(&listener_);
        parser_.removeErrorListeners();
    }

    // Lexes everything, reports character-level errors, and says whether parsing may go on.
    bool lex() {
        tokens_.fill();
        token_list_ = tokens_.getTokens();
        TokenScan scan = scan_tokens(token_list_, names_, ranges_, diags_);
        scan.error_lines.merge(scan_.error_lines);
        scan_ = std::move(scan);
        return scan_.parseable;
    }

    // Parses with the fast SLL strategy first; only input that fails there is parsed again
    // with full LL and error recovery, so that error messages come from the exact parser.
    template <class Rule>
    auto parse(Rule rule) {
        using antlr4::atn::PredictionMode;
        auto* simulator = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
        simulator->setPredictionMode(PredictionMode::SLL);
        parser_.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
        try {
            return rule(parser_);
        } catch (const antlr4::ParseCancellationException&) {
        }
        tokens_.seek(0);
        parser_.reset();
        parser_.addErrorListener(&listener_);
        parser_.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        simulator->setPredictionMode(PredictionMode::LL);
        return rule(parser_);
    }

    // True when any error was found, including characters outside the language.
    bool failed() const { return listener_.failed() || !scan_.error_lines.empty(); }
    const TokenRanges& ranges() const { return ranges_; }

private:
    TokenRanges ranges_;
    antlr4::ANTLRInputStream input_;
    grammar::NeuroJitLexer lexer_;
    antlr4::CommonTokenStream tokens_;
    grammar::NeuroJitParser parser_;
    TokenNames names_;
    support::DiagnosticEngine& diags_;
    std::vector<antlr4::Token*> token_list_;
    TokenScan scan_;
    SyntaxErrorListener listener_;
};

// Runs `body` on the file's text (without a byte-order mark) after checking it is UTF-8.
// Any exception escaping the parser library is a bug in it or in us, never the user's fault,
// so it becomes an internal-error diagnostic rather than a crash.
template <class Result, class Body>
Result with_session(support::FileId file, const support::SourceManager& sources,
                    support::DiagnosticEngine& diags, Body body) {
    std::string_view text = sources.text(file);
    uint32_t base = text.substr(0, 3) == kByteOrderMark ? 3 : 0;
    text.remove_prefix(base);
    if (std::optional<uint32_t> bad = find_invalid_utf8(text)) {
        uint32_t at = base + *bad;
        diags.report(DiagCode::SyntaxInvalidToken, {file, at, at + 1},
                     "this byte is not valid UTF-8 text")
            .help("save the model file with UTF-8 encoding");
        return Result();
    }
    try {
        ParseSession session(file, text, base, diags);
        if (!session.lex()) {
            return Result();
        }
        return body(session);
    } catch (const std::exception& e) {
        diags.report(DiagCode::InternalError, {file, base, base},
                     std::string("the parser failed unexpectedly: ") + e.what());
    } catch (...) {
        diags.report(DiagCode::InternalError, {file, base, base},
                     "the parser failed unexpectedly");
    }
    return Result();
}

}  // namespace

std::optional<ast::ModelFile> parse_file(support::FileId file,
                                         const support::SourceManager& sources,
                                         support::DiagnosticEngine& diags) {
    using Result = std::optional<ast::ModelFile>;
    return with_session<Result>(file, sources, diags, [&](ParseSession& session) -> Result {
        auto* tree = session.parse([](grammar::NeuroJitParser& p) { return p.modelFile(); });
        if (session.failed()) {
            return std::nullopt;
        }
        BuildContext bc{session.ranges(), diags};
        ast::ModelFile model = build_model_file(bc, tree);
        if (bc.failed) {
            return std::nullopt;
        }
        return model;
    });
}

ast::ExprPtr parse_expression(support::FileId file, const support::SourceManager& sources,
                              support::DiagnosticEngine& diags) {
    return with_session<ast::ExprPtr>(file, sources, diags, [&](ParseSession& session) {
        auto* tree = session.parse([](grammar::NeuroJitParser& p) { return p.standaloneExpr(); });
        if (session.failed()) {
            return ast::ExprPtr();
        }
        BuildContext bc{session.ranges(), diags};
        ast::ExprPtr expr = build_expr(bc, tree->expr());
        return bc.failed ? ast::ExprPtr() : std::move(expr);
    });
}

}  // namespace nj::parse
