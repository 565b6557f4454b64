# syntax=docker/dockerfile:1.7
# The Smartchat services image: one image for every role, chosen by the command the pod runs
# (the operator sets it; the image defaults to chat):
#   chat      node --import tsx services/chat/src/main.ts
#   balancer  node --import tsx services/balancer/src/main.ts
#   stats     node --import tsx services/stats/src/main.ts  (statistics pipeline and monthly reports)
#   rebuild   node --import tsx services/stats/src/bin/rebuild.ts rebuild --from YYYY-MM-DD
#   migrate   node --import tsx services/platform/src/bin/migrate.ts
#   admin     node --import tsx services/chat/src/bin/admin.ts create --role super-admin --if-no-super-admin
#             (the first super-admin, from SMARTCHAT_ADMIN_EMAIL / _NAME / _PASSWORD; see the README)
# The TypeScript sources run as they are (tsx), exactly as in development and in the tests.
# Build from the repository root:
#   docker build -t ghcr.io/smartchat/smartchat:0.1.0 .
# No secrets are baked in: every setting comes from the environment at run time.

# The Node.js of .node-version, exactly (make test fails when they differ): the same runtime as
# development, the tests and the benchmark.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

# --- dependencies: production packages of the services' workspaces, from package-lock.json ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# Only the manifests, so that this layer is rebuilt when dependencies change, not when code does.
# npm ci checks the lock file against every workspace, so all workspace manifests are needed.
COPY package.json package-lock.json ./
COPY services/client/package.json services/client/
COPY services/contracts/package.json services/contracts/
COPY services/core/package.json services/core/
COPY services/platform/package.json services/platform/
COPY services/chat/package.json services/chat/
COPY services/balancer/package.json services/balancer/
COPY services/stats/package.json services/stats/
COPY services/mail/package.json services/mail/
COPY scripts/bench/package.json scripts/bench/
COPY operator/package.json operator/
# --ignore-scripts: no install script is needed (native modules ship prebuilt per platform).
# tsx runs the sources but is a root devDependency, so it is added on its own, at the version the
# lock file pins (--no-save: package.json and the lock file stay as they are).
RUN --mount=type=cache,target=/root/.npm \
    set -eu; \
    ws="--workspace services/chat --workspace services/balancer --workspace services/stats --workspace services/platform"; \
    npm ci --omit=dev --ignore-scripts $ws; \
    tsx_version=$(node -p 'require("./package.json").devDependencies.tsx'); \
    npm install --no-save --omit=dev --ignore-scripts $ws --include-workspace-root "tsx@${tsx_version}"; \
    node -e 'import("tsx/esm/api")' >/dev/null

# --- runtime ---
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# A fixed non-root user (uid/gid 10001), matching runAsUser in the pod specs the operator writes.
RUN groupadd --gid 10001 smartchat \
 && useradd --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin smartchat
# The PDF reports need a TrueType font with Cyrillic (the stats role refuses to start without it).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
# node_modules (with the workspace links under node_modules/@smartchat) and the manifests.
COPY --from=deps --chown=root:root /app ./
COPY tsconfig.base.json ./
# The sources (tests, dist/ and node_modules/ are left out by .dockerignore); services/schema holds
# the PostgreSQL and CQL migrations that the migrate command applies.
COPY services/ services/
# Everything stays owned by root and read-only for the app user; tsx writes its cache to /tmp
# (an emptyDir in the pods, whose root filesystem is read-only).
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["node", "--import", "tsx"]
CMD ["services/chat/src/main.ts"]
