"""Remove backticks from docments comments (parameter and return comments of function signatures) in export cells.

show_doc renders a signature as a code block, where `name` in a comment comes out as a raw markdown link or a literal
backtick. This rewrites only comments on the signature lines of `def`s in `#| export`/`#| exporti` cells (found with
ast and tokenize, so strings and code are never touched) and writes the notebook back only when something changed.

    python tools/strip_docments_backticks.py nbs/90_benchmarks.ipynb [...]   # rewrite
    python tools/strip_docments_backticks.py --check nbs/*.ipynb             # list what would change; exit 1 if any
Then run nbdev_export (the comments go into attention_nb/) and nbdev_clean.
"""
import argparse, ast, io, json, re, sys, tokenize
from pathlib import Path

def _signature_lines(src:str)->set:
    "1-based line numbers of the signatures (def line to the line before the body) of every function in `src`."
    lines = set()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines |= set(range(node.lineno, node.body[0].lineno))
    return lines

def strip_cell(src:str)->tuple:
    "`src` with backticks removed from comments on signature lines, and the list of (old, new) comments."
    sig = _signature_lines(src)
    changes, lines = [], src.splitlines(keepends=True)
    toks = [t for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.COMMENT]
    for t in reversed(toks):
        (row, col), (_, end) = t.start, t.end
        if row not in sig or '`' not in t.string or t.string.startswith('#|'): continue
        new = t.string.replace('`', '')
        line = lines[row - 1]; lines[row - 1] = line[:col] + new + line[end:]
        changes.append((t.string, new))
    return ''.join(lines), changes[::-1]

def _is_export(src:str)->bool: return bool(re.search(r'^#\|\s*export', src, flags=re.M))

def process(path:Path, write:bool)->list:
    nb = json.loads(path.read_text())
    found = []
    for i, cell in enumerate(nb['cells']):
        if cell['cell_type'] != 'code': continue
        src = ''.join(cell['source'])
        if not _is_export(src): continue
        try: new, changes = strip_cell(src)
        except (SyntaxError, tokenize.TokenError) as e:
            print(f"{path}: cell {i} skipped (not plain Python: {e.__class__.__name__})", file=sys.stderr); continue
        if changes:
            found += [(i, old, n) for old, n in changes]
            cell['source'] = new.splitlines(keepends=True) if isinstance(cell['source'], list) else new
    if found and write:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    return found

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--check', action='store_true', help='only list the comments that would change')
    a = p.parse_args()
    total = 0
    for nb in a.notebooks:
        found = process(nb, write=not a.check)
        for i, old, new in found: print(f"{nb}: cell {i}: {old}  ->  {new}")
        total += len(found)
    print(f"{total} docments comments with backticks {'found' if a.check else 'rewritten'} in {len(a.notebooks)} notebooks")
    sys.exit(1 if a.check and total else 0)
