package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"archivio/parsers"
)

// fixturePage is a record page of the parser's fixtures with the
// document the archive stores for it.
type fixturePage struct {
	name      string
	page, doc []byte
}

// fixturePages reads the parser's fixture pages (parsers/testdata) and
// makes each one's document as the crawl stores it (the record without
// its raw texts); a page the parser cannot read is left out.
func fixturePages(t testing.TB) []fixturePage {
	t.Helper()
	paths, err := filepath.Glob("../parsers/testdata/layouts/*/*.html")
	if err != nil || len(paths) == 0 {
		t.Fatalf("fixture pages: %v (%d)", err, len(paths))
	}
	var out []fixturePage
	for _, p := range paths {
		page, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".html")
		u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/" + id)
		rec, err := parsers.Parse(page, u, "text/html; charset=utf-8")
		if err != nil {
			continue
		}
		doc, err := json.Marshal(struct {
			*parsers.Record
			Raw *struct{} `json:"raw,omitempty"`
		}{Record: rec})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fixturePage{name: p, page: page, doc: doc})
	}
	if len(out) < 20 {
		t.Fatalf("only %d fixture pages parsed", len(out))
	}
	return out
}

// pageOf is the page reader of unpackPage for an in-memory page.
func pageOf(page []byte) func(n int) ([]byte, error) {
	return func(n int) ([]byte, error) {
		if n > len(page) {
			return nil, errors.New("page too short")
		}
		return page[:n], nil
	}
}

// TestDocPackPage: every fixture page's document, and its golden file,
// packed against the page unpacks to the same bytes with the page, and
// in less than format 1 takes; all of them together take at most a third
// of format 1.
func TestDocPackPage(t *testing.T) {
	c := &docCodec{}
	var size1, size2 int
	for _, f := range fixturePages(t) {
		golden, err := os.ReadFile(strings.TrimSuffix(f.name, ".html") + ".golden.json")
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range [][]byte{f.doc, golden} {
			packed, err := c.packPage(doc, f.page)
			if err != nil {
				t.Fatal(err)
			}
			if packed[0] != docDeflate2 {
				t.Fatalf("%s: format byte %d", f.name, packed[0])
			}
			for range 2 {
				got, err := c.unpackPage(packed, pageOf(f.page))
				if err != nil || !bytes.Equal(got, doc) {
					t.Fatalf("%s: unpack(pack) = %.60q, %v", f.name, got, err)
				}
			}
			fresh, _ := (&docCodec{}).packPage(doc, f.page)
			if !bytes.Equal(fresh, packed) {
				t.Errorf("%s: a reused codec packs %d bytes, a new one %d other bytes", f.name, len(packed), len(fresh))
			}
		}
		packed2, _ := c.packPage(f.doc, f.page)
		packed1, _ := c.pack(f.doc)
		if len(packed2) >= len(packed1) {
			t.Errorf("%s: %d bytes packed against the page, %d against the field names", f.name, len(packed2), len(packed1))
		}
		size1, size2 = size1+len(packed1), size2+len(packed2)
	}
	t.Logf("fixture documents: %d bytes in format 1, %d in format 2", size1, size2)
	if size2*3 > size1 {
		t.Errorf("fixture documents: %d bytes in format 2, more than a third of format 1's %d", size2, size1)
	}
}

