# Ceasefire Tracker: `make run` opens the window, `make test` checks everything.
#
#   make run      set up what is missing, build the release app and open it
#   make build    the same set-up; the release app is target/release/ceasefire-tracker
#   make package  the Debian package with both programs, checked by lintian
#                 (target/release/bundle/deb/ceasefire-tracker_VERSION_ARCH.deb)
#   make package-windows
#                 a zip of both programs cross-built for Windows, checked
#                 (target/x86_64-pc-windows-gnu/release/bundle/zip/)
#   make test     formatting, lints (for Windows too), Rust and UI tests, then the app in
#                 a real window
#   make soak     the long crash round: cftrack killed 400 times mid-write and mid-import
#   make fuzz     the fuzz targets, FUZZ_SECONDS each (needs nightly and cargo-fuzz)
#   make bench    figures at archive scale against their floors, the window's among them
#                 (target/bench/results.txt)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

TAURI := ui/node_modules/.bin/tauri
APP := target/release/ceasefire-tracker

# Debian packages: to build the window, and to test it in a virtual display.
BUILD_PACKAGES := libwebkit2gtk-4.1-dev build-essential libssl-dev libayatana-appindicator3-dev librsvg2-dev
# postgresql: the team tests start a throwaway PostgreSQL server of their own.
TEST_PACKAGES := webkit2gtk-driver xvfb xauth poppler-utils postgresql
# To check the Debian package.
PACKAGE_PACKAGES := lintian
# To build for Windows, and to pack and check the zip.
WINDOWS_PACKAGES := gcc-mingw-w64-x86-64
WINDOWS_ZIP_PACKAGES := zip unzip

WINDOWS_TARGET := x86_64-pc-windows-gnu
VERSION = $(shell node -p "require('./src-tauri/tauri.conf.json').version")
DEB = target/release/bundle/deb/ceasefire-tracker_$(VERSION)_$(shell dpkg --print-architecture).deb
DEB_FILES := target/packaging/deb
WINDOWS_RELEASE := target/$(WINDOWS_TARGET)/release
WINDOWS_ZIP = $(WINDOWS_RELEASE)/bundle/zip/ceasefire-tracker_$(VERSION)_windows_x64.zip

# Installs the missing ones of the Debian packages $(1): with apt-get when root, otherwise
# names them and stops. A machine that has them all does nothing.
define require_packages
	@missing="$$(for package in $(1); do \
		[ "$$(dpkg-query -W -f='$${db:Status-Status}' "$$package" 2>/dev/null)" = installed ] || echo "$$package"; \
	done | xargs)"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
		echo "Installing $$missing"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	else \
		echo "These Debian packages are missing: $$missing" >&2; \
		echo "Install them with:  sudo apt-get install $$missing" >&2; \
		exit 1; \
	fi
endef

.PHONY: run build package package-windows test soak fuzz bench bench-windows setup test-setup
.PHONY: windows-setup frontend

run: build
	./$(APP)

build: setup frontend
	$(TAURI) build --no-bundle

