package linkcheck

// Verdict is why a checked link works or not: the outcome of a check
// (Result.Verdict), decided by Checker.Check from the answer, or from why
// there was none.
type Verdict string

// The verdicts. Only VerdictOK and VerdictRedirect mean the link works;
// see Works.
const (
	VerdictOK            Verdict = "ok"             // the page answers 2xx and looks like itself
	VerdictRedirect      Verdict = "redirect"       // moved, and the target works
	VerdictRedirectHome  Verdict = "redirect_home"  // sent to the site's home page from a deeper link: the page is gone
	VerdictGone          Verdict = "gone"           // 404, 410, other 4xx not below
	VerdictServerError   Verdict = "server_error"   // 5xx, a redirect loop, too many redirects, a broken answer
	VerdictDNSNotFound   Verdict = "dns_not_found"  // no such host
	VerdictDNSError      Verdict = "dns_error"      // temporary resolver failure
	VerdictRefused       Verdict = "refused"        // connection refused
	VerdictTimeout       Verdict = "timeout"        // no answer within Options.Timeout (or the check was canceled)
	VerdictTLSError      Verdict = "tls_error"      // certificate or handshake failure
	VerdictSoft404       Verdict = "soft_404"       // 200, but the page says "not found" or is what the site serves for any missing path
	VerdictParked        Verdict = "parked"         // a domain-parking or domain-for-sale page, or a redirect through a parking service
	VerdictBlocked       Verdict = "blocked"        // 401, 403, 429, or a bot wall / challenge page
	VerdictUnsafeAddress Verdict = "unsafe_address" // the guarded dialer refused: the link or a redirect leads to a non-public address
	VerdictInvalidURL    Verdict = "invalid_url"    // not an absolute http(s) URL: nothing was fetched
)

// Works reports whether the verdict means the link works: VerdictOK and
// VerdictRedirect. Everything else is a failure of some kind.
func (v Verdict) Works() bool {
	return v == VerdictOK || v == VerdictRedirect
}

// The tables below are read-only. Phrases are written as a reader would
// see them; they are normalized like page text (lower case, accents
// folded, punctuation to spaces) before matching, and match whole words.

// softNotFoundPhrases say "this page does not exist". They count in the
// <title>, in an <h1>, or anywhere in a short page (softTextMax): in a long
// page they may be a sidebar link or an article's words.
var softNotFoundPhrases = []string{
	// Italian
	"pagina non trovata",
	"la pagina richiesta non esiste",
	"la pagina che stai cercando non esiste",
	"non è stata trovata",
	"pagina inesistente",
	"risorsa non trovata",
	"contenuto non trovato",
	"errore 404",
	// English
	"page not found",
	"404 not found",
	"error 404",
	"doesn't exist",
	"does not exist",
	"page cannot be found",
	"page could not be found",
	"page can't be found",
	"nothing was found at this location", // WordPress themes
}

// softNotFoundTitles are whole titles or h1s (after normalization) that
// say not found on their own, but are too short to look for inside text.
var softNotFoundTitles = []string{"404", "not found", "non trovato", "non trovata"}

// softTextMax is the most visible text, in bytes after normalization, of a
// page whose whole text is searched for softNotFoundPhrases.
const softTextMax = 1500

// parkedPhrases are what parking and domain-sale pages say. They count in
// the title, an h1, or the text of a page under parkedTextMax.
var parkedPhrases = []string{
	"this domain is for sale",
	"this domain may be for sale",
	"domain is for sale",
	"questo dominio è in vendita",
	"dominio in vendita",
	"buy this domain",
	"domain parking",
	"parked free",
	"this domain is parked",
	"dominio parcheggiato",
}

// parkedTextMax is the most visible text of a page searched for
// parkedPhrases and parking-service links; parking pages are short.
const parkedTextMax = 6000

// parkingHosts are domain-parking and domain-sale services. A redirect
// chain through one of them (or a subdomain) means the domain is parked;
// so does a short page that loads or links to them.
var parkingHosts = []string{
	"sedo.com",
	"sedoparking.com",
	"parkingcrew.net",
	"parkingcrew.com",
	"bodis.com",
	"dan.com",
	"afternic.com",
	"hugedomains.com",
	"parklogic.com",
	"domainmarket.com",
	"undeveloped.com",
	"buydomains.com",
}

// challengeMarkers are raw-HTML signs (matched in the lower-cased body) of
// a bot wall or challenge page: Cloudflare, Imperva/Incapsula, DDoS-Guard,
// CAPTCHA widgets.
var challengeMarkers = []string{
	"cf-challenge",
	"cf_chl_",
	"challenge-platform",
	"cf-browser-verification",
	"captcha", // recaptcha, hcaptcha, turnstile pages all say it
	"_incapsula_resource",
	"ddos-guard",
}

// challengePhrases are what challenge pages say (normalized text). Any of
// them in a 503 page makes it blocked rather than a server error.
var challengePhrases = []string{
	"attention required",
	"just a moment",
	"checking your browser",
	"verify you are human",
	"access denied",
	"accesso negato",
	"bot",
	"robot",
}

// challengeTitles are titles that mark a challenge even on a 200 answer
// (some walls answer 200). Words like "captcha" or "bot" are not enough
// there: an ordinary contact page may carry a CAPTCHA.
var challengeTitles = []string{
	"just a moment",
	"attention required",
	"checking your browser",
	"verify you are human",
	"access denied",
	"accesso negato",
	"ddos guard",
}

// homePaths are paths (compared case-insensitively, without a trailing
// slash) that are a site's home page: a deeper link redirected to one of
// them is gone.
var homePaths = []string{
	"",
	"/index.html", "/index.htm", "/index.php", "/index.asp", "/index.aspx",
	"/index.jsp", "/index.shtml", "/default.asp", "/default.aspx", "/default.htm",
	"/home", "/home.html", "/home.php", "/homepage",
	"/it", "/en", "/it/home", "/en/home",
}

// htmlTypes are the media types whose bodies are read as HTML; other
// text/* types are read as plain text. An empty type is sniffed.
var htmlTypes = []string{"text/html", "application/xhtml+xml"}

// binaryTypePrefixes are media types (prefixes) whose 2xx answer to HEAD
// is taken as it is, without a confirming GET: a PDF or an image cannot be
// a soft 404 or a parking page, and fetching it whole (the archiving
// transport keeps every byte) would cost much for nothing.
var binaryTypePrefixes = []string{
	"image/", "audio/", "video/", "font/", "model/",
	"application/pdf", "application/zip", "application/gzip", "application/x-",
	"application/vnd.", "application/msword", "application/epub",
}
