// Turns the text of number and string tokens into values (digit separators, escapes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nj::parse {

/// The value of a NUMBER token such as `20`, `1_000`, `.5` or `2.5e-3`; underscores are digit
/// separators. Reads in the C locale. Nullopt when the value does not fit in a double.
std::optional<double> parse_number(std::string_view text);

/// The contents of a STRING token (`"..."` with its quotes) with \" \\ \n \t resolved; any
/// other backslash pair is kept as written.
std::string unescape_string(std::string_view token_text);

}  // namespace nj::parse
