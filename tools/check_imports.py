"""Import purity: every module of attention_nb imports with torch + fastcore only, unless it asks for an extra.

The modules that need an extra are found, not listed: those that call `import_optional(...)` at module level (found
with ast; a call inside a function is lazy and does not count). Every other module (the models among them) is imported
in a fresh interpreter in which the development and experiment packages cannot be imported at all; it must import,
and load none of them. With --python PATH the same runs under another interpreter (run_checks.sh uses the bare
environment that has only the runtime requirements installed); there the modules that need an extra must fail with
import_optional's message naming their extra.

    python tools/check_imports.py [--python PATH]
"""
import ast, json, subprocess, sys
from pathlib import Path
root = Path(__file__).resolve().parent.parent
pkg = root/'attention_nb'
FORBIDDEN = ['fastai', 'fastprogress', 'fastdownload', 'matplotlib', 'pandas', 'nbdev', 'execnb', 'IPython', 'sklearn', 'scipy', 'PIL']

def modules()->list: return sorted(p.stem for p in pkg.glob('*.py') if not p.stem.startswith('_'))

def extras_of(mod:str)->set:
    "The extras that `mod` asks for at module level through import_optional(name, extra)."
    tree, found = ast.parse((pkg/f'{mod}.py').read_text()), set()
    def visit(node, top=True):
        for ch in ast.iter_child_nodes(node):
            if isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)): continue
            if (isinstance(ch, ast.Call) and getattr(ch.func, 'id', getattr(ch.func, 'attr', None)) == 'import_optional'
                    and len(ch.args) >= 2 and isinstance(ch.args[1], ast.Constant)): found.add(ch.args[1].value)
            visit(ch)
    visit(tree)
    return found

PROBE = r'''
import sys, importlib.abc, json
FORBIDDEN = set(json.loads(sys.argv[2]))
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in FORBIDDEN: raise ModuleNotFoundError(f"No module named {name!r}", name=name)
if sys.argv[3] == 'block': sys.meta_path.insert(0, Block())
try: __import__('attention_nb.' + sys.argv[1]); err = None
except ImportError as e: err = str(e)
print(json.dumps(dict(err=err, loaded=sorted({k.split('.')[0] for k in sys.modules} & FORBIDDEN))))
'''

def probe(python, mod, block=True)->dict:
    r = subprocess.run([python, '-c', PROBE, mod, json.dumps(FORBIDDEN), 'block' if block else 'none'],
                       capture_output=True, text=True, cwd='/')
    if r.returncode: return dict(err=r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f'exit {r.returncode}', loaded=[])
    return json.loads(r.stdout.strip().splitlines()[-1])

if __name__ == '__main__':
    python = sys.argv[sys.argv.index('--python') + 1] if '--python' in sys.argv else sys.executable
    bare = '--python' in sys.argv
    mods, bad = modules(), []
    needs = {m: extras_of(m) for m in mods}
    for m in mods:
        if needs[m]:
            if not bare: continue   # in the dev environment the extras are installed: nothing to prove here
            r = probe(python, m, block=False)
            ok = r['err'] and any(f"attention_nb[{e}]" in r['err'] for e in needs[m])
            print(f"   {m:16} needs {', '.join(sorted(needs[m]))}: " + ("refused with the install hint" if ok else f"NOT refused as expected: {r}"))
            if not ok: bad.append(m)
        else:
            r = probe(python, m)
            ok = r['err'] is None and not r['loaded']
            print(f"   {m:16} torch + fastcore only: " + ("imports" if ok else f"FAILS: {r['err'] or 'loaded ' + ', '.join(r['loaded'])}"))
            if not ok: bad.append(m)
    core = [m for m in mods if not needs[m]]
    print(f"   {len(mods)} modules: {len(core)} import with torch + fastcore only, {len(mods) - len(core)} need an extra "
          f"({', '.join(m for m in mods if needs[m])}); " + (f"problems: {bad}" if bad else "all as expected"))
    sys.exit(1 if bad else 0)
