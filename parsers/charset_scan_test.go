package parsers

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestFindMetaCharsetIsTheExpression: the charset found by looking only
// at the <meta tags is the one the expression finds over the whole head,
// on declarations as pages write them and on random mixes of their pieces.
func TestFindMetaCharsetIsTheExpression(t *testing.T) {
	heads := []string{
		``, `<html><head><meta charset="utf-8">`, `<META CHARSET=ISO-8859-1>`,
		`<meta name="viewport" content="width=device-width"><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`,
		`<meta <meta charset=x>`, `<meta>charset=utf-8`, `<metal charset=utf-8>`, `<!-- <meta charset=latin1> --><meta charset=utf-8>`,
		`<meta content="a>b" charset=utf-8>`, `<meta charset = ' utf-8 '>`, `<meta charset=`, `<meta`, `x<mEtA\ncharset=koi8-r`,
	}
	pieces := []string{"<meta", "<META", "<MeTa", "<met", " charset", "CHARSET", "charset", "=", " = ", `"`, "'", "utf-8", "windows-1252",
		">", "<", " ", "\n", "content=", "x", "http-equiv=Content-Type", "<!--", "-->", "<metal", "text/html;", "ſ", "K", "\u212a", "charſet", "<meta\u212a"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b bytes.Buffer
		for range 1 + r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		heads = append(heads, b.String())
	}
	for _, h := range heads {
		var want []byte
		if m := metaCharset.FindSubmatch([]byte(h)); m != nil {
			want = m[1]
		}
		if got := findMetaCharset([]byte(h)); !bytes.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("findMetaCharset(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestDecodeCharmapIsTheDecoder: every byte of every single-byte charset
// decodes as x/text's decoder decodes it.
func TestDecodeCharmapIsTheDecoder(t *testing.T) {
	all := make([]byte, 0, 512)
	for i := range 256 {
		all = append(all, byte(i), 'a')
	}
	for _, e := range charmap.All {
		cm, ok := e.(*charmap.Charmap)
		if !ok {
			continue
		}
		want, err := cm.NewDecoder().Bytes(all)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeCharmap(cm, all); !bytes.Equal(got, want) {
			t.Errorf("%s: decodeCharmap differs from the decoder", cm)
		}
	}
}
