// Implements scan_tokens: lexical errors in our words, bracket matching and a nesting limit.
#include "compiler/parse/scan_tokens.h"

#include "compiler/parse/token_names.h"
#include "compiler/parse/token_ranges.h"
#include "compiler/support/diagnostic_engine.h"

#include "NeuroJitLexer.h"
#include "antlr4-runtime.h"

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace nj::parse {

namespace {

using Lexer = grammar::NeuroJitLexer;
using support::DiagCode;

// The parser recurses about a dozen C++ frames per bracket or prefix operator; past this
// estimate a hostile file could exhaust the stack, so it is refused instead.
constexpr int kMaxDepthScore = 4096;
constexpr int kBracketWeight = 16;

// A hint for characters that look like operators or quotes from word processors.
const char* lookalike_help(std::string_view ch) {
    static constexpr std::array<std::pair<std::string_view, const char*>, 8> table{{
        {"\u201C", "write strings with straight double quotes \"...\""},
        {"\u201D", "write strings with straight double quotes \"...\""},
        {"\u2018", "write strings with straight double quotes \"...\""},
        {"\u2019", "write strings with straight double quotes \"...\""},
        {"\u2192", "write an arrow as '->'"},
        {"\u2212", "write a minus sign as '-'"},
        {"\u00D7", "write a product as '*'"},
        {"\u00B7", "write a product as '*'"},
    }};
    for (const auto& [spelling, help] : table) {
        if (ch == spelling) {
            return help;
        }
    }
    return nullptr;
}

std::string describe_character(std::string_view ch) {
    unsigned char first = ch.empty() ? 0 : static_cast<unsigned char>(ch[0]);
    if (ch.size() == 1 && (first < 0x20 || first == 0x7F)) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", first);
        return code;
    }
    return quote(ch);
}

void report_lexical_error(const antlr4::Token* token, const TokenRanges& ranges,
                          support::DiagnosticEngine& diags) {
    support::SourceRange range = ranges.of(token);
    if (token->getType() == Lexer::UNTERMINATED_STRING) {
        diags.report(DiagCode::SyntaxUnterminatedString, range,
                     "string is not closed before the end of the line")
            .help("add a closing '\"'; a string cannot span several lines");
        return;
    }
    std::string_view ch = ranges.text(token);
    auto builder = diags.report(DiagCode::SyntaxInvalidToken, range,
                                "unexpected character " + describe_character(ch));
    if (const char* help = lookalike_help(ch)) {
        builder.help(help);
    }
}

// Tracks open brackets and a rough estimate of how deep the parser will recurse.
class DepthTracker {
public:
    explicit DepthTracker(const TokenNames& names) : names_(names) {
        levels_.push_back({-1, 0});
    }

    int32_t innermost() const { return levels_.back().opener; }

    // Updates the state for token `index`; returns false once the nesting is too deep.
    bool add(const std::vector<antlr4::Token*>& tokens, size_t index) {
        size_t type = tokens[index]->getType();
        std::string_view spelling = names_.literal(type);
        if (spelling == "(" || spelling == "[" || spelling == "{") {
            levels_.push_back({static_cast<int32_t>(index), 0});
            score_ += kBracketWeight;
        } else if (spelling == ")" || spelling == "]" || spelling == "}") {
            close(tokens, spelling);
        } else {
            chain(tokens, index, type, spelling);
        }
        return score_ <= kMaxDepthScore;
    }

private:
    struct Level {
        int32_t opener;  // token index of the bracket, -1 for the outermost level
        int chain;       // estimated recursion added by operators since the last reset
    };

    void close(const std::vector<antlr4::Token*>& tokens, std::string_view closer) {
        std::string_view opener = closer == ")" ? "(" : closer == "]" ? "[" : "{";
        for (size_t k = levels_.size() - 1; k > 0; --k) {
            if (names_.literal(tokens[levels_[k].opener]->getType()) != opener) {
                continue;
            }
            while (levels_.size() > k) {
                score_ -= kBracketWeight + levels_.back().chain;
                levels_.pop_back();
            }
            return;
        }
    }

    void chain(const std::vector<antlr4::Token*>& tokens, size_t index, size_t type,
               std::string_view spelling) {
        int& chain = levels_.back().chain;
        int added = 0;
        if (spelling == "**" || type == Lexer::NOT || type == Lexer::ELSE) {
            added = kBracketWeight;
        } else if (spelling == "-" || spelling == "+") {
            added = follows_operand(tokens, index) ? 1 : kBracketWeight;
        } else if (spelling == "*" || spelling == "/" || spelling == "//" || spelling == "%" ||
                   spelling == "@" || type == Lexer::AND || type == Lexer::OR) {
            added = 1;
        } else if (resets_chain(type, spelling)) {
            score_ -= chain;
            chain = 0;
        }
        chain += added;
        score_ += added;
    }

    bool follows_operand(const std::vector<antlr4::Token*>& tokens, size_t index) const {
        if (index == 0) {
            return false;
        }
        size_t prev = tokens[index - 1]->getType();
        std::string_view spelling = names_.literal(prev);
        return prev == Lexer::NUMBER || prev == Lexer::IDENT || prev == Lexer::STRING ||
               prev == Lexer::TRUE || prev == Lexer::FALSE || spelling == ")" ||
               spelling == "]" || spelling == "'";
    }

    static bool resets_chain(size_t type, std::string_view spelling) {
        static constexpr std::array<std::string_view, 19> resets{
            ";", ",", ":", "=", "+=", "-=", "*=", "/=", "<", "<=", ">", ">=",
            "==", "!=", "..", "->", "<->", "in", "for"};
        for (std::string_view r : resets) {
            if (spelling == r) {
                return true;
            }
        }
        return type == Lexer::NEWLINE;
    }

    const TokenNames& names_;
    std::vector<Level> levels_;
    int score_ = 0;
};

}  // namespace

TokenScan scan_tokens(const std::vector<antlr4::Token*>& tokens, const TokenNames& names,
                      const TokenRanges& ranges, support::DiagnosticEngine& diags) {
    TokenScan scan;
    scan.open_bracket.reserve(tokens.size());
    DepthTracker depth(names);
    for (size_t i = 0; i < tokens.size(); ++i) {
        const antlr4::Token* token = tokens[i];
        scan.open_bracket.push_back(depth.innermost());
        size_t type = token->getType();
        if ((type == Lexer::INVALID || type == Lexer::UNTERMINATED_STRING) &&
            scan.error_lines.insert(token->getLine()).second) {
            report_lexical_error(token, ranges, diags);
        }
        if (!depth.add(tokens, i)) {
            diags.report(DiagCode::SyntaxUnexpected, ranges.of(token),
                         "brackets or operators are nested too deeply here")
                .help("split the expression into named parts with 'let' or a subexpression");
            scan.parseable = false;
            return scan;
        }
    }
    return scan;
}

}  // namespace nj::parse
