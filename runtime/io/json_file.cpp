// write_json_file: nlohmann dump (non-finite numbers become null) into an atomic file.
#include "runtime/io/json_file.h"

#include "runtime/io/atomic_file.h"
#include "runtime/io/io_error.h"

namespace nj::rt {

bool write_json_file(const std::filesystem::path& path, const nlohmann::json& value,
                     std::string* error) {
    std::string text;
    try {
        // nlohmann's serializer prints every non-finite number as null.
        text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (const nlohmann::json::exception&) {
        return store_error(error, io_failure("write", path, "the data cannot be written as JSON"));
    }
    text += '\n';
    return write_file_atomically(path, text, error);
}

}  // namespace nj::rt
