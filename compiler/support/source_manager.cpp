// Implements SourceManager: file loading with plain-English failures and offset-to-line lookup.
#include "compiler/support/source_manager.h"

#include "compiler/support/assert.h"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <system_error>

namespace nj::support {

struct SourceManager::File {
    std::string path;
    std::string text;
    std::vector<uint32_t> line_starts;  // offset of the first byte of every line, ascending
};

namespace {

std::vector<uint32_t> compute_line_starts(std::string_view text) {
    std::vector<uint32_t> starts{0};
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            starts.push_back(static_cast<uint32_t>(i + 1));
        }
    }
    return starts;
}

std::string describe_errno(int error) {
    switch (error) {
    case ENOENT: return "no such file";
    case ENOTDIR: return "a parent folder of the path is not a folder";
    case EISDIR: return "is a directory";
    case EACCES:
    case EPERM: return "permission denied";
    case ELOOP: return "too many symbolic links";
    case ENAMETOOLONG: return "the path is too long";
    default: return "could not be read";
    }
}

// Checks the path before opening it, because std::ifstream happily "opens" a directory and
// reports nothing useful about why a file could not be opened.
std::optional<std::string> check_readable_path(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (ec) {
        return describe_errno(ec.value());
    }
    if (status.type() == std::filesystem::file_type::not_found) {
        return describe_errno(ENOENT);
    }
    if (status.type() == std::filesystem::file_type::directory) {
        return describe_errno(EISDIR);
    }
    return std::nullopt;
}

}  // namespace

SourceRange join(SourceRange a, SourceRange b) {
    if (!a.valid()) {
        return b;
    }
    if (!b.valid() || a.file != b.file) {
        return a;
    }
    return SourceRange{a.file, std::min(a.begin, b.begin), std::max(a.end, b.end)};
}

SourceManager::SourceManager() = default;
SourceManager::~SourceManager() = default;

FileId SourceManager::add_buffer(std::string path, std::string text) {
    NJ_ASSERT(text.size() < std::numeric_limits<uint32_t>::max(), "source text over 4 GiB");
    auto file = std::make_unique<File>();
    file->path = std::move(path);
    file->text = std::move(text);
    file->line_starts = compute_line_starts(file->text);
    files_.push_back(std::move(file));
    return static_cast<FileId>(files_.size());
}

std::optional<FileId> SourceManager::load_file(const std::filesystem::path& path,
                                               std::string* error_message) {
    auto fail = [&](std::string reason) -> std::optional<FileId> {
        if (error_message != nullptr) {
            *error_message = std::move(reason);
        }
        return std::nullopt;
    };
    try {
        if (std::optional<std::string> problem = check_readable_path(path)) {
            return fail(*problem);
        }
        errno = 0;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return fail(describe_errno(errno));
        }
        std::ostringstream contents;
        contents << in.rdbuf();
        if (in.bad() || contents.bad()) {
            return fail("could not be read");
        }
        std::string text = std::move(contents).str();
        if (text.size() >= std::numeric_limits<uint32_t>::max()) {
            return fail("is too large (over 4 GiB)");
        }
        return add_buffer(path.string(), std::move(text));
    } catch (const std::exception&) {
        // Allocation or stream failures must not escape as exception text (STYLE.md §6).
        return fail("could not be read");
    }
}

const SourceManager::File& SourceManager::file_at(FileId file) const {
    NJ_ASSERT(file != 0 && file <= files_.size(), "source file id out of range");
    return *files_[file - 1];
}

const std::string& SourceManager::path(FileId file) const { return file_at(file).path; }

std::string_view SourceManager::text(FileId file) const { return file_at(file).text; }

LineCol SourceManager::line_col(FileId file, uint32_t offset) const {
    const File& f = file_at(file);
    NJ_ASSERT(offset <= f.text.size(), "source offset past the end of the file");
    // The last line start that is <= offset is the line containing it.
    auto after = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
    auto line_index = static_cast<uint32_t>(std::distance(f.line_starts.begin(), after) - 1);
    return LineCol{line_index + 1, offset - f.line_starts[line_index] + 1};
}

uint32_t SourceManager::line_count(FileId file) const {
    return static_cast<uint32_t>(file_at(file).line_starts.size());
}

uint32_t SourceManager::line_start(FileId file, uint32_t line) const {
    const File& f = file_at(file);
    NJ_ASSERT(line >= 1 && line <= f.line_starts.size(), "source line out of range");
    return f.line_starts[line - 1];
}

std::string_view SourceManager::line_text(FileId file, uint32_t line) const {
    const File& f = file_at(file);
    NJ_ASSERT(line >= 1 && line <= f.line_starts.size(), "source line out of range");
    uint32_t begin = f.line_starts[line - 1];
    uint32_t end = line < f.line_starts.size() ? f.line_starts[line] - 1
                                               : static_cast<uint32_t>(f.text.size());
    std::string_view result(f.text.data() + begin, end - begin);
    if (result.ends_with('\r')) {
        result.remove_suffix(1);
    }
    return result;
}

std::string_view SourceManager::slice(SourceRange range) const {
    NJ_ASSERT(range.valid(), "slice of an invalid source range");
    std::string_view all = text(range.file);
    NJ_ASSERT(range.end <= all.size(), "source range past the end of the file");
    return all.substr(range.begin, range.end - range.begin);
}

}  // namespace nj::support
