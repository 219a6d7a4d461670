#!/usr/bin/env bash
# Regenerates the EF Core migrations of both providers and database/storefront.sql, the idempotent
# SQL Server script built from the SQL Server migrations. Runs from any working directory.
#
#   database/generate.sh --squash      rebuild the single `Initial` migration of each provider from the
#                                      current model (pre-release policy), then the script
#   database/generate.sh add <Name>    add migration <Name> to both providers, then the script
#   database/generate.sh script        only regenerate the script from the existing migrations
#
# With no migrations yet, `database/generate.sh` alone creates `Initial` for both providers.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly project=Storefront
readonly migrations_dir="$project/Data/Migrations"
readonly script_file=database/storefront.sql
# context:output folder (relative to the project), one per provider.
readonly providers=(
  "SqliteStorefrontDbContext:Data/Migrations/Sqlite"
  "SqlServerStorefrontDbContext:Data/Migrations/SqlServer"
)

usage() {
  sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

ef() {
  dotnet ef "$@" --project "$project"
}

add_migration() {
  local name=$1 first=1 entry
  for entry in "${providers[@]}"; do
    # The first call builds the project; the second reuses that build (it does not need the
    # migration the first one just added).
    if ((first)); then
      ef migrations add "$name" --context "${entry%%:*}" --output-dir "${entry#*:}"
      first=0
    else
      ef migrations add "$name" --context "${entry%%:*}" --output-dir "${entry#*:}" --no-build
    fi
  done
}

generate_script() {
  ef migrations script --idempotent --context SqlServerStorefrontDbContext --output "$script_file"
  echo "Wrote $script_file"
}

has_migrations() {
  compgen -G "$migrations_dir/*/*.cs" >/dev/null
}

command=${1:-}
case "$command" in
  --squash)
    [[ $# -eq 1 ]] || usage
    dotnet tool restore
    rm -rf "$migrations_dir"
    add_migration Initial
    ;;
  add)
    [[ $# -eq 2 && $2 =~ ^[A-Za-z][A-Za-z0-9_]*$ ]] || usage
    dotnet tool restore
    add_migration "$2"
    ;;
  script)
    [[ $# -eq 1 ]] || usage
    dotnet tool restore
    ;;
  "")
    if has_migrations; then
      echo "Migrations already exist in $migrations_dir." >&2
      echo "Rebuilding Initial would delete them: rerun with --squash (pre-release: one migration per provider)," >&2
      echo "or use 'add <Name>' to add a migration to both providers, or 'script' to only regenerate $script_file." >&2
      exit 1
    fi
    dotnet tool restore
    add_migration Initial
    ;;
  *)
    usage
    ;;
esac

generate_script
