package parsers

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

var update = flag.Bool("update", false, "rewrite the layout fixtures and golden files under testdata/")

// fixture is one record page in one layout under testdata/layouts.
type fixture struct {
	layout string
	id     int
	url    string
	html   string // path
	golden string // path
}

// fixtureLayouts are the layouts of the fixtures: the established ones
// and the two more hand-written ones (an ASP.NET form, Bootstrap cards).
func fixtureLayouts() []string { return slices.Concat(pagegen.Layouts(), pagegen.MoreLayouts()) }

// fixtures lists every record of internal/demo/pagegen in every layout. The HTML
// files are rendered from the public record texts (each names its source in
// its first line); the golden files are the parser's reviewed output.
func fixtures(t testing.TB) []fixture {
	t.Helper()
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	var out []fixture
	for _, s := range srcs {
		p, err := pagegen.ParseText(s.Text)
		if err != nil {
			t.Fatalf("%s: %v", s.File, err)
		}
		for _, l := range fixtureLayouts() {
			dir := filepath.Join("testdata", "layouts", l)
			out = append(out, fixture{
				layout: l, id: s.ID, url: p.URL,
				html:   filepath.Join(dir, strconv.Itoa(s.ID)+".html"),
				golden: filepath.Join(dir, strconv.Itoa(s.ID)+".golden.json"),
			})
		}
	}
	return out
}

func parseFixture(t testing.TB, f fixture) *Record {
	t.Helper()
	body, err := os.ReadFile(f.html)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(f.url)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(body, u, "")
	if err != nil {
		t.Fatalf("%s: %v", f.html, err)
	}
	return r
}

// TestFixturesRendered checks that the committed fixture pages are exactly
// what internal/demo/pagegen renders from the record texts, so they can always be
// rebuilt (go test ./parsers -run Fixtures -update).
func TestFixturesRendered(t *testing.T) {
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		p, err := pagegen.ParseText(s.Text)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range fixtureLayouts() {
			want, err := pagegen.Render(p, l)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "layouts", l, strconv.Itoa(s.ID)+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, want, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendered record; run go test ./parsers -run Fixtures -update", path)
			}
		}
	}
}

// TestFixturesGolden parses every fixture and compares the whole record,
// raw labels, links and warnings included, with its golden file.
func TestFixturesGolden(t *testing.T) {
	for _, f := range fixtures(t) {
		t.Run(fmt.Sprintf("%s/%d", f.layout, f.id), func(t *testing.T) {
			r := parseFixture(t, f)
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if *update {
				if err := os.WriteFile(f.golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(f.golden)
			if errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("%s: no golden file; once the parse of this page is right, write it with go test ./parsers -run Fixtures -update and review it", f.golden)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: parse differs from %s:\n%s", f.html, f.golden, jsonDiff(want, got))
			}
		})
	}
}

// TestLayoutsAgree is the layout-independence check: every layout of a
// record must give the same typed record and the same links, whatever its
// markup and encoding.
func TestLayoutsAgree(t *testing.T) {
	byID := map[int][]fixture{}
	for _, f := range fixtures(t) {
		byID[f.id] = append(byID[f.id], f)
	}
	for id, fs := range byID {
		first := typed(parseFixture(t, fs[0]))
		firstLinks := linkSet(parseFixture(t, fs[0]))
		for _, f := range fs[1:] {
			r := parseFixture(t, f)
			if got := typed(r); !reflect.DeepEqual(got, first) {
				t.Errorf("record %d: layout %s differs from %s:\n%s", id, f.layout, fs[0].layout, jsonDiff(mustJSON(first), mustJSON(got)))
			}
			if got := linkSet(r); !slices.Equal(got, firstLinks) {
				t.Errorf("record %d: layout %s links %q, %s links %q", id, f.layout, got, fs[0].layout, firstLinks)
			}
			if len(r.Warnings) > 0 {
				t.Errorf("record %d layout %s: unexpected warnings %+v", id, f.layout, r.Warnings)
			}
		}
	}
}

// typed is the record without what legitimately depends on markup: the raw
// texts (a list shown item by item or with slashes) and links' sources.
func typed(r *Record) Record {
	c := *r
	c.Raw, c.Links, c.Warnings = nil, nil, nil
	return c
}

func linkSet(r *Record) []string {
	var out []string
	for _, l := range r.Links {
		out = append(out, fmt.Sprintf("%s %s gone=%v", l.Field, l.URL, l.DeclaredGone))
	}
	slices.Sort(out)
	return out
}

func mustJSON(v any) []byte {
	b, _ := json.MarshalIndent(v, "", "  ")
	return b
}

// jsonDiff lists the lines of two indented JSON documents that differ.
func jsonDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
