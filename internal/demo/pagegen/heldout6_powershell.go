package pagegen

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/unicode"
)

// powerShellGenerated starts the line the export script writes after the
// record.
const powerShellGenerated = "Generato il "

// encodeUTF16LE6 writes doc as Out-File in Windows PowerShell 5.1 does:
// CRLF line ends, UTF-16 little-endian with a byte order mark.
func encodeUTF16LE6(doc string) ([]byte, error) {
	doc = strings.ReplaceAll(doc, "\n", "\r\n")
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(doc)
	if err != nil {
		return nil, fmt.Errorf("encode UTF-16LE: %w", err)
	}
	return []byte(out), nil
}

// psEncode escapes text as System.Web.HttpUtility.HtmlEncode does, which
// ConvertTo-Html uses: the markup characters, and the characters from
// U+00A0 to U+00FF as decimal references.
func psEncode(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r >= 0xa0 && r <= 0xff:
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// psLinks is the script's replacement that makes the addresses in the
// table's text clickable (ConvertTo-Html escapes any markup in values).
var psLinks = regexp.MustCompile(`(^|[\s>])(https?://[^\s<"]+[^\s<".,;:)])`)

// renderPowerShell6 writes the page an editor's PowerShell script makes
// from a record: one ConvertTo-Html -As List -Fragment per section, with
// the section name as -PreContent, put together by ConvertTo-Html with
// the title as -Title, a heading and the region and badges as
// -PreContent and the generation time as -PostContent, then every
// address in the text turned into a link with -replace, saved with
// Out-File.
func renderPowerShell6(b *strings.Builder, p *Page) {
	var body strings.Builder
	fmt.Fprintf(&body, "<h1>%s</h1>\n", esc(p.Title))
	if tags := h6Tags(p); len(tags) > 0 {
		fmt.Fprintf(&body, "<p>%s</p>\n", strings.Join(tags, " - "))
	}
	for i, s := range p.Sections {
		fields := h5MapsApart(s.Fields)
		if i == len(p.Sections)-1 {
			if lm, ok := h6LastModified(p); ok {
				fields = append(fields, lm)
			}
		}
		fmt.Fprintf(&body, "<h2>%s</h2>\n<table>\n<colgroup><col/><col/></colgroup>\n", esc(s.Name))
		for _, f := range fields {
			var parts []string
			for _, l := range f.Lines {
				if isImagePath(l) {
					l = absURL(l)
				}
				parts = append(parts, l)
			}
			fmt.Fprintf(&body, "<tr><td>%s:</td><td>%s</td></tr>\n", psEncode(f.Label), psEncode(strings.Join(parts, " ")))
		}
		body.WriteString("</table>\n")
	}
	fmt.Fprintf(&body, "<p>%s03/05/2024 10:12:44 da Export-Scheda.ps1 (scheda %d)</p>\n", powerShellGenerated, p.ID)
	linked := psLinks.ReplaceAllString(body.String(), `$1<a href="$2">$2</a>`)
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>%s</title>
<style>
body { font-family: Segoe UI, Arial, sans-serif; font-size: 10pt; }
table { border-collapse: collapse; margin-bottom: 12pt; }
td { border: 1px solid #999; padding: 2pt 6pt; vertical-align: top; }
td:first-child { font-weight: bold; background: #eef; }
</style>
</head><body>
%s</body></html>
`, psEncode(p.Title), linked)
}
