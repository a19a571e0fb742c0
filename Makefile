# cyberduty — the commands a person types. CMake does the building; this file wires the steps.
#   make run    install what is missing, build, create the demo organisation, show its gaps, serve it
#   make test   everything: unit + CLI + browser tests, style checks, the whole suite under
#               ASan+UBSan, fuzzing
#   make fuzz   the condition parser, the API's request bodies, the multipart reader, the profile
#               loader, the scenario, holiday and spreadsheet readers, the assessment templates and
#               the audit archive reader
#               under libFuzzer (clang), FUZZ_SECONDS each (default 30)
#   make check  style checks, sanitizer suite and valgrind over the core tests
#   make bench  performance: the register (bench/run), the HTTP API against nginx (bench/http),
#               the work routes (bench/work), the dashboard's (bench/dashboard), the
#               dashboard after a write (bench/counts), the documents (bench/doc), a sign-in
#               storm (bench/signin);
#               results in bench/RESULTS.md

BUILD      ?= build
ASAN_BUILD ?= build-asan
DEMO_DB    ?= var/demo.db
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 30
FUZZ_MAX_LEN ?= 4200

.PHONY: all deps build run test test-plain test-asan fuzz check style valgrind bench clean

all: build

deps:
	@scripts/deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: deps build
	@mkdir -p $(dir $(DEMO_DB))
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/cyberduty demo --db $(DEMO_DB)
	@echo
	@# check exits 1 when it finds gaps — the demo is built to have some; 2 would be an error
	@$(BUILD)/cyberduty check --db $(DEMO_DB); st=$$?; [ $$st -le 1 ]
	@echo
	@echo "Demo database: $(DEMO_DB). Try:"
	@echo "  $(BUILD)/cyberduty due --db $(DEMO_DB)"
	@echo "  $(BUILD)/cyberduty notice list --db $(DEMO_DB)"
	@echo "  $(BUILD)/cyberduty incident list --db $(DEMO_DB)"
	@echo "  $(BUILD)/cyberduty check --db $(DEMO_DB) --json"
	@echo "  $(BUILD)/cyberduty export assets --format csv --db $(DEMO_DB)"
	@echo "  $(BUILD)/cyberduty profile show imnu-2022"
	@echo "  $(BUILD)/cyberduty user list --db $(DEMO_DB)"
	@echo
	@echo "Serving it: open http://127.0.0.1:8080/ in a browser and sign in with one of the demo logins above"
	@echo "(the administrators also give a TOTP code: oathtool --totp -b KEY):"
	$(BUILD)/cyberduty serve --listen 127.0.0.1:8080 --db $(DEMO_DB)

test: deps test-plain test-asan fuzz

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCD_SANITIZE=ON $(CMAKE_FLAGS)

test-asan: $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

$(FUZZ_BUILD)/CMakeCache.txt:
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCD_FUZZ=ON $(CMAKE_FLAGS)

# Each fuzzer runs over a copy of its seed corpus (fuzz/corpus/NAME) that keeps what it finds
# between runs; a crash fails the target and leaves its input as $(FUZZ_BUILD)/crash-*. The
# readers of whole files (profiles, workbooks) take inputs up to FUZZ_MAX_FILE bytes.
FUZZ_SMALL = cond api multipart holidays scenario assess archive
FUZZ_FILES = profile sheet
FUZZ_MAX_FILE ?= 20000
fuzz: $(FUZZ_BUILD)/CMakeCache.txt
	@# configured again first: a target added since would be missing from the generated files
	cmake -S . -B $(FUZZ_BUILD) >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_SMALL) $(FUZZ_FILES))
	for t in $(FUZZ_SMALL) $(FUZZ_FILES); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$t && cp fuzz/corpus/$$t/* $(FUZZ_BUILD)/corpus/$$t/ || exit 1; \
	done
	for t in $(FUZZ_SMALL); do \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
			-artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1 $(FUZZ_BUILD)/corpus/$$t || exit 1; \
	done
	for t in $(FUZZ_FILES); do \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_FILE) \
			-artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1 $(FUZZ_BUILD)/corpus/$$t || exit 1; \
	done

style:
	scripts/check-style

valgrind: build
	scripts/valgrind-core $(BUILD)

check: deps style test-asan valgrind

bench: deps build
	bench/run $(BUILD)
	bench/http $(BUILD)
	bench/work $(BUILD)
	bench/dashboard $(BUILD)
	bench/counts $(BUILD)
	bench/doc $(BUILD)
	bench/signin $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) var
