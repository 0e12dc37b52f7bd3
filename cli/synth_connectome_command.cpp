// `neurojit synth-connectome DESCRIPTION.json --out DIR [--seed N]`: writes DIR/nodes.csv and
// DIR/edges.csv, a synthetic connectome drawn from the populations and pathways of a description.
#include "cli/commands.h"

#include "runtime/inputs/connectome_csv_writer.h"
#include "runtime/inputs/connectome_description.h"
#include "runtime/inputs/synthetic_connectome.h"

#include <iostream>

namespace nj::cli {

int run_synth_connectome(const Command& command) {
    rt::ConnectomeDescription description;
    try {
        description = rt::read_connectome_description(command.file);
    } catch (const rt::ConnectomeDescriptionError& e) {
        std::cerr << "neurojit: error[synth.description]: " << e.what() << "\n";
        return 1;
    }
    const std::uint64_t seed = command.seed.value_or(default_synth_seed);
    const rt::SyntheticConnectome connectome = rt::generate_connectome(description, seed);
    std::string error;
    if (!rt::write_connectome_files(connectome, command.out_dir, &error)) {
        std::cerr << "neurojit: error[synth.output]: " << error << "\n";
        return 2;
    }
    if (!command.quiet) {
        std::uint64_t synapses = 0;
        for (const auto& e : connectome.edges) synapses += e.synapse_count;
        std::cerr << "wrote " << connectome.nodes.size() << " nodes and " << connectome.edges.size()
                  << " edges (" << synapses << " synapses, seed " << seed << ") to "
                  << command.out_dir << "/{nodes,edges}.csv\n";
    }
    return 0;
}

}  // namespace nj::cli
