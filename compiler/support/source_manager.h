// Owns the text of every source file and maps byte offsets to lines and columns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nj::support {

/// Identifies a file held by a SourceManager. Ids start at 1; 0 means "no file".
using FileId = uint32_t;

/// A half-open byte range [begin, end) inside one file. `file == 0` means "no location".
struct SourceRange {
    FileId file = 0;
    uint32_t begin = 0;
    uint32_t end = 0;

    /// True when the range names a file and does not run backwards.
    bool valid() const { return file != 0 && begin <= end; }
};

/// The smallest range covering both `a` and `b`. If only one is valid, that one is returned;
/// ranges in different files give `a`.
SourceRange join(SourceRange a, SourceRange b);

/// A 1-based position. `col` counts bytes from the start of the line, plus one.
struct LineCol {
    uint32_t line = 1;
    uint32_t col = 1;
};

/// Owns the text of every file the compiler reads, so that diagnostics and AST nodes can keep
/// cheap `SourceRange`s and `std::string_view`s into it for the whole compile session.
/// Views returned by this class stay valid as long as the SourceManager lives, even when
/// further files are added.
class SourceManager {
public:
    SourceManager();
    ~SourceManager();
    SourceManager(const SourceManager&) = delete;
    SourceManager& operator=(const SourceManager&) = delete;

    /// Registers in-memory text under a display path (used by tests, `-e` snippets and stdin).
    FileId add_buffer(std::string path, std::string text);

    /// Reads a file from disk. On failure returns nullopt and, if `error_message` is not null,
    /// stores a plain-English reason ("no such file", "is a directory", "permission denied",
    /// ...). Never throws. Loading the same path twice gives two ids; callers that care
    /// (imports) keep their own map.
    std::optional<FileId> load_file(const std::filesystem::path& path, std::string* error_message);

    /// The path the file was registered under, as the user wrote it.
    const std::string& path(FileId file) const;

    /// The whole text of the file.
    std::string_view text(FileId file) const;

    /// Line and column of a byte offset; `offset` may equal the text size (end of file).
    LineCol line_col(FileId file, uint32_t offset) const;

    /// The text of a 1-based line, without its line terminator ("\n" or "\r\n").
    std::string_view line_text(FileId file, uint32_t line) const;

    /// Number of lines; a file ending in a newline has an empty last line, an empty file has one.
    uint32_t line_count(FileId file) const;

    /// Byte offset at which a 1-based line starts.
    uint32_t line_start(FileId file, uint32_t line) const;

    /// The text covered by a valid range.
    std::string_view slice(SourceRange range) const;

    /// Number of files registered so far; valid ids are 1..file_count().
    size_t file_count() const { return files_.size(); }

private:
    struct File;
    const File& file_at(FileId file) const;

    std::vector<std::unique_ptr<File>> files_;
};

}  // namespace nj::support
