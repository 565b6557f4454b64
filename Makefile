# Smartchat: `make dev` runs everything locally, `make test` runs every test. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
INFRA := scripts/infra/all.sh
PROFILE ?= seed
# Every target runs on the pinned Node.js (.node-version), installed by `make node` (a dependency
# of `deps`) into ~/.cache/smartchat/node/<version>/; first on PATH for every recipe, so npm, npx,
# tsx, vitest and the processes they start run on it.
export PATH := $(shell scripts/ensure-node.sh --bin-dir):$(PATH)

.PHONY: help dev demo-mail test tools node deps kube-up infra-up infra-down infra-status down reset migrate typecheck lint unit bench dashboards

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

dev: ## install what is missing, start dependencies, migrate, run every service (Ctrl-C stops the services)
	@exec scripts/dev.sh

test: deps tools infra-up kube-up ## install what is missing, start dependencies, typecheck + lint + every test
	@scripts/test.sh

demo-mail: ## with `make dev` running: send a test e-mail to the demo support mailbox (FROM=you@example.test)
	@bash -c 'set -a; source scripts/infra/ports.env; source scripts/infra/smartchat.env; set +a; source scripts/node-env.sh; SMARTCHAT_DEMO_MAIL_FROM=$${FROM:-ivan@example.test} node --import tsx services/chat/src/bin/demo-mail.ts'

node: ## install the pinned Node.js (.node-version) when missing
	@scripts/ensure-node.sh >/dev/null

deps: node ## install the pinned Node.js and npm packages when missing or outdated
	@scripts/ensure-node-deps.sh

tools:
	@scripts/infra/tools.sh

infra-up: ## start PostgreSQL, Redis, RabbitMQ, Kafka, Cassandra, Prometheus, the GreenMail mail server (installs them if missing)
	@$(INFRA) up

kube-up: ## build (first run only) and start the test Kubernetes API server + etcd; kubeconfig in var/kube-apiserver/
	@scripts/infra/kube-apiserver.sh up

infra-down: ## stop the dependencies these scripts started
	@$(INFRA) down

infra-status: ## show each dependency
	@$(INFRA) status

down: infra-down ## stop the dependencies (services started by make dev stop with Ctrl-C)

reset: infra-down ## stop everything and delete all local data and logs (var/)
	rm -rf var

migrate: deps ## apply Postgres (main and statistics databases) and CQL migrations to the local databases
	@set -a && source scripts/infra/smartchat.env && node --import tsx services/platform/src/bin/migrate.ts

dashboards: deps ## render the Grafana dashboards (TypeScript in dashboards/src) to dashboards/grafana/*.json
	@node --import tsx dashboards/src/render.ts

.PHONY: stats-rebuild
stats-rebuild: deps ## derive statistics again from the stored raw events since FROM (a UTC date, e.g. FROM=2026-11-01)
	@set -a && source scripts/infra/smartchat.env && node --import tsx services/stats/src/bin/rebuild.ts rebuild --from "$(FROM)"

.PHONY: search-reindex
search-reindex: deps ## rebuild the search index from the message store while search keeps working (AFTER=<conversation id> resumes)
	@set -a && source scripts/infra/smartchat.env && node --import tsx services/stats/src/bin/search-reindex.ts $(if $(AFTER),--after "$(AFTER)")

typecheck: deps
	@npx --no-install tsc -b

lint: deps
	@npx --no-install eslint --max-warnings 0 .

unit: deps ## run the tests only (dependencies must be up)
	@npx --no-install vitest run

bench: deps infra-up ## load test: PROFILE=seed (27.8 msg/s, default), max (message ramp), assign (balancer time-to-assign), stats (statistics ingest and queries), mail (the e-mail channel: intake and sending), search (message search over 10 million messages, index lag) or integrations (signed back-office events in, webhooks out); reports in bench-results/
	@PROFILE=$(PROFILE) node --import tsx scripts/bench/src/run.ts
