"""Write nbs/results/<stem>.json for chapters that do not write their own yet, from their committed executed outputs.

The landing page reads headline figures from nbs/results/*.json (attention_nb.extras.load_results). A chapter should
write its file from the cell that computes the figures (save_results); until it does, this script extracts the figures
from the outputs of the notebook as committed in git (HEAD), and records where each came from (`source`: notebook,
cell, and this script; `commit`: the last commit that changed the notebook). It never overwrites a file a chapter wrote
itself (one whose source does not name this script) unless given --force.

    python tools/extract_results.py [stem ...] [--force]
"""
import json, re, subprocess, sys
from pathlib import Path
root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root))
from attention_nb.extras import save_results

def _git(*a): return subprocess.run(['git', *a], cwd=root, capture_output=True, text=True, check=True).stdout

def outputs(stem):
    "(cell index, output text) of the notebook as committed at HEAD, and the commit that last changed it."
    nb = json.loads(_git('show', f'HEAD:nbs/{stem}.ipynb'))
    commit = _git('log', '-1', '--format=%H', '--', f'nbs/{stem}.ipynb').strip()
    res = []
    for i, c in enumerate(nb['cells']):
        for o in c.get('outputs', []):
            t = o.get('text') or o.get('data', {}).get('text/plain') or ''
            res.append((i, ''.join(t)))
    return res, commit

def table(outs, *cols):
    "The first whitespace-aligned (pandas) table whose header has `cols`: (cell, [(index tokens, {col: value})])."
    for i, text in outs:
        lines = text.splitlines()
        for j, l in enumerate(lines):
            head = l.split()
            if not all(c in head for c in cols): continue
            rows = []
            for r in lines[j + 1:]:
                if not r.strip(): break
                tok = r.split()
                if len(tok) < len(head): continue
                rows.append((tok[:len(tok) - len(head)], dict(zip(head, tok[len(tok) - len(head):]))))
            return i, rows
    raise LookupError(f"no table with columns {cols}")

def regex(outs, pattern):
    for i, text in outs:
        m = re.search(pattern, text)
        if m: return i, m
    raise LookupError(f"no output matches {pattern!r}")

num = lambda s: float(s.replace(',', '').rstrip('%x'))
key = lambda *a: '_'.join(re.sub(r'\W+', '_', str(x)).strip('_').lower() for x in a)

def ex_02_layers(outs):
    i, m = regex(outs, r'parameters: ([\d,]+) = 4 \* 512 \* 512')
    return {'attention_block_params': int(num(m.group(1)))}, [i]

def ex_03_backbone(outs):
    i, m = regex(outs, r'Backbone: ([\d,]+) = ([\d,]+) \+ ([\d,]+) \+ ([\d,]+)')
    j, n = regex(outs, r'DualTaskModel: ([\d,]+) =')
    f = dict(zip(['backbone_params', 'cnn_params', 'bilstm_params', 'attention_params'], map(lambda s: int(num(s)), m.groups())))
    return {**f, 'dual_task_params': int(num(n.group(1)))}, [i, j]

def ex_04_toy_task(outs):
    i, rows = table(outs, 'task', 'model', 'test_mse')
    return {key(r['task'], r['model'], 'test_mse'): num(r['test_mse']) for _, r in rows}, [i]

def ex_05_cmapss(outs):
    f, cells = {}, []
    i, rows = table(outs, 'linear_rmse'); cells.append(i)
    f.update({key(ix[0], 'ridge_test_rmse'): num(r['linear_rmse']) for ix, r in rows if ix})
    i, rows = table(outs, 'rmse_mean', 'rmse_std', 'rmse_target'); cells.append(i)
    for ix, r in rows:
        f.update({key(ix[0], 'test_rmse_mean'): num(r['rmse_mean']), key(ix[0], 'test_rmse_std'): num(r['rmse_std']),
                  key(ix[0], 'rmse_target'): num(r['rmse_target'])})
    i, rows = table(outs, 'params', 'test_rmse', 'test_rmse_std'); cells.append(i)
    for ix, r in rows:   # the row of the chapter-3 widths (the other row is the subset table's FD001 again)
        if not (ix and ix[0].startswith('chapter-3')): continue
        name = 'chapter3_widths'
        f.update({f'{name}_params': int(num(r['params'])), f'{name}_fd001_test_rmse_mean': num(r['test_rmse']),
                  f'{name}_fd001_test_rmse_std': num(r['test_rmse_std'])})
    return f, cells

def ex_06_sequence_models(outs):
    i, rows = table(outs, 'task', 'attention', 'positions', 'test_acc', 'acc_2x')
    f = {}
    for _, r in rows:
        f[key(r['task'], r['attention'], r['positions'], 'test_acc')] = num(r['test_acc'])
        f[key(r['task'], r['attention'], r['positions'], 'acc_2x')] = num(r['acc_2x'])
        f[key(r['task'], r['attention'], r['positions'], 'parameters')] = int(num(r['parameters']))
    return f, [i]

def ex_90_benchmarks(outs):
    f, cells = {}, []
    for i, text in outs:
        for m in re.finditer(r'^\| (inference|forward\+backward) \| \((\d+), (\d+)\) \|(.*)$', text, flags=re.M):
            vals = [num(v) for v in m.group(4).strip(' |').split('|')]
            if len(vals) != 5: continue
            mode = 'inference' if m.group(1) == 'inference' else 'train'
            k = key(mode, m.group(2), m.group(3))
            f.update({f'{k}_torch_default_ms': vals[0], f'{k}_torch_no_weights_ms': vals[1], f'{k}_ours_ms': vals[2],
                      f'{k}_ratio_default': vals[3], f'{k}_ratio_no_weights': vals[4]})
            if i not in cells: cells.append(i)
        for m in re.finditer(r'^\| (naive|attention_nb|torch) \| (\d+) \| ([\d.]+)x \|$', text, flags=re.M):
            f[f'memory_{m.group(1)}_mib'] = num(m.group(2)); f[f'memory_naive_over_{m.group(1)}'] = num(m.group(3))
            if i not in cells: cells.append(i)
    # the timing table of the full run is the one with (1, 4096); the small demonstration table has (2, 16) only
    f = {k: v for k, v in f.items() if not k.startswith(('inference_2_16', 'train_2_16'))}
    if 'inference_1_4096_ratio_default' not in f or 'memory_naive_mib' not in f: raise LookupError("benchmark tables not found")
    return f, cells

EXTRACTORS = {k[3:]: v for k, v in dict(globals()).items() if k.startswith('ex_')}

def extract(stem, force=False):
    out = root/'nbs'/'results'/f'{stem}.json'
    if out.exists() and not force and 'extract_results.py' not in json.loads(out.read_text()).get('source', ''):
        print(f"{out.relative_to(root)}: written by its chapter, left alone"); return
    outs, commit = outputs(stem)
    figures, cells = EXTRACTORS[stem](outs)
    src = (f"extracted by tools/extract_results.py from the committed outputs of nbs/{stem}.ipynb "
           f"(cells {', '.join(map(str, cells))})")
    f = save_results(stem, {**figures, 'commit': commit}, source=src, path=root/'nbs'/'results')
    print(f"{f.relative_to(root)}: {len(figures)} figures from cells {cells} of nbs/{stem}.ipynb at {commit[:10]}")

if __name__ == '__main__':
    stems = [a for a in sys.argv[1:] if not a.startswith('--')] or list(EXTRACTORS)
    for s in stems: extract(s, force='--force' in sys.argv)
