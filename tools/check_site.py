"""Check the rendered site (_docs/) as a reader meets it; every failure names the page and the offending text.

    python tools/check_site.py [_docs] [--nbs nbs] [--max-output-lines 80]

Checks (each a function `check_*(site) -> list of (page, offending text)`; tools/test_check_site.py feeds each one a
page with its defect and sees it fail):
- pages:        every notebook in nbs/ has its page, and nbs/sidebar.yml lists exactly the notebooks there are;
- sidebar:      every notebook's page is in the sidebar of every page;
- links:        every internal link (relative, or under the site-url) and its #anchor resolves;
- images:       every image (and local stylesheet or script) referenced exists and is non-empty;
- search:       search.json has an entry for every page;
- raw_markdown: no raw markdown links `[text](url)` inside code or output blocks, no backticks in show_doc signatures;
- pipe_tables:  no raw pipe-table text (`|---|---:|`) inside code or output blocks;
- directives:   no literal `#|` directive lines shown on a page;
- ansi:         no ANSI escape codes;
- progress:     no progress-bar debris (fastprogress/tqdm);
- tracebacks:   no tracebacks or error outputs;
- abs_paths:    no absolute paths of the machine that executed the notebooks (/work/..., /root/..., file:///...);
- long_outputs: no output block longer than --max-output-lines lines;
- other_formats: no "Other formats" links (the commonmark format is off);
- description:  settings.ini, nbs/nbdev.yml and the landing page's `>` line give the same project description.
"""
import argparse, configparser, json, re, sys
from pathlib import Path
from urllib.parse import urlsplit, unquote
from bs4 import BeautifulSoup

root = Path(__file__).resolve().parent.parent
MAX_OUTPUT_LINES = 80

def page_name(nb:Path)->str:
    "The page nbdev/Quarto renders a notebook to: the stem without its numeric prefix (04a_toy_training -> toy_training)."
    return re.sub(r'^\d+[a-z]?_', '', nb.stem) + '.html'

def _short(s, n=160):
    s = ' '.join(str(s).split())
    return s if len(s) <= n else s[:n] + '...'

class Site:
    "The rendered pages of `docs` (name -> BeautifulSoup) and the notebooks of `nbs` they come from."
    def __init__(self, docs, nbs=None, max_output_lines=MAX_OUTPUT_LINES):
        self.docs, self.nbs = Path(docs), Path(nbs) if nbs else None
        self.max_output_lines = max_output_lines
        self.pages = {p.name: BeautifulSoup(p.read_text(encoding='utf-8'), 'html.parser') for p in sorted(self.docs.glob('*.html'))}
        self.site_url = ''
        if self.nbs and (self.nbs/'nbdev.yml').exists():
            m = re.search(r'site-url:\s*"?([^"\n]+)"?', (self.nbs/'nbdev.yml').read_text())
            if m: self.site_url = m.group(1).rstrip('/') + '/'
        self.ids = {n: {t['id'] for t in s.find_all(id=True)} for n, s in self.pages.items()}
        self.n_links = self.n_images = self.n_search = 0
    def notebooks(self): return sorted(self.nbs.glob('*.ipynb')) if self.nbs else []
    def sidebar_yml(self)->list:
        f = self.nbs/'sidebar.yml' if self.nbs else None
        return re.findall(r'^\s*-\s+([\w./-]+\.ipynb)\s*$', f.read_text(), flags=re.M) if f and f.exists() else []
    def blocks(self, soup):
        "The code and output blocks of a page: (kind, text) with kind 'code', 'output' or 'signature'."
        for pre in soup.find_all('pre'):
            out = pre.find_parent('div', class_=re.compile(r'^cell-output'))
            kind = 'output' if out else 'code'
            if kind == 'code':
                sc = pre.find_parent('div', class_='sourceCode') or pre
                prev = sc.find_previous_sibling()
                if prev is not None and prev.name in ('h2', 'h3', 'h4') and sc.find_parent('section'): kind = 'signature'
            yield kind, pre.get_text()
    def visible_text(self, soup, drop_inline_code=False):
        s = BeautifulSoup(str(soup.body or soup), 'html.parser')
        for t in s.find_all(['script', 'style', 'noscript']): t.decompose()
        if drop_inline_code:
            for t in [c for c in s.find_all('code') if c.find_parent('pre') is None]: t.decompose()
        return s.get_text('\n')

# ---- the checks ---------------------------------------------------------------------------------------------------

def check_pages(site):
    bad = [(page_name(nb), f"{nb.name} has no page {page_name(nb)}") for nb in site.notebooks() if page_name(nb) not in site.pages]
    have = {nb.name for nb in site.notebooks()}
    listed = site.sidebar_yml()
    bad += [('sidebar.yml', f"{n} is in nbs/sidebar.yml but there is no nbs/{n}") for n in listed if n not in have]
    bad += [('sidebar.yml', f"nbs/{n} is not in nbs/sidebar.yml") for n in sorted(have) if listed and n not in listed]
    return bad

