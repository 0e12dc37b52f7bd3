// Readable names for the grammar's token types, as used in syntax error messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace antlr4 {
class Token;
namespace dfa {
class Vocabulary;
}
}  // namespace antlr4

namespace nj::parse {

class TokenRanges;

/// Wraps text in single quotes, the way messages quote what the user wrote: 'tau_m'.
std::string quote(std::string_view text);

/// Looks token types up by spelling and names them the way a scientist reads them:
/// NEWLINE is "end of line", IDENT "a name", keywords and symbols are quoted ('run', ')').
class TokenNames {
public:
    /// Reads the literal spellings of the generated parser's vocabulary.
    explicit TokenNames(const antlr4::dfa::Vocabulary& vocabulary);

    /// The type of the token spelled `literal` (e.g. "{" or "**"); a compiler bug if none.
    size_t type(std::string_view literal) const;

    /// The spelling of a keyword or symbol token ("run", "**"); empty for other tokens.
    std::string_view literal(size_t type) const;

    /// True for reserved words (run, param, if, and, true, ...).
    bool is_keyword(size_t type) const;

    /// The name of a token type in an "expected ..." list: "a name", "end of line", "'('".
    std::string expected(size_t type) const;

    /// How an actual token is shown: its text in quotes, or "end of line" / "end of file".
    static std::string display(const antlr4::Token* token, const TokenRanges& ranges);

private:
    std::vector<std::string> literals_;  // unquoted spelling per type, "" for non-literals
};

}  // namespace nj::parse
