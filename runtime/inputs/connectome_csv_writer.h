// Writes a synthetic connectome as the two CSV files node_list and count_matrix read:
// DIR/nodes.csv (id,side,cell_type,population,name,pair_id,receptor) and
// DIR/edges.csv (pre_id,post_id,synapse_count).
#pragma once

#include "runtime/inputs/synthetic_connectome.h"

#include <filesystem>
#include <string>

namespace nj::rt {

/// The text of nodes.csv: a header row, then one row per node; cells holding a comma are quoted.
std::string nodes_csv_text(const SyntheticConnectome& connectome);

/// The text of edges.csv: a header row, then one row per edge.
std::string edges_csv_text(const SyntheticConnectome& connectome);

/// Creates `dir` if needed and writes both files atomically: each is renamed into place only
/// after both were written in full, so a failure never leaves a half-written file. On failure
/// returns false with a message ("cannot write 'DIR/edges.csv': no space left on device").
bool write_connectome_files(const SyntheticConnectome& connectome, const std::filesystem::path& dir,
                            std::string* error);

}  // namespace nj::rt
