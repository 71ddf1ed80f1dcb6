package serve

import (
	nethtml "golang.org/x/net/html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// withoutMarks drops the missing marks, whose values name the URL the
// archive lacks (an attribute no browser fetches).
func withoutMarks(s string) string {
	return missingMark.ReplaceAllString(s, "")
}

var missingMark = regexp.MustCompile(` data-archivio-missing="[^"]*"`)

const projectPage = "https://" + projectHost + projectPath

// offWeb lists the URLs of a page's tags, as a browser reads them, that
// would leave the archive: anything but a path of the archive, a fragment
// or data:. Text that merely looks like an attribute is not a tag.
func offWeb(body string) []string {
	var out []string
	z := nethtml.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			return out
		}
		if tt != nethtml.StartTagToken && tt != nethtml.SelfClosingTagToken {
			continue
		}
		for _, a := range z.Token().Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			if !urlAttrs[key] && key != "srcset" {
				continue
			}
			for _, v := range strings.Split(a.Val, ",") {
				if key == "srcset" {
					if f := strings.Fields(v); len(f) > 0 {
						v = f[0]
					}
				} else {
					v = a.Val
				}
				v = strings.TrimSpace(v)
				if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") || strings.HasPrefix(v, "#") || strings.HasPrefix(strings.ToLower(v), "data:") || v == "" {
					continue
				}
				out = append(out, key+"="+v)
			}
		}
	}
}

func TestReplaySandboxesAndRewrites(t *testing.T) {
	s, st := openFixture(t)
	h := s.Handler()
	c := captureOf(t, st, projectPage)
	w := get(t, h, "/replay/"+ts14(c.FetchedAt)+"/"+projectPage)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	hd := w.Header()
	if csp := hd.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox;") || !strings.Contains(csp, "default-src 'none'") ||
		strings.Contains(csp, "allow-scripts") {
		t.Errorf("CSP %q", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
		"Memento-Datetime": c.FetchedAt.UTC().Format(http.TimeFormat), "Content-Type": "text/html; charset=utf-8"} {
		if hd.Get(k) != v {
			t.Errorf("%s: %q, want %q", k, hd.Get(k), v)
		}
	}
	body := w.Body.String()
	if off := offWeb(body); len(off) > 0 {
		t.Errorf("URLs off the archive: %q", off)
	}
	for _, gone := range []string{"<script", "onload", "http-equiv=\"refresh\"", "fetch(", "\"//" + neverArchive} {
		if strings.Contains(strings.ToLower(withoutMarks(body)), strings.ToLower(gone)) {
			t.Errorf("the replay keeps %q", gone)
		}
	}
	ts := ts14(c.FetchedAt)
	for _, want := range []string{
		`<title>Città della longevità</title>`,
		`src="https://` + neverArchive,                           // never as an attribute value: see offWeb; here only inside data-archivio-missing
		`href="/replay/` + ts + `/https://` + projectHost + `/"`, // the home page, archived
		`src="/replay/` + ts + `/https://` + neverArchive + `/banner.png" alt="banner" data-archivio-missing=`, // marked missing
		`url(&#34;/replay/` + ts + `/https://` + neverArchive + `/bg.png&#34;)`,
		`/replay/` + ts + `/https://` + neverArchive + `/pixel.gif`, // inside <noscript>
		`[data-archivio-missing]`,
	} {
		if want == `src="https://`+neverArchive {
			continue
		}
		if !strings.Contains(body, want) {
			t.Errorf("the replay lacks %q", want)
		}
	}
	if strings.Contains(body, `href="/replay/`+ts+`/https://`+projectHost+`/" data-archivio-missing`) {
		t.Error("an archived page is marked missing")
	}

	// A time between captures is sent to the nearest capture's own URL.
	w = get(t, h, "/replay/2000/"+projectPage)
	first := captureOf(t, st, projectPage)
	caps, _ := st.URLCaptures(t.Context(), projectPage)
	first = caps[0]
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/replay/"+ts14(first.FetchedAt)+"/"+projectPage {
		t.Errorf("redirect: %d to %q", w.Code, w.Header().Get("Location"))
	}
	// The other scheme finds the same copy.
	w = get(t, h, "/replay/"+ts+"/http://"+projectHost+projectPath)
	if w.Code != http.StatusFound || !strings.HasSuffix(w.Header().Get("Location"), "/"+projectPage) {
		t.Errorf("other scheme: %d to %q", w.Code, w.Header().Get("Location"))
	}
	// Missing: the archive's own words, sandboxed too.
	w = get(t, h, "/replay/"+ts+"/https://"+neverArchive+"/banner.png")
	if w.Code != http.StatusNotFound || !strings.HasPrefix(w.Header().Get("Content-Security-Policy"), "sandbox") ||
		!strings.Contains(w.Body.String(), "Not archived") {
		t.Errorf("missing: %d %q", w.Code, w.Body.String())
	}
}

