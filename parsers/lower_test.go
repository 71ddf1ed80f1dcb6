package parsers

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLowerHelpers checks the allocation-free case folding against what it
// stands for, strings.ToLower, on ASCII, non-ASCII, long and invalid text.
func TestLowerHelpers(t *testing.T) {
	m := map[string]bool{"footer": true, "ⓘ": true, "i": true, "navigation": true, strings.Repeat("a", 70): true}
	keys := []string{"", "footer", "FOOTER", "Footer", "foot", "ⓘ", "I", "i", "NaVigation", "navigation ",
		strings.Repeat("A", 70), strings.Repeat("a", 70), "Ä", "\xff", "İ"}
	for _, k := range keys {
		if got, want := lowerIn(m, k), m[strings.ToLower(k)]; got != want {
			t.Errorf("lowerIn(%q) = %v, want %v", k, got, want)
		}
	}
	texts := []string{"", "www.", "WWW.comune.it", "vedi Www.x", "ww.w", "wwwx", "w\xffww.", "ẂWW.", "x WWW", "www", "a www.b"}
	for _, s := range texts {
		if got, want := containsFoldASCII(s, "www."), strings.Contains(strings.ToLower(s), "www."); got != want {
			t.Errorf("containsFoldASCII(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"", "Stato di Avanzamento", "abc", "ABC XYZ[]@`{", "a-Z_0"} {
		if got, want := lowerASCII(s), strings.ToLower(s); got != want {
			t.Errorf("lowerASCII(%q) = %q, want %q", s, got, want)
		}
		if got, want := lowerASCIIOrSelf(s), strings.ToLower(s); got != want {
			t.Errorf("lowerASCIIOrSelf(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"Field", "FIELD-Label", "Campo-Ä", "ÉTAT", "x", "İd"} {
		if got, want := lowerClass(s), strings.ToLower(s); got != want {
			t.Errorf("lowerClass(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"", "a", "a b", "a\tb", "ab\n", "\fx", "abc"} {
		if got, want := indexClassSpace(s), strings.IndexAny(s, " \t\n\r\f"); got != want {
			t.Errorf("indexClassSpace(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestNormalizeASCIIByTable: the table-driven normalizeASCII answers as
// the byte tests it replaced, on random short texts of the bytes that
// matter.
func TestNormalizeASCIIByTable(t *testing.T) {
	reference := func(s string) (string, bool) {
		prev := byte(' ')
		upper := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 0x80 || c == '-' || c == '_' || c == '"' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				return "", false
			case c == ' ' && prev == ' ':
				return "", false
			case c >= 'A' && c <= 'Z':
				upper = true
			}
			prev = c
		}
		out := strings.TrimRight(s, " :*.")
		if upper {
			out = strings.ToLower(out)
		}
		return out, true
	}
	alphabet := []byte("aZ ._:*-\"\t\n\r\f\vé@[`{0")
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		s := string(b)
		got, gotOK := normalizeASCII(s)
		want, wantOK := reference(s)
		if got != want || gotOK != wantOK {
			t.Fatalf("normalizeASCII(%q) = %q, %v; want %q, %v", s, got, gotOK, want, wantOK)
		}
	}
}
