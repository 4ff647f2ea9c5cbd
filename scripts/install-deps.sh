#!/usr/bin/env bash
# Installs the Debian packages ActivationLab needs, only those that are missing.
#   scripts/install-deps.sh            build + test needs: OpenBLAS, zlib, SQLite, pkg-config
#   scripts/install-deps.sh --data     also the offline datasets: Fashion-MNIST and fortunes
#   scripts/install-deps.sh --slurm    also Slurm and munge, for the single-node cluster the Slurm test starts
#                                      (scripts/slurm-cluster.sh); optional: when they cannot be installed
#                                      (no root, no sudo) this says so and the test reports itself skipped
# The flags combine: scripts/install-deps.sh --data --slurm
set -euo pipefail
packages=(libopenblas-dev zlib1g-dev libsqlite3-dev pkg-config)
optional=()
for flag in "$@"; do
  case $flag in
    --data) packages+=(dataset-fashion-mnist fortunes) ;;
    --slurm) optional+=(slurmctld slurmd slurm-client munge) ;;
    *) echo "install-deps.sh: $flag: unknown flag. Use --data and/or --slurm" >&2; exit 2 ;;
  esac
done

missing_of() {
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
  done
}

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
updated=false
install() {
  [[ $updated == true ]] || { $sudo apt-get update -qq; updated=true; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

mapfile -t missing < <(missing_of "${packages[@]}")
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "installing: ${missing[*]}" >&2
  install "${missing[@]}"
fi

if [[ ${#optional[@]} -gt 0 ]]; then
  mapfile -t missing < <(missing_of "${optional[@]}")
  if [[ ${#missing[@]} -gt 0 ]]; then
    if [[ -n $sudo ]] && ! sudo -n true 2>/dev/null; then
      echo "note: not root and no passwordless sudo: not installing ${missing[*]}; the Slurm cluster test will say it is skipped" >&2
    else
      echo "installing: ${missing[*]}" >&2
      install --no-install-recommends "${missing[@]}" || echo "note: could not install ${missing[*]}; the Slurm cluster test will say it is skipped" >&2
    fi
  fi
fi
