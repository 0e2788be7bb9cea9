"""Execute notebooks in place, the way `nbdev_test` runs them, and keep the outputs.

Cells tagged with a flag from `tst_flags` in settings.ini (for example `#| slow`) are *not* run unless the flag is
given with `--flags`; they keep the outputs saved from their last real run. Every other code cell is run top to bottom
in one kernel (execnb's `CaptureShell`) and its outputs replaced. The notebook is written only when every cell that ran
succeeded; on an error the cell and the traceback are printed and the file is left untouched. Run `nbdev_clean`
afterwards.

    python tools/exec_nb.py nbs/01_attention.ipynb [nbs/02_layers.ipynb ...] [--flags slow]
"""
import argparse, configparser, os, re, sys, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

root = Path(__file__).resolve().parent.parent

def _flags_of(src:str)->set:
    return {w for m in re.finditer(r'^#\|\s*(.+)$', src, flags=re.M) for w in m.group(1).split()}

def execute(path:Path, flags:set, all_flags:set)->bool:
    nb = read_nb(path)
    skip_flags = all_flags - flags
    def skip(cell):
        if cell.cell_type != 'code': return True
        return bool(_flags_of(cell.source) & skip_flags)
    cwd = os.getcwd(); os.chdir(path.parent)
    t0 = time.time()
    try:
        shell = CaptureShell(path)
        for i, cell in enumerate(nb.cells):
            if skip(cell): continue
            shell.cell(cell)
            if shell.exc:
                print(f"{path.name}: cell {i} failed:\n{cell.source}\n", file=sys.stderr)
                print(''.join(o.get('text', '') if isinstance(o.get('text', ''), str) else ''.join(o['text'])
                              for o in cell.get('outputs', []) if o.get('output_type') == 'stream'), file=sys.stderr)
                for o in cell.get('outputs', []):
                    if o.get('output_type') == 'error': print('\n'.join(o.get('traceback', [])), file=sys.stderr)
                return False
    finally: os.chdir(cwd)
    write_nb(nb, path)
    print(f"executed {path.relative_to(root) if path.is_relative_to(root) else path} in {time.time() - t0:.0f}s"
          f" (skipped cells flagged {sorted(skip_flags) or 'none'})")
    return True

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--flags', default='', help='space-separated flags whose cells are run too')
    a = p.parse_args()
    cfg = configparser.ConfigParser(); cfg.read(root/'settings.ini')
    all_flags = set(cfg['DEFAULT'].get('tst_flags', '').split())
    ok = all(execute(nb.resolve(), set(a.flags.split()), all_flags) for nb in a.notebooks)
    sys.exit(0 if ok else 1)
