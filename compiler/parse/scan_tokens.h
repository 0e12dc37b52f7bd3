// One pass over all tokens before parsing: character errors, bracket pairs and nesting depth.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace antlr4 {
class Token;
}

namespace nj::support {
class DiagnosticEngine;
}

namespace nj::parse {

class TokenNames;
class TokenRanges;

/// What scan_tokens() learns about a file's tokens.
struct TokenScan {
    /// Per token index: index of the innermost '(', '[' or '{' still open before that token,
    /// or -1. Used to say which bracket a missing ')' or '}' should close.
    std::vector<int32_t> open_bracket;
    /// Lines (1-based) on which an error was already reported; the parser stays quiet there.
    std::unordered_set<size_t> error_lines;
    /// False when the text nests too deeply to parse without exhausting the stack.
    bool parseable = true;
};

/// Reports characters outside the language (syntax.invalid_token), strings without a closing
/// quote (syntax.unterminated_string) and absurd nesting, at most one error per line.
TokenScan scan_tokens(const std::vector<antlr4::Token*>& tokens, const TokenNames& names,
                      const TokenRanges& ranges, support::DiagnosticEngine& diags);

}  // namespace nj::parse
