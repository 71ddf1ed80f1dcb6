package parsers

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// configLeakPattern is the definition stripConfigLeaks implements, as a
// regular expression: the tests hold the scanner to it.
var configLeakPattern = regexp.MustCompile(`[A-Z][A-Z0-9_]{2,}=[A-Za-z0-9_.\-]*;(?:\s*[A-Z][A-Z0-9_]{2,}=[A-Za-z0-9_.\-]*;?)*`)

// configLeakCases are texts where the scanner and the pattern could part:
// keys too short, values without their semicolon, pairs after spaces, a
// key starting inside a longer run of capitals.
var configLeakCases = []string{
	"VISIBLE=True;UPDATABLE=True; Concluso",
	"Partecipanti VISIBLE=True;UPDATABLE=False;MANDATORY=False",
	"AB=1; ABC=1; ABCD=1",
	"ABC=x;DEF",
	"ABC=x;DEF=",
	"ABC=xDEF=y;",
	"1ABC=x; _ABC=y; aABC=z;",
	"ABC=x;\n\t DEF=y GHI=z;",
	"ABC=x; \v DEF=y;",
	"ABC=a.b-c_d;;",
	"ABC==x;",
	"ABC=x;DEF=y;GHI=z;",
	"Anno di avvioVISIBLE=True;",
	"http://www.comune.it/page?PAGE=2&ID=5",
	"x=1;y=2",
	"ÀBC=x; ABÇ=y; ABC=é;",
	"ABC",
	"=;",
	"",
}

func TestStripConfigLeaksAsThePattern(t *testing.T) {
	for _, in := range configLeakCases {
		if got, want := stripConfigLeaks(in), configLeakPattern.ReplaceAllString(in, " "); got != want {
			t.Errorf("stripConfigLeaks(%q) = %q, the pattern gives %q", in, got, want)
		}
	}
}

// FuzzStripConfigLeaks holds the scanner to the pattern on any text.
func FuzzStripConfigLeaks(f *testing.F) {
	for _, in := range configLeakCases {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := stripConfigLeaks(in), configLeakPattern.ReplaceAllString(in, " "); got != want {
			t.Errorf("stripConfigLeaks(%q) = %q, the pattern gives %q", in, got, want)
		}
	})
}

// FuzzCollapseSpace holds collapseSpace to its definition: the words of
// the text (split at white space, invisible characters dropped) joined by
// one space.
func FuzzCollapseSpace(f *testing.F) {
	for _, in := range []string{"", " a  b ", "a\u00a0\u00adb", "\tx\ny\r\n", "cert\u00adificazione", "a\u200b b", "\xff \xfe", "  "} {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var visible strings.Builder // in without its invisible characters, bytes kept as they are
		for i := 0; i < len(in); {
			r, size := utf8.DecodeRuneInString(in[i:])
			if !invisible(r) {
				visible.WriteString(in[i : i+size])
			}
			i += size
		}
		if got, want := collapseSpace(in), strings.Join(strings.FieldsFunc(visible.String(), unicode.IsSpace), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	})
}
