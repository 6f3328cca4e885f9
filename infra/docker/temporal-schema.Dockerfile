# syntax=docker/dockerfile:1
# Temporal's own SQL schema tool and PostgreSQL schema, of the server version the project runs
# (TEMPORAL_SERVER_VERSION in infra/src/bootstrap-temporal-server.ts), built from the Go module
# proxy as `pnpm run bootstrap` builds it. Runs once before the server: infra/docker/temporal-schema.sh.
ARG TEMPORAL_VERSION=v1.32.1

FROM golang:1.26-bookworm AS build
ARG TEMPORAL_VERSION
RUN CGO_ENABLED=0 GOBIN=/out go install go.temporal.io/server/cmd/tools/sql@${TEMPORAL_VERSION} \
  && dir="$(go mod download -json go.temporal.io/server@${TEMPORAL_VERSION} | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')" \
  && cp -r "$dir/schema/postgresql/v12" /out/schema

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/* \
  && useradd --system --uid 10001 temporal
COPY --from=build /out/sql /usr/local/bin/temporal-sql-tool
COPY --from=build /out/schema /etc/temporal/schema
COPY infra/docker/temporal-schema.sh /usr/local/bin/temporal-schema
USER 10001
ENTRYPOINT ["/usr/local/bin/temporal-schema"]
