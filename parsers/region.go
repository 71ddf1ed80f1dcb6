package parsers

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// breadcrumbRegion finds the region in the page's breadcrumb trail
// ("Osservatorio Partecipazione > Regione Emilia-Romagna > Schede"), for
// pages whose header does not show it.
func breadcrumbRegion(doc *goquery.Document) *string {
	var found *string
	doc.Find(`[class*="breadcrumb"], [id*="breadcrumb"], nav[aria-label]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if label, ok := s.Attr("aria-label"); ok && goquery.NodeName(s) == "nav" &&
			!strings.Contains(foldText(label), "breadcrumb") && !strings.Contains(foldText(label), "briciole") {
			return true
		}
		s.Find("a, span, li").EachWithBreak(func(_ int, item *goquery.Selection) bool {
			if r := regionIn(collapseSpace(item.Text())); r != "" {
				found = &r
				return false
			}
			return true
		})
		return found == nil
	})
	return found
}

// italianRegions are the twenty regions of Italy, as their names are
// written after "Regione".
var italianRegions = []string{
	"Abruzzo", "Basilicata", "Calabria", "Campania", "Emilia-Romagna", "Friuli Venezia Giulia",
	"Friuli-Venezia Giulia", "Lazio", "Liguria", "Lombardia", "Marche", "Molise", "Piemonte",
	"Puglia", "Sardegna", "Sicilia", "Toscana", "Trentino-Alto Adige", "Umbria",
	"Valle d'Aosta", "Veneto",
}

// foldedRegions are italianRegions folded (foldText), and with spaces for
// dashes, as regionIn compares them: made once, not on every header.
var foldedRegions = func() []struct{ name, folded, spaced string } {
	out := make([]struct{ name, folded, spaced string }, len(italianRegions))
	for i, r := range italianRegions {
		f := foldText(r)
		out[i].name, out[i].folded, out[i].spaced = r, f, strings.ReplaceAll(f, "-", " ")
	}
	return out
}()

// regionIn finds a region header ("Regione Emilia-Romagna") in a header
// block, also when the page runs it together with the next text
// ("Regione Emilia-RomagnaOsservatorio Partecipazione"), but not at the end
// of a longer name ("Assemblea legislativa della Regione Emilia-Romagna",
// see ownedByRegion). It returns the header as written, or "".
func regionIn(text string) string {
	if len(text) > 200 {
		return ""
	}
	i := strings.Index(text, "Regione ")
	if i < 0 {
		i = strings.Index(text, "REGIONE ")
	}
	if i < 0 || (i > 0 && (text[i-1] != ' ' || ownedByRegion(text, i))) {
		return ""
	}
	rest := text[i+len("Regione "):]
	fr := foldText(rest)
	frSpaced := strings.ReplaceAll(fr, "-", " ")
	best := ""
	for _, r := range foldedRegions {
		if strings.HasPrefix(fr, r.folded) || strings.HasPrefix(frSpaced, r.spaced) {
			if len(r.name) > len(best) {
				best = r.name
			}
		}
	}
	if best == "" {
		return ""
	}
	// Keep the page's own spelling of the region.
	return strings.TrimSpace(text[i : i+len("Regione ")+len(best)])
}
