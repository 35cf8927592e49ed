# planlint — common tasks. `make demo` sets up and checks a sample; `make test` runs every test.
SWIFT ?= swift
PREFIX ?= /usr/local
BIN := .build/debug/planlint

.PHONY: deps test-deps build release demo test lint format bench install clean

deps:
	scripts/install-deps

# What the tests use to check planlint's output independently (LibreOffice, Chromium, openpyxl…).
test-deps:
	scripts/install-deps --test

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# Set up a fresh Debian machine and lint a complete plan and a defective draft.
demo: deps build
	$(BIN) check Samples/complete/northmoor.yaml
	@$(BIN) check Samples/drafts/dunmere-costings-dont-add-up.yaml || echo "(exit status $$?: this draft has errors to fix)"
	$(BIN) fill Samples/complete/northmoor.yaml -o demo-northmoor.xlsx
	$(BIN) check demo-northmoor.xlsx

# Every test: the rules' own checks and examples, then the Swift test suites.
test: deps test-deps build lint
	$(BIN) rules test
	$(SWIFT) test --disable-swift-testing

# Rule files type-check and are canonically formatted.
lint: build
	$(BIN) rules check
	$(BIN) rules fmt --check

format: build
	$(BIN) rules fmt

bench: release test-deps
	scripts/bench

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/planlint
	install -m 755 .build/release/planlint $(PREFIX)/bin/planlint
	rm -rf $(PREFIX)/share/planlint/Rules $(PREFIX)/share/planlint/Templates
	cp -R Rules $(PREFIX)/share/planlint/Rules
	cp -R Templates $(PREFIX)/share/planlint/Templates

clean:
	rm -rf .build
