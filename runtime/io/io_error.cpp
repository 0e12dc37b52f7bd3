// Turns errno values into the short lower-case reasons used in every run-directory message.
#include "runtime/io/io_error.h"

#include <cctype>
#include <cerrno>
#include <system_error>
#include <utility>

namespace nj::rt {

std::string describe_errno(int errnum) {
    // The common cases get wording a scientist recognises; the rest use the C library's text.
    switch (errnum) {
    case ENOSPC: return "no space left on device";
    case EDQUOT: return "disk quota exceeded";
    case EACCES:
    case EPERM: return "permission denied";
    case EROFS: return "the file system is read-only";
    case ENOENT: return "no such file or folder";
    case ENOTDIR: return "a part of the path is a file, not a folder";
    case EISDIR: return "it is a folder";
    case ENAMETOOLONG: return "the name is too long";
    case EIO: return "input/output error";
    default: break;
    }
    std::string text = std::generic_category().message(errnum);
    if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text;
}

std::string io_failure(std::string_view action, const std::filesystem::path& path,
                       std::string_view reason) {
    std::string message = "cannot ";
    message += action;
    message += " '";
    message += path.string();
    message += "': ";
    message += reason;
    return message;
}

bool store_error(std::string* error, std::string message) {
    if (error != nullptr) {
        *error = std::move(message);
    }
    return false;
}

}  // namespace nj::rt
