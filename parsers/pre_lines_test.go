package parsers

import (
	"net/url"
	"strings"
	"testing"
)

// TestUnquote: a mail's quoting marks, nested or spaced, come off a line
// and are counted.
func TestUnquote(t *testing.T) {
	tests := []struct {
		in    string
		depth int
		want  string
	}{
		{"Stato di avanzamento: Concluso", 0, "Stato di avanzamento: Concluso"},
		{"> Stato di avanzamento: Concluso", 1, "Stato di avanzamento: Concluso"},
		{">Stato di avanzamento: Concluso", 1, "Stato di avanzamento: Concluso"},
		{"> > Codecisione: No", 2, "Codecisione: No"},
		{">> Codecisione: No", 2, "Codecisione: No"},
		{">", 1, ""},
		{"a > b", 0, "a > b"},
	}
	for _, tt := range tests {
		if d, got := unquote(tt.in); d != tt.depth || got != tt.want {
			t.Errorf("unquote(%q) = %d, %q; want %d, %q", tt.in, d, got, tt.depth, tt.want)
		}
	}
}

// TestPreMail reads a record quoted in a mail shown as preformatted text:
// only the quoted lines, wrapped lines joined (format=flowed), headings
// between "==", the reply above and the signature below left out.
func TestPreMail(t *testing.T) {
	page := `<html><head><title>[Lista] Nuova scheda</title></head><body><h1>[Lista] Nuova scheda</h1>
<pre>Ciao, ecco la scheda.
Stato di avanzamento: non so

Il 14/02/2020, modulo ha scritto:
&gt;<i> Titolo: Un clima di partecipazione
</I>&gt;<i> == Processo ==
</I>&gt;<i> Stato di avanzamento: In corso
</I>&gt;<i> Durata (mesi): 12
</I>&gt;<i> Soggetti esterni:
</I>&gt;<i> Comune di Formigine / Comune di 
</I>&gt;<i> Maranello
</I>&gt;<i> Obiettivi:
</I>&gt;<i> Coinvolgere i cittadini.
</I>&gt;<i> -- 
</I>&gt;<i> Messaggio generato automaticamente.
</I>
Laura
</pre></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Title == nil || *rec.Title != "Un clima di partecipazione" {
		t.Errorf("title %v", rec.Title)
	}
	if rec.Status == nil || *rec.Status != "In corso" {
		t.Errorf("status %v, want the quoted one", rec.Status)
	}
	if rec.DurationMonths == nil || *rec.DurationMonths != 12 {
		t.Errorf("duration %v", rec.DurationMonths)
	}
	if got := strings.Join(rec.ExternalParties, "|"); got != "Comune di Formigine|Comune di Maranello" {
		t.Errorf("external parties %q", got)
	}
	if rec.Objectives == nil || *rec.Objectives != "Coinvolgere i cittadini." {
		t.Errorf("objectives %v, want without the signature", rec.Objectives)
	}
}
