package parsers

import "strings"

// italianRegions are the twenty regions of Italy, as their names are
// written after "Regione".
var italianRegions = []string{
	"Abruzzo", "Basilicata", "Calabria", "Campania", "Emilia-Romagna", "Friuli Venezia Giulia",
	"Friuli-Venezia Giulia", "Lazio", "Liguria", "Lombardia", "Marche", "Molise", "Piemonte",
	"Puglia", "Sardegna", "Sicilia", "Toscana", "Trentino-Alto Adige", "Umbria",
	"Valle d'Aosta", "Veneto",
}

// regionIn finds a region header ("Regione Emilia-Romagna") in a header
// block, also when the page runs it together with the next text
// ("Regione Emilia-RomagnaOsservatorio Partecipazione"). It returns the
// header as written, or "".
func regionIn(text string) string {
	if len(text) > 200 {
		return ""
	}
	i := strings.Index(text, "Regione ")
	if i < 0 {
		i = strings.Index(text, "REGIONE ")
	}
	if i < 0 || (i > 0 && text[i-1] != ' ') {
		return ""
	}
	rest := text[i+len("Regione "):]
	fr := foldText(rest)
	best := ""
	for _, r := range italianRegions {
		fn := foldText(r)
		if strings.HasPrefix(fr, fn) || strings.HasPrefix(strings.ReplaceAll(fr, "-", " "), strings.ReplaceAll(fn, "-", " ")) {
			if len(r) > len(best) {
				best = r
			}
		}
	}
	if best == "" {
		return ""
	}
	// Keep the page's own spelling of the region.
	return strings.TrimSpace(text[i : i+len("Regione ")+len(best)])
}
