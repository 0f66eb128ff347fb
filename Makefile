# musdb-museval: the two commands a new user needs are `make demo` and `make test`.
# Both install what is missing (Debian packages) and build first.

SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= release
# Vector units of this CPU (AVX2/FMA when present): see Scripts/swift-cpu-flags.sh.
CPUFLAGS := $(shell bash Scripts/swift-cpu-flags.sh)
SWIFTFLAGS := -c $(CONFIG) $(CPUFLAGS)
BIN := .build/$(CONFIG)
SHARED ?= ../shared
DEMO_DIR ?= demo-output

APT_PACKAGES := pkg-config libsndfile1-dev libsamplerate0-dev libfftw3-dev zlib1g-dev \
                libopenblas-dev ffmpeg
# The rendering test of `museval report` opens the report in headless Chromium.
TEST_APT_PACKAGES := chromium
PY_PACKAGES := museval==0.4.1 musdb==0.4.3 soundfile scikit-posthocs matplotlib pandas pytest wheel
# Benchmarks/python_evaluate.sh times SoundTouch's soundstretch (what Demucs calls) beside pitch_shift.
BENCH_APT_PACKAGES := soundstretch
# The Python package (python/): where its shared library goes before pip installs it.
PY_LIB := python/museval_swift/lib
# Extra swift build flags for `make python` (`make test` passes the test build's, so that
# the library is linked from the modules already compiled, not rebuilt).
PY_SWIFTFLAGS ?=

.PHONY: all deps testdeps apt-install pydeps build python pytest test lint format fuzz demo bench parity goldens clean

all: build

## deps: apt-get install the system libraries and ffmpeg, only when something is missing
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

## testdeps: deps, and Chromium for the report's rendering test
testdeps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"

apt-install:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y $$missing; \
	fi

## pydeps: the Python anchors (museval 0.4.1, musdb 0.4.3, scikit-posthocs, matplotlib) for goldens, parity and benchmarks
pydeps: deps
	@python3 -c "import museval, musdb, soundfile, scikit_posthocs, matplotlib, pandas, pytest, wheel" 2>/dev/null || python3 -m pip install -q $(PY_PACKAGES)

## build: release build of the libraries and the musdb / museval commands
build: deps
	$(SWIFT) build $(SWIFTFLAGS)

## python: the Python package museval_swift (python/): release build of libmuseval_swift.so,
##   copied into the package, then installed offline with pip (needs setuptools, wheel, numpy)
python: deps
	$(SWIFT) build $(SWIFTFLAGS) $(PY_SWIFTFLAGS) --product museval_swift
	@mkdir -p $(PY_LIB) && cp $(BIN)/libmuseval_swift.so $(PY_LIB)/
	@python3 -c "import setuptools, wheel, numpy" 2>/dev/null || python3 -m pip install -q setuptools wheel numpy
	PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --no-build-isolation --no-deps --no-index ./python
	@python3 -c "import museval_swift, sys; print('installed museval_swift', museval_swift.__version__, 'for', sys.executable)"

## pytest: the Python package's tests against live museval 0.4.1 (python/tests)
pytest: pydeps python
	@mkdir -p .build
	set -o pipefail; cd python && python3 -m pytest tests -ra -p no:cacheprovider 2>&1 | tee ../.build/pytest.log

## test: the whole test suite (goldens committed under Fixtures/; no Python needed). `swift test`
##   builds everything, the two commands included, with -enable-testing: one build, not two.
test: testdeps
	@mkdir -p .build
	set -o pipefail; $(SWIFT) test $(SWIFTFLAGS) -Xswiftc -enable-testing 2>&1 | tee .build/test.log
	@bash Scripts/test-summary.sh .build/test.log
	@$(MAKE) --no-print-directory pytest PY_SWIFTFLAGS="-Xswiftc -enable-testing"
	@echo "Python package: $$(tail -n 1 .build/pytest.log)"

## lint: swift-format's lint of every Swift file (.swift-format), and Package.swift's dependencies = the imports
LINT_PATHS := Package.swift Sources Tests
lint:
	$(SWIFT) format lint --strict --parallel --recursive $(LINT_PATHS)
	@python3 Scripts/check-package.py

## format: rewrite every Swift file in the project's format (what lint checks)
format:
	$(SWIFT) format format --in-place --parallel --recursive $(LINT_PATHS)

## fuzz: the seeded reader fuzzing of Tests/FuzzTests, long (FUZZ_ITERATIONS per reader; FUZZ_SEED printed)
FUZZ_ITERATIONS ?= 200000
FUZZ_SEED ?= $(shell date +%s)
fuzz: deps
	FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) FUZZ_SEED=$(FUZZ_SEED) \
	  $(SWIFT) test $(SWIFTFLAGS) -Xswiftc -enable-testing --filter FuzzTests

## demo: the main job on built-in sample data
demo: deps build
	@bash Scripts/demo.sh "$(BIN)" "$(DEMO_DIR)" "$(SHARED)"

## bench: every benchmark under Benchmarks/ (Python anchor and ours, same files, one run)
bench: pydeps build python
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_APT_PACKAGES)"
	@for b in Benchmarks/*.sh; do echo "== $$b"; bash $$b || exit 1; done

## parity: our outputs read and checked by the live Python anchors (museval 0.4.1)
##   - museval on estimates in every preset layout vs Python museval, same track (0.01 dB)
##   - the demo's score folders aggregated by Python MethodStore vs `museval aggregate` (1e-5)
parity: pydeps build
	python3 Scripts/parity_evaluate.py --bin $(BIN)/museval
	@[ -d "$(DEMO_DIR)/scores" ] || bash Scripts/demo.sh "$(BIN)" "$(DEMO_DIR)" "$(SHARED)"
	python3 Scripts/parity_aggregate.py --bin $(BIN)/museval $(DEMO_DIR)/scores/*

## goldens: regenerate the committed goldens with the Python anchors
goldens: pydeps
	@for g in Scripts/goldens/*.py; do echo "== $$g"; python3 $$g || exit 1; done

clean:
	rm -rf .build $(DEMO_DIR)
