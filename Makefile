# Convenience wrapper around CMake (see README.md): deps, build, run, test, fuzz, bench.
BUILD_DIR ?= build
FUZZ_DIR  ?= build-fuzz
JOBS      ?= $(shell nproc)
MODEL     ?= models/lateral_line.nj
MODE      ?= fast
FUZZ_SECONDS ?= 45

.PHONY: deps build run test unit-test fuzz-smoke docs clean

deps:
	@bash scripts/install_deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Until the simulation runtime lands (issue #3), `run` checks the default model and shows
# what it declares; it will call `neurojit run` once simulation is available.
run: build
	./$(BUILD_DIR)/neurojit check $(MODEL) --mode $(MODE)
	./$(BUILD_DIR)/neurojit info $(MODEL) --mode $(MODE)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory fuzz-smoke

unit-test: build
	./$(BUILD_DIR)/tests/nj_unit_tests

# libFuzzer needs clang; the fuzz build holds only the front end (no LLVM).
fuzz-smoke:
	@bash scripts/fuzz_smoke.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

docs: build
	./$(BUILD_DIR)/neurojit diagnostics --markdown > docs/diagnostics.md
	./$(BUILD_DIR)/neurojit builtins > docs/builtins.md

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_DIR)
