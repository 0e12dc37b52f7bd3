// CSV text of synthetic connectomes and its atomic writing into an output folder.
#include "runtime/inputs/connectome_csv_writer.h"

#include "runtime/io/atomic_file.h"
#include "runtime/io/io_error.h"

#include <array>

namespace nj::rt {

namespace {

/// A CSV cell: quoted when it holds the delimiter (descriptions admit no quotes or line breaks).
std::string cell(const std::string& text) {
    return text.find(',') == std::string::npos ? text : "\"" + text + "\"";
}

}  // namespace

std::string nodes_csv_text(const SyntheticConnectome& connectome) {
    std::string text = "id,side,cell_type,population,name,pair_id,receptor\n";
    for (const auto& n : connectome.nodes) {
        text += std::to_string(n.id) + ',' + cell(n.side) + ',' + cell(n.cell_type) + ',' +
                cell(n.population) + ',' + cell(n.name) + ',' + cell(n.pair_id) + ',' +
                cell(n.receptor) + '\n';
    }
    return text;
}

std::string edges_csv_text(const SyntheticConnectome& connectome) {
    std::string text = "pre_id,post_id,synapse_count\n";
    for (const auto& e : connectome.edges) {
        text += std::to_string(e.pre_id) + ',' + std::to_string(e.post_id) + ',' +
                std::to_string(e.synapse_count) + '\n';
    }
    return text;
}

bool write_connectome_files(const SyntheticConnectome& connectome, const std::filesystem::path& dir,
                            std::string* error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return store_error(error, io_failure("create the folder", dir, describe_errno(ec.value())));
    std::array<AtomicFile, 2> files = {AtomicFile(dir / "nodes.csv"),
                                       AtomicFile(dir / "edges.csv")};
    const std::array<std::string, 2> texts = {nodes_csv_text(connectome),
                                              edges_csv_text(connectome)};
    for (size_t k = 0; k < files.size(); ++k) files[k].write(texts[k].data(), texts[k].size());
    // Commit only when both are complete; an uncommitted AtomicFile removes its temporary.
    for (const auto& file : files) {
        if (!file.ok()) return store_error(error, file.error());
    }
    for (auto& file : files) {
        if (!file.commit(error)) return false;
    }
    return true;
}

}  // namespace nj::rt
