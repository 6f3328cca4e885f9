#!/bin/sh
# Creates Temporal's two databases if missing, then applies the schema with Temporal's SQL tool:
# the base on a new database, then every versioned step (a no-op once up to date), as
# infra/src/temporal-postgres.ts does for the local server.
# Env: POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD, DBNAME, VISIBILITY_DBNAME.
set -eu
export SQL_PASSWORD="$POSTGRES_PWD" PGPASSWORD="$POSTGRES_PWD"
for pair in "$DBNAME:temporal" "$VISIBILITY_DBNAME:visibility"; do
  db="${pair%%:*}"
  kind="${pair##*:}"
  set -- --plugin postgres12 --endpoint "$POSTGRES_SEEDS" --port "$DB_PORT" \
    --user "$POSTGRES_USER" --database "$db"
  exists="$(psql -h "$POSTGRES_SEEDS" -p "$DB_PORT" -U "$POSTGRES_USER" -d postgres -tAc \
    "select 1 from pg_database where datname = '$db'")"
  if [ "$exists" != 1 ]; then
    temporal-sql-tool "$@" create-database
    temporal-sql-tool "$@" setup-schema -v 0.0
  fi
  temporal-sql-tool "$@" update-schema -d "/etc/temporal/schema/$kind/versioned"
  echo "temporal-schema: $db up to date"
done
