package linkcheck

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func htmlHeader() http.Header {
	return http.Header{"Content-Type": {"text/html; charset=utf-8"}}
}

func TestVerdictFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Non è stata TROVATA!", "non e stata trovata"},
		{"  Doesn’t   exist. ", "doesn t exist"},
		{"Pagina\u00a0non\ttrovata", "pagina non trovata"},
		{"ERRORE 404 – Città", "errore 404 citta"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := foldForMatch(tt.in); got != tt.want {
			t.Errorf("foldForMatch(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		text, phrase string
		want         bool
	}{
		{"la pagina non trovata qui", "pagina non trovata", true},
		{"pagina non trovata", "pagina non trovata", true},
		{"sottopagina non trovata", "pagina non trovata", false}, // whole words only
		{"robotica e scuola", "bot", false},
		{"no bot allowed", "bot", true},
	} {
		if got := hasPhrase(tt.text, foldForMatch(tt.phrase)); got != tt.want {
			t.Errorf("hasPhrase(%q, %q) = %v", tt.text, tt.phrase, got)
		}
	}
}

// TestSoft404Phrases: the words count in the title, an h1, or a short
// page; in a long page's body they may be a footer link, and do not.
func TestSoft404Phrases(t *testing.T) {
	r := newVerdictRules()
	long := strings.Repeat("<p>Servizi comunali, uffici, orari di apertura.</p>", 60)
	tests := []struct {
		name, html string
		want       bool
	}{
		{"Italian title", "<title>Pagina non trovata | Comune</title>" + long, true},
		{"Italian h1 with entity", "<title>Comune</title><h1>La pagina richiesta non &egrave; stata trovata</h1>" + long, true},
		{"la pagina richiesta non esiste", "<title>x</title><h1>Spiacenti: la pagina richiesta non esiste.</h1>" + long, true},
		{"errore 404 in a short body", "<title>Comune</title><p>Errore 404</p>", true},
		{"English 404 Not Found title", "<title>404 Not Found</title>", true},
		{"bare 404 title", "<title>404</title>" + long, true},
		{"page not found in a short body", "<p>Sorry, page not found.</p>", true},
		{"doesn't exist with a typographic apostrophe", "<h1>This page doesn’t exist</h1>" + long, true},
		{"phrase in a long body only", "<title>Notizie</title>" + long + "<a href=/x>Segnala pagina non trovata</a>", false},
		{"phrase inside a script", "<title>Notizie</title><script>var m='page not found'</script><p>Ciao</p>", false},
		{"ordinary page", "<title>Bilancio partecipativo</title><h1>Il progetto</h1><p>Testo.</p>", false},
	}
	for _, tt := range tests {
		p := readCheckPage([]byte("<html><head>"+tt.html+"</html>"), htmlHeader())
		if got := r.softNotFound(p); got != tt.want {
			t.Errorf("%s: softNotFound = %v, want %v (title %q, h1 %q)", tt.name, got, tt.want, p.title, p.headings)
		}
	}
	pdf := readCheckPage([]byte("%PDF-1.4 page not found"), http.Header{"Content-Type": {"application/pdf"}})
	if r.softNotFound(pdf) {
		t.Error("a PDF is read for phrases")
	}
	plain := readCheckPage([]byte("404 page not found\n"), http.Header{"Content-Type": {"text/plain; charset=utf-8"}})
	if !r.softNotFound(plain) {
		t.Error("Go's plain-text 404 body answered with 200 is not a soft 404")
	}
}

func TestParkedPages(t *testing.T) {
	r := newVerdictRules()
	tests := []struct {
		name, html string
		want       bool
	}{
		{"questo dominio è in vendita", "<title>x.it</title><h1>Questo dominio è in vendita</h1>", true},
		{"dominio in vendita, no accent", "<p>DOMINIO IN VENDITA - contattaci</p>", true},
		{"this domain is for sale", "<title>example.it - This domain is for sale!</title>", true},
		{"buy this domain", "<div><a href=#>Buy this domain</a></div>", true},
		{"parked free by a registrar", "<p>This domain is parked free, courtesy of a registrar.</p>", true},
		{"sedo parking script", `<title>example.it</title><script src="https://img.sedoparking.com/templates/js/x.js"></script>`, true},
		{"parkingcrew redirect script", `<script>window.location.href="//www.parkingcrew.net/x"</script>`, true},
		{"bodis", `<iframe src="https://bodis.com/landing"></iframe>`, true},
		{"dan.com link", `<a href="https://dan.com/buy-domain/example.it">Make an offer</a>`, true},
		{"jordan.com is not dan.com", `<a href="https://www.jordan.com/">Jordan</a>`, false},
		{"ordinary page", "<title>Bilancio partecipativo</title><p>Assemblee nei quartieri.</p>", false},
		{"parking link in a long page", "<title>Blog</title>" + strings.Repeat("<p>Articolo lungo sul quartiere e sui progetti.</p>", 200) + `<a href="https://sedo.com/">x</a>`, false},
	}
	for _, tt := range tests {
		p := readCheckPage([]byte("<html><head>"+tt.html+"</html>"), htmlHeader())
		if got := r.parked(p); got != tt.want {
			t.Errorf("%s: parked = %v, want %v", tt.name, got, tt.want)
		}
	}
	for host, want := range map[string]bool{
		"sedo.com": true, "www.sedo.com": true, "SEDO.COM.": true, "dan.com": true,
		"jordan.com": false, "sedo.com.example.org": false, "hugedomains.com": true,
	} {
		if got := isParkingHost(host); got != want {
			t.Errorf("isParkingHost(%q) = %v", host, got)
		}
	}
	if !parkedChain([]Hop{{"http://expired.example/", 302}, {"https://www.hugedomains.com/domain_profile.cfm?d=expired", 200}}) {
		t.Error("a chain through hugedomains is not parked")
	}
}

func TestVerdictChallenge(t *testing.T) {
	r := newVerdictRules()
	for _, tt := range []struct {
		name, html string
		header     http.Header
		want       bool
	}{
		{"cloudflare markers", `<title>Just a moment...</title><div id="cf-challenge-running"></div>`, nil, true},
		{"attention required", `<title>Attention Required! | Cloudflare</title>`, nil, true},
		{"captcha", `<div class="g-recaptcha"></div>`, nil, true},
		{"access denied", `<h1>Access Denied</h1>`, nil, true},
		{"bot", `<p>Suspected bot traffic</p>`, nil, true},
		{"cf-mitigated header", `<p>...</p>`, http.Header{"Cf-Mitigated": {"challenge"}}, true},
		{"maintenance", `<h1>Sito in manutenzione</h1><p>Torneremo presto.</p>`, nil, false},
	} {
		h := tt.header
		if h == nil {
			h = htmlHeader()
		}
		p := readCheckPage([]byte("<html><head>"+tt.html+"</html>"), htmlHeader())
		if got := r.challenge(p, h); got != tt.want {
			t.Errorf("%s: challenge = %v, want %v", tt.name, got, tt.want)
		}
	}
	contact := readCheckPage([]byte(`<title>Contatti</title><form><div class="g-recaptcha"></div></form>`), htmlHeader())
	if r.challengeTitle(contact, htmlHeader()) {
		t.Error("a 200 contact page with a CAPTCHA is taken for a bot wall")
	}
	wall := readCheckPage([]byte(`<title>Just a moment...</title>`), htmlHeader())
	if !r.challengeTitle(wall, htmlHeader()) {
		t.Error("a 200 'Just a moment...' page is not a bot wall")
	}
}

func TestVerdictSimilarPages(t *testing.T) {
	page := func(title, body string) checkPage {
		return readCheckPage([]byte("<html><head><title>"+title+"</title></head><body>"+body+"</body></html>"), htmlHeader())
	}
	base := `<p>Notizie ed eventi del distretto: progetti in corso, bandi aperti, laboratori di quartiere,
assemblee pubbliche, orari degli uffici, contatti della redazione, mappa dei servizi, archivio delle
delibere, calendario degli incontri, iscrizione alla newsletter, informativa sulla privacy.</p>`
	var other strings.Builder
	for i := range 300 {
		fmt.Fprintf(&other, " parola%d", i)
	}
	tests := []struct {
		name string
		a, b checkPage
		want bool
	}{
		{"identical", page("Home", base), page("Home", base), true},
		{"same title, echoed path", page("Home", base+"/progetti/141"), page("Home", base+"/archivio-missing-x1"), true},
		{"same title, very different length", page("Home", base), page("Home", base+other.String()), false},
		{"different title, same words", page("A", base+"uno"), page("B", base+"uno"), true},
		{"different pages", page("Bilancio", "<p>Assemblee, laboratori, voto online.</p>"), page("Home", base), false},
		{"empty titles, unrelated words", page("", "<p>alfa beta gamma</p>"), page("", "<p>delta epsilon zeta</p>"), false},
		{"different media types", page("Home", base), readCheckPage([]byte(base), http.Header{"Content-Type": {"text/plain"}}), false},
	}
	for _, tt := range tests {
		if got := similarPages(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: similarPages = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestVerdictHomePaths(t *testing.T) {
	for path, want := range map[string]bool{
		"": true, "/": true, "/index.php": true, "/INDEX.HTML": true, "/it/": true, "/home": true,
		"/progetti/141": false, "/it/progetti": false, "/homework": false,
	} {
		if got := isHomePath(path); got != want {
			t.Errorf("isHomePath(%q) = %v", path, got)
		}
	}
	mustURL := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if isDeepLink(mustURL("https://example.it/")) || !isDeepLink(mustURL("https://example.it/index.php?id=141")) || !isDeepLink(mustURL("https://example.it/a")) {
		t.Error("isDeepLink")
	}
	if !sameResource(mustURL("http://Example.it:80/portale/"), mustURL("https://example.it/portale")) ||
		sameResource(mustURL("https://example.it/a?x=1"), mustURL("https://example.it/a?x=2")) {
		t.Error("sameResource")
	}
}
