#!/usr/bin/env bash
# Build the documentation site into _docs/: installs the dev environment, then renders the executed notebooks with Quarto.
source "$(dirname "$0")/_venv.sh"
if ! command -v quarto >/dev/null 2>&1; then
  cat >&2 <<'MSG'
Quarto is not installed, and nbdev renders the docs with it.
Install it with `nbdev_install_quarto` (inside the virtual environment: `. .venv/bin/activate; nbdev_install_quarto`),
or from https://quarto.org/docs/get-started/, then run this command again.
MSG
  exit 1
fi
nbdev_docs
echo "the site is in _docs/ (open _docs/index.html)"
