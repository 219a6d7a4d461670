#!/usr/bin/env bash
# Runs every test: unit and integration (Storefront.Tests), then end-to-end in Chromium (Storefront.E2E).
# Needs the .NET 10 SDK; finds Chromium, or installs it. Results (trx) go to artifacts/test-results/,
# E2E screenshots and traces to artifacts/e2e/. The last line printed is "N passed, N failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

CONFIGURATION=Debug
TEST_PROJECTS=(Storefront.Tests Storefront.E2E)
RESULTS="$ROOT/artifacts/test-results"
E2E_BIN="$ROOT/Storefront.E2E/bin/$CONFIGURATION/net10.0"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }

# Prints the summary line and exits: the summary is always the last line.
finish() {
  local passed=$1 failed=$2 skipped=$3 status=$4
  local summary="$passed passed, $failed failed"
  ((skipped > 0)) && summary+=", $skipped skipped"
  echo
  echo "$summary"
  exit "$status"
}

# --- Chromium -------------------------------------------------------------------------------------

# True when $1 is a browser that really starts (Ubuntu's chromium-browser can be a stub asking for a snap).
chromium_runs() {
  local candidate=$1 version
  [[ -n "$candidate" && -f "$candidate" && -x "$candidate" ]] || return 1
  version="$(timeout 60 "$candidate" --headless --no-sandbox --version 2>/dev/null)" || return 1
  [[ "$version" =~ (Chromium|Chrome).*[0-9]+\.[0-9]+ ]]
}

find_system_chromium() {
  local name path
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    path="$(command -v "$name" 2>/dev/null)" || continue
    if chromium_runs "$path"; then
      echo "$path"
      return 0
    fi
  done
  return 1
}

# apt-get as root, through sudo when there is one; fails when neither is possible.
apt_install() {
  local as_root=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "Cannot install $*: not root and no sudo." >&2; return 1; }
    as_root=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 || { echo "Cannot install $*: no apt-get." >&2; return 1; }
  if [[ -z "${APT_UPDATED:-}" ]]; then
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Last resort: Playwright's own Chromium, installed by the node driver shipped in the E2E build output.
install_playwright_chromium() {
  local arch node cli browsers with_deps=()
  case "$(uname -m)" in
    x86_64) arch=linux-x64 ;;
    aarch64 | arm64) arch=linux-arm64 ;;
    *) return 1 ;;
  esac
  node="$E2E_BIN/.playwright/node/$arch/node"
  cli="$E2E_BIN/.playwright/package/cli.js"
  [[ -x "$node" && -f "$cli" ]] || { echo "No Playwright driver in $E2E_BIN/.playwright." >&2; return 1; }
  if [[ "$(id -u)" -eq 0 ]] || command -v sudo >/dev/null 2>&1; then
    with_deps=(--with-deps)
  fi
  "$node" "$cli" install "${with_deps[@]}" --no-shell chromium >&2 || return 1
  browsers="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
  find "$browsers" -maxdepth 3 -type f -name chrome -path '*/chromium-*/*' 2>/dev/null | sort -V | tail -n 1
}

resolve_chromium() {
  local chromium
  if [[ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]]; then
    if chromium_runs "$PLAYWRIGHT_CHROMIUM_EXECUTABLE"; then
      echo "$PLAYWRIGHT_CHROMIUM_EXECUTABLE"
      return 0
    fi
    echo "PLAYWRIGHT_CHROMIUM_EXECUTABLE=$PLAYWRIGHT_CHROMIUM_EXECUTABLE does not exist or does not run." >&2
    return 1
  fi
  if chromium="$(find_system_chromium)"; then
    echo "$chromium"
    return 0
  fi
  echo "No working Chromium on PATH: installing the distribution's package." >&2
  # Korean text and the won sign need a CJK font, whichever browser ends up being used.
  apt_install chromium fonts-noto-cjk fonts-liberation >&2 || apt_install fonts-noto-cjk >&2 || true
  if chromium="$(find_system_chromium)"; then
    echo "$chromium"
    return 0
  fi
  echo "The distribution's Chromium does not run here: installing Playwright's Chromium." >&2
  chromium="$(install_playwright_chromium)" || true
  if chromium_runs "$chromium"; then
    echo "$chromium"
    return 0
  fi
  return 1
}

