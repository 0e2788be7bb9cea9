"""Full-page screenshots of every page of the rendered site (_docs/) in headless Chromium, for a person to look at.

A developer tool, not a check. Needs Debian's chromium (`apt-get install -y chromium`). Math is rendered by MathJax,
which the pages load from a CDN; when `npm` can install the `mathjax@3` package (into ~/.cache/attention_nb/mathjax),
the pages are served with that local copy, else formulas show as TeX source and the tool says so.

    bash tools/build_docs.sh && python tools/screenshot_site.py [--out _screenshots] [--width 1280] [pages ...]
"""
import argparse, functools, http.server, re, shutil, subprocess, sys, tempfile, threading
from pathlib import Path
root = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-extensions',
                  '--disable-sync', '--no-first-run', '--hide-scrollbars', '--mute-audio', '--disable-dev-shm-usage',
                  '--virtual-time-budget=8000']
MATHJAX_CACHE = Path.home()/'.cache'/'attention_nb'/'mathjax'

def chromium()->str:
    for name in ('chromium', 'chromium-browser', 'google-chrome'):
        if shutil.which(name): return shutil.which(name)
    sys.exit("no Chromium: install it with `apt-get install -y chromium` (Debian/Ubuntu)")

def local_mathjax()->Path|None:
    "The es5 folder of a local MathJax 3, installing the npm package once if npm can."
    es5 = MATHJAX_CACHE/'node_modules'/'mathjax'/'es5'
    if not es5.exists() and shutil.which('npm'):
        MATHJAX_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(['npm', 'install', '--prefix', str(MATHJAX_CACHE), '--no-audit', '--no-fund', 'mathjax@3'],
                       capture_output=True, text=True, timeout=300)
    return es5 if es5.exists() else None

HEIGHT_JS = ("<script>window.addEventListener('load', () => setTimeout(() => {document.title = 'HEIGHT=' + "
             "document.documentElement.scrollHeight;}, 1500));</script>")

def prepare(docs:Path, tmp:Path, es5)->Path:
    "A copy of the site whose pages load MathJax from the local copy (when there is one)."
    site = tmp/'site'; shutil.copytree(docs, site)
    if es5: shutil.copytree(es5, site/'_mathjax')
    for page in site.glob('*.html'):
        html = page.read_text(encoding='utf-8')
        if es5: html = re.sub(r'https://cdn\.jsdelivr\.net/npm/mathjax@3/es5/', '_mathjax/', html)
        page.write_text(html, encoding='utf-8')
    return site

def serve(site:Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass          # no line per request
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"

def page_height(exe, url, width, site, name)->int:
    probe = site/f'_height_{name}'
    probe.write_text((site/name).read_text(encoding='utf-8').replace('</body>', HEIGHT_JS + '</body>'), encoding='utf-8')
    out = subprocess.run([exe, *CHROMIUM_FLAGS, f'--window-size={width},1000', '--dump-dom', f'{url}/{probe.name}'],
                         capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<title>HEIGHT=(\d+)</title>', out)
    return min(int(m.group(1)), 16000) if m else 4000

def screenshot(exe, url, name, width, height, out:Path):
    png = out/(Path(name).stem + '.png')
    subprocess.run([exe, *CHROMIUM_FLAGS, f'--window-size={width},{height}', f'--screenshot={png}', f'{url}/{name}'],
                   capture_output=True, text=True, timeout=180)
    return png

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('pages', nargs='*', help='page names (default: every page), e.g. benchmarks.html')
    p.add_argument('--docs', default=str(root/'_docs'))
    p.add_argument('--out', default=str(root/'_screenshots'))
    p.add_argument('--width', type=int, default=1280)
    a = p.parse_args()
    docs, out = Path(a.docs), Path(a.out); out.mkdir(parents=True, exist_ok=True)
    if not (docs/'index.html').exists(): sys.exit(f"no site in {docs}: run bash tools/build_docs.sh first")
    exe, es5 = chromium(), local_mathjax()
    print(f"MathJax: served locally from {es5.relative_to(Path.home())} (in your home)" if es5 else
          "MathJax: no local copy (npm could not install mathjax@3): formulas show as TeX source")
    with tempfile.TemporaryDirectory() as t:
        site = prepare(docs, Path(t), es5)
        httpd, url = serve(site)
        names = a.pages or sorted(p.name for p in docs.glob('*.html'))
        for name in names:
            h = page_height(exe, url, a.width, site, name)
            png = screenshot(exe, url, name, a.width, h, out)
            ok = png.exists() and png.stat().st_size > 0
            print(f"{name:28} {a.width}x{h} -> {png.relative_to(root) if png.is_relative_to(root) else png}" + ('' if ok else '  FAILED'))
        httpd.shutdown()
