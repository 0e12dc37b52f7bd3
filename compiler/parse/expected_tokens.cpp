// Implements expected-token sets at errors and their summary in words.
#include "compiler/parse/expected_tokens.h"

#include "compiler/parse/token_names.h"

#include "NeuroJitLexer.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace nj::parse {

namespace {

using Lexer = grammar::NeuroJitLexer;
using antlr4::misc::IntervalSet;

// Union of what each configuration alive before the offending token could match next. A
// configuration that ran off the end of the decision's rule continues with what follows
// that rule in the actual call stack.
IntervalSet from_dead_end_configs(antlr4::Parser& parser, const antlr4::atn::ATNConfigSet& set,
                                  antlr4::RuleContext* ctx) {
    const antlr4::atn::ATN& atn = parser.getATN();
    IntervalSet out;
    bool needs_follow = false;
    for (const auto& config : set.configs) {
        const IntervalSet& next = atn.nextTokens(config->state);
        if (next.contains(antlr4::Token::EPSILON) &&
            (config->context == nullptr || config->context->hasEmptyPath())) {
            needs_follow = true;
        }
        out.addAll(next);
    }
    if (needs_follow && ctx != nullptr) {
        size_t stop = atn.ruleToStopState[ctx->getRuleIndex()]->stateNumber;
        out.addAll(atn.getExpectedTokens(stop, ctx));
    }
    out.remove(antlr4::Token::EPSILON);
    return out;
}

IntervalSet expected_from_exception(antlr4::Parser& parser, std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const antlr4::NoViableAltException& e) {
        if (e.getDeadEndConfigs() != nullptr && !e.getDeadEndConfigs()->configs.empty()) {
            return from_dead_end_configs(parser, *e.getDeadEndConfigs(), e.getCtx());
        }
    } catch (const antlr4::RecognitionException& e) {
        return e.getExpectedTokens();
    }
    return parser.getExpectedTokens();
}

bool has(const IntervalSet& set, size_t type) { return set.contains(type); }

// Operators and postfix forms that could extend a complete expression or unit.
constexpr std::array<std::string_view, 25> kContinuations{
    "+", "-", "*", "/", "//", "%", "@", "**", "<", "<=", ">", ">=", "==", "!=",
    "..", "and", "or", "for", "if", ".", "'", "(", "[", "->", "<->"};

constexpr std::array<std::string_view, 6> kTerminators{";", ",", "{", "}", ")", "]"};

void drop_continuations(IntervalSet& set, const TokenNames& names) {
    for (std::string_view op : kContinuations) {
        set.remove(names.type(op));
    }
    set.remove(size_t(Lexer::IDENT));  // only a unit name could follow, and only after a number
    if (has(set, names.type(")")) || has(set, names.type("]"))) {
        set.remove(names.type(":"));  // a slice is rarely what was missing
    }
}

bool is_terminator(size_t type, const TokenNames& names) {
    if (type == Lexer::NEWLINE || type == antlr4::Token::EOF) {
        return true;
    }
    std::string_view spelling = names.literal(type);
    return std::find(kTerminators.begin(), kTerminators.end(), spelling) != kTerminators.end() &&
           !spelling.empty();
}

// Sort key: descriptions first, then symbols, then keywords, then end of line / file.
int rank(size_t type, const TokenNames& names) {
    if (type == Lexer::IDENT || type == Lexer::NUMBER || type == Lexer::STRING) {
        return 1;
    }
    if (type == Lexer::NEWLINE || type == antlr4::Token::EOF) {
        return 4;
    }
    return names.is_keyword(type) ? 3 : 2;
}

}  // namespace

IntervalSet expected_tokens(antlr4::Parser& parser, std::exception_ptr error) {
    try {
        IntervalSet set = error ? expected_from_exception(parser, error)
                                : parser.getExpectedTokens();
        set.remove(antlr4::Token::EPSILON);
        return set;
    } catch (...) {
        // Computing a nicer message must never turn a syntax error into a crash.
        return IntervalSet();
    }
}

ExpectedWords describe_expected(const IntervalSet& expected, const TokenNames& names) {
    IntervalSet set = expected;
    ExpectedWords out;
    bool after_expression = has(set, names.type("+")) && has(set, names.type("*"));
    if (after_expression) {
        drop_continuations(set, names);
    } else if (has(set, names.type("**"))) {
        for (std::string_view op : {"*", "/", "**"}) {
            set.remove(names.type(op));  // after a unit name, where '*' or '/' could follow
        }
    }
    bool expression = has(set, Lexer::NUMBER) && has(set, Lexer::IDENT) &&
                      has(set, names.type("(")) && has(set, Lexer::STRING);
    if (!expression && has(set, Lexer::NUMBER) && has(set, Lexer::IDENT) &&
        has(set, names.type("("))) {
        for (size_t t : {size_t(Lexer::NUMBER), size_t(Lexer::IDENT), names.type("(")}) {
            set.remove(t);
        }
        out.words.push_back("a unit");
    }
    if (expression) {
        for (size_t t : {size_t(Lexer::NUMBER), size_t(Lexer::STRING), size_t(Lexer::TRUE),
                         size_t(Lexer::FALSE), size_t(Lexer::IDENT), size_t(Lexer::NOT),
                         names.type("("), names.type("["), names.type("-"), names.type("+")}) {
            set.remove(t);
        }
        out.words.push_back("an expression");
    }
    bool could_end = has(set, Lexer::NEWLINE) || has(set, antlr4::Token::EOF);
    if (has(set, Lexer::NEWLINE)) {
        set.remove(names.type(";"));
        set.remove(names.type("}"));
        set.remove(antlr4::Token::EOF);
    }
    std::vector<size_t> types;
    bool all_terminators = true;
    for (ssize_t t : set.toList()) {
        types.push_back(static_cast<size_t>(t));
        all_terminators = all_terminators && is_terminator(static_cast<size_t>(t), names);
    }
    std::stable_sort(types.begin(), types.end(), [&](size_t a, size_t b) {
        return rank(a, names) < rank(b, names);
    });
    for (size_t t : types) {
        out.words.push_back(names.expected(t));
    }
    out.only_terminators = could_end && all_terminators && !expression;
    return out;
}

std::string join_alternatives(const std::vector<std::string>& words) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) {
            out += i + 1 == words.size() ? " or " : ", ";
        }
        out += words[i];
    }
    return out;
}

}  // namespace nj::parse
