# Sourced by run_checks.sh and build_docs.sh: make (or reuse) a virtual environment with everything installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
# torch==2.13.0 in the same pip call keeps pip from pulling a newer torch (and its CUDA packages) for fastai's needs.
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "attention_nb needs Python 3.10 or newer; $PYTHON is $("$PYTHON" --version 2>&1)" >&2; exit 1
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
. "$VENV/bin/activate"
if [ -n "${ATTENTION_NB_VENV_READY:-}" ]; then return 0 2>/dev/null || exit 0; fi
echo "== installing attention_nb[dev] into $VENV"
python -m pip install -q --disable-pip-version-check "$TORCH_SPEC" -e ".[dev]" 2>&1 | grep -v "^WARNING: Location" || true
python -c "import attention_nb, nbdev" || { echo "installation failed" >&2; exit 1; }