def check_sidebar(site):
    want = [page_name(nb) for nb in site.notebooks()]
    bad = []
    for name, soup in site.pages.items():
        nav = soup.find(id='quarto-sidebar')
        if nav is None: bad.append((name, 'the page has no sidebar')); continue
        links = {urlsplit(a['href']).path.split('/')[-1] for a in nav.find_all('a', href=True)}
        bad += [(name, f"sidebar has no entry for {p}") for p in want if p not in links]
    return bad

def _local(site, page, ref):
    "The (file, anchor) a reference of `page` points to inside the site, or None for an external one."
    if site.site_url and ref.startswith(site.site_url): ref = ref[len(site.site_url):]
    u = urlsplit(ref)
    if u.scheme or u.netloc or ref.startswith(('mailto:', 'data:', 'javascript:')): return None
    path = unquote(u.path)
    f = (site.docs/page).parent/path if path else site.docs/page
    if path.endswith('/') or (f.is_dir()): f = f/'index.html'
    return f, u.fragment

def check_links(site):
    bad = []
    for name, soup in site.pages.items():
        for a in soup.find_all('a', href=True):
            href = a['href']
            if href in ('#', '') or a.find_parent(class_='sourceCode') and re.fullmatch(r'#cb\d+-\d+', href): continue
            loc = _local(site, name, href)
            if loc is None: continue
            site.n_links += 1
            f, anchor = loc
            if not f.exists(): bad.append((name, f"link to a missing page: {href} ({_short(a.get_text())})")); continue
            if anchor and f.suffix == '.html':
                ids = site.ids.get(f.name) if f.parent == site.docs else {t['id'] for t in BeautifulSoup(f.read_text(), 'html.parser').find_all(id=True)}
                if anchor not in ids: bad.append((name, f"link to a missing anchor: {href} ({_short(a.get_text())})"))
    return bad

def check_images(site):
    bad = []
    for name, soup in site.pages.items():
        refs = [(t.name, t.get('src')) for t in soup.find_all(['img', 'script', 'source']) if t.get('src')]
        refs += [('link', t.get('href')) for t in soup.find_all('link', href=True) if 'stylesheet' in (t.get('rel') or [])]
        for tag, ref in refs:
            loc = _local(site, name, ref)
            if loc is None: continue
            site.n_images += tag == 'img'
            f, _ = loc
            if not f.exists(): bad.append((name, f"<{tag}> refers to a missing file: {ref}"))
            elif f.stat().st_size == 0: bad.append((name, f"<{tag}> refers to an empty file: {ref}"))
    return bad

def check_search(site):
    f = site.docs/'search.json'
    if not f.exists(): return [('search.json', 'there is no search.json')]
    entries = json.loads(f.read_text())
    site.n_search = len(entries)
    covered = {urlsplit(e.get('href', '')).path.split('/')[-1] for e in entries}
    return [(name, f"search.json has no entry for {name}") for name in site.pages if name not in covered]

RAW_LINK = re.compile(r'\[[^\]\n]{1,200}\]\((?:https?://|\.{0,2}/?[\w-]+\.html)[^)\s]*\)')
def check_raw_markdown(site):
    bad = []
    for name, soup in site.pages.items():
        for kind, text in site.blocks(soup):
            bad += [(name, f"raw markdown link in a {kind} block: {_short(m.group())}") for m in RAW_LINK.finditer(text)]
            if kind == 'signature':
                bad += [(name, f"backticks in a show_doc signature: {_short(l)}") for l in text.splitlines() if '`' in l]
    return bad

PIPE_RULE = re.compile(r'^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$', re.M)
def check_pipe_tables(site):
    bad = []
    for name, soup in site.pages.items():
        for kind, text in site.blocks(soup):
            for m in PIPE_RULE.finditer(text):
                head = text[:m.start()].rstrip('\n').splitlines()[-1:] or ['']
                bad.append((name, f"raw pipe table in a {kind} block: {_short(head[0] + ' ' + m.group())}"))
    return bad

def check_directives(site):
    "Lines that start with `#|`; inline code in prose (`<p>cells marked <code>#| slow</code>`) is a mention, not a leak."
    bad = []
    for name, soup in site.pages.items():
        lines = site.visible_text(soup, drop_inline_code=True).splitlines()
        bad += [(name, f"literal directive: {_short(l)}") for l in lines if re.match(r'^\s*#\|\s*\S', l)]
    return bad

ANSI = re.compile(r'\x1b\[[\d;]*[A-Za-z]|\u241b\[|(?<![\w\]])\[(?:\d{1,3};)*\d{1,3}m(?=\S)')
def check_ansi(site):
    bad = []
    for name, soup in site.pages.items():
        for kind, text in site.blocks(soup):
            bad += [(name, f"ANSI escape code in a {kind} block: {_short(repr(text[max(0, m.start() - 30):m.end() + 30]))}")
                    for m in ANSI.finditer(text)]
    return bad