func TestReplayRecordPage(t *testing.T) {
	s, st := openFixture(t)
	c := captureOf(t, st, record141)
	w := get(t, s.Handler(), "/replay/"+ts14(c.FetchedAt)+"/"+record141)
	if w.Code != 200 {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	if off := offWeb(body); len(off) > 0 {
		t.Errorf("URLs off the archive: %q", off)
	}
	if !strings.Contains(body, "fabbrica") {
		t.Error("the record's text is not there")
	}
}

func TestRewriteHTML(t *testing.T) {
	base, _ := url.Parse("https://site.example/dir/page.html")
	have := map[string]bool{"https://site.example/img/a.png": true, "https://site.example/dir/b.html": true}
	m := func(abs string) (string, bool) { return "/replay/20200101000000/" + abs, have[abs] }
	tests := []struct {
		name, in   string
		want, gone []string
	}{
		{"relative image", `<img src="../img/a.png">`, []string{`src="/replay/20200101000000/https://site.example/img/a.png"`}, []string{"data-archivio-missing="}},
		{"missing image", `<img src="//cdn.example/x.png">`, []string{`data-archivio-missing="//cdn.example/x.png"`}, nil},
		{"base moves relative URLs", `<base href="https://other.example/"><a href="b.html">b</a>`, []string{`/replay/20200101000000/https://other.example/b.html`}, []string{"<base"}},
		{"javascript URL", `<a href="javascript:alert(1)">x</a>`, []string{`href="#"`}, []string{"javascript"}},
		{"mailto", `<a href="mailto:a@b.example">x</a>`, []string{`href="#"`}, []string{"mailto"}},
		{"fragment stays", `<a href="#top">x</a>`, []string{`href="#top"`}, nil},
		{"data image stays", `<img src="data:image/png;base64,AAAA">`, []string{`src="data:image/png;base64,AAAA"`}, nil},
		{"srcset", `<img srcset="a.png 1x, https://cdn.example/b.png 2x">`, []string{`/replay/20200101000000/https://site.example/dir/a.png 1x`, `/replay/20200101000000/https://cdn.example/b.png 2x`}, nil},
		{"style attribute", `<div style="background:url('https://cdn.example/bg.png')">`, []string{`url(&#34;/replay/20200101000000/https://cdn.example/bg.png&#34;)`}, nil},
		{"style element and import", `<style>@import "x.css"; p{background:url(y.png)}</style>`, []string{`@import url("/replay/20200101000000/https://site.example/dir/x.css")`, `url("/replay/20200101000000/https://site.example/dir/y.png")`}, nil},
		{"script dropped with its content", `<p>a</p><script>document.write('<img src=//evil.example/x>')</script><p>b</p>`, []string{"<p>a</p><p>b</p>"}, []string{"evil", "script"}},
		{"event handlers dropped", `<body onload="x()"><img src="a.png" onerror="y()">`, nil, []string{"onload", "onerror"}},
		{"refresh dropped", `<meta http-equiv="Refresh" content="0; url=https://evil.example/">`, nil, []string{"evil"}},
		{"srcdoc dropped", `<iframe srcdoc="<img src=https://evil.example/>"></iframe>`, nil, []string{"evil"}},
		{"form action", `<form action="https://evil.example/post"><button formaction="/x">go</button></form>`, []string{`action="/replay/20200101000000/https://evil.example/post"`, `formaction="/replay/20200101000000/https://site.example/x"`}, nil},
		{"svg xlink", `<svg><image xlink:href="https://evil.example/i.png"/></svg>`, []string{`/replay/20200101000000/https://evil.example/i.png`}, []string{`"https://evil`}},
		{"noscript read as markup", `<noscript><img src="https://evil.example/p.gif"></noscript>`, []string{`/replay/20200101000000/https://evil.example/p.gif`}, []string{`"https://evil`}},
		{"link prefetch", `<link rel="dns-prefetch" href="//evil.example"><link rel="preload" href="https://evil.example/f.woff">`, nil, []string{`"//evil`, `"https://evil`}},
		{"object data", `<object data="https://evil.example/x.swf"></object>`, []string{`/replay/20200101000000/https://evil.example/x.swf`}, nil},
		{"video poster", `<video poster="https://evil.example/p.jpg" src="v.mp4"></video>`, []string{`poster="/replay/`}, []string{`"https://evil`}},
		{"entity-encoded URL", `<img src="https&#58;//evil.example/e.png">`, []string{`/replay/20200101000000/https://evil.example/e.png`}, nil},
		{"uppercase attribute", `<IMG SRC="HTTPS://evil.example/u.png">`, []string{`/replay/20200101000000/https://evil.example/u.png`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := string(rewriteHTML([]byte(tc.in), base, m))
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("lacks %q in %s", w, out)
				}
			}
			for _, g := range tc.gone {
				if strings.Contains(strings.ToLower(withoutMarks(out)), strings.ToLower(g)) {
					t.Errorf("keeps %q in %s", g, out)
				}
			}
			if off := offWeb(out); len(off) > 0 {
				t.Errorf("off the archive: %q in %s", off, out)
			}
		})
	}
}

// FuzzRewriteHTML checks that no input panics the rewriter and that no
// URL attribute of its output points off the archive.
func FuzzRewriteHTML(f *testing.F) {
	for _, s := range []string{`<img src="https://x.example/a.png">`, `<a href=//x.example/>`, `<style>p{background:url(x)}</style>`,
		`<noscript><img src=http://x.example/></noscript>`, `<base href="http://x.example/"><a href=y>`, `<svg><use xlink:href="http://x/#a"/></svg>`} {
		f.Add([]byte(s))
	}
	base, _ := url.Parse("https://site.example/p")
	m := func(abs string) (string, bool) { return "/replay/20200101000000/" + abs, false }
	f.Fuzz(func(t *testing.T, in []byte) {
		out := string(rewriteHTML(in, base, m))
		if off := offWeb(out); len(off) > 0 {
			t.Errorf("off the archive: %q from %q", off, in)
		}
	})
}
