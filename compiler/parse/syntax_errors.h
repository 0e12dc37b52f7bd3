// The error listener that turns ANTLR's syntax errors into diagnostics in our own words.
#pragma once

#include "compiler/parse/scan_tokens.h"

#include "antlr4-runtime.h"

#include <string>
#include <vector>

namespace nj::support {
class DiagnosticEngine;
}

namespace nj::parse {

class TokenNames;
class TokenRanges;

/// Replaces ANTLR's console listener on both the lexer and the parser. Each error becomes one
/// diagnostic such as "expected ')' after 'rate = 5 Hz'", "expected an expression after '='",
/// "unexpected 'mV' here" or "expected ')' to close the '(' at line 3". ANTLR's recovery
/// cascades, so at most one error is reported per line and per statement, and nothing more
/// after an unclosed bracket.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
    /// `tokens` is the complete token list (the stream was filled before parsing) and `scan`
    /// the result of scan_tokens() on it. All references must outlive the listener.
    SyntaxErrorListener(const std::vector<antlr4::Token*>& tokens, TokenScan& scan,
                        const TokenNames& names, const TokenRanges& ranges,
                        support::DiagnosticEngine& diags);

    /// Called by ANTLR for every lexer or parser error.
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                     size_t column, const std::string& message, std::exception_ptr error) override;

    /// True once any syntax error was seen, including ones not reported again on a line.
    bool failed() const { return failed_; }

private:
    void report_lexer_error(antlr4::Lexer& lexer);
    bool report_unclosed_bracket(const antlr4::Token* offending,
                                 const antlr4::misc::IntervalSet& expected);
    void report_parser_error(antlr4::Parser& parser, const antlr4::Token* offending,
                             const antlr4::misc::IntervalSet& expected, std::exception_ptr error);
    std::string preceding_text(antlr4::Parser& parser, const antlr4::Token* offending,
                               std::exception_ptr error) const;
    const antlr4::Token* line_end_before(const antlr4::Token* opener,
                                         const antlr4::Token* offending) const;
    bool follows_last_error(const antlr4::Token* offending) const;

    const std::vector<antlr4::Token*>& tokens_;
    TokenScan& scan_;
    const TokenNames& names_;
    const TokenRanges& ranges_;
    support::DiagnosticEngine& diags_;
    bool failed_ = false;
    bool stopped_ = false;
    size_t last_error_token_ = 0;  // token index of the last reported parser error, plus one
};

}  // namespace nj::parse
