// Implements TokenRanges: UTF-8 validation and the code-point to byte-offset table.
#include "compiler/parse/token_ranges.h"

#include "antlr4-runtime.h"

#include <algorithm>

namespace nj::parse {

namespace {

// Length of the UTF-8 sequence starting at `i`, or 0 when it is not valid.
size_t utf8_sequence_length(std::string_view text, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    if (lead < 0x80) {
        return 1;
    }
    size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || i + length > text.size()) {
        return 0;
    }
    uint32_t value = lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (byte(i + k) & 0x3F);
    }
    bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
    bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    return overlong || surrogate || value > 0x10FFFF ? 0 : length;
}

}  // namespace

std::optional<uint32_t> find_invalid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            return static_cast<uint32_t>(i);
        }
        i += length;
    }
    return std::nullopt;
}

TokenRanges::TokenRanges(support::FileId file, std::string_view text, uint32_t base)
    : file_(file), text_(text), base_(base) {
    bool ascii = std::all_of(text.begin(), text.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        return;
    }
    offsets_.reserve(text.size() + 1);
    for (size_t i = 0; i < text.size();) {
        offsets_.push_back(static_cast<uint32_t>(i));
        size_t length = utf8_sequence_length(text, i);
        i += length == 0 ? 1 : length;
    }
    offsets_.push_back(static_cast<uint32_t>(text.size()));
}

uint32_t TokenRanges::byte_offset(size_t index) const {
    if (offsets_.empty()) {
        return base_ + static_cast<uint32_t>(std::min(index, text_.size()));
    }
    return base_ + offsets_[std::min(index, offsets_.size() - 1)];
}

support::SourceRange TokenRanges::of(const antlr4::Token* token) const {
    return span(token, token);
}

support::SourceRange TokenRanges::span(const antlr4::Token* first,
                                       const antlr4::Token* last) const {
    if (first == nullptr || last == nullptr) {
        return {file_, base_, base_};
    }
    size_t begin = first->getStartIndex();
    if (begin == INVALID_INDEX) {
        // A token conjured by error recovery has no text; place it where the next one starts.
        return {file_, byte_offset(text_.size()), byte_offset(text_.size())};
    }
    size_t stop = last->getStopIndex();
    uint32_t b = byte_offset(begin);
    if (stop == INVALID_INDEX || stop + 1 < begin + 1) {
        return {file_, b, b};
    }
    return {file_, b, std::max(b, byte_offset(stop + 1))};
}

support::SourceRange TokenRanges::of(const antlr4::ParserRuleContext* ctx) const {
    const antlr4::Token* stop = ctx->stop != nullptr ? ctx->stop : ctx->start;
    if (stop != nullptr && ctx->start != nullptr &&
        stop->getTokenIndex() < ctx->start->getTokenIndex()) {
        // An empty rule (e.g. an optional part that matched nothing) ends before it starts.
        uint32_t at = of(ctx->start).begin;
        return {file_, at, at};
    }
    return span(ctx->start, stop);
}

support::SourceRange TokenRanges::of(antlr4::tree::TerminalNode* node) const {
    return of(node->getSymbol());
}

std::string_view TokenRanges::text(const antlr4::Token* token) const {
    return text(of(token));
}

std::string_view TokenRanges::text(support::SourceRange range) const {
    uint32_t begin = range.begin - base_;
    uint32_t end = range.end - base_;
    if (range.begin < base_ || end > text_.size() || begin > end) {
        return {};
    }
    return text_.substr(begin, end - begin);
}

}  // namespace nj::parse
