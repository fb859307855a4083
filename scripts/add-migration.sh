#!/usr/bin/env bash
# Generates a migration for every database provider from the one model:
#   scripts/add-migration.sh AddSomething
# Migrations are generated, never hand-edited (see docs/decisions/001-database-providers-and-migrations.md).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project src/Nexus.Web --startup-project src/Nexus.Web \
    --context "${provider}AppDbContext" --output-dir "Data/Migrations/${provider}"
done
