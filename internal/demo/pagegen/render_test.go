package pagegen

import (
	"bytes"
	"errors"
	"html"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRenderAll(t *testing.T) {
	srcs, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	if got := Layouts(); !reflect.DeepEqual(got, []string{"dl", "table", "divs", "inline"}) {
		t.Errorf("Layouts() = %q", got)
	}
	for _, s := range srcs {
		p, err := ParseText(s.Text)
		if err != nil {
			t.Fatal(err)
		}
		for _, layout := range Layouts() {
			b, err := Render(p, layout)
			if err != nil {
				t.Errorf("Render(%d, %s): %v", s.ID, layout, err)
				continue
			}
			doc := decodePage(t, layout, b)
			comment := "<!-- Fixture data: record " + strconv.Itoa(s.ID) + " of the Osservatorio Partecipazione"
			if !strings.HasPrefix(doc, comment) || !strings.Contains(doc, "from "+s.File+", page "+p.URL+";") {
				t.Errorf("%d/%s: page does not begin with its provenance comment", s.ID, layout)
			}
			for _, want := range []string{
				`<base href="https://www.osservatoriopartecipazione.it/">`,
				">Processi<", ">Partecipanti<", ">Link<", ">Mappa<", ">Crediti<", ">Contatti<",
				"Integra le informazioni</",
			} {
				if !strings.Contains(doc, want) {
					t.Errorf("%d/%s: no %q", s.ID, layout, want)
				}
			}
			text := html.UnescapeString(doc)
			if !strings.Contains(text, p.Title) {
				t.Errorf("%d/%s: title %q missing", s.ID, layout, p.Title)
			}
			_, body, _ := strings.Cut(text, "-->")
			if p.Region == "" && strings.Contains(body, regionName) || p.Region != "" && !strings.Contains(body, ">"+p.Region+"<") {
				t.Errorf("%d/%s: region %q shown wrongly", s.ID, layout, p.Region)
			}
		}
	}
	if _, err := Render(parseRecord(t, 141), "xml"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("unknown layout: err %v", err)
	}
	if ContentType("xml") != "" {
		t.Errorf("ContentType(xml) = %q", ContentType("xml"))
	}
}

// TestRoundTrip141 checks that every layout carries every label and value
// of the complete record.
func TestRoundTrip141(t *testing.T) {
	p := parseRecord(t, 141)
	for _, layout := range Layouts() {
		b, err := Render(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		text := html.UnescapeString(decodePage(t, layout, b))
		splitsLists := layout == "dl" || layout == "divs"
		for _, s := range p.Sections {
			if !strings.Contains(text, ">"+s.Name+"<") {
				t.Errorf("%s: section %q missing", layout, s.Name)
			}
			for _, f := range s.Fields {
				if !strings.Contains(text, ">"+f.Label) {
					t.Errorf("%s: label %q missing", layout, f.Label)
				}
				for _, line := range f.Lines {
					want := []string{line}
					if sep := listSep(f.Type); splitsLists && sep != "" {
						want = strings.Split(line, sep)
					}
					for _, w := range want {
						if !strings.Contains(text, w) {
							t.Errorf("%s: %q: value %q missing", layout, f.Label, w)
						}
					}
				}
			}
		}
		if !strings.Contains(text, "15/02/2020") {
			t.Errorf("%s: last modified date missing", layout)
		}
	}
}

func TestTableEncoding(t *testing.T) {
	for _, id := range []int{141, 2976, 1980, 746} {
		p := parseRecord(t, id)
		b, err := Render(p, "table")
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range b {
			switch c {
			case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
				t.Fatalf("%d: byte %#x at %d is undefined in windows-1252", id, c, i)
			}
		}
		if bytes.Contains(b, []byte("<h1")) {
			t.Errorf("%d: table layout has an <h1>", id)
		}
		if !bytes.Contains(b, []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`)) {
			t.Errorf("%d: no windows-1252 meta", id)
		}
		doc := decodePage(t, "table", b)
		if n := strings.Count(html.UnescapeString(doc), p.Title); n != 2 {
			t.Errorf("%d: title appears %d times, want 2 (<title> and td.titolo)", id, n)
		}
		if !strings.Contains(doc, `<td class="titolo"><b>`+html.EscapeString(p.Title)+`</b></td>`) {
			t.Errorf("%d: no td.titolo", id)
		}
	}
	// 2976 has accents and euro signs: real windows-1252 bytes, not UTF-8.
	b, _ := Render(parseRecord(t, 2976), "table")
	if utf8.Valid(b) || !bytes.Contains(b, []byte("15.000,00 \x80")) || !bytes.Contains(b, []byte("Citt\xe0")) {
		t.Error("2976: table layout is not windows-1252")
	}
}

func TestInlineEncoding(t *testing.T) {
	srcs, _ := Sources()
	for _, s := range srcs {
		p, _ := ParseText(s.Text)
		b, err := Render(p, "inline")
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range b {
			if c >= 0x80 && c <= 0x9f {
				t.Fatalf("%d: byte %#x at %d: not ISO-8859-1 text", s.ID, c, i)
			}
		}
		if bytes.ContainsRune(s.Text, 'à') && utf8.Valid(b) {
			t.Errorf("%d: inline layout is valid UTF-8, want ISO-8859-1", s.ID)
		}
		if bytes.ContainsRune(s.Text, '€') && !bytes.Contains(b, []byte("&euro;")) {
			t.Errorf("%d: euro sign not written as &euro;", s.ID)
		}
		if bytes.ContainsRune(s.Text, '’') && !bytes.Contains(b, []byte("&#8217;")) {
			t.Errorf("%d: right quote not written as &#8217;", s.ID)
		}
	}
}

func TestDivsTraps(t *testing.T) {
	if strings.Contains(ContentType("divs"), "charset") {
		t.Errorf("ContentType(divs) = %q", ContentType("divs"))
	}
	srcs, _ := Sources()
	for _, s := range srcs {
		p, _ := ParseText(s.Text)
		b, err := Render(p, "divs")
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(b), []byte("charset")) || bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || !utf8.Valid(b) {
			t.Errorf("%d: divs page declares its encoding or is not UTF-8", s.ID)
		}
		for _, want := range []string{
			`style="display:none"><div class="col-md-4 etichetta">Stato di avanzamento</div><div class="col-md-8 valore">Bozza interna</div>`,
			`<div hidden>`, `>99 / 99<`,
			`aria-hidden="true"`, `>Ente fittizio<`,
			`<span class="d-none">VISIBLE=True;UPDATABLE=False;MANDATORY=False</span>`,
			`<div class="col-md-8 valore">VISIBLE=True;UPDATABLE=True; `,
			`data-toggle="tooltip" title="`,
			`<a class="btn btn-primary" href="/integra">Integra le informazioni</a>`,
		} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%d: no %q", s.ID, want)
			}
		}
	}
	b, _ := Render(parseRecord(t, 1408), "divs")
	if !bytes.Contains(b, []byte(`<span class="tag">ACER Ravenna</span><span class="tag">AUSER</span>`)) {
		t.Error("1408: list not rendered as adjacent tags")
	}
}

