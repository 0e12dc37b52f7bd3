// libFuzzer target: any bytes as a model file must give diagnostics, never a crash or a hang.
#include "compiler/driver/compile_model.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    nj::driver::CompileSession session;
    nj::driver::CompileOptions options;
    // Imports resolve against a folder that does not exist, so inputs cannot read files.
    options.check.root_text = std::string(reinterpret_cast<const char*>(data), size);
    nj::sema::CheckedModel model;
    nj::driver::compile_model(session, "/nonexistent/fuzz_input.nj", options, model);
    return 0;
}