# A browser found on the machine may still lack a font for Korean; fix that when we can.
ensure_korean_font() {
  command -v fc-list >/dev/null 2>&1 || return 0
  [[ -n "$(fc-list :lang=ko 2>/dev/null)" ]] && return 0
  echo "No Korean font: installing fonts-noto-cjk." >&2
  apt_install fonts-noto-cjk >&2 || echo "Could not install fonts-noto-cjk; screenshots may show boxes for Korean text." >&2
}

# --- Build ----------------------------------------------------------------------------------------

rm -rf "$RESULTS" "$ROOT/artifacts/e2e"
mkdir -p "$RESULTS"

step "dotnet tool restore"
dotnet tool restore >/dev/null || { echo "dotnet tool restore failed." >&2; finish 0 0 0 1; }

step "Building Storefront.sln ($CONFIGURATION)"
if ! dotnet build "$ROOT/Storefront.sln" -c "$CONFIGURATION" -nologo -v quiet -clp:NoSummary\;ErrorsOnly; then
  echo "Build failed: no tests were run." >&2
  finish 0 0 0 1
fi

step "Finding Chromium for the end-to-end tests"
if ! PLAYWRIGHT_CHROMIUM_EXECUTABLE="$(resolve_chromium)"; then
  echo "No Chromium could be found or installed. Install Chromium (Debian: apt-get install chromium fonts-noto-cjk)" >&2
  echo "or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome executable." >&2
  finish 0 0 0 1
fi
export PLAYWRIGHT_CHROMIUM_EXECUTABLE
ensure_korean_font
echo "Using $PLAYWRIGHT_CHROMIUM_EXECUTABLE ($("$PLAYWRIGHT_CHROMIUM_EXECUTABLE" --headless --no-sandbox --version 2>/dev/null))"

# --- Test -----------------------------------------------------------------------------------------

# Reads one counter ("passed", "failed", ...) from a trx file's <Counters> element.
trx_counter() {
  local value
  value="$(sed -n "s/.*<Counters [^>]* $2=\"\([0-9]*\)\".*/\1/p" "$1")"
  echo "${value:-0}"
}

passed=0 failed=0 skipped=0 status=0
for project in "${TEST_PROJECTS[@]}"; do
  step "Testing $project"
  trx="$RESULTS/$project.trx"
  run_status=0
  # A hung test is killed after 20 minutes instead of eating the whole CI budget.
  dotnet test "$ROOT/$project/$project.csproj" -c "$CONFIGURATION" --no-build --nologo \
    --results-directory "$RESULTS" --logger "trx;LogFileName=$project.trx" \
    --blame-hang-timeout 20m --blame-hang-dump-type none || run_status=$?

  if [[ ! -f "$trx" ]]; then
    echo "$project: no results ($trx is missing); counted as one failure." >&2
    failed=$((failed + 1)) status=1
    continue
  fi
  project_failed=0
  for counter in failed error timeout aborted; do
    project_failed=$((project_failed + $(trx_counter "$trx" "$counter")))
  done
  if ((run_status != 0 && project_failed == 0)); then
    echo "$project: the test run failed (exit code $run_status) without a failed test; counted as one failure." >&2
    project_failed=1
  fi
  passed=$((passed + $(trx_counter "$trx" passed)))
  skipped=$((skipped + $(trx_counter "$trx" notExecuted)))
  failed=$((failed + project_failed))
  ((project_failed == 0)) || status=1
done

if ((passed + failed == 0)); then
  echo "No test ran." >&2
  status=1
fi
finish "$passed" "$failed" "$skipped" "$status"
