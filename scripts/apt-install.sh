# Sourced by scripts/setup.sh and scripts/package.sh: `apt_install PKG...` installs the
# Debian packages of the list that are missing (as root or through sudo). Safe to run again.

sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=() p attempt
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_ apt-get update -qq
  # A vanished dpkg temp file has been seen to fail an install here: repair and retry.
  for attempt in 1 2 3; do
    if sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
      return 0
    fi
    [ "$attempt" -eq 3 ] && { echo "apt-get install failed" >&2; return 1; }
    sudo_ dpkg --configure -a || true
    sleep 3
  done
}
