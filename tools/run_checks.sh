#!/usr/bin/env bash
# Every check of the project, from a fresh machine: installs what it needs, then prints one line "N passed, N failed".
# Usage: bash tools/run_checks.sh [--flags slow]    (extra arguments go to nbdev_test)
source "$(dirname "$0")/_venv.sh"
export ATTENTION_NB_VENV_READY=1   # build_docs.sh below reuses this environment
# The C-MAPSS files live beside the repository (never inside it); point the loader at them when they are there.
if [ -z "${CMAPSS_DATA:-}" ] && [ -d ../shared/data/cmapss ]; then export CMAPSS_DATA=$(cd ../shared/data/cmapss && pwd); fi
export MPLBACKEND=Agg

passed=0; failed=0; failures=()
check() {  # check "name" command...
  local name=$1; shift
  echo "== $name"
  local t0=$SECONDS
  if "$@"; then passed=$((passed+1)); echo "   ok ($((SECONDS-t0))s)"
  else failed=$((failed+1)); failures+=("$name"); echo "   FAILED ($((SECONDS-t0))s)"; fi
}

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# 1. The package builds from this checkout and installs, with its runtime requirements only, into a bare environment.
clean_install() {
  python -m pip wheel -q --no-deps --disable-pip-version-check -w "$tmp/dist" . >/dev/null || return 1
  python -m venv "$tmp/bare" && "$tmp/bare/bin/python" -m pip install -q --disable-pip-version-check \
    "$TORCH_SPEC" "$tmp"/dist/*.whl 2>&1 | grep -v "^WARNING: Location"
  "$tmp/bare/bin/python" - <<'PY'
import attention_nb, attention_nb.attention
print("   installed attention_nb", attention_nb.__version__, "with runtime requirements only")
PY
}
check "package builds and installs from a clean checkout" clean_install

# 2, 3. nbdev_export and nbdev_clean leave no difference (checked on a snapshot; the tree is left as it was).
no_diff() {  # no_diff command dirs...
  local cmd=$1; shift
  rm -rf "$tmp/snap"; mkdir -p "$tmp/snap"; cp -r "$@" "$tmp/snap/"
  $cmd >/dev/null 2>&1 || { echo "   $cmd failed"; return 1; }
  local rc=0
  for d in "$@"; do diff -rq -x __pycache__ "$tmp/snap/$(basename $d)" "$d" || rc=1; done
  if [ $rc -ne 0 ]; then
    echo "   $cmd changed the files above: run $cmd and commit the result"
    for d in "$@"; do rm -rf "$d"; cp -r "$tmp/snap/$(basename $d)" "$d"; done
  fi
  return $rc
}
check "notebooks and attention_nb/ in sync (nbdev_export leaves no diff)" no_diff nbdev_export attention_nb
check "notebooks clean (nbdev_clean leaves no diff)" no_diff nbdev_clean nbs
check "README.md in step with nbs/index.ipynb" python tools/make_readme.py --check

# 4. Every notebook's tests (slow cells only with --flags slow).
check "nbdev_test $*" nbdev_test --do_print --timing "$@"

# 5. The pre-render step of the docs.
proc_nbs() {
  rm -rf _proc; nbdev_proc_nbs >/dev/null || return 1
  local n_in n_out; n_in=$(ls nbs/*.ipynb | wc -l); n_out=$(ls _proc/*.ipynb 2>/dev/null | wc -l)
  echo "   $n_out of $n_in notebooks processed into _proc/"; [ "$n_in" -eq "$n_out" ]
}
check "docs pre-render (nbdev_proc_nbs)" proc_nbs

# 6. Importing the runtime package pulls in no development dependency.
check "every module imports with torch + fastcore only, unless it asks for an extra" python tools/check_imports.py
check "the same in the bare environment (runtime requirements only)" python tools/check_imports.py --python "$tmp/bare/bin/python"

# 7. The rendered site, checked as a reader meets it (rendered when a Quarto can be had: PATH, ../shared, or installed).
check "the site checker fails on each defect (tools/test_check_site.py)" python tools/test_check_site.py
site() {
  bash tools/build_docs.sh; local rc=$?
  if [ $rc -eq 3 ]; then echo "   no Quarto could be had: the site was not rendered"; return 1; fi
  [ $rc -eq 0 ] || return 1
  python tools/check_site.py _docs > "$tmp/site.log" 2>&1; local src=$?; tail -40 "$tmp/site.log"
  return $src
}
check "docs render and tools/check_site.py over every page (both fatal)" site

echo
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
