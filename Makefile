# Convenience wrapper around CMake (see README.md): deps, build, run, test, fuzz, bench.
BUILD_DIR ?= build
FUZZ_DIR  ?= build-fuzz
JOBS      ?= $(shell nproc)
MODEL     ?= models/lateral_line.nj
MODE      ?= fast
FUZZ_SECONDS ?= 45

.PHONY: deps build run test unit-test fuzz-smoke bench docs clean

deps:
	@bash scripts/install_deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The default model is a teaching example until the runtime has synapses (the library's
# flagship, models/lateral_line.nj, needs them); outputs go to runs/<model>-<time>/.
run: build
	./$(BUILD_DIR)/neurojit run $(MODEL) --mode $(MODE)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory fuzz-smoke

unit-test: build
	./$(BUILD_DIR)/tests/nj_unit_tests

# libFuzzer needs clang; the fuzz build holds only the front end (no LLVM).
fuzz-smoke:
	@bash scripts/fuzz_smoke.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Benchmarks (bench/README.md): build path and update speed, synaptic event throughput, CUBA
# against Brian2 (skipped with a reason when python3-brian is not installed), published models
# against their originals' times, the error microcircuit's step against a numpy peer, training,
# and two threads and single precision against their defaults.
bench: build
	@bash scripts/install_bench_deps.sh
	bash bench/front_and_jit.sh ./$(BUILD_DIR)/neurojit 5
	bash bench/synapse_events.sh ./$(BUILD_DIR)/neurojit 3
	bash bench/vs_brian2.sh ./$(BUILD_DIR)/neurojit 3
	bash bench/published_models.sh ./$(BUILD_DIR)/neurojit 3
	bash bench/error_microcircuit.sh ./$(BUILD_DIR)/neurojit 5
	bash bench/training.sh ./$(BUILD_DIR)/neurojit 5
	bash bench/threads_precision.sh ./$(BUILD_DIR)/neurojit 3

docs: build
	./$(BUILD_DIR)/neurojit diagnostics --markdown > docs/diagnostics.md
	./$(BUILD_DIR)/neurojit builtins > docs/builtins.md

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR)
