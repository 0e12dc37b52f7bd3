// Implements SyntaxErrorListener: phrases parser errors as "expected X after Y" diagnostics.
#include "compiler/parse/syntax_errors.h"

#include "compiler/parse/expected_tokens.h"
#include "compiler/parse/token_names.h"
#include "compiler/parse/token_ranges.h"
#include "compiler/support/diagnostic_engine.h"

#include "NeuroJitLexer.h"
#include "NeuroJitParser.h"

#include <string_view>

namespace nj::parse {

namespace {

using Lexer = grammar::NeuroJitLexer;
using Parser = grammar::NeuroJitParser;
using support::DiagCode;
using support::SourceRange;

constexpr size_t kMaxQuoted = 32;

bool quotable(std::string_view text) {
    return !text.empty() && text.size() <= kMaxQuoted &&
           text.find_first_of("\r\n") == std::string_view::npos;
}

// Rules whose text is a list or a whole block: never quoted as "after '...'".
bool quotable_rule(size_t rule) {
    switch (rule) {
    case Parser::RuleModelFile:
    case Parser::RuleSep:
    case Parser::RuleBody:
    case Parser::RuleBlock:
    case Parser::RuleArgs:
    case Parser::RuleClauseItems:
    case Parser::RuleEquationsBlock: return false;
    default: return true;
    }
}

// The largest complete construct that ends at token `last` and is short enough to quote.
const antlr4::ParserRuleContext* construct_ending_at(const antlr4::ParserRuleContext* ctx,
                                                     size_t last, const TokenRanges& ranges) {
    if (ctx->start == nullptr || ctx->start->getTokenIndex() > last) {
        return nullptr;
    }
    if (ctx->stop != nullptr && ctx->exception == nullptr) {
        size_t stop = ctx->stop->getTokenIndex();
        if (stop < last) {
            return nullptr;
        }
        if (stop == last && quotable_rule(ctx->getRuleIndex()) &&
            quotable(ranges.text(ranges.of(ctx)))) {
            return ctx;
        }
    }
    for (auto it = ctx->children.rbegin(); it != ctx->children.rend(); ++it) {
        if (auto* child = dynamic_cast<const antlr4::ParserRuleContext*>(*it)) {
            if (const auto* found = construct_ending_at(child, last, ranges)) {
                return found;
            }
        }
    }
    return nullptr;
}

// When only the closing bracket of an argument list, list or index is expected, the list
// rule has already ended; a ',' could still have continued it, so say so.
void add_list_separator(antlr4::Parser& parser, const TokenNames& names,
                        antlr4::misc::IntervalSet& expected) {
    antlr4::ParserRuleContext* ctx = parser.getContext();
    if (ctx == nullptr || expected.size() != 1) {
        return;
    }
    bool after_args = !ctx->children.empty() &&
                      dynamic_cast<Parser::ArgsContext*>(ctx->children.back()) != nullptr;
    bool in_list = dynamic_cast<Parser::ListLiteralContext*>(ctx) != nullptr ||
                   dynamic_cast<Parser::IndexOpContext*>(ctx) != nullptr;
    bool closing = expected.contains(names.type(")")) || expected.contains(names.type("]"));
    if (closing && (after_args || (in_list && ctx->children.size() > 1))) {
        expected.add(names.type(","));
    }
}

SourceRange point_after(const antlr4::Token* token, const TokenRanges& ranges) {
    SourceRange range = ranges.of(token);
    return {range.file, range.end, range.end};
}

}  // namespace

SyntaxErrorListener::SyntaxErrorListener(const std::vector<antlr4::Token*>& tokens,
                                         TokenScan& scan, const TokenNames& names,
                                         const TokenRanges& ranges,
                                         support::DiagnosticEngine& diags)
    : tokens_(tokens), scan_(scan), names_(names), ranges_(ranges), diags_(diags) {}

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                      size_t line, size_t /*column*/,
                                      const std::string& /*message*/,
                                      std::exception_ptr error) {
    failed_ = true;
    if (auto* lexer = dynamic_cast<antlr4::Lexer*>(recognizer)) {
        if (scan_.error_lines.insert(line).second) {
            report_lexer_error(*lexer);
        }
        return;
    }
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser == nullptr || offending == nullptr || stopped_) {
        return;
    }
    size_t type = offending->getType();
    if (type == Lexer::INVALID || type == Lexer::UNTERMINATED_STRING ||
        offending->getTokenIndex() >= tokens_.size() || follows_last_error(offending) ||
        !scan_.error_lines.insert(offending->getLine()).second) {
        return;  // already reported by scan_tokens, or a follow-on error of the same mistake
    }
    last_error_token_ = offending->getTokenIndex() + 1;
    antlr4::misc::IntervalSet expected = expected_tokens(*parser, error);
    add_list_separator(*parser, names_, expected);
    if (report_unclosed_bracket(offending, expected)) {
        stopped_ = true;  // everything after an unclosed bracket was read as one statement
        return;
    }
    report_parser_error(*parser, offending, expected, error);
}

