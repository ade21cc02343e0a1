# libvipps — build, install, test and demo. `make help` lists the targets.

# VERSION is the version's only home: scripts/generate-bindings.py stamps it into vipps.h, Swift,
# the Python package and the PHP extension.
VERSION   := $(shell cat VERSION)
MAJOR     := $(firstword $(subst ., ,$(VERSION)))
PREFIX    ?= /usr/local
LIBDIR    ?= $(PREFIX)/lib
SWIFT     ?= swift
BUILD     := build
SONAME    := libvipps.so.$(MAJOR)
LIBFILE   := libvipps.so.$(VERSION)
STAGE     := $(CURDIR)/$(BUILD)/stage
SIM       := .build/debug/vipps-sim
CFLAGS_C  := -std=c99 -Wall -Wextra -pedantic -Werror -O1 -g

# Self-contained release library: the Swift runtime linked in statically, our soname, only the
# vipps_* functions exported, symbols stripped. Kept here, not in Package.swift, because
# SwiftPM ignores --static-swift-stdlib for dynamic products. lld (shipped with the toolchain):
# gold leaves local Swift symbols in the dynamic symbol table, lld does not.
# -z nodelete: a dlclose (PHP unloads extensions at shutdown) must not unmap code the process
# may still run: the thread-exit destructor of the per-thread last error. The backtracer of the
# static runtime is left out (Sources/CVipps/cvipps.c): it would install signal handlers in the
# host whenever SWIFT_BACKTRACE is set.
RELEASE_FLAGS := -c release --product vipps \
	-Xswiftc -static-stdlib \
	-Xswiftc -use-ld=lld \
	-Xcc -DVIPPS_WITHOUT_SWIFT_BACKTRACER \
	-Xlinker -z -Xlinker nodelete \
	-Xlinker -soname=$(SONAME) \
	-Xlinker --version-script=$(CURDIR)/build-support/vipps.map \
	-Xlinker -s

.PHONY: all help generate check-generated deps deps-library deps-test library install stage sim cli check check-format check-header test test-swift test-c test-python test-php test-corpus test-corpus-c test-corpus-python test-corpus-php test-conformance test-epayment test-webhooks test-userinfo test-dashboard test-chaos chaos test-demo demo demo-browser demo-c bench test-bench deps-bench sim-release fuzz test-fuzz-corpus check-sanitizers deb wheel sdist test-packages deps-packages clean FORCE

all: library

help:
	@echo "make            build $(BUILD)/lib/$(LIBFILE) (release, self-contained) and check it"
	@echo "make install    install library, vipps.h and vipps.pc under PREFIX (now $(PREFIX))"
	@echo "make sim        build the vipps-sim simulator ($(SIM))"
	@echo "make cli        build the vipps command for shop staff ($(BUILD)/bin/vipps)"
	@echo "make demo       a web shop and vipps-sim on loopback: open the printed URL and pay (Ctrl-C stops);"
	@echo "                API=epayment starts the page on ePayment (webhooks, MobilePay DKK, QR)"
	@echo "make demo AUTO=1  the same, driven by itself: the six steps of a payment on both APIs, printed"
	@echo "make demo-browser the six steps in headless Chromium, screenshots in $(BUILD)/demo-screens"
	@echo "make demo-c     one payment from C (bindings/c/examples/pay.c)"
	@echo "make check      the fast tier (under 2 minutes warm): build, HTTP/Core/ABI unit suites, header"
	@echo "                and format checks; no browser, nginx or PHP, installs nothing"
	@echo "make test-webhooks / test-userinfo / test-dashboard  vipps-sim's webhooks, Userinfo, dashboard"
	@echo "make test       run every test: Swift suites, header checks, C tests against vipps-sim"
	@echo "make chaos      2000 payments through faults, reconciled against the simulator's ledger;"
	@echo "                API=epayment on ePayment, webhook deliveries faulted and reconciled too"
	@echo "make bench      libvipps vs libcurl, Python requests, PHP curl (and its bindings) against nginx;"
	@echo "                vipps-sim vs nginx with wrk. Table and targets in $(BUILD)/bench/results.md"
	@echo "make fuzz       libFuzzer + ASan on the HTTP parser, JSON decoders, callbacks and C ABI,"
	@echo "                FUZZ_SECONDS (now $(FUZZ_SECONDS)) per target; report in $(BUILD)/fuzz/report.md"
	@echo "make check-sanitizers  Swift and C suites under ASan+UBSan and TSan, C suites under valgrind;"
	@echo "                STAGES="asan tsan" picks stages; report in $(BUILD)/sanitizers/report.md"
	@echo "make deb        Debian packages (libvipps0, libvipps-dev, php8.2-vipps, python3-vipps, vipps-sim,"
	@echo "                vipps-cli) in $(BUILD)/deb, checked with lintian"
	@echo "make wheel      the Python wheel that carries libvipps, in $(BUILD)/wheel"
	@echo "make sdist      the Python sdist (the binding and the library's sources; pip builds libvipps"
	@echo "                with the Swift toolchain), in $(BUILD)/sdist"
	@echo "make test-packages  (root) install the packages, run the README's snippets as a user, purge"
	@echo "make generate   rewrite the files generated from include/vipps.h and VERSION"
	@echo "make clean      remove build outputs"

