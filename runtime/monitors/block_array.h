// An append-only array in fixed-size blocks: growing it never moves or copies what it holds.
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <vector>

namespace nj::rt {

/// Append-only storage for recordings that grow step by step (spike logs). A std::vector
/// doubles by copying into fresh memory, so a recording of N bytes touches about 3N bytes of
/// new pages; here each byte is touched once, and page faults are what a long recording costs
/// (on virtual machines about 10 µs each). clear() keeps the blocks for the next recording.
template <class T, size_t BlockBytes = 64 * 1024>
class BlockArray {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    static constexpr size_t per_block = BlockBytes / sizeof(T) > 0 ? BlockBytes / sizeof(T) : 1;

    void push_back(const T& value) {
        if (size_ == blocks_.size() * per_block) blocks_.push_back(std::make_unique_for_overwrite<T[]>(per_block));
        blocks_[size_ / per_block][size_ % per_block] = value;
        ++size_;
    }
    const T& operator[](size_t k) const { return blocks_[k / per_block][k % per_block]; }
    const T& back() const { return (*this)[size_ - 1]; }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    /// Forgets the values after the first n (n <= size()).
    void truncate(size_t n) { size_ = n < size_ ? n : size_; }
    void clear() { size_ = 0; }

private:
    std::vector<std::unique_ptr<T[]>> blocks_;
    size_t size_ = 0;
};

}  // namespace nj::rt
