// What the parser would have accepted at a syntax error, and how to say it in few words.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "antlr4-runtime.h"

namespace nj::parse {

class TokenNames;

/// The token types the parser could have accepted at the offending token. For a prediction
/// that failed several tokens in, this is what the surviving alternatives wanted there, not
/// what the decision wanted at its first token.
antlr4::misc::IntervalSet expected_tokens(antlr4::Parser& parser, std::exception_ptr error);

/// An expected set reduced to what a reader needs.
struct ExpectedWords {
    /// At most a handful of alternatives in a stable order, e.g. {"an expression", "')'"}.
    /// Operators that could continue a finished expression are left out.
    std::vector<std::string> words;
    /// True when only separators and closing symbols remain and the statement could have ended
    /// here: the offending token is simply one too many.
    bool only_terminators = false;
};

/// Summarises an expected set: expression starters become "an expression", operators after a
/// complete expression are dropped, ';' and end of file yield to end of line.
ExpectedWords describe_expected(const antlr4::misc::IntervalSet& expected,
                                const TokenNames& names);

/// "A", "A or B", "A, B or C".
std::string join_alternatives(const std::vector<std::string>& words);

}  // namespace nj::parse
