// KernelObjectCache: a cache entry read into and written from LLVM's memory buffers.
#include "compiler/jit/object_cache.h"

namespace nj::jit {

std::unique_ptr<llvm::MemoryBuffer> KernelObjectCache::load() const {
    auto object = file_.load();
    if (!object) return nullptr;
    return llvm::MemoryBuffer::getMemBufferCopy(*object, file_.file().string());
}

void KernelObjectCache::notifyObjectCompiled(const llvm::Module*, llvm::MemoryBufferRef object) {
    file_.store(std::string_view(object.getBufferStart(), object.getBufferSize()));
}

std::unique_ptr<llvm::MemoryBuffer> KernelObjectCache::getObject(const llvm::Module*) {
    return nullptr;
}

}  // namespace nj::jit
