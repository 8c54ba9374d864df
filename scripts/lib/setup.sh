# Shared set-up for scripts/test, scripts/demo and scripts/bench: system packages and .venv.
# Sourced, not run. Every step is idempotent and quick when nothing changed.

# shellcheck shell=bash
project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$project_root/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The system packages the suite needs, one "package:command-or-path" per line; the second
# part is how a non-root run checks that it is present.
system_requirements() {
    grep -v '^\s*#' "$project_root/scripts/system-packages.txt" | grep -v '^\s*$'
}

ensure_system_packages() {
    local missing=() line package probe
    while IFS= read -r line; do
        package="${line%%:*}"
        probe="${line#*:}"
        if [[ "$probe" == /* ]]; then
            [[ -e "$probe" ]] || missing+=("$package")
        else
            command -v "$probe" >/dev/null 2>&1 || missing+=("$package")
        fi
    done < <(system_requirements)
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
            || die "apt-get could not install: ${missing[*]}"
    else
        die "missing system packages: ${missing[*]}
  On Debian/Ubuntu run as root:  apt-get install ${missing[*]}
  (scripts/test installs them itself when run as root)"
    fi
}

find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    die "Python 3.11 or newer is needed (found none on PATH)"
}

# Create or reuse .venv and install the project (with the given extras) when pyproject changed.
ensure_venv() {
    local extras="$1" python stamp wanted
    python="$(find_python)"
    if [[ ! -x "$venv/bin/python" ]]; then
        say "creating $venv"
        if ! "$python" -m venv "$venv" 2>/dev/null; then
            rm -rf "$venv"
            if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
                local minor
                minor="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${minor}-venv" >/dev/null ||
                    apt-get install -y -qq python3-venv >/dev/null
                "$python" -m venv "$venv" || die "could not create $venv"
            else
                die "python -m venv failed; on Debian/Ubuntu install python3-venv"
            fi
        fi
    fi
    stamp="$venv/.hostconsole-installed"
    wanted="$extras $(sha256sum "$project_root/pyproject.toml" | cut -d' ' -f1)"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
        say "installing Host Console and its Python dependencies into .venv"
        "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
        "$venv/bin/python" -m pip install -q -e "$project_root[$extras]" ||
            die "pip could not install the project"
        echo "$wanted" >"$stamp"
    fi
}
