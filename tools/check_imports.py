"Import each runtime module of attention_nb in a fresh interpreter and fail if it pulls in a development dependency."
import subprocess, sys, pkgutil, importlib
import attention_nb

FORBIDDEN = ['fastai', 'matplotlib', 'pandas', 'nbdev', 'execnb', 'IPython', 'sklearn', 'scipy']
# Modules whose job needs an extra (they import it through attention_nb.extras.import_optional).
NEEDS_EXTRA = {'viz', 'toy', 'cmapss', 'seq', 'benchmarks', 'data'}

core = sorted(m.name for m in pkgutil.iter_modules(attention_nb.__path__)
              if not m.name.startswith('_') and m.name not in NEEDS_EXTRA)
code = f"""
import sys
for m in {core!r}: __import__('attention_nb.' + m)
bad = sorted({{k.split('.')[0] for k in sys.modules}} & set({FORBIDDEN!r}))
print('   core modules', {core!r}, '-> development dependencies imported:', bad or 'none')
sys.exit(1 if bad else 0)
"""
sys.exit(subprocess.call([sys.executable, '-c', code]))