# The window as `make build` makes it, and cftrack; then the manual pages, completions and
# dependencies the package needs (packaging/linux/stage.sh), the package itself, and its
# check: contents, fields, and no error from lintian (packaging/linux/check-deb.sh).
# The bundler marks the window's binary with the kind of package it goes into, once: the
# binary is linked afresh each time, so that it has a mark to receive.
package: setup frontend
	$(call require_packages,$(PACKAGE_PACKAGES))
	rm -f $(APP)
	$(TAURI) build --no-bundle
	cargo build --release --bin cftrack
	packaging/linux/stage.sh target/release/cftrack $(APP) $(DEB_FILES)
	rm -f target/release/bundle/deb/*.deb
	$(TAURI) bundle --bundles deb --config $(DEB_FILES)/tauri.json
	packaging/linux/check-deb.sh $(DEB)

# Both programs cross-built for 64-bit Windows, with the frontend embedded as `tauri build`
# does, packed in a zip with WebView2's loader, the licence and a read-me, and checked.
package-windows: setup frontend windows-setup
	$(call require_packages,$(WINDOWS_ZIP_PACKAGES))
	$(TAURI) build --target $(WINDOWS_TARGET) --no-bundle
	cargo build --release --target $(WINDOWS_TARGET) --bin cftrack
	packaging/windows/zip.sh $(WINDOWS_RELEASE) $(WINDOWS_ZIP)
	packaging/windows/check-zip.sh $(WINDOWS_ZIP)

# After the lints on Linux, the same for Windows on the core and the window (tests and
# benchmarks too), so that no Linux-only code creeps in where Windows builds it.
test: setup test-setup windows-setup frontend
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target $(WINDOWS_TARGET) -p ceasefire-tracker -p ceasefire-tracker-desktop \
		--all-targets -- -D warnings
	cargo test
	cargo test -p ceasefire-tracker-desktop
	npm --prefix ui run check
	npm --prefix ui test
	$(TAURI) build --debug --no-bundle
	xvfb-run -a cargo test -p ceasefire-tracker-e2e -- --test-threads=1

soak:
	CFTRACK_CRASH_WRITE_KILLS=300 CFTRACK_CRASH_IMPORT_KILLS=100 cargo test --test crash -- --nocapture

FUZZ_SECONDS ?= 60

# Each target for a bounded time; the documents start from the checked-in hostile corpus.
fuzz:
	@rustup toolchain list | grep -q '^nightly' || { echo "make fuzz needs the nightly toolchain" >&2; exit 1; }
	@cargo +nightly fuzz --version >/dev/null 2>&1 || { echo "make fuzz needs cargo-fuzz: cargo install cargo-fuzz" >&2; exit 1; }
	mkdir -p fuzz/corpus/date fuzz/corpus/vocabulary fuzz/corpus/import
	cd fuzz && cargo +nightly fuzz run -O date corpus/date -- -max_total_time=$(FUZZ_SECONDS)
	cd fuzz && cargo +nightly fuzz run -O vocabulary corpus/vocabulary -- -max_total_time=$(FUZZ_SECONDS)
	cd fuzz && cargo +nightly fuzz run -O import corpus/import ../tests/corpus/imports -- -max_total_time=$(FUZZ_SECONDS)

# 10,000 proposals and a million events, generated once into target/bench/; one line per
# figure with its floor, ratio and target. Prints figures only: it never fails on time.
# The window's figures need both windows built and a display (a virtual one when there is
# none); where they cannot be had, the benchmark says why and gives the other figures.
bench:
	@if $(MAKE) --no-print-directory bench-windows; then \
		$(BENCH_DISPLAY) cargo bench $(BENCH_BUILD) --bench bench; \
	else \
		echo "# the windows could not be built: the desktop figures are left out"; \
		cargo bench --bench bench; \
	fi

# The release app with its frontend embedded, the minimal Tauri window that is the floor of
# its start-up and memory, and the benchmark: one cargo build, so that their features are
# resolved together and each dependency is built once for all three.
# `tauri/custom-protocol` embeds the frontend, as `tauri build` does.
BENCH_BUILD := --features tauri/custom-protocol \
	-p ceasefire-tracker -p ceasefire-tracker-desktop -p ceasefire-tracker-bench-window

bench-windows:
	@pkg-config --exists webkit2gtk-4.1 || { echo "# WebKitGTK is missing (make build installs it)" >&2; exit 1; }
	$(MAKE) --no-print-directory frontend
	cargo build --release $(BENCH_BUILD) --bin ceasefire-tracker --bin bench-window --bench bench

# xvfb-run when there is no display and it is installed.
BENCH_DISPLAY := $(if $(DISPLAY)$(WAYLAND_DISPLAY),,$(shell command -v xvfb-run >/dev/null && echo xvfb-run -a))

setup: ui/node_modules/.package-lock.json
	$(call require_packages,$(BUILD_PACKAGES))

test-setup:
	$(call require_packages,$(TEST_PACKAGES))

# The MinGW-w64 linker and C compiler (SQLite is C), and Rust's standard library for Windows.
windows-setup:
	$(call require_packages,$(WINDOWS_PACKAGES))
	@rustup target list --installed | grep -qx '$(WINDOWS_TARGET)' || rustup target add $(WINDOWS_TARGET)

# npm keeps this file in step with what it installed: reinstall from the lock file when the
# lock file is newer, or nothing is installed yet.
ui/node_modules/.package-lock.json: ui/package-lock.json
	npm --prefix ui ci
	touch $@

# The window embeds ui/dist, so the frontend is built before any build of the shell.
frontend: setup
	npm --prefix ui run build
