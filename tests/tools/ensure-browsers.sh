#!/usr/bin/env bash
# Makes sure the programs the tests drive are installed: Debian's chromium with its language packs
# (chromium-l10n: one test runs Coffer in German), firefox-esr for the Firefox tests, and openssl,
# which makes the certificate of the HTTPS stand-in Bitwarden's CLI logs in to (the CLI itself is
# a devDependency), and keepassxc for keepassxc-cli, the judge of every .kdbx Coffer reads and writes. As root it installs them with apt; otherwise it stops and prints the command.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/lib/chromium/locales/de.pak ] || missing+=(chromium-l10n)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
command -v openssl >/dev/null || missing+=(openssl)
command -v keepassxc-cli >/dev/null || missing+=(keepassxc)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The tests need ${missing[*]}. Install them, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