# Only make test, make demo (and its variants) and make bench install missing Debian packages, as
# root; every other target, the default and make check included, names the apt-get line and stops.
DEPS_FLAGS := --no-install
test demo demo-browser demo-c test-demo: DEPS_FLAGS :=

deps:
	@scripts/ensure-deps.sh build $(DEPS_FLAGS)

deps-library:
	@scripts/ensure-deps.sh library $(DEPS_FLAGS)

library: deps-library
	$(SWIFT) build $(RELEASE_FLAGS)
	@mkdir -p $(BUILD)/lib
	cp .build/release/libvipps.so $(BUILD)/lib/$(LIBFILE)
	ln -sf $(LIBFILE) $(BUILD)/lib/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/lib/libvipps.so
	scripts/check-library.sh $(BUILD)/lib/$(LIBFILE) $(SONAME)

install: library
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 0755 $(BUILD)/lib/$(LIBFILE) $(DESTDIR)$(LIBDIR)/$(LIBFILE)
	ln -sf $(LIBFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvipps.so
	install -m 0644 include/vipps.h $(DESTDIR)$(PREFIX)/include/vipps.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@VERSION@|$(VERSION)|' build-support/vipps.pc.in \
		> $(DESTDIR)$(LIBDIR)/pkgconfig/vipps.pc
	@echo "installed libvipps $(VERSION) under $(DESTDIR)$(PREFIX)"

sim: deps
	$(SWIFT) build --product vipps-sim

# Release builds of the tools (the `vipps` command and vipps-sim) with the Swift runtime linked in,
# so that they run on any machine with OpenSSL. They share a scratch path of their own: the
# library's release flags differ, and building both in .build/release would recompile the other's
# modules at every switch.
TOOLS_SCRATCH := .build/tools-release
CLI_RELEASE   := $(TOOLS_SCRATCH)/release/vipps-cli
SIM_RELEASE   := $(TOOLS_SCRATCH)/release/vipps-sim
TOOLS_FLAGS   := -c release --static-swift-stdlib --scratch-path $(TOOLS_SCRATCH)

# The `vipps` command for shop staff.
cli: deps
	$(SWIFT) build $(TOOLS_FLAGS) --product vipps-cli
	@mkdir -p $(BUILD)/bin
	cp $(CLI_RELEASE) $(BUILD)/bin/vipps
	@echo "built $(BUILD)/bin/vipps (try: $(BUILD)/bin/vipps --help)"

# One layout for all Swift code (.swift-format): a file that `swift format format -i` would
# change fails the check. Fix with: swift format format -i -p -r Sources Tests
check-format:
	$(SWIFT) format lint --strict -p -r Sources Tests
	@echo "check-format: Sources and Tests match .swift-format"

# The header must compile cleanly as strict C99 and as C++, and a call of a deprecated function
# must draw a warning (which VIPPS_NO_DEPRECATION_WARNINGS silences).
DEPRECATED_CALL := int main(void) { return vipps_payment_get_status(0, 0, 0); }
check-header:
	gcc -std=c99 -Wall -Wextra -pedantic -Werror -fsyntax-only -x c include/vipps.h
	g++ -std=c++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -x c++ include/vipps.h
	! printf '#include "vipps.h"\n$(DEPRECATED_CALL)\n' | gcc -std=c99 -Werror -Iinclude -fsyntax-only -x c - 2>/dev/null
	printf '#define VIPPS_NO_DEPRECATION_WARNINGS\n#include "vipps.h"\n$(DEPRECATED_CALL)\n' \
		| gcc -std=c99 -Werror -Iinclude -fsyntax-only -x c -
	@echo "check-header: include/vipps.h compiles as C99 and C++11; deprecated calls warn"

# include/vipps.h is the only hand-written declaration of the C interface and VERSION the only
# statement of the version: what restates them (PHP arginfo and constants, Python ctypes table
# and constants, version stamps) is generated and committed. A generated file that differs from
# what the script makes of them (stale, or edited by hand) fails here.
generate:
	scripts/generate-bindings.py

check-generated:
	scripts/generate-bindings.py --check

# C programs are built the way a shop builds them: against the installed header and library,
# found through pkg-config.
C_PKG = PKG_CONFIG_PATH=$(STAGE)/lib/pkgconfig pkg-config
$(BUILD)/c/%: bindings/c/tests/%.c bindings/c/tests/check.h bindings/c/tests/sim_support.h FORCE
	@mkdir -p $(BUILD)/c
	gcc $(CFLAGS_C) -o $@ $< $$($(C_PKG) --cflags --libs vipps) -Wl,-rpath,$(STAGE)/lib -lpthread $(C_EXTRA_LIBS)
# host_dlopen loads the library itself, as PHP loads an extension: not linked against it.
$(BUILD)/c/host_dlopen: bindings/c/tests/host_dlopen.c FORCE
	@mkdir -p $(BUILD)/c
	gcc $(CFLAGS_C) -o $@ $< -ldl
# test_boundary plays a host that uses OpenSSL itself (an error left on the thread's queue).
$(BUILD)/c/test_boundary: C_EXTRA_LIBS = $$(pkg-config --libs libcrypto)
$(BUILD)/examples/%: bindings/c/examples/%.c FORCE
	@mkdir -p $(BUILD)/examples
	gcc $(CFLAGS_C) -o $@ $< $$($(C_PKG) --cflags --libs vipps) -Wl,-rpath,$(STAGE)/lib
FORCE:

stage:
	$(MAKE) --no-print-directory install PREFIX=$(STAGE) DEPS_FLAGS='$(DEPS_FLAGS)'

test: deps-test stage sim check-format check-header check-generated test-swift test-c test-python test-php test-corpus test-conformance test-epayment test-webhooks test-userinfo test-dashboard test-chaos test-demo test-bench test-fuzz-corpus
	@echo "make test: all suites passed"

test-demo: stage sim $(BUILD)/demo-venv/.selenium
	scripts/demo.sh $(STAGE) $(SIM) --auto
	scripts/demo.sh $(STAGE) $(SIM) --browser

deps-test:
	@scripts/ensure-deps.sh test $(DEPS_FLAGS)

# The fast tier for every change: the Swift code built (library, simulator, tests), the unit suites
# of the HTTP layer, the core (the retry and outcome rules among them) and the C ABI, then the
# header and format checks. The core's simulator tests run too, against a vipps-sim it starts.
CHECK_SUITES := VippsHTTPTests|VippsCoreTests|VippsABITests
check: deps check-format check-header
	$(SWIFT) build --build-tests
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-check -- $(SWIFT) test --skip-build --filter '$(CHECK_SUITES)'
	@echo "make check: passed"

test-swift: sim
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-swift -- $(SWIFT) test

# test_secret_hygiene: no secret in any log line, error or output, at the most verbose level.
# test_host_safety: re-entrant log callbacks, fork during a token fetch, token deadlines.
# test_token_store: 16 processes on the file store make one token fetch; host store callbacks.
# test_webhook_delivery: webhooks from vipps-sim received on loopback and verified; Userinfo of a sub.
C_SIM_SUITES := test_payment test_operations test_secret_hygiene test_host_safety test_epayment test_token_store \
	test_webhook_delivery
# test_boundary: stale and racing handles, base URLs, callback strings (no server).
# test_webhooks: the published signature vectors, every refusal, the event parser (no server).
C_PLAIN_SUITES := test_arguments test_boundary test_webhooks

test-c: stage sim $(addprefix $(BUILD)/c/,$(C_PLAIN_SUITES) $(C_SIM_SUITES)) $(BUILD)/c/host_dlopen
	scripts/run-all.sh $(addprefix $(BUILD)/c/,$(C_PLAIN_SUITES))
	scripts/check-host-dlopen.sh $(BUILD)/c/host_dlopen $(STAGE)/lib/libvipps.so.0
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-c -- scripts/run-all.sh $(addprefix $(BUILD)/c/,$(C_SIM_SUITES))

# The Python binding, installed into a virtual environment the way a user installs it.
PYVENV := $(BUILD)/pyvenv
$(PYVENV)/bin/pytest:
	python3 -m venv $(PYVENV)
	$(PYVENV)/bin/pip install --quiet pytest

# redis: the Redis token store's test (it runs under scripts/with-redis.sh).
$(PYVENV)/.redis: $(PYVENV)/bin/pytest
	$(PYVENV)/bin/pip install --quiet redis
	touch $@

test-python: stage sim $(PYVENV)/bin/pytest $(PYVENV)/.redis
	$(PYVENV)/bin/pip install --quiet --force-reinstall --no-deps ./bindings/python
	scripts/with-redis.sh $(BUILD)/redis-py -- scripts/with-simulator.sh $(SIM) $(BUILD)/sim-py -- \
		env VIPPS_LIBRARY=$(STAGE)/lib/libvipps.so.0 \
		$(PYVENV)/bin/python -m pytest -p no:cacheprovider -q bindings/python/tests

# The PHP extension (phpize), built against build/stage like a PHP host.
test-php: stage sim
	bindings/php/test.sh $(STAGE) $(CURDIR)/$(SIM)

# One corpus of scenarios (bindings/corpus/cases.json), run from C, Python and PHP: the three
# front ends must agree case by case.
$(BUILD)/corpus/run_corpus: bindings/corpus/run_corpus.c FORCE
	@mkdir -p $(BUILD)/corpus
	gcc $(CFLAGS_C) -o $@ $< $$($(C_PKG) --cflags --libs vipps json-c) -Wl,-rpath,$(STAGE)/lib

# Every case runs on eCom and on ePayment; the simulator gets a MobilePay sales unit in Denmark
# (DKK) and one in Finland (EUR), and the default one may push to the phone (PUSH_MESSAGE).
CORPUS_SIM = VIPPS_SIM_ARGS='--merchant-serial-number 123456 --merchant-serial-number 234567 \
	--merchant-serial-number 345678 --mobilepay-denmark 234567 --mobilepay-finland 345678 \
	--may-skip-landing-page 123456 --may-skip-landing-page 345678' scripts/with-simulator.sh $(SIM)
CORPUS_ENV = env VIPPS_SIM_MSN_DENMARK=234567 VIPPS_SIM_MSN_FINLAND=345678

test-corpus-c: stage sim $(BUILD)/corpus/run_corpus
	$(CORPUS_SIM) $(BUILD)/sim-corpus-c -- $(CORPUS_ENV) $(BUILD)/corpus/run_corpus bindings/corpus/cases.json

test-corpus-python: stage sim
	$(CORPUS_SIM) $(BUILD)/sim-corpus-py -- $(CORPUS_ENV) PYTHONPATH=$(CURDIR)/bindings/python/src \
		VIPPS_LIBRARY=$(STAGE)/lib/libvipps.so.0 python3 bindings/corpus/run_corpus.py bindings/corpus/cases.json

test-corpus-php: stage sim
	test -f bindings/php/ext/modules/vipps.so || bindings/php/test.sh $(STAGE)
	$(CORPUS_SIM) $(BUILD)/sim-corpus-php -- $(CORPUS_ENV) php -d extension=$(CURDIR)/bindings/php/ext/modules/vipps.so \
		-d ffi.enable=0 bindings/corpus/run_corpus.php bindings/corpus/cases.json

test-corpus: test-corpus-c test-corpus-python test-corpus-php

# Payments from several threads through one client while the simulator injects faults (5xx
# before and after applying, dropped connections, latency past the read timeout, 429), then
# every order reconciled against the simulator's ledger: nothing captured or refunded twice,
# nothing the shop does not know. make test runs 200 payments; make chaos runs 2000.
# make chaos API=epayment runs the same payments on ePayment (chaos_epayment.py): create is
# faulted too, and webhook deliveries are dropped, duplicated, delayed and refused, then
# reconciled against the webhooks the shop received. make test runs 200 on each API.
API ?= ecom
CHAOS_SCRIPT = $(if $(filter epayment,$(1)),chaos_epayment.py,chaos.py)
CHAOS = scripts/with-simulator.sh $(SIM) $(BUILD)/sim-chaos-$(1) -- env PYTHONPATH=$(CURDIR)/bindings/python/src \
	VIPPS_LIBRARY=$(STAGE)/lib/libvipps.so.0 python3 system-tests/chaos/$(CHAOS_SCRIPT) --threads 4 --seed 42

test-chaos: stage sim
	$(call CHAOS,ecom) --payments 200
	$(call CHAOS,epayment) --payments 200

chaos: stage sim
	$(call CHAOS,$(API)) --payments 2000

# The benchmark (bench/run.py; settings in its docstring): every client against one nginx
# peer over TLS, then vipps-sim against nginx with wrk. Misses of the targets are printed, not
# failures. make test runs it with a tiny N so that the harness keeps working (no timing asserted).
deps-bench:
	@scripts/ensure-deps.sh bench

# The simulator is measured as a release build; a debug build is several times slower and would
# measure the debug runtime.
sim-release: deps
	$(SWIFT) build $(TOOLS_FLAGS) --product vipps-sim

bench: deps-bench stage sim-release
	BENCH_SIM=$(SIM_RELEASE) python3 bench/run.py

# The harness checked against the binary make bench measures: the release simulator, which the
# Debian package ships too (make deb finds it built).
test-bench: deps-bench stage sim-release
	BENCH_SIM=$(SIM_RELEASE) BENCH_QUICK=1 python3 bench/run.py

# Fuzzing: scripts/fuzz.sh builds Sources/vipps-fuzz with libFuzzer and ASan in its
# own scratch path and runs each target FUZZ_SECONDS. make test replays the committed corpora and
# crash regressions (fuzz/) with the plain debug build, in seconds.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

test-fuzz-corpus: deps
	$(SWIFT) build --product vipps-fuzz
	.build/debug/vipps-fuzz replay fuzz

# The suites under sanitizers (scripts/check-sanitizers.sh): ASan+UBSan and TSan builds
# in .build/asan and .build/tsan, valgrind on the C suites against $(STAGE). Slow (minutes per
# stage), so not part of make test. Release flags and C flags are passed so the script builds the
# C programs and the unstripped twin of the release library exactly as this Makefile does.
STAGES ?= all
check-sanitizers: deps stage sim
	VIPPS_RELEASE_FLAGS='$(RELEASE_FLAGS)' CFLAGS_C='$(CFLAGS_C)' SWIFT='$(SWIFT)' SIM='$(SIM)' \
		scripts/check-sanitizers.sh $(STAGES)

# A whole ePayment payment (create, the customer on the landing and phone pages, captures, refund,
# events) over TLS, with Python's standard library only.
test-epayment: sim
	$(SWIFT) build --product vipps-cli
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-epayment -- sh -c '\
		python3 system-tests/epayment/payment_flow.py && \
		python3 system-tests/epayment/user_flows.py && \
		system-tests/epayment/readme_walkthrough.sh && \
		system-tests/epayment/cli_on_epayment.sh $(dir $(SIM))vipps-cli'

# Webhooks over TLS from vipps-sim to a receiver on loopback: a receiver answering 500, 500, 200
# gets the event three times, each signature checked with Python's hmac, and the next event only
# after the 200 (retries on the simulated clock, compressed); then the Webhooks API and the
# delivered bodies against Vipps' OpenAPI files (skipped when they are absent).
test-webhooks: sim
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-webhooks -- python3 system-tests/webhooks/webhook_delivery.py
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-webhooks-conformance -- python3 system-tests/webhooks/conformance.py

# Vipps' Postman requests for profile sharing (eCom profile flow, the Userinfo collection's eCom
# and ePayment folders) replayed, Userinfo answers validated (skipped when they are absent).
test-userinfo: sim
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-userinfo -- python3 system-tests/userinfo/replay_postman.py

# The dashboard (/sim/) in headless Chromium: payments, deliveries, registrations, callbacks, the
# clock and fault controls clicked, the page's own refresh; screenshots in $(BUILD)/dashboard-screens.
test-dashboard: sim $(BUILD)/demo-venv/.selenium
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-dashboard -- $(BUILD)/demo-venv/bin/python system-tests/dashboard/browser_test.py

# The simulator's answers validated against Vipps' OpenAPI file, which is not in this repository
# (system-tests/conformance/README.md says where it is looked for); skipped when it is absent.
test-conformance: stage sim
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-conformance -- python3 system-tests/conformance/check_simulator.py
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-conformance-library -- env VIPPS_LIBRARY=$(STAGE)/lib/libvipps.so.0 \
		python3 system-tests/conformance/check_library_requests.py
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-conformance-epayment -- sh -c '\
		python3 system-tests/conformance/check_epayment.py && \
		python3 system-tests/conformance/replay_postman.py'

# The main job: a web shop (examples/shop, Python on libvipps) and vipps-sim on loopback. With
# AUTO=1 the six steps of a payment are driven and printed without a browser.
demo: stage sim
	DEMO_API=$(API) scripts/demo.sh $(STAGE) $(SIM) $(if $(AUTO),--auto)

# The same six steps in headless Chromium, with a screenshot of each in $(BUILD)/demo-screens.
$(BUILD)/demo-venv/.selenium:
	python3 -m venv $(BUILD)/demo-venv
	$(BUILD)/demo-venv/bin/pip install --quiet selenium
	touch $@

demo-browser: stage sim $(BUILD)/demo-venv/.selenium
	scripts/demo.sh $(STAGE) $(SIM) --browser

# One payment from C, the example in bindings/c/examples/pay.c.
demo-c: stage sim $(BUILD)/examples/pay
	scripts/with-simulator.sh $(SIM) $(BUILD)/sim-demo -- $(BUILD)/examples/pay

# Packages the way users install: Debian packages built by dpkg-buildpackage (debian/rules calls
# back into this Makefile for the library, the vipps command and the simulator), a wheel that
# carries the library. test-packages installs them system-wide for a few minutes, so it runs after
# every other suite (.ci/run) and purges them again: no suite may load an installed copy.
test-packages: DEPS_FLAGS :=
deps-packages:
	@scripts/ensure-deps.sh packages $(DEPS_FLAGS)

deb: deps-packages
	scripts/build-deb.sh

wheel: library
	scripts/build-wheel.sh

sdist:
	scripts/build-sdist.sh

test-packages: deb wheel sdist
	scripts/test-packages.sh

clean:
	rm -rf $(BUILD) .build
	-cd bindings/php/ext && command -v phpize >/dev/null && phpize --clean >/dev/null
