package parsers

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// manyLinks is a record page whose source notes hold n links, written as
// anchors or as addresses in the text, in one long sentence.
func manyLinks(n int, asText bool) []byte {
	var b strings.Builder
	b.WriteString("<html><body><dl>" + twoFields + "<dt>Dettagli o note sulle fonti utilizzate</dt><dd>Il sito non è più disponibile: ")
	for i := 0; i < n; i++ {
		if asText {
			fmt.Fprintf(&b, "http://e%d.example.it/ ", i)
		} else {
			fmt.Fprintf(&b, `<a href="http://e%d.example.it/">sito %d</a> `, i, i)
		}
	}
	b.WriteString("</dd></dl></body></html>")
	return []byte(b.String())
}

// TestManyLinksFinish: a page with 100,000 links parses in well under the
// generous deadline (parse work is linear in the page; see
// BenchmarkParseLinks for the figures). Before, such a page did not finish
// in ten minutes.
func TestManyLinksFinish(t *testing.T) {
	u, _ := url.Parse(pageURL141)
	for _, asText := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		r, err := ParseContext(ctx, manyLinks(100_000, asText), u, "")
		cancel()
		if err != nil {
			t.Fatalf("text=%v: %v", asText, err)
		}
		if len(r.Links) != 100_000 {
			t.Fatalf("text=%v: %d links, want 100000", asText, len(r.Links))
		}
		if !r.Links[99_999].DeclaredGone {
			t.Errorf("text=%v: the sentence says the sites are gone, the last link is not marked", asText)
		}
	}
}

// TestParseContextCanceled: a canceled parse stops with the context's
// error instead of running to the end of a huge page.
func TestParseContextCanceled(t *testing.T) {
	u, _ := url.Parse(pageURL141)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ParseContext(ctx, manyLinks(20_000, false), u, ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestDeepNesting: 100,000 nested elements after the fields made the HTML
// parser refuse the page ("open stack of elements exceeds 512 nodes") and
// the record was lost. The fields are kept, with a warning.
func TestDeepNesting(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><dl>" + twoFields + "<dt>Durata (mesi)</dt><dd>12</dd></dl>")
	for i := 0; i < 100_000; i++ {
		b.WriteString("<div>")
	}
	b.WriteString("fondo</body></html>")
	r := mustParse(t, []byte(b.String()), pageURL141, "")
	if str(r.Status) != "Concluso" || r.DurationMonths == nil || *r.DurationMonths != 12 {
		t.Errorf("fields lost: status %q duration %v", str(r.Status), r.DurationMonths)
	}
	if !hasWarning(r, "deep_nesting", "") {
		t.Errorf("no deep_nesting warning: %+v", r.Warnings)
	}
}

// BenchmarkParseLinks measures parse time against the number of links on
// one page. Time per link stays flat from 1k to 100k: parse work is linear
// in the page's size.
//
//	go test ./parsers -run '^$' -bench ParseLinks -cpu 1
func BenchmarkParseLinks(b *testing.B) {
	u, _ := url.Parse(pageURL141)
	for _, n := range []int{1_000, 10_000, 100_000} {
		for _, asText := range []bool{false, true} {
			name := fmt.Sprintf("links=%d/anchors", n)
			if asText {
				name = fmt.Sprintf("links=%d/text", n)
			}
			body := manyLinks(n, asText)
			b.Run(name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := Parse(body, u, ""); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/link")
			})
		}
	}
}
