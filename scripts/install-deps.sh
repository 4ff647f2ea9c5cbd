#!/usr/bin/env bash
# Installs the Debian packages ActivationLab needs, only those that are missing.
#   scripts/install-deps.sh            build + test needs: OpenBLAS, zlib, SQLite, pkg-config
#   scripts/install-deps.sh --data     also the offline datasets: Fashion-MNIST and fortunes
set -euo pipefail
packages=(libopenblas-dev zlib1g-dev libsqlite3-dev pkg-config)
if [[ "${1:-}" == "--data" ]]; then packages+=(dataset-fashion-mnist fortunes); fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