PROGRESS = re.compile(r'\d+%\|[\u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f #]*\||\d+(?:\.\d+)?(?:it|s)/(?:s|it)\]|'
                      r'\d+/\d+ \d\d:\d\d<\d\d:\d\d|Turns off some styling|\r')
def check_progress(site):
    bad = []
    for name, soup in site.pages.items():
        bad += [(name, f"progress bar: <progress> {_short(p.parent.get_text())}") for p in soup.find_all('progress')]
        for kind, text in site.blocks(soup):
            if kind != 'output': continue
            bad += [(name, f"progress-bar debris in an output block: {_short(repr(text[max(0, m.start() - 40):m.end() + 20]))}")
                    for m in PROGRESS.finditer(text)]
    return bad

def check_tracebacks(site):
    bad = []
    for name, soup in site.pages.items():
        bad += [(name, f"error output: {_short(d.get_text())}") for d in soup.find_all('div', class_='cell-output-error')]
        for kind, text in site.blocks(soup):
            if kind == 'output' and re.search(r'Traceback \(most recent call last\)|-{20,}\n\w+Error ', text):
                bad.append((name, f"traceback in an output block: {_short(text)}"))
    return bad

def _abs_path_re():
    here = [str(root), str(Path.home())]
    alts = [re.escape(p) for p in here if len(p) > 1]
    alts += [r'(?<![\w.:/~-])/(?:work|root|home/\w+|tmp|Users|mnt|var/folders|private/var|opt/conda)/[\w.@+-]+', r'file:///\S+',
             r'\b[A-Z]:\\(?:Users|Windows)\\\S+']
    return re.compile('|'.join(alts))
def check_abs_paths(site):
    rx, bad = _abs_path_re(), []
    for name, soup in site.pages.items():
        for line in site.visible_text(soup).splitlines():
            bad += [(name, f"absolute path: {_short(m.group())} in {_short(line)}") for m in rx.finditer(line)]
    return bad

def check_long_outputs(site):
    bad = []
    for name, soup in site.pages.items():
        for kind, text in site.blocks(soup):
            n = len(text.rstrip('\n').splitlines())
            if kind == 'output' and n > site.max_output_lines:
                bad.append((name, f"output block of {n} lines (limit {site.max_output_lines}): {_short(text, 100)}"))
    return bad

def check_other_formats(site):
    return [(name, "an 'Other formats' link: " + _short(t.get_text())) for name, soup in site.pages.items()
            for t in soup.find_all(class_=re.compile('quarto-alternate-formats|quarto-other-formats'))]

def check_description(site):
    if not site.nbs: return []
    nbs = site.nbs
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(nbs.parent/'settings.ini')
    found = {'settings.ini': cfg['DEFAULT'].get('description', '').strip()}
    m = re.search(r'^\s*description:\s*"?(.*?)"?\s*$', (nbs/'nbdev.yml').read_text(), flags=re.M) if (nbs/'nbdev.yml').exists() else None
    found['nbs/nbdev.yml'] = m.group(1) if m else ''
    if (nbs/'index.ipynb').exists():
        cells = json.loads((nbs/'index.ipynb').read_text())['cells']
        md = '\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown')
        m = re.search(r'^>\s*(.+)$', md, flags=re.M)
        found['nbs/index.ipynb'] = m.group(1).strip().rstrip('.') if m else ''
    vals = {v.rstrip('.') for v in found.values()}
    return [] if len(vals) == 1 else [('settings.ini', f"project descriptions differ: {found}")]

CHECKS = {k[6:]: v for k, v in dict(globals()).items() if k.startswith('check_') and callable(v)}

def run(site, only=None)->dict:
    "Run every check (or those named in `only`) over `site`: check name -> list of (page, offending text)."
    return {k: f(site) for k, f in CHECKS.items() if not only or k in only}

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('docs', nargs='?', default=str(root/'_docs'))
    p.add_argument('--nbs', default=str(root/'nbs'))
    p.add_argument('--max-output-lines', type=int, default=MAX_OUTPUT_LINES)
    a = p.parse_args()
    site = Site(a.docs, a.nbs, a.max_output_lines)
    if not site.pages: sys.exit(f"no pages in {a.docs}: render the site first (bash tools/build_docs.sh)")
    results, n_bad = run(site), 0
    for k, bad in results.items():
        for page, text in bad[:30]: print(f"   {k}: {page}: {text}")
        if len(bad) > 30: print(f"   {k}: ... and {len(bad) - 30} more")
        n_bad += len(bad)
    n_blocks = sum(1 for s in site.pages.values() for _ in site.blocks(s))
    print(f"   {len(CHECKS)} checks over {len(site.pages)} pages ({len(site.notebooks())} notebooks), {site.n_links} internal links, "
          f"{site.n_images} images, {n_blocks} code/output blocks, {site.n_search} search entries: "
          + (f"{n_bad} problems in {sum(1 for b in results.values() if b)} checks" if n_bad else "all pass"))
    sys.exit(1 if n_bad else 0)
