// Implements TokenNames: spellings from the generated vocabulary and message-friendly names.
#include "compiler/parse/token_names.h"

#include "compiler/parse/token_ranges.h"
#include "compiler/support/assert.h"

#include "NeuroJitLexer.h"
#include "antlr4-runtime.h"

#include <algorithm>
#include <cctype>

namespace nj::parse {

using Lexer = grammar::NeuroJitLexer;

std::string quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '\'';
    out += text;
    out += '\'';
    return out;
}

TokenNames::TokenNames(const antlr4::dfa::Vocabulary& vocabulary) {
    size_t count = vocabulary.getMaxTokenType() + 1;
    literals_.resize(count);
    for (size_t type = 1; type < count; ++type) {
        std::string quoted = vocabulary.getLiteralName(type);
        if (quoted.size() >= 2) {
            literals_[type] = quoted.substr(1, quoted.size() - 2);
        } else if (type >= Lexer::IMPORT && type <= Lexer::FALSE) {
            // Keywords with two spellings (analyse/analyze, true/True) have no literal name.
            std::string word = vocabulary.getSymbolicName(type);
            std::transform(word.begin(), word.end(), word.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            literals_[type] = word;
        }
    }
}

size_t TokenNames::type(std::string_view literal) const {
    auto it = std::find(literals_.begin(), literals_.end(), literal);
    NJ_ASSERT(it != literals_.end(), "grammar has no token spelled as asked");
    return static_cast<size_t>(it - literals_.begin());
}

std::string_view TokenNames::literal(size_t type) const {
    return type < literals_.size() ? std::string_view(literals_[type]) : std::string_view();
}

bool TokenNames::is_keyword(size_t type) const {
    return type >= Lexer::IMPORT && type <= Lexer::FALSE;
}

std::string TokenNames::expected(size_t type) const {
    switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case Lexer::NEWLINE: return "end of line";
    case Lexer::IDENT: return "a name";
    case Lexer::NUMBER: return "a number";
    case Lexer::STRING: return "a string";
    default: break;
    }
    std::string_view spelling = literal(type);
    if (spelling.empty()) {
        return "something else";
    }
    return quote(spelling);
}

std::string TokenNames::display(const antlr4::Token* token, const TokenRanges& ranges) {
    if (token->getType() == antlr4::Token::EOF) {
        return "end of file";
    }
    if (token->getType() == Lexer::NEWLINE) {
        return "end of line";
    }
    std::string_view text = ranges.text(token);
    constexpr size_t max_shown = 24;
    if (text.size() > max_shown) {
        size_t cut = max_shown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;  // never split a UTF-8 sequence
        }
        return quote(std::string(text.substr(0, cut)) + "...");
    }
    return quote(text);
}

}  // namespace nj::parse
