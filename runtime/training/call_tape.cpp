// The tape of a forward pass: entries in order, and the memory their saved values take.
#include "runtime/training/call_tape.h"

namespace nj::rt {

void CallTape::add(TapeEntry entry) {
    for (const auto& s : entry.saved) bytes_ += s.values.size() * sizeof(double) + s.at.size() * sizeof(int64_t);
    entries_.push_back(std::move(entry));
}

}  // namespace nj::rt
