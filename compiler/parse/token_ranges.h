// Maps ANTLR token positions (counted in code points) to byte ranges in the UTF-8 source.
#pragma once

#include "compiler/support/source_manager.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace antlr4 {
class Token;
class ParserRuleContext;
namespace tree {
class TerminalNode;
}
}  // namespace antlr4

namespace nj::parse {

/// Byte offset of the first byte in `text` that is not valid UTF-8 (bad lead byte, truncated
/// sequence, overlong form, surrogate or value past U+10FFFF), or nullopt when all is valid.
std::optional<uint32_t> find_invalid_utf8(std::string_view text);

/// Converts the code-point indices ANTLR puts in tokens into byte offsets of the file, so AST
/// ranges and diagnostics agree with SourceManager even after a 'µ' or 'Ω'.
class TokenRanges {
public:
    /// `text` is the valid UTF-8 handed to the lexer; it starts `base` bytes into the file
    /// (3 when a byte-order mark was skipped). The view must outlive this object.
    TokenRanges(support::FileId file, std::string_view text, uint32_t base);

    /// The file all ranges belong to.
    support::FileId file() const { return file_; }

    /// File byte offset of the code point with index `index` (the text size for one past it).
    uint32_t byte_offset(size_t index) const;

    /// Bytes covered by one token; end of file and tokens invented by error recovery give an
    /// empty range where they stand.
    support::SourceRange of(const antlr4::Token* token) const;

    /// Bytes from the start of `first` to the end of `last`.
    support::SourceRange span(const antlr4::Token* first, const antlr4::Token* last) const;

    /// Bytes covered by a rule's tokens.
    support::SourceRange of(const antlr4::ParserRuleContext* ctx) const;

    /// Bytes covered by a terminal node.
    support::SourceRange of(antlr4::tree::TerminalNode* node) const;

    /// The source text of a token, straight from the file bytes.
    std::string_view text(const antlr4::Token* token) const;

    /// The source text of a range in this file.
    std::string_view text(support::SourceRange range) const;

private:
    support::FileId file_;
    std::string_view text_;
    uint32_t base_;
    std::vector<uint32_t> offsets_;  // code point -> byte offset in text_; empty for pure ASCII
};

}  // namespace nj::parse