// True when no statement separator lies between the last reported error and this one, so
// this error is most likely the parser's recovery stumbling over the same mistake.
bool SyntaxErrorListener::follows_last_error(const antlr4::Token* offending) const {
    if (last_error_token_ == 0) {
        return false;
    }
    for (size_t i = last_error_token_; i < offending->getTokenIndex(); ++i) {
        size_t type = tokens_[i]->getType();
        if (type == Lexer::NEWLINE || names_.literal(type) == ";") {
            return false;
        }
    }
    return true;
}

void SyntaxErrorListener::report_lexer_error(antlr4::Lexer& lexer) {
    uint32_t begin = ranges_.byte_offset(lexer.tokenStartCharIndex);
    uint32_t end = ranges_.byte_offset(lexer.getCharIndex() + 1);
    SourceRange range{ranges_.file(), begin, std::max(begin, end)};
    diags_.report(DiagCode::SyntaxInvalidToken, range,
                  "unexpected character " + quote(ranges_.text(range)));
}

// The last token before the first line, after `opener`, that is indented no deeper than the
// line holding `opener`: where the closing bracket was most likely forgotten.
const antlr4::Token* SyntaxErrorListener::line_end_before(const antlr4::Token* opener,
                                                          const antlr4::Token* offending) const {
    size_t first = opener->getTokenIndex();
    while (first > 0 && tokens_[first - 1]->getLine() == opener->getLine() &&
           tokens_[first - 1]->getType() != Lexer::NEWLINE) {
        --first;
    }
    size_t indent = tokens_[first]->getCharPositionInLine();
    const antlr4::Token* previous = opener;
    for (size_t i = opener->getTokenIndex() + 1; i <= offending->getTokenIndex(); ++i) {
        const antlr4::Token* token = tokens_[i];
        if (token->getType() == Lexer::NEWLINE) {
            continue;
        }
        if (token->getLine() > previous->getLine() &&
            (token->getCharPositionInLine() <= indent || token->getType() == antlr4::Token::EOF)) {
            return previous;
        }
        previous = token;
    }
    return nullptr;
}

bool SyntaxErrorListener::report_unclosed_bracket(const antlr4::Token* offending,
                                                  const antlr4::misc::IntervalSet& expected) {
    int32_t open = scan_.open_bracket[offending->getTokenIndex()];
    if (open < 0) {
        return false;
    }
    const antlr4::Token* opener = tokens_[open];
    if (scan_.error_lines.count(opener->getLine()) != 0 &&
        opener->getLine() != offending->getLine()) {
        return true;  // the bracket sits on a line with an error already; stay quiet
    }
    std::string_view open_spelling = names_.literal(opener->getType());
    std::string close = open_spelling == "(" ? ")" : open_spelling == "[" ? "]" : "}";
    bool closer_expected = expected.contains(names_.type(close));
    const antlr4::Token* line_end = line_end_before(opener, offending);
    if (offending->getType() == antlr4::Token::EOF) {
        if (open_spelling == "{" && !closer_expected) {
            return false;
        }
    } else if (!closer_expected || line_end == nullptr) {
        return false;
    }
    if (line_end == nullptr) {
        line_end = tokens_[offending->getTokenIndex() - 1];
    }
    diags_
        .report(DiagCode::SyntaxExpected, point_after(line_end, ranges_),
                "expected " + quote(close) + " to close the " + quote(open_spelling) +
                    " at line " + std::to_string(opener->getLine()))
        .label(ranges_.of(opener), "this " + quote(open_spelling) + " is never closed");
    return true;
}

