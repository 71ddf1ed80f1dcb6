package main

import (
	"fmt"
	"net/http"
	"net/url"

	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
	"archivio/internal/demo/vnet"
)

// demoLink is a project website the demo gives a record, and how its host
// behaves on the virtual internet. The real records' texts are cut before
// their Link field, so the demo adds these to show each kind of failure;
// record 141's vanished site is its own.
type demoLink struct {
	record int
	url    string
	host   string
	kind   string // live, gone (404), parked, soft404, timeout, dns
}

var demoLinks = []demoLink{
	{2976, "https://www.comune.formigine.mo.it/partecipazione/citta-della-longevita", "www.comune.formigine.mo.it", "live"},
	{746, "https://www.comune.carpi.mo.it/partecipazione/parco-lama", "www.comune.carpi.mo.it", "live"},
	{1408, "https://www.comune.ra.it/ravenna-partecipa", "www.comune.ra.it", "gone"},
	{1983, "http://www.climadipartecipazione.it/", "www.climadipartecipazione.it", "parked"},
	{2174, "https://www.comune.rimini.it/ritorno-astoria", "www.comune.rimini.it", "soft404"},
	{2149, "https://www.percorsoprimaro.it/", "www.percorsoprimaro.it", "timeout"},
}

// vanishedSite is the project site record 141 says is gone: on the demo's
// internet, as on the real one, its name no longer resolves.
const vanishedSite = "www.fabbricaideedistretto.it"

// setUpDemoLinks gives the demo records their project websites and puts
// the hosts on the virtual internet.
func setUpDemoLinks(site *demosite.Site, inet *vnet.Internet) error {
	inet.FailDNS(vanishedSite)
	for _, l := range demoLinks {
		link := l.url
		err := site.Update(l.record, func(p *pagegen.Page) {
			if len(p.Sections) == 0 {
				return
			}
			f := pagegen.Field{Label: "Link", Type: "url", Lines: []string{link}}
			p.Sections[0].Fields = append([]pagegen.Field{f}, p.Sections[0].Fields...)
		})
		if err != nil {
			return fmt.Errorf("demo links: %w", err)
		}
		switch l.kind {
		case "timeout":
			inet.Blackhole(l.host)
		default:
			u, err := url.Parse(l.url)
			if err != nil {
				return fmt.Errorf("demo links: %w", err)
			}
			if err := inet.Handle(l.host, demoHostHandler(l.kind, u.Path)); err != nil {
				return fmt.Errorf("demo links: %w", err)
			}
		}
	}
	return nil
}

// demoHostHandler serves a municipal or project host of the demo: its home
// page, the linked page (as its kind says), and 404 for anything else.
func demoHostHandler(kind, linked string) http.Handler {
	page := func(w http.ResponseWriter, status int, title, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>%s</title></head><body><h1>%s</h1>%s</body></html>", title, title, body)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case kind == "parked":
			page(w, 200, "climadipartecipazione.it", "<p>Questo dominio è in vendita! Acquista questo dominio su Sedo.</p>")
		case r.URL.Path == "/":
			page(w, 200, "Comune", `<p>Servizi, notizie, <a href="`+linked+`">partecipazione</a>.</p>`)
		case r.URL.Path == linked && kind == "live":
			page(w, 200, "Partecipazione", `<p>Il percorso partecipativo: incontri, documenti e risultati.</p><p><a href="/">Home</a></p>`)
		case kind == "soft404":
			page(w, 200, "Pagina non trovata", "<p>La pagina richiesta non esiste o è stata spostata.</p>")
		default:
			page(w, 404, "Pagina non trovata", "<p>Errore 404</p>")
		}
	})
}
