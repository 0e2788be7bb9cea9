"""Tests of tools/check_site.py: a small clean site passes every check; for each check, a page with its defect fails
it, and the failure names the page and the offending text.    python tools/test_check_site.py"""
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
import check_site as cs

DESC = "A test project"
PAGE = """<!DOCTYPE html><html><head><link rel="stylesheet" href="styles.css"></head><body>
<nav id="quarto-sidebar"><a href="./index.html">Home</a><a href="./attention.html">Attention</a></nav>
<main><h1 id="title">Title</h1>
<section id="sdpa" class="level3"><h3 id="h-sdpa">sdpa</h3>
<div class="sourceCode"><pre class="sourceCode python"><code>def sdpa(
    q:Tensor, # queries (B, T, d_k)
)->Tensor: # output</code></pre></div></section>
<div class="cell"><div class="sourceCode"><pre><code>x = sdpa(q)   # a code cell</code></pre></div>
<div class="cell-output cell-output-stdout"><pre><code>torch.Size([4, 30, 512])</code></pre></div></div>
<p>See <a href="attention.html#sdpa">sdpa</a> and <a href="https://example.com/x">elsewhere</a>.</p>
<img src="fig.png">
BODY
</main></body></html>"""

def make_site(tmp:Path, page:str='attention.html', body:str='', search_pages=None, sidebar_extra='', files=None):
    docs, nbs = tmp/'_docs', tmp/'nbs'
    docs.mkdir(parents=True); nbs.mkdir()
    for name in ('index.html', 'attention.html'):
        (docs/name).write_text(PAGE.replace('BODY', body if name == page else ''))
    (docs/'styles.css').write_text('p {}'); (docs/'fig.png').write_bytes(b'\x89PNG...')
    for name, data in (files or {}).items(): (docs/name).write_bytes(data)
    pages = ['index.html', 'attention.html'] if search_pages is None else search_pages
    (docs/'search.json').write_text(json.dumps([{'href': p, 'title': p} for p in pages]))
    (tmp/'settings.ini').write_text(f"[DEFAULT]\ndescription = {DESC}\n")
    (nbs/'nbdev.yml').write_text(f'website:\n  site-url: "https://x.github.io/proj"\n  description: "{DESC}"\n')
    (nbs/'sidebar.yml').write_text("website:\n  sidebar:\n    contents:\n      - index.ipynb\n      - 01_attention.ipynb\n" + sidebar_extra)
    nb = lambda md: json.dumps({'cells': [{'cell_type': 'markdown', 'source': md, 'metadata': {}}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5})
    (nbs/'index.ipynb').write_text(nb(f"# proj\n\n> {DESC}"))
    (nbs/'01_attention.ipynb').write_text(nb("# Attention\n\n> about attention"))
    return cs.Site(docs, nbs, max_output_lines=5)

def failures(check, **kw):
    with tempfile.TemporaryDirectory() as t: return cs.CHECKS[check](make_site(Path(t), **kw))

def expect(check, contains, page='attention.html', **kw):
    bad = failures(check, **kw)
    assert bad, f"check {check} passed a page with its defect ({kw})"
    assert any(p == page and contains in text for p, text in bad), f"check {check}: expected page {page} and {contains!r}, got {bad}"
    print(f"   {check}: fails on its defect: {bad[0][0]}: {bad[0][1][:90]}")

def test_clean_site_passes():
    with tempfile.TemporaryDirectory() as t:
        res = cs.run(make_site(Path(t)))
    assert not any(res.values()), {k: v for k, v in res.items() if v}
    print(f"   a clean site passes all {len(res)} checks")

def test_each_check_fails_on_its_defect():
    pre = lambda s: f'<div class="cell-output cell-output-stdout"><pre><code>{s}</code></pre></div>'
    expect('pages', 'is in nbs/sidebar.yml but there is no nbs/07_multitask.ipynb', page='sidebar.yml', sidebar_extra='      - 07_multitask.ipynb\n')
    with tempfile.TemporaryDirectory() as t:      # a notebook without a page, and one missing from the sidebar
        site = make_site(Path(t)); (site.nbs/'02_layers.ipynb').write_text((site.nbs/'01_attention.ipynb').read_text())
        bad = cs.check_pages(site)
        assert ('layers.html', '02_layers.ipynb has no page layers.html') in bad, bad
        assert ('sidebar.yml', 'nbs/02_layers.ipynb is not in nbs/sidebar.yml') in bad, bad
        bad = cs.check_sidebar(site); assert ('attention.html', 'sidebar has no entry for layers.html') in bad, bad
        print("   pages, sidebar: fail on a notebook without page and sidebar entry")
    expect('links', 'missing page: layers.html', body='<a href="layers.html">layers</a>')
    expect('links', 'missing anchor: attention.html#nope', body='<a href="attention.html#nope">x</a>')
    expect('links', 'missing anchor: https://x.github.io/proj/attention.html#gone', body='<a href="https://x.github.io/proj/attention.html#gone">x</a>')
    expect('images', 'missing file: missing.png', body='<img src="missing.png">')
    expect('images', 'empty file: empty.png', body='<img src="empty.png">', files={'empty.png': b''})
    expect('search', 'no entry for attention.html', search_pages=['index.html'])
    expect('raw_markdown', '[`benchmark_mha`](https://x.github.io/proj/benchmarks.html#benchmark_mha)',
           body=pre('rows:list, # rows from [`benchmark_mha`](https://x.github.io/proj/benchmarks.html#benchmark_mha)'))
    expect('raw_markdown', 'backticks in a show_doc signature: )->Tensor: # `(T, d_model)`',
           body='<section class="level3"><h3 id="f">f</h3><div class="sourceCode"><pre><code>def f(\n)->Tensor: # `(T, d_model)`</code></pre></div></section>')
    expect('pipe_tables', '| mode | (B, T) |', body=pre('| mode | (B, T) |\n|---|---:|\n| inference | (1, 4096) |'))
    expect('directives', '#| hide', body='<div class="sourceCode"><pre><code>#| hide\nimport torch</code></pre></div>')
    expect('ansi', '\\x1b[31m', body=pre('\x1b[31mred\x1b[0m'))
    expect('ansi', '[1m', body=pre('[1mbold[0m text'))
    expect('progress', 'progress bar', body='<div><progress value="3" max="10"></progress> 30% [3/10 00:01&lt;00:02]</div>')
    expect('progress', '45%|', body=pre('45%|\u2588\u2588\u2588\u2588      | 45/100 [00:01&lt;00:02, 30.1it/s]'))
    expect('progress', '[1/23 00:00<00:00]', body=pre('Epoch 1/2 : |█---| 4.35% [1/23 00:00&lt;00:00]'))   # fastprogress as text
    expect('directives', '#| output: asis', body=pre('#| output: asis'))
    expect('abs_paths', '/tmp/tmp8k2yr2hx', body=pre('FD001: seeds [0, 1] already in /tmp/tmp8k2yr2hx/runs.jsonl'))
    expect('tracebacks', 'Traceback (most recent call last)', body=pre('Traceback (most recent call last):\n  File "x.py"\nValueError: bad'))
    expect('tracebacks', 'error output', body='<div class="cell-output cell-output-error"><pre>ZeroDivisionError: division by zero</pre></div>')
    expect('abs_paths', '/work/shared', body=pre('reading C-MAPSS from /work/shared/data/cmapss'))
    expect('abs_paths', 'file:///tmp/x/archive.zip', body=pre('downloading file:///tmp/x/archive.zip'))
    expect('abs_paths', str(Path.home()), body=f'<p>saved to {Path.home()}/runs.jsonl</p>')
    expect('long_outputs', 'output block of 9 lines (limit 5)', body=pre('\n'.join(map(str, range(9)))))
    expect('other_formats', 'Other formats', body='<div class="quarto-alternate-formats"><h2>Other formats</h2></div>')
    with tempfile.TemporaryDirectory() as t:
        site = make_site(Path(t)); (site.nbs.parent/'settings.ini').write_text("[DEFAULT]\ndescription = Another sentence\n")
        bad = cs.check_description(site); assert bad and 'Another sentence' in bad[0][1], bad
        print(f"   description: fails on two descriptions: {bad[0][1][:90]}")
    tested = {'pages', 'sidebar', 'links', 'images', 'search', 'raw_markdown', 'pipe_tables', 'directives', 'ansi', 'progress',
              'tracebacks', 'abs_paths', 'long_outputs', 'other_formats', 'description'}
    assert tested == set(cs.CHECKS), f"checks without a test: {set(cs.CHECKS) - tested}"

def test_fine_text_passes():
    "Text that looks like a defect but is not: an HTML table, a URL path, code with '|', a directive named in prose."
    body = ('<table><tr><th>mode</th></tr></table><p>see https://example.com/home/work/x</p>'
            '<p>the cells marked <code>#| output: asis</code> print markdown</p>'
            '<div class="cell-output cell-output-stdout"><pre><code>verified and unpacked 12 files into &lt;tmp&gt;/from_file</code></pre></div>'
            '<div class="sourceCode"><pre><code>head = "| mode |\\n|---|---:|"   # builds a table\nx = a | b</code></pre></div>')
    with tempfile.TemporaryDirectory() as t: res = cs.run(make_site(Path(t), body=body))
    assert not any(res.values()), {k: v for k, v in res.items() if v}
    print("   look-alikes (an HTML table, a URL path, code with pipes, a directive named in prose, <tmp>/...) pass")

if __name__ == '__main__':
    for name, f in list(globals().items()):
        if name.startswith('test_'): f()
    print("check_site tests passed")