func TestLayoutDetails(t *testing.T) {
	cases := []struct {
		id     int
		layout string
		want   string
	}{
		{1408, "dl", `<span class="badge">Certificato</span><span class="badge">Finanziato</span>`},
		{141, "dl", "<dt>Ambito di intervento</dt>\n<dd></dd>"},
		{141, "dl", `<a href="archive/2012615000000.141.jpg"><img src="archive/2012615000000.141.jpg" alt="immagine"></a>`},
		{141, "dl", `<p class="ultima-modifica">Data ultima modifica: 15/02/2020</p>`},
		{1068, "dl", `<dd><div class="mappa"><span>Mappa</span> <img src="archive/1068_MappaImpatto.jpg" alt=""></div><ul><li>Bologna</li></ul></dd>`},
		{1408, "table", `<img src="img/certificato.png" alt="Certificato"> <img src="img/finanziato.png" alt="Finanziato">`},
		{141, "table", "<caption>Crediti</caption>"},
		{141, "table", "<tr><th align=\"left\" valign=\"top\" width=\"35%\">Data ultima modifica</th><td>15/02/2020</td></tr>\n</table>"},
		{1068, "table", `<td>Mappa<br><img src="archive/1068_MappaImpatto.jpg"><br>Bologna</td>`},
		{141, "table", `<td>Comune di Formigine / Comune di Maranello / Comune di Sassuolo / Focus Lab</td>`},
		{1408, "divs", `<span class="label label-success">Certificato</span>`},
		{1068, "divs", `<a class="mappa" href="archive/1068_MappaImpatto.jpg">Mappa</a><span class="tag">Bologna</span>`},
		{141, "divs", `<small class="text-muted">Data ultima modifica: 15/02/2020</small>`},
		{141, "divs", `<h3 class="sezione">Obiettivi e Risultati</h3>`},
		{1408, "inline", `<p class="badges">Certificato Finanziato</p>`},
		{141, "inline", "<p><strong>Ambito di intervento:</strong></p>"},
		{141, "inline", "<p><strong>Stato di avanzamento:</strong> Concluso</p>"},
		{141, "inline", "<h4>Obiettivi</h4>\n<p>La Fabbrica"},
		{141, "inline", `<p><strong>Mappa di Impatto:</strong> <img src="archive/2012615000000.141.jpg" alt="mappa"></p>`},
		{141, "inline", "<p><em>Data ultima modifica: 15/02/2020</em></p>"},
		{1068, "inline", "<h4>Territorio Interessato</h4>\n<p>Mappa: <a href=\"archive/1068_MappaImpatto.jpg\">archive/1068_MappaImpatto.jpg</a></p>\n<p>Bologna</p>"},
		{213, "inline", `<p><strong>Mappa:</strong> <img src="archive/2012615000000.213.jpg" alt="mappa"></p>`},
	}
	for _, c := range cases {
		b, err := Render(parseRecord(t, c.id), c.layout)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(c.want)) {
			t.Errorf("%d/%s: no %q", c.id, c.layout, c.want)
		}
	}
	if b, _ := Render(parseRecord(t, 141), "inline"); bytes.Contains(b, []byte(`class="badges"`)) {
		t.Error("141/inline: badges shown for a record without badges")
	}
}