void SyntaxErrorListener::report_parser_error(antlr4::Parser& parser,
                                              const antlr4::Token* offending,
                                              const antlr4::misc::IntervalSet& expected,
                                              std::exception_ptr error) {
    size_t type = offending->getType();
    size_t index = offending->getTokenIndex();
    const antlr4::Token* prev = index > 0 ? tokens_[index - 1] : nullptr;
    std::string_view prev_spelling = prev ? names_.literal(prev->getType()) : "";
    bool at_start = prev == nullptr || prev->getType() == Lexer::NEWLINE ||
                    prev_spelling == ";" || prev_spelling == "{";
    bool at_line_end = type == Lexer::NEWLINE || type == antlr4::Token::EOF;
    SourceRange where = at_line_end && prev ? point_after(prev, ranges_) : ranges_.of(offending);
    std::string shown = TokenNames::display(offending, ranges_);

    if (type == Lexer::ELSE && prev != nullptr && prev->getType() == Lexer::NEWLINE) {
        diags_.report(DiagCode::SyntaxUnexpected, where, "unexpected 'else' here")
            .help("'else' must follow the '}' that closes an 'if' block");
        return;
    }
    if (names_.is_keyword(type) && !at_start && expected.contains(size_t(Lexer::IDENT)) &&
        !expected.contains(size_t(Lexer::NUMBER))) {
        diags_
            .report(DiagCode::SyntaxExpected, where,
                    "expected a name after " + preceding_text(parser, offending, error) +
                        ", but " + shown + " is a keyword")
            .help("keywords cannot be used as names; choose another name");
        return;
    }
    ExpectedWords words = describe_expected(expected, names_);
    if (at_start || words.only_terminators || words.words.empty() || words.words.size() > 4) {
        diags_.report(DiagCode::SyntaxUnexpected, where,
                      "unexpected " + shown + (at_line_end ? "" : " here"));
        return;
    }
    auto builder = diags_.report(DiagCode::SyntaxExpected, where,
                                 "expected " + join_alternatives(words.words) + " after " +
                                     preceding_text(parser, offending, error));
    if (names_.literal(type) == "'" && expected.contains(size_t(Lexer::STRING))) {
        builder.help("write strings in double quotes: \"...\"");
    }
    if (names_.literal(type) == "=" && parser.getContext() != nullptr &&
        parser.getContext()->getRuleIndex() == Parser::RuleTopItem) {
        builder.help("declare a value at the top of a file with 'param " +
                     std::string(ranges_.text(prev)) + " = ...' or 'let'");
    }
}

std::string SyntaxErrorListener::preceding_text(antlr4::Parser& parser,
                                                const antlr4::Token* offending,
                                                std::exception_ptr error) const {
    size_t index = offending->getTokenIndex();
    const antlr4::Token* prev = tokens_[index - 1];
    if (error) {
        // A prediction that failed several tokens in: quote from where the choice began.
        try {
            std::rethrow_exception(error);
        } catch (const antlr4::NoViableAltException& e) {
            const antlr4::Token* start = e.getStartToken();
            if (start != nullptr && start->getTokenIndex() < index) {
                std::string_view text = ranges_.text(ranges_.span(start, prev));
                if (quotable(text)) {
                    return quote(text);
                }
            }
        } catch (...) {
        }
    }
    antlr4::RuleContext* root = parser.getContext();
    while (root != nullptr && root->parent != nullptr) {
        root = dynamic_cast<antlr4::RuleContext*>(root->parent);
    }
    if (auto* top = dynamic_cast<antlr4::ParserRuleContext*>(root)) {
        if (const auto* found = construct_ending_at(top, index - 1, ranges_)) {
            return quote(ranges_.text(ranges_.of(found)));
        }
    }
    return TokenNames::display(prev, ranges_);
}

}  // namespace nj::parse