// TestDocUnpackPageErrors: a document of format 2 read without its page,
// with another page, a shorter page, or damaged, is an error, never
// another document.
func TestDocUnpackPageErrors(t *testing.T) {
	c := &docCodec{}
	pages := fixturePages(t)
	a, b := pages[0], pages[1]
	packed, err := c.packPage(a.doc, a.page)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.unpack(packed); !errors.Is(err, errNoPage) {
		t.Errorf("without its page: %v, want errNoPage", err)
	}
	other := bytes.Repeat([]byte("<p>altro testo</p>"), len(a.page)/18+1)[:len(a.page)]
	for name, page := range map[string][]byte{"another page of the same length": other,
		"another fixture": b.page, "one byte changed": append(append([]byte{}, a.page[:len(a.page)/2]...), append([]byte{'#'}, a.page[len(a.page)/2+1:]...)...)} {
		got, err := c.unpackPage(packed, func(n int) ([]byte, error) {
			if n > len(page) {
				return nil, errors.New("page too short")
			}
			return page[:n], nil
		})
		if err == nil {
			t.Errorf("%s: unpacked %.40q", name, got)
		}
	}
	if _, err := c.unpackPage(packed, func(n int) ([]byte, error) { return a.page[:n-1], nil }); err == nil {
		t.Error("a page one byte short: no error")
	}
	for name, bad := range map[string][]byte{
		"cut short":     packed[:len(packed)/2],
		"header only":   packed[:3],
		"no length":     {docDeflate2},
		"bytes after":   append(bytes.Clone(packed), 0, 0),
		"checksum":      append(append(bytes.Clone(packed[:3]), packed[3]^1), packed[4:]...),
		"huge length":   {docDeflate2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0},
		"stream damage": append(bytes.Clone(packed[:len(packed)-3]), 0xff, 0xff, 0xff),
	} {
		if _, err := c.unpackPage(bad, pageOf(a.page)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestPageText: the text a page's dictionary is made of: markup,
// comments, scripts and styles removed, references decoded, white space
// collapsed, links' targets kept, escaped as JSON escapes.
func TestPageText(t *testing.T) {
	for page, want := range map[string]string{
		`<html><head><title>La  fabbrica</title><style>p{color:red}</style><script>if (a<b) x="</p>";</script></head>`:        `La fabbrica `,
		"<p>Comune di\n\t Fiorano</p><!-- nota --><P CLASS='x>y'>Citt&agrave; &amp; &#8220;idee&#x201D;&nbsp;ok</p>":          `Comune di Fiorano Città \u0026 “idee” ok `,
		`<a href="http://www.fabbrica.it/?a=1&amp;b=2" title="t">sito</a> a < b, "c" \ d &unknown; &#0; <SCRIPT>x</script >e`: `http://www.fabbrica.it/?a=1\u0026b=2 sito a \u003c b, \"c\" \\ d \u0026unknown; \u0026#0; e`,
		`<img src=/logo.png alt=x>testo<!-- senza fine`:                                                                       `/logo.png testo`,
	} {
		if got := string(pageText(nil, []byte(page), docWindow)); got != want {
			t.Errorf("pageText(%q) =\n%q, want\n%q", page, got, want)
		}
	}
	long := bytes.Repeat([]byte("<p>parola</p>"), 10000)
	if d := pageDict(nil, long); len(d) != docWindow || !bytes.HasSuffix(d, []byte(docDict1)) || !bytes.HasPrefix(d, []byte("parola parola")) {
		t.Errorf("dictionary of a long page: %d bytes, %.20q...", len(d), d)
	}
}

// TestPageDictFrozen: the page dictionary is part of format 2: the
// dictionaries of the fixture pages never change (a better dictionary is
// a new format byte). (A fixture page added or changed changes the sum
// too: then check that pageDict did not change, and update it.)
func TestPageDictFrozen(t *testing.T) {
	h := sha256.New()
	for _, f := range fixturePages(t) {
		h.Write(pageDict(nil, f.page))
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != pageDictSHA256 {
		t.Errorf("the fixture pages' dictionaries changed: sha256 %s, want %s", got, pageDictSHA256)
	}
}

const pageDictSHA256 = "14b98b9458cbb24ffe71a8bd76d58ca4fb7fb51055ccf177565fab6fb5b49eb1"

// BenchmarkDocFormatsPack packs the fullest fixture record's document in each
// format.
func BenchmarkDocFormatsPack(b *testing.B) {
	f := fullestFixture(b)
	c := &docCodec{}
	b.Run("format1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.pack(f.doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("format2", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.packPage(f.doc, f.page); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDocFormatsUnpack unpacks the fullest fixture record's document in
// each format (format 2 with its page in memory: the WARC read is apart).
func BenchmarkDocFormatsUnpack(b *testing.B) {
	f := fullestFixture(b)
	c := &docCodec{}
	p1, _ := c.pack(f.doc)
	p2, _ := c.packPage(f.doc, f.page)
	b.Logf("%s: document %d bytes, page %d: format 1 %d bytes, format 2 %d", f.name, len(f.doc), len(f.page), len(p1), len(p2))
	for name, packed := range map[string][]byte{"format1": p1, "format2": p2} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.unpackPage(packed, pageOf(f.page)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fullestFixture is the fixture page whose document is the longest.
func fullestFixture(b testing.TB) fixturePage {
	var best fixturePage
	for _, f := range fixturePages(b) {
		if len(f.doc) > len(best.doc) {
			best = f
		}
	}
	return best
}
